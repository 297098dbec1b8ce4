/**
 * RealFIFO (client-go tools/cache/the_real_fifo.go), the default informer queue since
 * InOrderInformers: every notification from the reflector is delivered, in arrival order, with no
 * per-key coalescing. A relist (Replace) becomes synthetic deletions followed by one Replaced
 * delta per listed object.
 *
 * Invariants:
 * - `items` holds deltas in the order the reflector produced them; Pop hands out exactly one.
 * - Replace first queues `Deleted(DeletedFinalStateUnknown)` for every key that is queued (and
 *   whose last queued delta is not already a deletion) or known to the indexer, but absent from
 *   the new list; then queues `Replaced` for every listed object. Deletions come before
 *   replacements, so a handler never sees a stale object resurrected.
 * - `hasSynced` is true once the first Replace's deltas (deletions included) were all popped, or
 *   an Add/Update/Delete arrived before any Replace.
 * - The transform runs once per object as it is queued; never on tombstones or Sync deltas.
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
} from './deltas.js';
import type { KeyFunc } from './store.js';

export interface RealFIFOOptions<T> {
  keyFunction: KeyFunc<T>;
  /** The indexer: Replace detects deletions against it and Resync re-queues its objects. */
  knownObjects: KeyListerGetter<T>;
  transformer?: TransformFunc<T>;
}

export class RealFIFO<T> implements Queue<T> {
  private readonly items = new Deque<Delta<T>>();
  private readonly wake = new Notifier();
  private populated = false;
  private initialPopulationCount = 0;
  private closed = false;
  private readonly keyFunc: KeyFunc<T>;
  private readonly knownObjects: KeyListerGetter<T>;
  private readonly transformer: TransformFunc<T> | undefined;

  constructor(opts: RealFIFOOptions<T>) {
    this.keyFunc = opts.keyFunction;
    this.knownObjects = opts.knownObjects;
    this.transformer = opts.transformer;
  }

  get length(): number {
    return this.items.length;
  }

  private keyOf(obj: T | DeletedFinalStateUnknown<T>): string {
    return obj instanceof DeletedFinalStateUnknown ? obj.key : this.keyFunc(obj);
  }

  /** `keyed`: the caller already computed the key (so a KeyError was already thrown). */
  private addToItems(type: DeltaType, skipTransform: boolean, obj: T | DeletedFinalStateUnknown<T>, keyed = false): void {
    if (!keyed) this.keyOf(obj); // throws KeyError before anything is queued
    if (this.transformer && !skipTransform && !(obj instanceof DeletedFinalStateUnknown)) obj = this.transformer(obj);
    this.items.push({ type, object: obj });
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

  replace(newItems: T[], _resourceVersion: string): void {
    const newKeys = new Set<string>();
    for (const obj of newItems) newKeys.add(this.keyFunc(obj));

    const lastQueued = new Map<string, Delta<T>>();
    for (const d of this.items) lastQueued.set(this.keyOf(d.object), d);

    // Queued keys missing from the new list: deleted while we were disconnected.
    for (const [key, last] of lastQueued) {
      if (newKeys.has(key) || last.type === 'Deleted') continue;
      this.addToItems('Deleted', true, new DeletedFinalStateUnknown<T>(key, last.object as T));
    }
    // Known keys missing from the list and not queued.
    for (const key of this.knownObjects.listKeys()) {
      if (newKeys.has(key) || lastQueued.has(key)) continue;
      this.addToItems('Deleted', false, new DeletedFinalStateUnknown<T>(key, this.knownObjects.getByKey(key)));
    }
    for (const obj of newItems) this.addToItems('Replaced', false, obj, true);

    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = this.items.length;
    }
  }

  resync(): void {
    const queued = new Set<string>();
    for (const d of this.items) queued.add(this.keyOf(d.object));
    for (const key of this.knownObjects.listKeys()) {
      // An object with a queued event would be resynced with its previous value: skip it.
      if (queued.has(key)) continue;
      const obj = this.knownObjects.getByKey(key);
      if (obj === undefined) continue;
      this.addToItems('Sync', true, obj);
    }
  }
}
