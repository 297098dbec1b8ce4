/**
 * ListPager (client-go tools/pager): lists in pages of `pageSize` (500) and stitches them together.
 *
 * Invariants (tools/pager/pager.go):
 * - A caller-supplied `limit` wins over pageSize; `limit` 0 means pageSize; pageSize 0 means one
 *   unpaginated request (no limit), as the reflector asks for lists served from the watch cache.
 * - After the first page, resourceVersion and resourceVersionMatch are cleared (the continue token
 *   carries the snapshot), as the server rejects both together.
 * - If a page AFTER the first fails with 410 Expired (the continue token fell out of the
 *   compaction window) and fullListIfExpired is set (the default), one full list WITHOUT a limit
 *   is made at the originally requested resourceVersion and returned as is.
 * - A first page without a continue token is returned untouched; otherwise the result is a list
 *   whose metadata.resourceVersion is the first page's and whose items are all pages' items.
 * - `paginated` tells whether more than one page was read (the reflector uses it).
 */
import { isResourceExpired } from '../errors.js';
import type { ListOptions } from '../rest/options.js';

export const DEFAULT_PAGE_SIZE = 500;

export interface ListLike<T = unknown> {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number; selfLink?: string };
  items: T[];
}

export type PageFn<L extends ListLike> = (opts: ListOptions, signal?: AbortSignal) => Promise<L>;

export interface ListPagerOptions {
  pageSize?: number;
  fullListIfExpired?: boolean;
}

export class ListPager<L extends ListLike> {
  readonly pageSize: number;
  readonly fullListIfExpired: boolean;

  constructor(
    private readonly pageFn: PageFn<L>,
    opts: ListPagerOptions = {},
  ) {
    this.pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
    this.fullListIfExpired = opts.fullListIfExpired ?? true;
  }

  /** The whole list. */
  async list(options: ListOptions = {}, signal?: AbortSignal): Promise<L> {
    return (await this.listWithPaginated(options, signal)).list;
  }

  async listWithPaginated(options: ListOptions = {}, signal?: AbortSignal): Promise<{ list: L; paginated: boolean }> {
    const opts: ListOptions = { ...options };
    if (!opts.limit && this.pageSize > 0) opts.limit = this.pageSize;
    const requestedRV = opts.resourceVersion;
    const requestedMatch = opts.resourceVersionMatch;
    let combined: L | undefined;
    let paginated = false;
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      let page: L;
      try {
        page = await this.pageFn(opts, signal);
      } catch (e) {
        if (!isResourceExpired(e) || !this.fullListIfExpired || !opts.continue) throw e;
        const full: ListOptions = { ...opts, limit: 0, continue: '' };
        full.resourceVersion = requestedRV;
        full.resourceVersionMatch = requestedMatch;
        for (const k of ['limit', 'continue', 'resourceVersion', 'resourceVersionMatch'] as const) if (!full[k]) delete full[k];
        return { list: await this.pageFn(full, signal), paginated };
      }
      const cont = page.metadata?.continue ?? '';
      if (!cont && !combined) return { list: page, paginated };
      if (!combined) {
        combined = { ...page, metadata: { ...page.metadata }, items: [] as unknown[] } as L;
        delete combined.metadata!.continue;
        delete combined.metadata!.remainingItemCount;
      }
      combined.items.push(...page.items);
      if (!cont) return { list: combined, paginated };
      opts.continue = cont;
      delete opts.resourceVersion;
      delete opts.resourceVersionMatch;
      paginated = true;
    }
  }

  /**
   * Calls fn for every item, page by page, without holding all pages (EachListItem). fn may be
   * async. Unlike list(), an expired continue token is an error here, as in client-go's
   * eachListChunk: items were already delivered, so a silent restart would repeat them.
   */
  async eachListItem(options: ListOptions, fn: (item: L['items'][number]) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
    const opts: ListOptions = { ...options };
    if (!opts.limit && this.pageSize > 0) opts.limit = this.pageSize;
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const page = await this.pageFn(opts, signal);
      for (const item of page.items) await fn(item);
      const cont = page.metadata?.continue;
      if (!cont) return;
      opts.continue = cont;
      delete opts.resourceVersion;
      delete opts.resourceVersionMatch;
    }
  }
}

/** pager.New(SimplePageFunc(...)). */
export function listPager<L extends ListLike>(pageFn: PageFn<L>, opts?: ListPagerOptions): ListPager<L> {
  return new ListPager(pageFn, opts);
}
