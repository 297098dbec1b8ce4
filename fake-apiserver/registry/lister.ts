/**
 * LIST semantics (api-concepts "Semantics for get and list", storage/etcd3 and cacher):
 * resourceVersion unset/"0"/N with resourceVersionMatch, limit/continue pagination at a constant
 * snapshot revision, remainingItemCount, and the 410/504 answers at the edges of the window.
 */
import { expired, StatusError } from '../errors/status.js';
import { objectKey } from '../store/object-order.js';
import type { RevisionStore } from '../store/revision-store.js';
import { resourceKey, type KubeObject } from '../store/types.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { parseResourceVersion, type ListOptions } from './list-options.js';
import type { Predicate } from './predicate.js';
import type { Strategy } from './strategy.js';

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export const EXPIRED_CONTINUE_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export interface ListContext {
  store: RevisionStore;
  /** How long a read waits for a future resourceVersion before 504 (the real server: 3 s). */
  tooLargeResourceVersionWaitMs: number;
}

export async function listObjects(
  ctx: ListContext,
  s: Strategy,
  namespace: string,
  opts: ListOptions,
  predicate: Predicate,
): Promise<ListResult> {
  const { store } = ctx;
  const rk = resourceKey(s.info.group, s.info.resource);
  let revision = store.revision;
  let start = '';
  let limit = opts.limit > 0 ? opts.limit : 0;

  if (opts.continue !== '') {
    const token = decodeContinue(opts.continue);
    if (token.rv !== -1) {
      if (token.rv < store.compactedRevision) {
        throw expired(EXPIRED_CONTINUE_MESSAGE, { continue: encodeContinue({ rv: -1, start: token.start }) });
      }
      revision = Math.min(token.rv, store.revision);
    }
    start = token.start;
  } else if (opts.resourceVersion === '0') {
    limit = 0; // the watch cache ignores limit for resourceVersion=0: a full list, no continue
  } else if (opts.resourceVersion !== '') {
    const requested = parseResourceVersion(opts.resourceVersion)!;
    const exact = opts.resourceVersionMatch === 'Exact' || (opts.resourceVersionMatch === '' && limit > 0);
    if (requested > store.revision) {
      const reached = exact ? false : await store.waitForRevision(requested, ctx.tooLargeResourceVersionWaitMs);
      if (!reached) throw tooLargeResourceVersion(requested, store.revision, !exact);
    }
    if (exact) {
      if (requested < store.compactedRevision) throw expired('The resourceVersion for the provided list is too old.');
      revision = requested;
    } else {
      revision = store.revision;
    }
  }

  const all = revision >= store.revision ? store.list(rk, namespace || undefined) : store.listAt(rk, revision, namespace || undefined);
  const prefix = namespace ? `${namespace}/` : '';
  const from = start ? lowerBoundByKey(all, prefix + start) : 0;
  const items: KubeObject[] = [];
  let i = from;
  for (; i < all.length; i++) {
    if (limit > 0 && items.length >= limit) break;
    const o = all[i];
    if (predicate.everything || predicate.matches(o)) items.push(o);
  }
  const result: ListResult = { items, resourceVersion: String(revision) };
  if (limit > 0 && i < all.length) {
    const last = items.length > 0 ? items[items.length - 1] : all[i - 1];
    const lastKey = objectKey(last.metadata.namespace ?? '', last.metadata.name!).slice(prefix.length);
    result.continue = encodeContinue({ rv: revision, start: `${lastKey}\u0000` });
    if (predicate.everything) result.remainingItemCount = all.length - i;
  }
  return result;
}

/** 504 Timeout with cause ResourceVersionTooLarge; the cache path adds Retry-After: 1. */
export function tooLargeResourceVersion(requested: number, current: number, retryAfter: boolean): StatusError {
  const err = new StatusError(504, 'Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: retryAfter ? 1 : 0,
  });
  return err;
}

function lowerBoundByKey(objs: readonly KubeObject[], key: string): number {
  let lo = 0;
  let hi = objs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = objs[mid].metadata;
    if (objectKey(m.namespace ?? '', m.name!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
