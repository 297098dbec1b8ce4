/**
 * The map behind every Store and Indexer (client-go tools/cache/thread_safe_store.go): items by
 * key, plus for each named index a map from indexed value to the set of keys whose object
 * produces that value. JavaScript runs one callback at a time, so "thread-safe" here means every
 * method leaves items and indices consistent before it returns; no caller ever sees half an update.
 *
 * Invariants:
 * - For every index name N, key K and value V: K ∈ indices[N][V] ⇔ V ∈ indexers[N](items[K]).
 * - Empty value sets are deleted, so high-cardinality indexes (by UID, by node) do not leak.
 * - An index function that throws leaves the store unchanged for that call and the error
 *   propagates (client-go panics there).
 */
export type IndexFunc<T> = (obj: T) => string[];
export type Indexers<T> = Record<string, IndexFunc<T>>;

type Index = Map<string, Set<string>>;

export class ThreadSafeStore<T> {
  private items = new Map<string, T>();
  private indexers: Indexers<T>;
  private indices = new Map<string, Index>();
  /** Object.keys(indexers), kept with it. */
  private indexerNames: string[];

  constructor(indexers: Indexers<T> = {}) {
    this.indexers = { ...indexers };
    this.indexerNames = Object.keys(this.indexers);
  }

  add(key: string, obj: T): void {
    this.update(key, obj);
  }

  update(key: string, obj: T): void {
    const old = this.items.get(key);
    this.updateIndices(old, obj, key);
    this.items.set(key, obj);
  }

  delete(key: string): void {
    const old = this.items.get(key);
    if (old === undefined && !this.items.has(key)) return;
    this.updateIndices(old, undefined, key);
    this.items.delete(key);
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  get size(): number {
    return this.items.size;
  }

  /** Replaces everything and rebuilds the indices from scratch. */
  replace(items: Map<string, T>): void {
    const next = new Map(items);
    const indices = new Map<string, Index>();
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index: Index = new Map();
      for (const [key, obj] of next) for (const v of fn(obj)) addKey(index, v, key);
      indices.set(name, index);
    }
    this.items = next;
    this.indices = indices;
  }

  /** Objects sharing any indexed value with `obj` under index `indexName`. */
  index(indexName: string, obj: T): T[] {
    const fn = this.indexFunc(indexName);
    const values = fn(obj);
    const index = this.indices.get(indexName);
    const keys = new Set<string>();
    for (const v of values) for (const k of index?.get(v) ?? []) keys.add(k);
    return [...keys].map((k) => this.items.get(k)!);
  }

  /** Keys of the objects whose index function yields `indexedValue`. */
  indexKeys(indexName: string, indexedValue: string): string[] {
    this.indexFunc(indexName);
    return [...(this.indices.get(indexName)?.get(indexedValue) ?? [])];
  }

  /** Every value the index currently holds. */
  listIndexFuncValues(indexName: string): string[] {
    return [...(this.indices.get(indexName)?.keys() ?? [])];
  }

  byIndex(indexName: string, indexedValue: string): T[] {
    this.indexFunc(indexName);
    const keys = this.indices.get(indexName)?.get(indexedValue);
    if (!keys) return [];
    return [...keys].map((k) => this.items.get(k)!);
  }

  getIndexers(): Indexers<T> {
    return { ...this.indexers };
  }

  /** Adds index functions (names must be new) and indexes the existing items with them. */
  addIndexers(newIndexers: Indexers<T>): void {
    const conflicts = Object.keys(newIndexers).filter((n) => n in this.indexers);
    if (conflicts.length > 0) throw new Error(`indexer conflict: ${conflicts.join(', ')}`);
    const built = new Map<string, Index>();
    for (const [name, fn] of Object.entries(newIndexers)) {
      const index: Index = new Map();
      for (const [key, obj] of this.items) for (const v of fn(obj)) addKey(index, v, key);
      built.set(name, index);
    }
    Object.assign(this.indexers, newIndexers);
    this.indexerNames = Object.keys(this.indexers);
    for (const [name, index] of built) this.indices.set(name, index);
  }

  private indexFunc(indexName: string): IndexFunc<T> {
    const fn = this.indexers[indexName];
    if (!fn) throw new Error(`Index with name ${indexName} does not exist`);
    return fn;
  }

  /**
   * Computes all new values first, so a throwing index function changes nothing. Allocation-free
   * for the common shapes (one indexer; old and new values both single and equal) since it runs
   * once per object event.
   */
  private updateIndices(oldObj: T | undefined, newObj: T | undefined, key: string): void {
    const names = this.indexerNames;
    if (names.length === 0) return;
    if (names.length === 1) {
      const name = names[0];
      const fn = this.indexers[name];
      const oldValues = oldObj !== undefined ? fn(oldObj) : NO_VALUES;
      const newValues = newObj !== undefined ? fn(newObj) : NO_VALUES;
      this.applyIndexChange(name, oldValues, newValues, key);
      return;
    }
    const plans: Array<[string, string[], string[]]> = [];
    for (const name of names) {
      const fn = this.indexers[name];
      plans.push([name, oldObj !== undefined ? fn(oldObj) : NO_VALUES, newObj !== undefined ? fn(newObj) : NO_VALUES]);
    }
    for (const [name, oldValues, newValues] of plans) this.applyIndexChange(name, oldValues, newValues, key);
  }

  private applyIndexChange(name: string, oldValues: string[], newValues: string[], key: string): void {
    let index = this.indices.get(name);
    if (!index) this.indices.set(name, (index = new Map()));
    // The common case: one value, unchanged.
    if (oldValues.length === 1 && newValues.length === 1 && oldValues[0] === newValues[0]) return;
    for (let i = 0; i < oldValues.length; i++) deleteKey(index, oldValues[i], key);
    for (let i = 0; i < newValues.length; i++) addKey(index, newValues[i], key);
  }
}

const NO_VALUES: string[] = [];

function addKey(index: Index, value: string, key: string): void {
  let set = index.get(value);
  if (!set) index.set(value, (set = new Set()));
  set.add(key);
}

function deleteKey(index: Index, value: string, key: string): void {
  const set = index.get(value);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) index.delete(value);
}
