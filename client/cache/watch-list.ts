/**
 * Pieces of the reflector's streaming list (watch-list, the WatchListClient feature) as client-go
 * v0.35 has them:
 *
 * - `newWatchListTemporaryStore`: the store the initial events are collected in before the
 *   target store is replaced. It applies the target store's transform (reflector.go watchList:
 *   `NewStore(DeletionHandlingMetaNamespaceKeyFunc, WithTransformer(tr.Transformer()))`), like
 *   store.go `cache`: the key is computed before the transform, which runs on add, update and
 *   replace but not delete. The FIFO's Replace transforms the same objects again, so transforms
 *   must be idempotent (see TransformFunc).
 * - `isUnsupportedTableObject`: watch-list events carrying a meta.k8s.io Table (v1 or v1beta1)
 *   are skipped (reflector.go isUnsupportedTableObject, kubernetes#132926). In client-go only
 *   `*unstructured.Unstructured` objects can be one; here every object is plain data, so the
 *   check is on apiVersion and kind.
 * - `doesClientNotSupportWatchListSemantics`: a ListerWatcher opts out of watch-list by
 *   implementing `isWatchListSemanticsUnsupported()` returning true (util/watchlist
 *   DoesClientNotSupportWatchListSemantics).
 */
import type { DeletedFinalStateUnknown, TransformFunc } from './deltas.js';
import type { KeyFunc, KubeObjectLike, Store } from './store.js';
import { ThreadSafeStore } from './thread-safe-store.js';

/** A Store that transforms everything it is given (client-go NewStore(..., WithTransformer)). */
export function newWatchListTemporaryStore<T>(keyFunc: KeyFunc<T>, transform: TransformFunc<T> | undefined): Store<T> {
  const items = new ThreadSafeStore<T>();
  const tr = (obj: T) => (transform ? transform(obj) : obj);
  return {
    add: (obj) => {
      const key = keyFunc(obj);
      items.add(key, tr(obj));
    },
    update: (obj) => {
      const key = keyFunc(obj);
      items.update(key, tr(obj));
    },
    delete: (obj: T | DeletedFinalStateUnknown<T>) => items.delete(keyFunc(obj)),
    list: () => items.list(),
    listKeys: () => items.listKeys(),
    get: (obj) => items.get(keyFunc(obj)),
    getByKey: (key) => items.get(key),
    replace: (list) => {
      const next = new Map<string, T>();
      for (const obj of list) {
        const key = keyFunc(obj);
        next.set(key, tr(obj));
      }
      items.replace(next);
    },
    resync: () => {},
  };
}

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
