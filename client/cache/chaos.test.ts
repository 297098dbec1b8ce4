/**
 * Convergence under chaos: an informer on ConfigMaps of the fake API server (listing and watching
 * through the typed clientset's RESTClient, as a program does), while a seeded
 * writer makes thousands of random creates/updates/deletes, and list/watch requests are answered
 * with 429/500, delayed or reset, watch streams are closed or reset at random events, and history
 * is compacted every few tens of milliseconds (410 Expired on watch and continue).
 *
 * For every seed, FIFO kind (RealFIFO, DeltaFIFO) and initial-sync mode (streaming list, LIST):
 * - once the writer stops (and faults stop), the informer's store equals the server's state;
 * - each handler saw a consistent sequence per object and its own view equals the server's state;
 * - no handler ran two calls at once;
 * - memory stays bounded: FIFO and handler buffers drain to zero and at most one watch stays open.
 *
 * CHAOS_SEEDS=n runs n seeds per combination (default 2); CHAOS_OPS sets the writes per seed.
 */
import { describe, expect, it } from 'vitest';
import { startFakeApiServer } from '../../fake-apiserver/index.js';
import { seededRandom } from '../tools/clock/clock.js';
import { clientsFor } from '../testing/fake-server-clients.js';
import { listWatchFor } from './listwatch.js';
import { collectingLogger } from './log.js';
import { newSharedIndexInformer } from './shared-informer.js';
import {
  chaosFaults,
  ConsistencyCheckingHandler,
  countingListerWatcher,
  diffStates,
  ensureNamespaces,
  runConfigMapWriter,
  serverState,
  startCompactor,
  stateOf,
} from './testing/chaos.js';
import type { KubeObjectLike } from './store.js';

const SEEDS = Number(process.env.CHAOS_SEEDS ?? 2);
const OPS = Number(process.env.CHAOS_OPS ?? 2000);
const NAMESPACES = ['default', 'chaos-a', 'chaos-b'];

type ConfigMap = KubeObjectLike & { data?: Record<string, string> };

async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return cond();
}

async function runChaos(seed: number, fifo: 'real' | 'delta', useWatchList: boolean) {
  await using server = await startFakeApiServer({ seed });
  await ensureNamespaces(server.url, NAMESPACES.slice(1));
  const { hook, stats } = chaosFaults(seed, 'configmaps');
  const logger = collectingLogger();
  // Through the clientset, with its defaults: 5 qps / burst 10, Retry-After retries, idle timeout.
  const { clientset } = clientsFor(server);
  const lw = countingListerWatcher(listWatchFor<ConfigMap>(clientset.coreV1().configMaps('')));
  const informer = newSharedIndexInformer<ConfigMap>(lw, {
    fifo,
    logger,
    random: seededRandom(`informer-${seed}`),
    expectedKind: { apiVersion: 'v1', kind: 'ConfigMap' },
    // Fast backoff keeps the test short; the 800 ms → 30 s schedule is covered in reflector.test.ts.
    reflector: { useWatchList, backoff: { initialMs: 5, maxMs: 100, resetMs: 2000, factor: 2, jitter: 1 } },
  });
  const fast = new ConsistencyCheckingHandler<ConfigMap>();
  const rnd = seededRandom(`handler-${seed}`);
  const slow = new ConsistencyCheckingHandler<ConfigMap>(() => (rnd() < 0.05 ? new Promise((r) => setTimeout(r, 1)) : Promise.resolve()));
  informer.addEventHandler(fast);
  informer.addEventHandler(slow);

  const stop = new AbortController();
  const running = informer.run(stop.signal);
  server.setFaults(hook);
  const stopCompactor = startCompactor(server, seed, stats);
  // A late handler joins mid-chaos: it must get a replay and then a consistent stream too.
  const lateJoin = setTimeout(() => informer.addEventHandler(late), 150);
  const late = new ConsistencyCheckingHandler<ConfigMap>();
  const t0 = Date.now();
  const writes = await runConfigMapWriter(server.url, seed, { ops: OPS, namespaces: NAMESPACES, names: 40, concurrency: 6 });
  const t1 = Date.now();
  clearTimeout(lateJoin);
  stopCompactor();
  server.setFaults({});

  const want = serverState(server, '/configmaps');
  const converged = await waitUntil(() => {
    const d = informer.depths();
    return (
      d.fifo === 0 &&
      d.handlers === 0 &&
      diffStates(want, stateOf(informer.getStore().list())).length === 0 &&
      diffStates(want, fast.view).length === 0 &&
      diffStates(want, slow.view).length === 0
    );
  }, 20_000);

  const report = {
    writeMs: t1 - t0,
    convergeMs: Date.now() - t1,
    seed,
    fifo,
    useWatchList,
    writes,
    faults: { ...stats },
    lists: lw.lists,
    watches: lw.watches,
  };
  expect(diffStates(want, stateOf(informer.getStore().list())), JSON.stringify(report)).toEqual([]);
  expect(converged, JSON.stringify(report)).toBe(true);
  for (const h of [fast, slow]) {
    expect(h.violations, JSON.stringify(report)).toEqual([]);
    expect(diffStates(want, h.view)).toEqual([]);
  }
  if (late.calls > 0) {
    expect(late.violations).toEqual([]);
    expect(diffStates(want, late.view)).toEqual([]);
  }
  expect(informer.depths()).toEqual({ fifo: 0, handlers: 0 });
  expect(lw.open).toBeLessThanOrEqual(1);
  expect(lw.maxOpen).toBeLessThanOrEqual(2);

  stop.abort();
  await running;
  await waitUntil(() => lw.open === 0, 2000);
  expect(lw.open).toBe(0);
  return report;
}

describe('informer convergence under chaos (fake API server)', () => {
  for (const fifo of ['real', 'delta'] as const) {
    for (const useWatchList of [true, false]) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        it(`seed ${seed}, ${fifo} FIFO, ${useWatchList ? 'streaming list' : 'LIST'}`, { timeout: 60_000 }, async () => {
          const report = await runChaos(seed, fifo, useWatchList);
          // Every fault kind actually happened, so the run exercised what it claims to.
          expect(report.faults.compactions).toBeGreaterThan(0);
          expect(report.lists + report.watches).toBeGreaterThan(3);
          if (process.env.CHAOS_REPORT) console.log(JSON.stringify(report));
        });
      }
    }
  }
});
