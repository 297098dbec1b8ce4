/**
 * The vocabulary between the reflector, the FIFOs and the informer (client-go tools/cache
 * delta_fifo.go / the_real_fifo.go / fifo.go): delta types, the DeletedFinalStateUnknown
 * tombstone, the transform hook and the Queue interface both FIFOs implement.
 */

export type DeltaType = 'Added' | 'Updated' | 'Deleted' | 'Replaced' | 'Sync';

export interface Delta<T> {
  type: DeltaType;
  /** The object, or a tombstone for deletions the watch missed. */
  object: T | DeletedFinalStateUnknown<T>;
  /**
   * The object's key, when the queue already computed it with its key function (RealFIFO does).
   * Only a saving: each key computation allocates a new string that every Map lookup must hash
   * again, and the pop loop would otherwise compute it three times per object.
   */
  key?: string;
}

/**
 * Placed in a FIFO when an object was deleted but the watch deletion event was missed while
 * disconnected (found missing on relist). `obj` is the last state the client knew and may be
 * stale, or undefined when even that is unknown. Handlers' `onDelete` receive it as is.
 */
export class DeletedFinalStateUnknown<T> {
  constructor(
    readonly key: string,
    readonly obj: T | undefined,
  ) {}
}

export function isDeletedFinalStateUnknown<T>(obj: unknown): obj is DeletedFinalStateUnknown<T> {
  return obj instanceof DeletedFinalStateUnknown;
}

/** Unwraps a tombstone to the last known object (may be undefined). */
export function objectOrTombstone<T>(obj: T | DeletedFinalStateUnknown<T>): T | undefined {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}

/**
 * Applied to every object before it is queued (strip managedFields, project fields ...). Not
 * applied to tombstones or resync Sync deltas (their objects already went through it).
 *
 * Must be idempotent, as client-go requires (delta_fifo.go TransformFunc): objects of a
 * streaming list (watch-list) are transformed twice, once by the reflector's temporary store and
 * again by the FIFO's Replace (client-go v0.35 reflector.go watchList `WithTransformer`, then
 * the_real_fifo.go Replace / delta_fifo.go Replace), and objects already in the cache may be
 * passed to Replace again.
 */
export type TransformFunc<T> = (obj: T) => T;

/**
 * A store that transforms what it is given (client-go TransformingStore): the reflector applies
 * the same transform to its watch-list temporary store and to the consistency-check LIST.
 */
export interface TransformingStore<T> {
  transformer(): TransformFunc<T> | undefined;
}

export function transformerOf<T>(store: unknown): TransformFunc<T> | undefined {
  const s = store as Partial<TransformingStore<T>> | null;
  return typeof s?.transformer === 'function' ? s.transformer() : undefined;
}

/** Something that lists its keys and gets by key: the indexer, as the FIFOs' "known objects". */
export interface KeyListerGetter<T> {
  listKeys(): string[];
  getByKey(key: string): T | undefined;
}

/**
 * Processes one popped unit (one Delta for RealFIFO, all of a key's Deltas for DeltaFIFO),
 * synchronously, before the next pop. `isInInitialList` is true while the first Replace's items
 * are being popped.
 */
export type PopProcessFunc<T> = (deltas: Delta<T>[], isInInitialList: boolean) => void;

/**
 * Processes a popped batch (client-go controller.go ProcessBatchFunc). The deltas never hold two
 * entries for the same key, except that an item whose key cannot be computed closes the batch.
 */
export type ProcessBatchFunc<T> = (deltas: Delta<T>[], isInInitialList: boolean) => void;

/** The store a reflector feeds (ReflectorStore) plus what the informer's pop loop needs. */
export interface Queue<T> {
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T | DeletedFinalStateUnknown<T>): void;
  /** Makes the queue's view equal `list` (synthesising deletions), at resourceVersion `rv`. */
  replace(list: T[], resourceVersion: string): void;
  /** Queues a Sync of every known object that has nothing queued. */
  resync(): void;
  /**
   * Waits for an item, removes it and calls `process` synchronously. Resolves true when an item
   * was processed, false when the queue was closed (and is empty) or `signal` aborted.
   */
  pop(process: PopProcessFunc<T>, signal?: AbortSignal): Promise<boolean>;
  /** Pop without waiting: processes one queued item synchronously; false when nothing is queued. */
  tryPop(process: PopProcessFunc<T>): boolean;
  /** True once the first Replace's items were all popped (or Add/Update/Delete came first). */
  hasSynced(): boolean;
  close(): void;
  isClosed(): boolean;
  /** Queued units (deltas for RealFIFO, keys for DeltaFIFO). */
  readonly length: number;
}

/**
 * A queue that can pop several deltas at once (client-go fifo.go QueueWithBatch); only RealFIFO
 * implements it, as in client-go.
 */
export interface QueueWithBatch<T> extends Queue<T> {
  /** As `pop`, but hands `process` a whole batch (the queue decides its extent). */
  popBatch(process: ProcessBatchFunc<T>, signal?: AbortSignal): Promise<boolean>;
  /** popBatch without waiting: false when nothing is queued. */
  tryPopBatch(process: ProcessBatchFunc<T>): boolean;
}

export function isQueueWithBatch<T>(q: Queue<T>): q is QueueWithBatch<T> {
  const b = q as Partial<QueueWithBatch<T>>;
  return typeof b.popBatch === 'function' && typeof b.tryPopBatch === 'function';
}
