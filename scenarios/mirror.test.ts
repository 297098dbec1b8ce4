/**
 * The ConfigMap → Secret mirror controller of client/examples (informers, workqueue, retries)
 * converges under a seeded chaos profile with every fault kind, for several seeds.
 */
import { describe, expect, it } from 'vitest';
import { formatTrace, runScenario } from './index.js';
import { mirrorScenario } from './test/mirror-scenario.js';
import type { FaultKind, FaultProfile } from './types.js';

const CHAOS: FaultProfile = {
  watchDrops: 0.08,
  expired410: 0.5,
  latencyMs: [0, 20],
  errors: { rate: 0.08, codes: [429, 500, 503, 504] },
  resets: 0.05,
  restarts: { count: 1, withinMs: 300, downtimeMs: [50, 150] },
};

describe('mirror controller under chaos', () => {
  const kinds = new Map<FaultKind, number>();
  for (const seed of [1, 2, 3]) {
    it(`converges (seed ${seed})`, { timeout: 15_000 }, async () => {
      const result = await runScenario({ seed, faults: CHAOS, ...mirrorScenario(), client: { qps: 50, burst: 100 }, settleMs: 8000 });
      expect(result.ok, `${result.error?.message}\n${formatTrace(result.trace)}`).toBe(true);
      expect(result.reproducer).toBeUndefined();
      expect(result.faults.length).toBeGreaterThan(5);
      for (const f of result.faults) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
      const phases = result.trace.entries.flatMap((e) => (e.type === 'phase' ? [e.phase] : []));
      expect(phases).toEqual(expect.arrayContaining(['setup', 'chaos', 'server-down', 'server-up', 'settle', 'invariant-held', 'done']));
    });
  }
  it('met every fault kind across the seeds', { timeout: 60_000 }, async () => {
    // Which faults strike depends on timing (a restart shifts the controller's requests), so a
    // kind missing from seeds 1-3 on a loaded machine is looked for in a few more seeds.
    const all = ['error', 'expired', 'latency', 'reset', 'restart', 'watchDrop'];
    for (let seed = 4; seed <= 9 && all.some((k) => !kinds.has(k as FaultKind)); seed++) {
      const result = await runScenario({ seed, faults: CHAOS, ...mirrorScenario(), client: { qps: 50, burst: 100 }, settleMs: 8000 });
      expect(result.ok, `${result.error?.message}\n${formatTrace(result.trace)}`).toBe(true);
      for (const f of result.faults) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    }
    expect([...kinds.keys()].sort(), JSON.stringify([...kinds])).toEqual(all);
  });
});
