/**
 * Where informer factories get their ListerWatchers. A factory asks for one per
 * (resource, namespace, option tweak); anything able to answer works:
 *
 * - `httpListerWatcherFactory({ baseUrl, token })`: raw HTTP, usable now (tests, examples).
 * - `listerWatcherFactoryFromClient(gv => restClientFor(gv))`: per-group-version REST clients
 *   (the clientset's, once the core lands) adapted by newListWatchFromClient.
 * - any object with a `listerWatcher(gvr, namespace, tweak)` method.
 */
import { newHttpListerWatcher, type HttpListWatchConfig } from '../cache/http-listwatch.js';
import {
  newListWatchFromClient,
  type GroupVersionResource,
  type ListerWatcher,
  type ListWatchClient,
  type TweakListOptions,
} from '../cache/listwatch.js';

export interface ListerWatcherFactory {
  listerWatcher<T>(gvr: GroupVersionResource, namespace: string, tweak?: TweakListOptions): ListerWatcher<T>;
}

/** Returns the REST client of a group/version (structural; see ListWatchClient). */
export type RestClientForGroupVersion = (gv: { group: string; version: string }) => ListWatchClient;

export function httpListerWatcherFactory(config: HttpListWatchConfig): ListerWatcherFactory {
  return { listerWatcher: (gvr, namespace, tweak) => newHttpListerWatcher(config, gvr, namespace, tweak) };
}

export function listerWatcherFactoryFromClient(restClientFor: RestClientForGroupVersion): ListerWatcherFactory {
  return {
    listerWatcher: <T>(gvr: GroupVersionResource, namespace: string, tweak?: TweakListOptions) =>
      newListWatchFromClient<T>(restClientFor(gvr), gvr.resource, namespace, tweak ?? {}),
  };
}

/** What `newSharedInformerFactory` accepts as its client. */
export type InformerSource = ListerWatcherFactory | RestClientForGroupVersion | HttpListWatchConfig;

export function toListerWatcherFactory(source: InformerSource): ListerWatcherFactory {
  if (typeof (source as ListerWatcherFactory).listerWatcher === 'function') return source as ListerWatcherFactory;
  if (typeof source === 'function') return listerWatcherFactoryFromClient(source);
  if (typeof (source as HttpListWatchConfig).baseUrl === 'string') return httpListerWatcherFactory(source as HttpListWatchConfig);
  throw new TypeError('informer source must be a ListerWatcherFactory, a (groupVersion) => REST client function, or { baseUrl }');
}
