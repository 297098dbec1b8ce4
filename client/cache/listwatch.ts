/**
 * The narrow interface the reflector lists and watches through (client-go tools/cache/listwatch.go
 * ListerWatcher), and the two ways to build one from the client core:
 *
 * - `listWatchFor(resourceClient, tweak)`: over a typed resource client
 *   (`clientset.coreV1().pods(ns)`) or a dynamic one (`dynamicClient.resource(gvr).namespace(ns)`),
 *   as client-go's generated informers build their ListWatch;
 * - `newListWatchFromClient(restClient, resource, namespace, selectors)`: over a group version's
 *   RESTClient (`clientset.coreV1().restClient`), client-go's NewListWatchFromClient.
 *
 * Either way every request goes through the core's RESTClient: rate limiting, retries with
 * Retry-After, authentication, TLS and the watch inactivity timeout.
 *
 * Contract for implementations:
 * - `list` resolves with the page's `metadata.resourceVersion`/`continue` and its items, or
 *   rejects with a `StatusError` carrying the server's Status (410 Expired, 429, 500, ...) or a
 *   transport error (connection refused/reset).
 * - `watch` resolves once the server accepted the watch (HTTP 200) and rejects as `list` does
 *   when it did not. The iterable yields events in order; ERROR events carry a Status. It ends
 *   normally when the server closes the stream or the connection drops (client-go treats a
 *   probable EOF as a normal close), and ends (or throws an AbortError) once `signal` aborts.
 *   Abandoning the iterator (`return()`) must release the connection.
 * - Options objects passed in are never mutated.
 * - An implementation that cannot serve watch-list semantics (sendInitialEvents streams, e.g. a
 *   fake) may implement `isWatchListSemanticsUnsupported()` returning true; reflectors then use
 *   LIST+WATCH (client-go IsWatchListSemanticsUnSupported, v0.35 reflector.go 300-310).
 */
import type { GroupVersionResource } from '../discovery/types.js';
import type { ListLike } from '../pager/pager.js';
import type { ListOptions } from '../rest/options.js';
import type { Request } from '../rest/request.js';
import type { WatchEvent } from '../watch-event.js';
import { doesClientNotSupportWatchListSemantics } from './watch-list.js';

export type { GroupVersionResource, ListOptions };

export interface ListerWatcher<T> {
  list(opts: ListOptions, signal?: AbortSignal): Promise<ListLike<T>>;
  watch(opts: ListOptions, signal?: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>>;
  /** True: this client does not support watch-list semantics; reflectors use LIST+WATCH. */
  isWatchListSemanticsUnsupported?(): boolean;
}

/** "v1/pods", "apps/v1/deployments": a GVR as one string (group omitted for the core group). */
export function gvrKey(gvr: GroupVersionResource): string {
  return gvr.group ? `${gvr.group}/${gvr.version}/${gvr.resource}` : `${gvr.version}/${gvr.resource}`;
}

/** Edits the options of every list and watch (client-go internalinterfaces.TweakListOptionsFunc). */
export type TweakListOptions = (opts: ListOptions) => void;

export interface Selectors {
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * What listWatchFor needs from a resource client: the list and watch verbs of a typed client
 * (`PodInterface`) or of a dynamic `ResourceInterface`. `watch` returns the client's PendingWatch,
 * which connects when awaited.
 */
export interface ListWatchable<T> {
  /** Some kubernetes-types lists declare `items` optional; the ListWatch normalises to []. */
  list(opts?: ListOptions & { signal?: AbortSignal }): Promise<Omit<ListLike<T>, 'items'> & { items?: T[] }>;
  watch(opts?: ListOptions & { signal?: AbortSignal }): PromiseLike<AsyncIterable<WatchEvent<T>>>;
}

/** client-go cache.Getter: a RESTClient of one group version. */
export interface Getter {
  get(): Request;
}

function toTweak(selectors: Selectors | TweakListOptions | undefined): TweakListOptions | undefined {
  if (!selectors || typeof selectors === 'function') return selectors;
  if (!selectors.labelSelector && !selectors.fieldSelector) return undefined;
  return (o) => {
    if (selectors.labelSelector) o.labelSelector = selectors.labelSelector;
    if (selectors.fieldSelector) o.fieldSelector = selectors.fieldSelector;
  };
}

function tweaked(opts: ListOptions, tweak: TweakListOptions | undefined): ListOptions {
  const o = { ...opts };
  tweak?.(o);
  return o;
}

/**
 * Lists leave kind/apiVersion off their items (the API server sends them on the list only); fill
 * them in so objects from lists and from watch events look alike in the cache.
 */
export function fillListItemTypes<L extends ListLike>(list: L): L {
  const itemKind = list.kind?.endsWith('List') ? list.kind.slice(0, -4) : '';
  if (!itemKind && !list.apiVersion) return list;
  for (const item of (list.items ?? []) as Array<{ kind?: string; apiVersion?: string } | null>) {
    if (!item || typeof item !== 'object') continue;
    if (!item.kind && itemKind) item.kind = itemKind;
    if (!item.apiVersion && list.apiVersion) item.apiVersion = list.apiVersion;
  }
  return list;
}

/**
 * The ListWatch of a typed or dynamic resource client, with fixed selectors or an option tweak
 * applied to every call (what client-go's generated `NewFilteredPodInformer` builds).
 */
export function listWatchFor<T>(client: ListWatchable<T>, selectors?: Selectors | TweakListOptions): ListerWatcher<T> {
  const tweak = toTweak(selectors);
  return {
    async list(opts, signal) {
      const list = await client.list({ ...tweaked(opts, tweak), signal });
      list.items ??= [];
      return fillListItemTypes(list as ListLike<T>);
    },
    async watch(opts, signal) {
      return client.watch({ ...tweaked(opts, tweak), signal });
    },
  };
}

/**
 * client-go NewListWatchFromClient / NewFilteredListWatchFromClient: a ListWatch over one
 * resource in one namespace ("" = all namespaces, or a cluster-scoped resource) of a group
 * version's RESTClient.
 */
export function newListWatchFromClient<T>(
  c: Getter,
  resource: string,
  namespace: string,
  selectors: Selectors | TweakListOptions = {},
): ListerWatcher<T> {
  const tweak = toTweak(selectors);
  return {
    async list(opts, signal) {
      const o = tweaked(opts, tweak);
      const r = c.get().namespace(namespace).resource(resource).versionedParams(o);
      if (o.timeoutSeconds) r.timeout(o.timeoutSeconds * 1000);
      const list = await r.do({ signal }).into<ListLike<T>>();
      list.items ??= [];
      return fillListItemTypes(list);
    },
    async watch(opts, signal) {
      const o = tweaked(opts, tweak);
      return c
        .get()
        .namespace(namespace)
        .resource(resource)
        .versionedParams({ ...o, watch: true })
        .watch<T>({ signal });
    },
  };
}

/** Wraps a ListerWatcher so that `tweak` edits the options of every call (keeping its watch-list opt-out). */
export function tweakListerWatcher<T>(lw: ListerWatcher<T>, tweak: TweakListOptions | undefined): ListerWatcher<T> {
  if (!tweak) return lw;
  const wrapped: ListerWatcher<T> = {
    list: (opts, signal) => lw.list(tweaked(opts, tweak), signal),
    watch: (opts, signal) => lw.watch(tweaked(opts, tweak), signal),
  };
  if (lw.isWatchListSemanticsUnsupported) wrapped.isWatchListSemanticsUnsupported = () => lw.isWatchListSemanticsUnsupported?.() === true;
  return wrapped;
}

/**
 * client-go ToListWatcherWithWatchListSemantics: `lw`, reporting as unsupported whatever `client`
 * reports (a fake clientset implementing isWatchListSemanticsUnsupported, say).
 */
export function toListWatcherWithWatchListSemantics<T>(lw: ListerWatcher<T>, client: unknown): ListerWatcher<T> {
  const unsupported = doesClientNotSupportWatchListSemantics(client);
  return {
    list: (opts, signal) => lw.list(opts, signal),
    watch: (opts, signal) => lw.watch(opts, signal),
    isWatchListSemanticsUnsupported: () => unsupported,
  };
}
