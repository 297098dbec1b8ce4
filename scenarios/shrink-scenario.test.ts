/**
 * A deliberately buggy controller fails a scenario, and the shrinker turns the run's injected
 * faults into a much smaller list that still fails when replayed.
 */
import { describe, expect, it } from 'vitest';
import { formatTrace, runScenario } from './index.js';
import { runGiveUpController } from './test/give-up-controller.js';
import { mirrorScenario } from './test/mirror-scenario.js';
import type { ScenarioConfig } from './types.js';

const giveUp: ScenarioConfig = {
  seed: 2,
  faults: { latencyMs: [0, 3], watchDrops: 0.02, errors: { rate: 0.1, codes: [500, 503] }, resets: 0.03 },
  ...mirrorScenario({ ops: 20, steadyFirst: false }),
  controller: ({ clientset, signal }) => runGiveUpController(clientset, signal),
  client: { qps: -1 },
  settleMs: 700,
  shrink: { maxRuns: 12 },
};

describe('shrinking a failing scenario', () => {
  it(
    'a controller that gives up after one server error fails, and shrinks to a short fault list that still fails',
    { timeout: 30_000 },
    async () => {
      const result = await runScenario(giveUp);
      expect(result.ok).toBe(false);
      expect(result.error?.phase).toBe('invariant');
      const r = result.reproducer!;
      expect(r).toBeDefined();
      expect(r.originalFaultCount).toBe(result.faults.length);
      expect(r.faults.length).toBeGreaterThan(0); // the empty list passes: the bug needs a fault
      expect(r.faults.length).toBeLessThan(result.faults.length / 4);
      expect(r.faults.every((f) => f.kind === 'error' || f.kind === 'reset')).toBe(true);
      expect(r.faults.every((f) => 'key' in f && /^(create|update) secrets /.test(f.key))).toBe(true);
      expect(r.runs).toBeLessThanOrEqual(12);
      expect(r.verified).toBe(true);
      expect(r.error.phase).toBe('invariant');
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);

      // Replaying the reproducer fails again, injecting exactly its faults.
      const replayed = await runScenario({ ...giveUp, replay: r, shrink: false });
      expect(replayed.ok, formatTrace(replayed.trace)).toBe(false);
      expect(replayed.error?.phase).toBe('invariant');
      expect(replayed.trace.mode).toBe('replay');
      expect(replayed.faults).toEqual(r.faults);
    },
  );

  it('a bug that needs no fault at all shrinks to the empty list in one run', { timeout: 15_000 }, async () => {
    const result = await runScenario({
      ...giveUp,
      controller: ({ clientset, signal }) => runGiveUpController(clientset, signal, { updates: false }),
    });
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/stale mirror/);
    expect(result.faults.length).toBeGreaterThan(0);
    expect(result.reproducer).toMatchObject({ faults: [], runs: 1, complete: true, verified: true });
  });
});
