/**
 * DeltaFIFO (client-go tools/cache/delta_fifo.go), the classic informer queue: deltas are
 * accumulated per key, and Pop hands out all of one key's deltas at once, keys in order of first
 * insertion. Select it per informer with `fifo: 'delta'`.
 *
 * Invariants:
 * - A key is in `queue` if and only if it is in `items`, and then its Deltas are non-empty.
 * - Of two consecutive deletions of a key only one is kept: the one with more information (a
 *   real object beats a DeletedFinalStateUnknown).
 * - `delete` of a key that is neither queued nor known is dropped: it was presumably already
 *   reported by a relist.
 * - Replace queues `Replaced` for each listed object, then `Deleted(DeletedFinalStateUnknown)`
 *   for each queued key absent from the list (with its newest queued object, unwrapping a
 *   tombstone) and for each known key absent from the list and not queued.
 * - `hasSynced` is true once every key of the first Replace (listed and synthetic deletions) was
 *   popped, or an Add/Update/Delete came first.
 * - The transform runs on every object queued, except tombstones and resync Syncs. Replace's
 *   objects are transformed even when emitted as `Sync` (emitDeltaTypeReplaced=false), as v0.35
 *   queueActionInternalLocked does (it decides on the internal action, Replaced).
 * - Pop hands out one key at a time: DeltaFIFO has no popBatch (client-go: it does not implement
 *   QueueWithBatch), so informers over it never batch.
 */
import { Deque, Notifier } from '../tools/deque.js';
import {
  DeletedFinalStateUnknown,
  type Delta,
  type DeltaType,
  type KeyListerGetter,
  type PopProcessFunc,
  type Queue,
  type TransformFunc,
  type TransformingStore,
} from './deltas.js';
import type { KeyFunc } from './store.js';

export interface DeltaFIFOOptions<T> {
  keyFunction: KeyFunc<T>;
  knownObjects?: KeyListerGetter<T>;
  /** Replace emits `Replaced` instead of `Sync` (informers set this). Default true. */
  emitDeltaTypeReplaced?: boolean;
  transformer?: TransformFunc<T>;
}

export class DeltaFIFO<T> implements Queue<T>, TransformingStore<T> {
  private readonly items = new Map<string, Delta<T>[]>();
  private readonly queue = new Deque<string>();
  private readonly wake = new Notifier();
  private populated = false;
  private initialPopulationCount = 0;
  private closed = false;
  private readonly keyFunc: KeyFunc<T>;
  private readonly knownObjects: KeyListerGetter<T> | undefined;
  private readonly emitDeltaTypeReplaced: boolean;
  private readonly transform: TransformFunc<T> | undefined;

  constructor(opts: DeltaFIFOOptions<T>) {
    this.keyFunc = opts.keyFunction;
    this.knownObjects = opts.knownObjects;
    this.emitDeltaTypeReplaced = opts.emitDeltaTypeReplaced ?? true;
    this.transform = opts.transformer;
  }

  /** TransformingStore: the reflector applies it to its watch-list temporary store too. */
  transformer(): TransformFunc<T> | undefined {
    return this.transform;
  }

  get length(): number {
    return this.queue.length;
  }

  keyOf(obj: T | DeletedFinalStateUnknown<T> | Delta<T>[]): string {
    if (Array.isArray(obj)) {
      if (obj.length === 0) throw new Error("0 length Deltas object; can't get key");
      obj = obj[obj.length - 1].object;
    }
    return obj instanceof DeletedFinalStateUnknown ? obj.key : this.keyFunc(obj);
  }

  add(obj: T): void {
    this.populated = true;
    this.queueAction('Added', obj);
  }

  update(obj: T): void {
    this.populated = true;
    this.queueAction('Updated', obj);
  }

  delete(obj: T | DeletedFinalStateUnknown<T>): void {
    const id = this.keyOf(obj);
    this.populated = true;
    const known = this.knownObjects ? this.knownObjects.getByKey(id) !== undefined : false;
    if (!known && !this.items.has(id)) return;
    this.queueAction('Deleted', obj);
  }

  /** The queued deltas of a key (a copy), if any. */
  getByKey(key: string): Delta<T>[] | undefined {
    const d = this.items.get(key);
    return d ? [...d] : undefined;
  }

  listKeys(): string[] {
    return [...this.queue];
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

  /**
   * queueActionInternalLocked: `type` is the emitted delta type (it honours
   * emitDeltaTypeReplaced); `internalType` decides the transform and ignores it, so Replace's
   * objects are transformed even when emitted as Sync.
   */
  private queueAction(type: DeltaType, obj: T | DeletedFinalStateUnknown<T>, internalType: DeltaType = type): void {
    const id = this.keyOf(obj);
    if (this.transform && internalType !== 'Sync' && !(obj instanceof DeletedFinalStateUnknown)) obj = this.transform(obj);
    const old = this.items.get(id);
    const deltas = dedupDeltas([...(old ?? []), { type, object: obj }]);
    if (!old) this.queue.push(id);
    this.items.set(id, deltas);
    this.wake.notify();
  }

  async pop(process: PopProcessFunc<T>, signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      while (this.queue.length === 0) {
        if (this.closed || signal?.aborted) return false;
        await this.wake.wait(signal);
      }
      if (this.tryPop(process)) return true;
    }
  }

  tryPop(process: PopProcessFunc<T>): boolean {
    while (this.queue.length > 0) {
      const isInInitialList = !this.hasSynced();
      const id = this.queue.shift()!;
      if (this.initialPopulationCount > 0) this.initialPopulationCount--;
      const item = this.items.get(id);
      if (!item) continue; // cannot happen: queue and items move together
      this.items.delete(id);
      process(item, isInInitialList);
      return true;
    }
    return false;
  }

  replace(list: T[], _resourceVersion: string): void {
    const keys = new Set<string>();
    const action: DeltaType = this.emitDeltaTypeReplaced ? 'Replaced' : 'Sync';
    for (const item of list) {
      keys.add(this.keyOf(item));
      this.queueAction(action, item, 'Replaced');
    }

    let queuedDeletions = 0;
    for (const [k, oldItem] of [...this.items]) {
      if (keys.has(k)) continue;
      let deleted: T | undefined;
      const newest = oldItem[oldItem.length - 1];
      if (newest) {
        const o = newest.object;
        deleted = o instanceof DeletedFinalStateUnknown ? o.obj : o;
      }
      queuedDeletions++;
      this.queueAction('Deleted', new DeletedFinalStateUnknown(k, deleted));
    }

    if (this.knownObjects) {
      for (const k of this.knownObjects.listKeys()) {
        if (keys.has(k) || (this.items.get(k)?.length ?? 0) > 0) continue;
        queuedDeletions++;
        this.queueAction('Deleted', new DeletedFinalStateUnknown(k, this.knownObjects.getByKey(k)));
      }
    }

    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = keys.size + queuedDeletions;
    }
  }

  resync(): void {
    if (!this.knownObjects) return;
    for (const key of this.knownObjects.listKeys()) {
      const obj = this.knownObjects.getByKey(key);
      if (obj === undefined) continue;
      // A queued event would be followed by a resync with the previous value: skip the key.
      if ((this.items.get(this.keyOf(obj))?.length ?? 0) > 0) continue;
      this.queueAction('Sync', obj);
    }
  }
}

/** Collapses the last two deltas when both are deletions (isDeletionDup). */
export function dedupDeltas<T>(deltas: Delta<T>[]): Delta<T>[] {
  const n = deltas.length;
  if (n < 2) return deltas;
  const a = deltas[n - 1];
  const b = deltas[n - 2];
  if (a.type !== 'Deleted' || b.type !== 'Deleted') return deltas;
  const keep = b.object instanceof DeletedFinalStateUnknown ? a : b;
  return [...deltas.slice(0, n - 2), keep];
}
