/**
 * The watch-list data consistency check (client-go v0.35
 * tools/cache/reflector_data_consistency_detector.go and util/consistencydetector), meant for CI:
 * after a streaming list synced at resourceVersion RV, one extra LIST at RV with
 * resourceVersionMatch=Exact (served by etcd, not the watch cache) must return exactly the
 * streamed objects.
 *
 * - Enabled when KUBE_WATCHLIST_INCONSISTENCY_DETECTOR parses as true (Go strconv.ParseBool:
 *   1, t, T, TRUE, true, True). client-go reads it once at process start; the reflector reads it
 *   when it is constructed, and its `watchListInconsistencyDetector` option overrides it.
 * - Skipped (debug log) when RV is "0" or the list options carry a continue token, as the server
 *   rejects those with resourceVersionMatch=Exact. Otherwise it warns "data consistency check for
 *   <name> is enabled, this will result in an additional call to the API server."
 * - The LIST is retried every second until it succeeds or the reflector stops (then the check is
 *   abandoned with an error log). The transform is applied to the listed items; both sides are
 *   sorted by UID and compared deeply.
 * - On a mismatch client-go logs the diff and panics with "data inconsistency detected for
 *   <name>, panicking!", which crashes the process (BackoffUntil's HandleCrash re-panics). The
 *   non-crashing equivalent here: the same text is logged as an error and a
 *   DataInconsistencyError is thrown, which stops the reflector and makes its run() (and the
 *   informer's run()) reject with it. Like the panic it bypasses the watch error handler and
 *   happens before the store is replaced, so the informer never syncs.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ListLike } from '../pager/pager.js';
import type { ListOptions } from '../rest/options.js';
import { sleep, type Clock } from '../tools/clock/clock.js';
import type { TransformFunc } from './deltas.js';
import type { Logger } from './log.js';
import type { KubeObjectLike } from './store.js';

export const WATCHLIST_INCONSISTENCY_DETECTOR_ENV = 'KUBE_WATCHLIST_INCONSISTENCY_DETECTOR';

/** Go's strconv.ParseBool; undefined where Go returns an error. */
export function parseGoBool(s: string | undefined): boolean | undefined {
  switch (s) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
    default:
      return undefined;
  }
}

/** IsDataConsistencyDetectionForWatchListEnabled: the env var parses as true. */
export function isDataConsistencyDetectionForWatchListEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return parseGoBool(env[WATCHLIST_INCONSISTENCY_DETECTOR_ENV]) === true;
}

/** client-go panics with this message; here it rejects the reflector's run(). */
export class DataInconsistencyError extends Error {
  override readonly name = 'DataInconsistencyError';
  constructor(readonly identity: string) {
    super(`data inconsistency detected for ${identity}, panicking!`);
  }
}

export interface DataConsistencyCheck<T> {
  /** The reflector's name. */
  identity: string;
  lastSyncedResourceVersion: string;
  listFn: (opts: ListOptions, signal?: AbortSignal) => Promise<ListLike<T>>;
  /** Applied to every listed item (the streamed items already went through it). */
  transform: TransformFunc<T> | undefined;
  /** Informers pass none: their list function may already be wrapped for filtering. */
  listOptions?: ListOptions;
  /** The streamed items. */
  retrieveItems: () => T[];
  clock: Clock;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * CheckDataConsistency. Resolves true when the data matched, false when the check was skipped
 * or abandoned because `signal` aborted; throws DataInconsistencyError on a mismatch.
 */
export async function checkDataConsistency<T>(c: DataConsistencyCheck<T>): Promise<boolean> {
  const listOptions = c.listOptions ?? {};
  if (!canFormAdditionalListCall(c.lastSyncedResourceVersion, listOptions)) {
    c.logger.debug(
      `data consistency check for ${c.identity} is enabled but the parameters (RV, ListOptions) doesn't allow for creating a valid LIST request. Skipping the data consistency check.`,
    );
    return false;
  }
  c.logger.warn(`data consistency check for ${c.identity} is enabled, this will result in an additional call to the API server.`);
  const retrievedItems = [...c.retrieveItems()];
  const opts = prepareListCallOptions(c.lastSyncedResourceVersion, listOptions, retrievedItems.length);
  let list: ListLike<T> | undefined;
  while (!c.signal.aborted) {
    try {
      list = await c.listFn(opts, c.signal);
      break;
    } catch (err) {
      if (c.signal.aborted) break;
      c.logger.error(`failed to list data from the server, retrying until stopCh is closed, err: ${describe(err)}`);
    }
    if (!(await sleep(c.clock, 1000, c.signal))) break;
  }
  if (!list) {
    c.logger.error(
      `failed to list data from the server, the data consistency check for ${c.identity} won't be performed, stopCh was closed, err: ${describe(c.signal.reason)}`,
    );
    return false;
  }
  const listItems = (list.items ?? []).map((item) => (c.transform ? c.transform(item) : item));
  listItems.sort(byUID);
  retrievedItems.sort(byUID);
  if (!isDeepStrictEqual(listItems, retrievedItems)) {
    c.logger.info(
      `previously received data for ${c.identity} is different than received by the standard list api call against etcd, diff: ${diff(listItems, retrievedItems)}`,
    );
    const err = new DataInconsistencyError(c.identity);
    c.logger.error(err.message);
    throw err;
  }
  return true;
}

/** The LIST must be valid with resourceVersionMatch=Exact: no continue token, RV not "0". */
export function canFormAdditionalListCall(lastSyncedResourceVersion: string, listOptions: ListOptions): boolean {
  if (listOptions.continue) return false;
  return lastSyncedResourceVersion !== '0';
}

/** Options for a LIST of the snapshot at the synced RV, straight from etcd. */
export function prepareListCallOptions(
  lastSyncedResourceVersion: string,
  listOptions: ListOptions,
  retrievedItemsCount: number,
): ListOptions {
  const opts = { ...listOptions };
  // The watch cache ignores the limit for RV "0": skip it too when it would cut the comparison short.
  if (opts.resourceVersion === '0' && opts.limit && retrievedItemsCount > opts.limit) delete opts.limit;
  opts.resourceVersion = lastSyncedResourceVersion;
  opts.resourceVersionMatch = 'Exact';
  return opts;
}

function uidOf(obj: unknown): string {
  return (obj as KubeObjectLike | null)?.metadata?.uid ?? '';
}

function byUID(a: unknown, b: unknown): number {
  const x = uidOf(a);
  const y = uidOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A short account of the first difference (client-go prints a full diff). */
function diff(listed: unknown[], retrieved: unknown[]): string {
  const n = Math.max(listed.length, retrieved.length);
  for (let i = 0; i < n; i++) {
    if (isDeepStrictEqual(listed[i], retrieved[i])) continue;
    return `${listed.length} listed vs ${retrieved.length} streamed items; first difference at #${i}: listed ${clip(listed[i])}, streamed ${clip(retrieved[i])}`;
  }
  return 'none found';
}

function clip(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 500 ? `${s.slice(0, 500)}...` : s;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
