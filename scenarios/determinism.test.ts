/**
 * End to end: a controller whose requests do not depend on timing (one sequential script) meets
 * exactly the same faults in two runs with the same seed, and different ones with another seed.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from './index.js';
import type { ScenarioConfig, ScenarioResult } from './types.js';

const NAMES = ['a', 'b', 'c'];

function scripted(seed: string): ScenarioConfig {
  let rv0 = '';
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  return {
    seed,
    faults: { latencyMs: [0, 4], errors: { rate: 0.15, codes: [500, 503, 504] }, watchDrops: 0.1, expired410: 0.3 },
    client: { qps: -1 },
    shrink: false,
    settleMs: 5000,
    pollMs: 10,
    setup: async ({ clientset, server }) => {
      for (const name of NAMES) await clientset.coreV1().configMaps('default').create({ metadata: { name } });
      rv0 = String(server.store.revision);
    },
    controller: async ({ clientset, signal }) => {
      const cms = clientset.coreV1().configMaps('default');
      let last = rv0;
      for (let i = 0; i < 45; i++) {
        try {
          const cm = await cms.get(NAMES[i % 3]);
          last = (await cms.update({ ...cm, data: { i: String(i) } })).metadata!.resourceVersion!;
        } catch {
          // injected: go on with the script
        }
      }
      // Watch the script's own writes from before them: a replay from the log, the same every run.
      let from = rv0;
      for (let attempt = 0; attempt < 6 && from !== last; attempt++) {
        let ended = false;
        try {
          for await (const e of cms.watch({ resourceVersion: from, timeoutSeconds: 2 })) {
            if (e.type === 'ERROR') ended = true;
            else from = e.object.metadata!.resourceVersion!;
            if (from === last) break;
          }
        } catch {
          // injected
        }
        if (ended) break;
      }
      done();
      await new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })));
    },
    workload: () => finished,
    invariant: () => {},
  };
}

/** Faults and controller requests, without times. */
function decisions(r: ScenarioResult) {
  return {
    faults: r.faults,
    requests: r.trace.entries.flatMap((e) => (e.type === 'request' && e.client === 'controller' ? [`${e.key} #${e.occurrence}`] : [])),
  };
}

describe('determinism end to end', () => {
  it('the same seed gives the same requests and faults; another seed other faults', { timeout: 20_000 }, async () => {
    const a = await runScenario(scripted('det-1'));
    const b = await runScenario(scripted('det-1'));
    const c = await runScenario(scripted('det-2'));
    for (const r of [a, b, c]) expect(r.error).toBeUndefined();
    expect(a.faults.length).toBeGreaterThan(10);
    expect(new Set(a.faults.map((f) => f.kind))).toEqual(new Set(['latency', 'error', 'watchDrop', 'expired']));
    expect(decisions(b)).toEqual(decisions(a));
    expect(decisions(c).faults).not.toEqual(decisions(a).faults);
    // The whole result is plain data.
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
