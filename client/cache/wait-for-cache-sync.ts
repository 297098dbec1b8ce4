/**
 * WaitForCacheSync (client-go tools/cache/shared_informer.go): polls every 100 ms until every
 * `hasSynced` returns true (resolves true) or `signal` aborts (resolves false). Pass informers'
 * `hasSynced` or handler registrations' `hasSynced` (bind them: `() => reg.hasSynced()`).
 */
import { realClock, sleep, type Clock } from '../tools/clock/clock.js';
import { consoleLogger, type Logger } from './log.js';

export const SYNCED_POLL_PERIOD_MS = 100;

export type InformerSynced = () => boolean;

export async function waitForCacheSync(signal: AbortSignal | undefined, ...cacheSyncs: InformerSynced[]): Promise<boolean> {
  return waitForCacheSyncWithClock(realClock, signal, cacheSyncs);
}

export async function waitForCacheSyncWithClock(
  clock: Clock,
  signal: AbortSignal | undefined,
  cacheSyncs: InformerSynced[],
): Promise<boolean> {
  for (;;) {
    if (cacheSyncs.every((s) => s())) return true;
    if (signal?.aborted) return false;
    if (!(await sleep(clock, SYNCED_POLL_PERIOD_MS, signal))) return cacheSyncs.every((s) => s());
  }
}

/** WaitForNamedCacheSync: the same, logging start, success and failure under `controllerName`. */
export async function waitForNamedCacheSync(
  controllerName: string,
  signal: AbortSignal | undefined,
  cacheSyncs: InformerSynced[],
  logger: Logger = consoleLogger,
): Promise<boolean> {
  logger.info(`Waiting for caches to sync for ${controllerName}`);
  if (!(await waitForCacheSync(signal, ...cacheSyncs))) {
    logger.error(`unable to sync caches for ${controllerName}`);
    return false;
  }
  logger.info(`Caches are synced for ${controllerName}`);
  return true;
}
