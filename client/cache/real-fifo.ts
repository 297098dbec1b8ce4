/**
 * RealFIFO (client-go tools/cache/the_real_fifo.go), the default informer queue since
 * InOrderInformers: every notification from the reflector is delivered, in arrival order, with no
 * per-key coalescing. A relist (Replace) becomes synthetic deletions followed by one Replaced
 * delta per listed object.
 *
 * Invariants:
 * - `items` holds deltas in the order the reflector produced them; Pop hands out exactly one,
 *   popBatch a run of them (see tryPopBatch for its extent).
 * - Replace first queues `Deleted(DeletedFinalStateUnknown)` for every key that is queued (and
 *   whose last queued delta is not already a deletion) or known to the indexer, but absent from
 *   the new list; then queues `Replaced` for every listed object. Deletions come before
 *   replacements, so a handler never sees a stale object resurrected.
 * - `hasSynced` is true once the first Replace's deltas (deletions included) were all popped, or
 *   an Add/Update/Delete arrived before any Replace.
 * - The transform runs once per object as it is queued; never on tombstones or Sync deltas.
 *   (Watch-list results were already transformed by the reflector's temporary store: see
 *   TransformFunc on idempotence.)
 */
import { Deque, Notifier } from '../tools/deque.js';
import {
  DeletedFinalStateUnknown,
  type Delta,
  type DeltaType,
  type KeyListerGetter,
  type PopProcessFunc,
  type ProcessBatchFunc,
  type QueueWithBatch,
  type TransformFunc,
  type TransformingStore,
} from './deltas.js';
import type { KeyFunc } from './store.js';

export interface RealFIFOOptions<T> {
  keyFunction: KeyFunc<T>;
  /** The indexer: Replace detects deletions against it and Resync re-queues its objects. */
  knownObjects: KeyListerGetter<T>;
  transformer?: TransformFunc<T>;
}

/** The largest batch popBatch hands out (the_real_fifo.go defaultBatchSize). */
export const DEFAULT_BATCH_SIZE = 1000;

export class RealFIFO<T> implements QueueWithBatch<T>, TransformingStore<T> {
  private readonly items = new Deque<Delta<T>>();
  private readonly wake = new Notifier();
  private populated = false;
  private initialPopulationCount = 0;
  private closed = false;
  private readonly keyFunc: KeyFunc<T>;
  private readonly knownObjects: KeyListerGetter<T>;
  private readonly transform: TransformFunc<T> | undefined;

  constructor(opts: RealFIFOOptions<T>) {
    this.keyFunc = opts.keyFunction;
    this.knownObjects = opts.knownObjects;
    this.transform = opts.transformer;
  }

  /** TransformingStore: the reflector applies it to its watch-list temporary store too. */
  transformer(): TransformFunc<T> | undefined {
    return this.transform;
  }

  get length(): number {
    return this.items.length;
  }

  private keyOf(obj: T | DeletedFinalStateUnknown<T>): string {
    return obj instanceof DeletedFinalStateUnknown ? obj.key : this.keyFunc(obj);
  }

  /** `keyed`: the caller already computed the key (so a KeyError was already thrown). */
  /** `key`: the caller already computed it (so a KeyError was already thrown). */
  private addToItems(type: DeltaType, skipTransform: boolean, obj: T | DeletedFinalStateUnknown<T>, key?: string): void {
    key ??= this.keyOf(obj); // throws KeyError before anything is queued
    if (this.transform && !skipTransform && !(obj instanceof DeletedFinalStateUnknown)) {
      const transformed = this.transform(obj);
      // client-go keys the queued (transformed) object; a transform returning a new object could
      // in principle rename it.
      if (transformed !== obj) key = this.keyOf(transformed);
      obj = transformed;
    }
    this.items.push({ type, object: obj, key });
    this.wake.notify();
  }

  add(obj: T): void {
    this.populated = true;
    this.addToItems('Added', false, obj);
  }

  update(obj: T): void {
    this.populated = true;
    this.addToItems('Updated', false, obj);
  }

  delete(obj: T | DeletedFinalStateUnknown<T>): void {
    this.populated = true;
    this.addToItems('Deleted', false, obj);
  }

  hasSynced(): boolean {
    return this.populated && this.initialPopulationCount === 0;
  }

  close(): void {
    this.closed = true;
    this.wake.notify();
  }

  isClosed(): boolean {
    return this.closed;
  }

  async pop(process: PopProcessFunc<T>, signal?: AbortSignal): Promise<boolean> {
    while (this.items.length === 0) {
      if (this.closed || signal?.aborted) return false;
      await this.wake.wait(signal);
    }
    return this.tryPop(process);
  }

  tryPop(process: PopProcessFunc<T>): boolean {
    if (this.items.length === 0) return false;
    const isInInitialList = !this.hasSynced();
    const item = this.items.shift()!;
    if (this.initialPopulationCount > 0) this.initialPopulationCount--;
    process([item], isInInitialList);
    return true;
  }

  /** PopBatch (the_real_fifo.go): waits for an item, then hands out one batch (see tryPopBatch). */
  async popBatch(process: ProcessBatchFunc<T>, signal?: AbortSignal): Promise<boolean> {
    while (this.items.length === 0) {
      if (this.closed || signal?.aborted) return false;
      await this.wake.wait(signal);
    }
    return this.tryPopBatch(process);
  }

  /**
   * One batch, as v0.35 PopBatch builds it: the longest run from the head of at most
   * DEFAULT_BATCH_SIZE deltas with distinct keys (it closes before the first repeated key) that
   * does not cross the end of the first Replace's items, so one `isInInitialList`, computed
   * before the pop, is right for all of it. An item whose key cannot be computed is still popped
   * and closes the batch. The deltas leave the queue (and the initial-population count) before
   * `process` runs.
   */
  tryPopBatch(process: ProcessBatchFunc<T>): boolean {
    if (this.items.length === 0) return false;
    const isInInitialList = !this.hasSynced();
    const unique = new Set<string>();
    const deltas: Delta<T>[] = [];
    for (let i = 0; i < DEFAULT_BATCH_SIZE && this.items.length > 0; i++) {
      if (this.initialPopulationCount > 0 && i >= this.initialPopulationCount) break;
      const item = this.items.peek()!;
      let id: string;
      try {
        id = item.key ?? this.keyOf(item.object);
      } catch {
        // As client-go: close the batch here, but still pop the broken item (as Pop would).
        deltas.push(this.items.shift()!);
        break;
      }
      if (unique.has(id)) break;
      unique.add(id);
      deltas.push(this.items.shift()!);
    }
    if (this.initialPopulationCount > 0) this.initialPopulationCount -= deltas.length;
    process(deltas, isInInitialList);
    return true;
  }

  replace(newItems: T[], _resourceVersion: string): void {
    const keys = newItems.map((obj) => this.keyFunc(obj));
    const newKeys = new Set(keys);

    const lastQueued = new Map<string, Delta<T>>();
    for (const d of this.items) lastQueued.set(d.key ?? this.keyOf(d.object), d);

    // Queued keys missing from the new list: deleted while we were disconnected.
    for (const [key, last] of lastQueued) {
      if (newKeys.has(key) || last.type === 'Deleted') continue;
      this.addToItems('Deleted', true, new DeletedFinalStateUnknown<T>(key, last.object as T), key);
    }
    // Known keys missing from the list and not queued.
    for (const key of this.knownObjects.listKeys()) {
      if (newKeys.has(key) || lastQueued.has(key)) continue;
      this.addToItems('Deleted', false, new DeletedFinalStateUnknown<T>(key, this.knownObjects.getByKey(key)), key);
    }
    for (let i = 0; i < newItems.length; i++) this.addToItems('Replaced', false, newItems[i], keys[i]);

    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = this.items.length;
    }
  }

  resync(): void {
    const queued = new Set<string>();
    for (const d of this.items) queued.add(d.key ?? this.keyOf(d.object));
    for (const key of this.knownObjects.listKeys()) {
      // An object with a queued event would be resynced with its previous value: skip it.
      if (queued.has(key)) continue;
      const obj = this.knownObjects.getByKey(key);
      if (obj === undefined) continue;
      this.addToItems('Sync', true, obj, key);
    }
  }
}
