/**
 * ListPager (client-go tools/pager/pager.go): lists a collection in chunks of `pageSize` items by
 * following `continue` tokens, and returns one merged list.
 *
 * Failure modes:
 * - A continuation page (page 2 or later) failing with 410 Expired, when `fullListIfExpired` is
 *   set, falls back to one unpaginated list at the originally requested resourceVersion.
 *   An Expired first page is returned to the caller (the reflector then relists from "").
 * - `paginated` reports whether the server actually split the result; the reflector uses it to
 *   learn that the watch cache is off.
 * - Continuation requests drop resourceVersion/resourceVersionMatch ("specifying resource version
 *   is not allowed when using continue").
 */
import { isResourceExpired } from '../../errors.js';
import type { ListOptions, ListResult } from '../../cache/listwatch.js';

export const DEFAULT_PAGE_SIZE = 500;

export type PageFunc<T> = (opts: ListOptions, signal?: AbortSignal) => Promise<ListResult<T>>;

export interface PagedList<T> {
  list: ListResult<T>;
  paginated: boolean;
}

export class ListPager<T> {
  /** Items per page; 0 disables pagination (one request, no limit). */
  pageSize = DEFAULT_PAGE_SIZE;
  fullListIfExpired = true;

  constructor(private readonly pageFn: PageFunc<T>) {}

  async list(options: ListOptions, signal?: AbortSignal): Promise<PagedList<T>> {
    const opts: ListOptions = { ...options };
    if (!opts.limit) opts.limit = this.pageSize || undefined;
    const requestedResourceVersion = opts.resourceVersion;
    const requestedResourceVersionMatch = opts.resourceVersionMatch;
    let merged: ListResult<T> | undefined;
    let paginated = false;
    for (;;) {
      signal?.throwIfAborted();
      let page: ListResult<T>;
      try {
        page = await this.pageFn(opts, signal);
      } catch (err) {
        if (!isResourceExpired(err) || !this.fullListIfExpired || !opts.continue) throw err;
        const full = await this.pageFn(
          {
            ...opts,
            limit: undefined,
            continue: undefined,
            resourceVersion: requestedResourceVersion,
            resourceVersionMatch: requestedResourceVersionMatch,
          },
          signal,
        );
        return { list: full, paginated };
      }
      const cont = page.metadata.continue;
      if (!cont && !merged) return { list: page, paginated };
      if (!merged) merged = { metadata: { resourceVersion: page.metadata.resourceVersion }, items: [] };
      for (const item of page.items) merged.items.push(item);
      if (!cont) return { list: merged, paginated };
      opts.continue = cont;
      opts.resourceVersion = undefined;
      opts.resourceVersionMatch = undefined;
      paginated = true;
    }
  }
}
