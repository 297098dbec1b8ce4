/**
 * The narrow interface the reflector lists and watches through (client-go tools/cache/listwatch.go
 * ListerWatcher), decoupled from any particular client: the raw-HTTP implementation in
 * http-listwatch.ts serves tests and examples now; `newListWatchFromClient` adapts any client
 * that can list and watch one resource (the clientset or dynamic client once they land).
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
 */
import type { WatchEvent } from '../watch-event.js';

export interface ListOptions {
  resourceVersion?: string;
  resourceVersionMatch?: string;
  limit?: number;
  continue?: string;
  labelSelector?: string;
  fieldSelector?: string;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface ListResult<T> {
  metadata: ListMeta;
  items: T[];
}

export interface ListerWatcher<T> {
  list(opts: ListOptions, signal?: AbortSignal): Promise<ListResult<T>>;
  watch(opts: ListOptions, signal?: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>>;
}

/** A resource coordinate, as schema.GroupVersionResource ("" is the core group). */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/** "v1/pods", "apps/v1/deployments": a GVR as one string (group omitted for the core group). */
export function gvrKey(gvr: GroupVersionResource): string {
  return gvr.group ? `${gvr.group}/${gvr.version}/${gvr.resource}` : `${gvr.version}/${gvr.resource}`;
}

export type TweakListOptions = (opts: ListOptions) => void;

/**
 * The minimal surface `newListWatchFromClient` needs from a client, so this file compiles
 * without the client core: a REST client for one group/version (client-go's cache.Getter, i.e.
 * `clientset.CoreV1().RESTClient()`) that can list and watch a resource by name. Adapting the
 * core's RESTClient is a few lines: `list: (r, ns, o, s) => rest.get().namespace(ns).resource(r)
 * .params(o).do(s)`, and the same with `.watch(s)`.
 */
export interface ListWatchClient {
  /** `namespace` is "" for all namespaces or for cluster-scoped resources. */
  list<T>(resource: string, namespace: string, opts: ListOptions, signal?: AbortSignal): Promise<ListResult<T>>;
  watch<T>(resource: string, namespace: string, opts: ListOptions, signal?: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>>;
}

export interface Selectors {
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * client-go NewListWatchFromClient / NewFilteredListWatchFromClient: a ListerWatcher over one
 * resource in one namespace ("" = all), with fixed selectors or an option tweak applied to every
 * list and watch.
 */
export function newListWatchFromClient<T>(
  client: ListWatchClient,
  resource: string,
  namespace: string,
  selectors: Selectors | TweakListOptions = {},
): ListerWatcher<T> {
  const tweak: TweakListOptions =
    typeof selectors === 'function'
      ? selectors
      : (o) => {
          if (selectors.labelSelector) o.labelSelector = selectors.labelSelector;
          if (selectors.fieldSelector) o.fieldSelector = selectors.fieldSelector;
        };
  return {
    list(opts, signal) {
      const o = { ...opts };
      tweak(o);
      return client.list<T>(resource, namespace, o, signal);
    },
    watch(opts, signal) {
      const o = { ...opts };
      tweak(o);
      return client.watch<T>(resource, namespace, o, signal);
    },
  };
}

/** Wraps a ListerWatcher so that `tweak` edits the options of every call. */
export function tweakListerWatcher<T>(lw: ListerWatcher<T>, tweak: TweakListOptions | undefined): ListerWatcher<T> {
  if (!tweak) return lw;
  return {
    list(opts, signal) {
      const o = { ...opts };
      tweak(o);
      return lw.list(o, signal);
    },
    watch(opts, signal) {
      const o = { ...opts };
      tweak(o);
      return lw.watch(o, signal);
    },
  };
}
