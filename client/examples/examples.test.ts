/**
 * The examples, run in-process against the fake API server through the real clientset: the
 * seeds' Indexer, SharedInformerFactory and workqueue examples, and the ConfigMap → Secret mirror
 * controller
 * under every fault of the chaos suite (429/500/reset/delay on list, watch and Secret writes,
 * watch streams closed and reset, compaction) while a seeded writer churns ConfigMaps.
 */
import { describe, expect, it } from 'vitest';
import { startFakeApiServer } from '../../fake-apiserver/index.js';
import { collectingLogger } from '../cache/log.js';
import { clientsFor } from '../testing/fake-server-clients.js';
import { seededRandom } from '../tools/clock/clock.js';
import { chaosFaults, ensureNamespaces, runConfigMapWriter, startCompactor } from '../cache/testing/chaos.js';
import { ItemExponentialFailureRateLimiter } from '../workqueue/rate-limiters.js';
import { MIRROR_LABEL, mirrorData, runMirrorController } from './configmap-mirror-controller.js';
import { main as indexerMain } from './informer-indexer.js';
import { main as podListerMain } from './informer-pod-lister.js';
import { main as workqueueMain } from './workqueue-basic.js';

describe('seed examples', () => {
  it('informer-indexer prints the pods by namespace and by node, as the Go original', () => {
    const lines: string[] = [];
    indexerMain((l) => lines.push(l));
    expect(lines).toEqual(['index-pod-1', 'index-pod-2', '-----------------nodeName IndexFunc--------------------', 'index-pod-1']);
  });

  it('informer-pod-lister lists pods from the cache after waitForCacheSync (via the kubeconfig)', async () => {
    await using server = await startFakeApiServer();
    for (const name of ['web-0', 'web-1']) {
      await fetch(`${server.url}/api/v1/namespaces/default/pods`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }),
      });
    }
    const lines: string[] = [];
    await podListerMain(server.kubeconfig.path, (l) => lines.push(l));
    expect(lines.sort()).toEqual(['namespace:default,name:web-0', 'namespace:default,name:web-1']);
  });

  it('workqueue-basic: get/done, addAfter, and addRateLimited retries until success', async () => {
    const lines: string[] = [];
    expect(await workqueueMain((l) => lines.push(l))).toEqual(['stable', 'flaky']);
    expect(lines.filter((l) => l.includes('requeued')).length).toBe(2);
  });
});

describe('configmap-mirror-controller', () => {
  const seeds = Array.from({ length: Number(process.env.CHAOS_SEEDS ?? 2) }, (_, i) => i + 1);
  for (const seed of seeds) {
    it(`converges under chaos (seed ${seed})`, { timeout: 90_000 }, async () => {
      await using server = await startFakeApiServer({ seed });
      const namespaces = ['default', 'mirror-a'];
      await ensureNamespaces(server.url, namespaces.slice(1));
      const { hook, stats } = chaosFaults(seed, ['configmaps', 'secrets'], undefined, ['secrets']);
      const logger = collectingLogger();
      const stop = new AbortController();
      const selector = `seed=${seed}`;
      // The clientset a program would build from the kubeconfig; a controller's usual qps/burst.
      const { clientset } = clientsFor(server, { qps: 100, burst: 200 });
      const running = runMirrorController(clientset, stop.signal, {
        selector,
        workers: 3,
        logger,
        maxRetries: 1000,
        rateLimiter: new ItemExponentialFailureRateLimiter<string>(2, 200),
        informerOptions: {
          random: seededRandom(`mirror-${seed}`),
          reflector: { backoff: { initialMs: 5, maxMs: 100, resetMs: 2000, factor: 2, jitter: 1 } },
        },
      });
      server.setFaults(hook);
      const stopCompactor = startCompactor(server, seed, stats, 50, 200);
      const t0 = Date.now();
      const writes = await runConfigMapWriter(server.url, seed, {
        ops: Number(process.env.CHAOS_OPS ?? 800),
        namespaces,
        names: 30,
        concurrency: 4,
      });
      const t1 = Date.now();
      stopCompactor();
      server.setFaults({});

      const mismatches = () => {
        const out: string[] = [];
        const cms = new Map(
          server.store
            .list('/configmaps')
            .filter((c) => c.metadata.labels?.seed === String(seed))
            .map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c]),
        );
        const secrets = new Map(
          server.store
            .list('/secrets')
            .filter((s) => s.metadata.labels?.[MIRROR_LABEL])
            .map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]),
        );
        for (const [k, cm] of cms) {
          const s = secrets.get(k);
          if (!s) out.push(`${k}: no mirror`);
          else if (JSON.stringify(s.data ?? {}) !== JSON.stringify(mirrorData(cm as never))) out.push(`${k}: stale mirror`);
        }
        for (const k of secrets.keys()) if (!cms.has(k)) out.push(`${k}: orphaned mirror`);
        return out;
      };
      const deadline = Date.now() + 30_000;
      while (mismatches().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const report = JSON.stringify({ writeMs: t1 - t0, convergeMs: Date.now() - t1, seed, writes, faults: stats });
      expect(mismatches(), report).toEqual([]);
      stop.abort();
      const result = await running;
      expect(result.dropped, report).toBe(0);
      expect(result.creates + result.updates + result.deletes).toBeGreaterThan(0);
      // Every fault kind happened, so the controller really handled them.
      expect(stats.compactions).toBeGreaterThan(0);
      if (process.env.CHAOS_REPORT) console.log(report, JSON.stringify(result));
    });
  }
});
