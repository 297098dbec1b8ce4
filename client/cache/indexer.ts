/**
 * Store and Indexer over the thread-safe store (client-go tools/cache/store.go `cache`,
 * index.go): the object's key comes from a KeyFunc, and named index functions map objects to
 * index values for byIndex lookups (pods by namespace, by node, ...).
 */
import type { DeletedFinalStateUnknown, TransformFunc } from './deltas.js';
import { TransactionError, type Transaction, type TransactionStore } from './process-batch.js';
import { KeyError, metaNamespaceKeyFunc, type KeyedWrites, type KeyFunc, type KubeObjectLike, type Store } from './store.js';
import { ThreadSafeStore, type Indexers } from './thread-safe-store.js';

export type { IndexFunc, Indexers } from './thread-safe-store.js';

/** The conventional name of the namespace index. */
export const NAMESPACE_INDEX = 'namespace';

/** Indexes an object by its namespace (cluster-scoped objects: the empty string). */
export function metaNamespaceIndexFunc(obj: unknown): string[] {
  const meta = (obj as KubeObjectLike | null)?.metadata;
  if (!meta) throw new KeyError(obj, 'object has no meta');
  return [meta.namespace ?? ''];
}

export interface Indexer<T> extends Store<T> {
  /** Objects that share an indexed value with `obj`. */
  index(indexName: string, obj: T): T[];
  /** Keys of the objects indexed under `indexedValue`. */
  indexKeys(indexName: string, indexedValue: string): string[];
  /** All values present in the index. */
  listIndexFuncValues(indexName: string): string[];
  /** Objects indexed under `indexedValue`. */
  byIndex(indexName: string, indexedValue: string): T[];
  getIndexers(): Indexers<T>;
  /** Adds index functions; existing items are indexed at once. Throws on a name conflict. */
  addIndexers(newIndexers: Indexers<T>): void;
}

/** client-go StoreOption: WithTransformer. */
export interface StoreOptions<T> {
  /** Applied (after the key is computed) to what add, update and replace are given. */
  transformer?: TransformFunc<T>;
}

/**
 * client-go's `cache`: a key function over a ThreadSafeStore. Keyed writes and transactions
 * store objects as given (no transform), as client-go's Transaction does.
 */
class Cache<T> implements Indexer<T>, KeyedWrites<T>, TransactionStore<T> {
  private readonly store: ThreadSafeStore<T>;
  private readonly transformer: TransformFunc<T> | undefined;

  constructor(
    private readonly keyFunc: KeyFunc<T>,
    indexers: Indexers<T>,
    opts: StoreOptions<T> = {},
  ) {
    this.store = new ThreadSafeStore(indexers);
    this.transformer = opts.transformer;
  }

  add(obj: T): void {
    const key = this.keyFunc(obj);
    this.store.add(key, this.transformer ? this.transformer(obj) : obj);
  }

  update(obj: T): void {
    const key = this.keyFunc(obj);
    this.store.update(key, this.transformer ? this.transformer(obj) : obj);
  }

  /** client-go cache.Transaction: every write it can apply, in order; the others are reported. */
  transaction(...txns: Transaction<T>[]): TransactionError | undefined {
    const successfulIndices: number[] = [];
    const errors: unknown[] = [];
    for (let i = 0; i < txns.length; i++) {
      const txn = txns[i];
      try {
        const key = txn.key ?? this.keyFunc(txn.object);
        if (txn.type === 'Delete') this.store.delete(key);
        else if (txn.type === 'Update') this.store.update(key, txn.object as T);
        else this.store.add(key, txn.object as T);
      } catch (err) {
        // A KeyError (as client-go), or an index function that threw (client-go panics).
        errors.push(err);
        continue;
      }
      successfulIndices.push(i);
    }
    return errors.length > 0 ? new TransactionError(successfulIndices, txns.length, errors) : undefined;
  }

  delete(obj: T | DeletedFinalStateUnknown<T>): void {
    this.store.delete(this.keyFunc(obj));
  }

  addWithKey(key: string, obj: T): void {
    this.store.add(key, obj);
  }

  updateWithKey(key: string, obj: T): void {
    this.store.update(key, obj);
  }

  deleteWithKey(key: string): void {
    this.store.delete(key);
  }

  list(): T[] {
    return this.store.list();
  }

  listKeys(): string[] {
    return this.store.listKeys();
  }

  get(obj: T | DeletedFinalStateUnknown<T>): T | undefined {
    return this.store.get(this.keyFunc(obj));
  }

  getByKey(key: string): T | undefined {
    return this.store.get(key);
  }

  replace(list: T[], _resourceVersion: string): void {
    const items = new Map<string, T>();
    for (const obj of list) {
      const key = this.keyFunc(obj);
      items.set(key, this.transformer ? this.transformer(obj) : obj);
    }
    this.store.replace(items);
  }

  resync(): void {}

  index(indexName: string, obj: T): T[] {
    return this.store.index(indexName, obj);
  }

  indexKeys(indexName: string, indexedValue: string): string[] {
    return this.store.indexKeys(indexName, indexedValue);
  }

  listIndexFuncValues(indexName: string): string[] {
    return this.store.listIndexFuncValues(indexName);
  }

  byIndex(indexName: string, indexedValue: string): T[] {
    return this.store.byIndex(indexName, indexedValue);
  }

  getIndexers(): Indexers<T> {
    return this.store.getIndexers();
  }

  addIndexers(newIndexers: Indexers<T>): void {
    this.store.addIndexers(newIndexers);
  }

  get size(): number {
    return this.store.size;
  }
}

/** client-go NewIndexer. */
export function newIndexer<T>(keyFunc: KeyFunc<T> = metaNamespaceKeyFunc, indexers: Indexers<T> = {}): Indexer<T> {
  return new Cache(keyFunc, indexers);
}

/** client-go NewStore: an Indexer with no indexes. */
export function newStore<T>(keyFunc: KeyFunc<T> = metaNamespaceKeyFunc, opts: StoreOptions<T> = {}): Store<T> {
  return new Cache(keyFunc, {}, opts);
}
