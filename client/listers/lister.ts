/**
 * Listers: read-only, selector-aware views of an informer's indexer (client-go
 * tools/cache/listers.go ListAll/ListAllByNamespace, listers.ResourceIndexer and GenericLister).
 * They never call the API server; results are the cached objects (do not mutate them) and may be
 * stale by the informer's lag.
 *
 * - `list(selector?)` filters by labels; `byNamespace(ns).list()` uses the namespace index when
 *   the indexer has one, else scans.
 * - `get(name)` returns undefined when absent (client-go returns a NotFound error). For
 *   namespaced resources use `byNamespace(ns).get(name)`; the top-level `get` takes a store key
 *   ("ns/name"), as client-go's GenericLister does.
 */
import { NAMESPACE_INDEX, type Indexer } from '../cache/indexer.js';
import type { KubeObjectLike, Store } from '../cache/store.js';
import { consoleLogger, type Logger } from '../cache/log.js';
import { toSelector, type SelectorLike } from './selector.js';

export interface NamespaceLister<T> {
  list(selector?: SelectorLike): T[];
  get(name: string): T | undefined;
}

export interface Lister<T> {
  list(selector?: SelectorLike): T[];
  get(name: string): T | undefined;
  byNamespace(namespace: string): NamespaceLister<T>;
}

/** Objects of `store` whose labels match `selector`. */
export function listAll<T extends KubeObjectLike>(store: Store<T>, selector?: SelectorLike): T[] {
  const sel = toSelector(selector);
  const items = store.list();
  if (sel.empty()) return items;
  return items.filter((o) => sel.matches(o.metadata?.labels));
}

/** Objects in `namespace` ("" = all) whose labels match; uses the namespace index if present. */
export function listAllByNamespace<T extends KubeObjectLike>(
  indexer: Indexer<T>,
  namespace: string,
  selector?: SelectorLike,
  logger: Logger = consoleLogger,
): T[] {
  if (namespace === '') return listAll(indexer, selector);
  const sel = toSelector(selector);
  let items: T[];
  if (NAMESPACE_INDEX in indexer.getIndexers()) {
    items = indexer.byIndex(NAMESPACE_INDEX, namespace);
  } else {
    logger.debug(`can not retrieve list of objects using the ${NAMESPACE_INDEX} index; scanning`);
    items = indexer.list().filter((o) => (o.metadata?.namespace ?? '') === namespace);
  }
  return sel.empty() ? items : items.filter((o) => sel.matches(o.metadata?.labels));
}

/** A Lister over an informer's indexer. */
export function newLister<T extends KubeObjectLike>(indexer: Indexer<T>): Lister<T> {
  return {
    list: (selector) => listAll(indexer, selector),
    get: (name) => indexer.getByKey(name),
    byNamespace: (namespace) => ({
      list: (selector) => listAllByNamespace(indexer, namespace, selector),
      get: (name) => indexer.getByKey(namespace ? `${namespace}/${name}` : name),
    }),
  };
}

/**
 * A typed lister for a namespaced resource: the generic lister plus the resource-named
 * namespace accessor client-go's generated listers have (`podLister.pods('default').get('x')`).
 */
export type NamespacedLister<T, A extends string> = Lister<T> & { readonly [K in A]: (namespace: string) => NamespaceLister<T> };

export function newNamespacedLister<T extends KubeObjectLike, A extends string>(indexer: Indexer<T>, accessor: A): NamespacedLister<T, A> {
  const base = newLister(indexer);
  return Object.assign(base, { [accessor]: (ns: string) => base.byNamespace(ns) }) as NamespacedLister<T, A>;
}
