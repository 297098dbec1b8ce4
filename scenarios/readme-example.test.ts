/**
 * The Scenarios example of README.md, as written there (imports from the sources instead of the
 * package): a small labelling controller under the full chaos profile, for a few seeds.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultControllerRateLimiter,
  mergePatchType,
  newRateLimitingQueue,
  newSharedInformerFactoryWithOptions,
} from '../client/index.js';
import { formatTrace, runScenario, type ControllerContext, type ScenarioConfig } from './index.js';

// ---- from README.md ----
// The controller under test: labels every ConfigMap in `default` with checked=true.
async function labeler({ clientset, signal }: ControllerContext) {
  const factory = newSharedInformerFactoryWithOptions(clientset, 0, { namespace: 'default' });
  const queue = newRateLimitingQueue<string>(defaultControllerRateLimiter());
  factory
    .core()
    .v1()
    .configMaps()
    .informer()
    .addEventHandler({
      onAdd: (cm) => queue.add(cm.metadata!.name!),
      onUpdate: (_old, cm) => queue.add(cm.metadata!.name!),
    });
  factory.start(signal);
  const worker = (async () => {
    for await (const name of queue) {
      try {
        await clientset
          .coreV1()
          .configMaps('default')
          .patch(name, mergePatchType, { metadata: { labels: { checked: 'true' } } });
        queue.forget(name);
      } catch {
        queue.addRateLimited(name); // 429, 5xx, reset, server down: try again later
      } finally {
        queue.done(name);
      }
    }
  })();
  await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  queue.shutDown();
  await worker;
  await factory.shutdown();
}

const config: ScenarioConfig = {
  seed: 42,
  faults: {
    watchDrops: 0.05,
    expired410: 0.02,
    latencyMs: [0, 50],
    errors: { rate: 0.05, codes: [429, 500, 503] },
    resets: 0.01,
    restarts: 1,
  },
  controller: labeler,
  client: { qps: 50, burst: 100 },
  workload: async ({ clientset, random }) => {
    for (let i = 0; i < 20; i++) {
      await clientset
        .coreV1()
        .configMaps('default')
        .create({ metadata: { name: `cm-${i}` }, data: { n: String(random.int(100)) } });
    }
  },
  invariant: async ({ clientset }) => {
    const { items } = await clientset.coreV1().configMaps('default').list();
    const unlabelled = items.filter((cm) => cm.metadata?.labels?.checked !== 'true').map((cm) => cm.metadata?.name);
    if (items.length !== 20 || unlabelled.length) throw new Error(`${items.length} ConfigMaps, not labelled: ${unlabelled.join(', ')}`);
  },
  settleMs: 5000,
};
// ---- end of the README example ----

describe('README scenario example', () => {
  for (const seed of [42, 7]) {
    it(`the labeler converges under the full profile (seed ${seed})`, { timeout: 20_000 }, async () => {
      const result = await runScenario({ ...config, seed });
      expect(result.ok, `${result.error?.message}\n${formatTrace(result.trace)}`).toBe(true);
      expect(result.faults.some((f) => f.kind === 'restart')).toBe(true);
    });
  }
});
