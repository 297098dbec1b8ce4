/**
 * A sample controller in client-go's sample-controller shape: it watches ConfigMaps (those
 * matching a label selector, default `mirror=true`) and keeps, for each, a Secret of the same
 * name and namespace holding the same data, labelled `kubeharness.io/mirror-of=<name>`. Mirrors
 * whose ConfigMap is gone are deleted.
 *
 *   npx tsx client/examples/configmap-mirror-controller.ts <kubeconfig> [selector]
 *
 * Shape: two shared informers (ConfigMaps, Secrets) → event handlers enqueue the ConfigMap's
 * `namespace/name` key → a rate-limited workqueue → `workers` async workers reconcile one key at
 * a time (the queue guarantees a key is never reconciled twice at once).
 *
 * Everything goes through the typed clientset from newForConfig: the informers list and watch
 * through it, and reconcile writes Secrets with `clientset.coreV1().secrets(ns)`.
 *
 * Failure handling: a reconcile that fails (429, 500, reset connection, conflict, already
 * exists because the cache lagged) is retried with addRateLimited (5 ms doubling, capped, plus an
 * overall 10 qps bucket) up to `maxRetries` times, then dropped with a log line; success calls
 * forget. Informer recovery (relist, rewatch, backoff) is the reflector's job, so the reconcile
 * reads only the caches and writes only what differs from them.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists, isConflict, isNotFound } from '../errors.js';
import { consoleLogger, type Logger } from '../cache/log.js';
import { DeletedFinalStateUnknown } from '../cache/deltas.js';
import { splitMetaNamespaceKey, type KubeObjectLike } from '../cache/store.js';
import { waitForCacheSync } from '../cache/wait-for-cache-sync.js';
import { buildConfigFromFlags } from '../config/client-config.js';
import { newSharedInformerFactoryWithOptions } from '../informers/factory.js';
import type { SharedInformerFactoryOptions } from '../informers/factory-base.js';
import { newForConfig, type KubernetesInterface } from '../kubernetes/clientset.js';
import { defaultControllerRateLimiter, type RateLimiter } from '../workqueue/rate-limiters.js';
import { newRateLimitingQueue } from '../workqueue/rate-limiting-queue.js';
import { isMain } from './is-main.js';

export const MIRROR_LABEL = 'kubeharness.io/mirror-of';

export interface MirrorControllerOptions {
  /** Which ConfigMaps to mirror (default "mirror=true"). */
  selector?: string;
  /** Only this namespace ("" = all). */
  namespace?: string;
  workers?: number;
  maxRetries?: number;
  rateLimiter?: RateLimiter<string>;
  logger?: Logger;
  /** Passed to both informers (FIFO kind, reflector backoff, ...). */
  informerOptions?: SharedInformerFactoryOptions['informerOptions'];
}

export interface MirrorControllerStats {
  reconciles: number;
  failures: number;
  dropped: number;
  creates: number;
  updates: number;
  deletes: number;
}

/** Secret data for a ConfigMap: the same keys, values base64-encoded. */
export function mirrorData(cm: ConfigMap): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(cm.data ?? {})) out[k] = Buffer.from(v, 'utf8').toString('base64');
  return out;
}

function sameData(a: { [key: string]: string } | undefined, b: { [key: string]: string }): boolean {
  const ak = Object.keys(a ?? {});
  return ak.length === Object.keys(b).length && ak.every((k) => a![k] === b[k]);
}

/** Runs the controller until `signal` aborts; resolves with its counters once everything stopped. */
export async function runMirrorController(
  clientset: KubernetesInterface,
  signal: AbortSignal,
  opts: MirrorControllerOptions = {},
): Promise<MirrorControllerStats> {
  const logger = opts.logger ?? consoleLogger;
  const selector = opts.selector ?? 'mirror=true';
  const maxRetries = opts.maxRetries ?? 15;
  const stats: MirrorControllerStats = { reconciles: 0, failures: 0, dropped: 0, creates: 0, updates: 0, deletes: 0 };

  // ConfigMaps: only the selected ones. Secrets: only our mirrors.
  const cmFactory = newSharedInformerFactoryWithOptions(clientset, 0, {
    namespace: opts.namespace,
    tweakListOptions: (o) => (o.labelSelector = selector),
    informerOptions: { logger, ...opts.informerOptions },
  });
  const secretFactory = newSharedInformerFactoryWithOptions(clientset, 0, {
    namespace: opts.namespace,
    tweakListOptions: (o) => (o.labelSelector = MIRROR_LABEL),
    informerOptions: { logger, ...opts.informerOptions },
  });
  const configMaps = cmFactory.core().v1().configMaps();
  const secrets = secretFactory.core().v1().secrets();
  const cmLister = configMaps.lister();
  const secretLister = secrets.lister();
  const queue = newRateLimitingQueue<string>(opts.rateLimiter ?? defaultControllerRateLimiter());

  const keyOf = (o: KubeObjectLike | DeletedFinalStateUnknown<KubeObjectLike>) =>
    o instanceof DeletedFinalStateUnknown ? o.key : `${o.metadata!.namespace}/${o.metadata!.name}`;
  configMaps.informer().addEventHandler({
    onAdd: (cm) => queue.add(keyOf(cm)),
    onUpdate: (_old, cm) => queue.add(keyOf(cm)),
    onDelete: (cm) => queue.add(keyOf(cm)),
  });
  // A mirror changed or vanished behind our back: reconcile its ConfigMap.
  const ownerKey = (s: Secret | DeletedFinalStateUnknown<Secret>) => {
    const obj = s instanceof DeletedFinalStateUnknown ? s.obj : s;
    const owner = obj?.metadata?.labels?.[MIRROR_LABEL];
    return owner && obj?.metadata?.namespace ? `${obj.metadata.namespace}/${owner}` : undefined;
  };
  secrets.informer().addEventHandler({
    onAdd: (s) => void (ownerKey(s) && queue.add(ownerKey(s)!)),
    onUpdate: (_o, s) => void (ownerKey(s) && queue.add(ownerKey(s)!)),
    onDelete: (s) => void (ownerKey(s) && queue.add(ownerKey(s)!)),
  });

  async function reconcile(key: string): Promise<void> {
    stats.reconciles++;
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cm = cmLister.configMaps(namespace).get(name);
    const mirror = secretLister.secrets(namespace).get(name);
    if (!cm) {
      if (mirror?.metadata?.labels?.[MIRROR_LABEL] === name) {
        try {
          await clientset
            .coreV1()
            .secrets(namespace)
            .delete(name, { preconditions: { uid: mirror.metadata.uid } });
          stats.deletes++;
        } catch (err) {
          if (!isNotFound(err) && !isConflict(err)) throw err; // gone already, or replaced meanwhile
        }
      }
      return;
    }
    const data = mirrorData(cm);
    if (!mirror) {
      try {
        await clientset
          .coreV1()
          .secrets(namespace)
          .create({
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name, namespace, labels: { [MIRROR_LABEL]: name } },
            type: 'Opaque',
            data,
          });
        stats.creates++;
      } catch (err) {
        // The cache has not seen our earlier create yet: retry once it has.
        if (isAlreadyExists(err)) throw new Error(`secret ${key} exists but is not in the cache yet`);
        throw err;
      }
      return;
    }
    if (sameData(mirror.data, data) && mirror.metadata?.labels?.[MIRROR_LABEL] === name) return;
    // Update from the cached object: a stale resourceVersion fails with 409 Conflict and is retried.
    await clientset
      .coreV1()
      .secrets(namespace)
      .update({
        ...mirror,
        metadata: { ...mirror.metadata, labels: { ...mirror.metadata?.labels, [MIRROR_LABEL]: name } },
        data,
      });
    stats.updates++;
  }

  async function worker(): Promise<void> {
    for await (const key of queue) {
      try {
        await reconcile(key);
        queue.forget(key);
      } catch (err) {
        stats.failures++;
        if (queue.numRequeues(key) < maxRetries) {
          logger.debug(`error syncing ${key}, requeuing: ${(err as Error).message}`);
          queue.addRateLimited(key);
        } else {
          stats.dropped++;
          logger.warn(`dropping ${key} out of the queue after ${maxRetries} retries: ${(err as Error).message}`);
          queue.forget(key);
        }
      } finally {
        queue.done(key);
      }
    }
  }

  cmFactory.start(signal);
  secretFactory.start(signal);
  const synced = await waitForCacheSync(
    signal,
    () => configMaps.informer().hasSynced(),
    () => secrets.informer().hasSynced(),
  );
  const workers = synced ? Array.from({ length: opts.workers ?? 2 }, () => worker()) : [];
  await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  await queue.shutDownWithDrain();
  await Promise.all(workers);
  await Promise.all([cmFactory.shutdown(), secretFactory.shutdown()]);
  return stats;
}

if (isMain(import.meta.url)) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: npx tsx client/examples/configmap-mirror-controller.ts <kubeconfig> [selector]');
    process.exit(2);
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  const clientset = newForConfig(buildConfigFromFlags('', path));
  console.log(`mirroring ConfigMaps (${process.argv[3] ?? 'mirror=true'}) into Secrets on ${clientset.config.host}; Ctrl-C to stop`);
  const stats = await runMirrorController(clientset, stop.signal, { selector: process.argv[3] });
  console.log(JSON.stringify(stats));
}
