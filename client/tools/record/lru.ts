/**
 * A fixed-size least-recently-used cache (github.com/golang/groupcache/lru, as the event
 * correlator uses it). A Map keeps insertion order, so re-inserting on every hit keeps the least
 * recently used entry first; `add` evicts from the front once `maxEntries` is exceeded.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly maxEntries: number) {
    if (!(maxEntries > 0)) throw new Error(`LRU cache size must be positive, got ${maxEntries}`);
  }

  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, v);
    return v;
  }

  add(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
