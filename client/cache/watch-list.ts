/**
 * Pieces of the reflector's streaming list (watch-list, the WatchListClient feature) as client-go
 * v0.35 has them:
 *
 * - `isUnsupportedTableObject`: watch-list events carrying a meta.k8s.io Table (v1 or v1beta1)
 *   are skipped (reflector.go isUnsupportedTableObject, kubernetes#132926). In client-go only
 *   `*unstructured.Unstructured` objects can be one; here every object is plain data, so the
 *   check is on apiVersion and kind.
 * - `doesClientNotSupportWatchListSemantics`: a ListerWatcher opts out of watch-list by
 *   implementing `isWatchListSemanticsUnsupported()` returning true (util/watchlist
 *   DoesClientNotSupportWatchListSemantics).
 */
import type { KubeObjectLike } from './store.js';

const UNSUPPORTED_TABLE_API_VERSIONS = new Set(['meta.k8s.io/v1', 'meta.k8s.io/v1beta1']);

/** A meta.k8s.io Table (v1 or v1beta1), which a watch-list must not put in the store. */
export function isUnsupportedTableObject(obj: unknown): boolean {
  const o = obj as KubeObjectLike | null;
  return o?.kind === 'Table' && UNSUPPORTED_TABLE_API_VERSIONS.has(o.apiVersion ?? '');
}

/** The GroupVersionKind as Go prints it: "meta.k8s.io/v1, Kind=Table", "/v1, Kind=Pod". */
export function gvkString(obj: KubeObjectLike): string {
  const apiVersion = obj.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  return `${group}/${version}, Kind=${obj.kind ?? ''}`;
}

/** Implemented by ListerWatchers (e.g. fakes) that cannot serve watch-list semantics. */
export interface WatchListSemanticsUnsupported {
  isWatchListSemanticsUnsupported(): boolean;
}

/** True only when `client` implements isWatchListSemanticsUnsupported and it returns true. */
export function doesClientNotSupportWatchListSemantics(client: unknown): boolean {
  const c = client as Partial<WatchListSemanticsUnsupported> | null;
  return typeof c?.isWatchListSemanticsUnsupported === 'function' && c.isWatchListSemanticsUnsupported() === true;
}
