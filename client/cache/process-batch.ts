/**
 * Batch processing of popped deltas (client-go v0.35 controller.go processDeltasInBatch and the
 * store.go Transaction API), used when the InOrderInformersBatchProcess feature gate (beta,
 * default on since 1.35) is on and the queue is a RealFIFO.
 *
 * - On a TransactionStore: every old value is read first (the batch's keys are distinct, so each
 *   read sees the state before the batch), then all indexer writes are applied in one
 *   transaction, in order, and only then are the handler callbacks run, in order. On a partial
 *   failure only the successful writes' callbacks run and the batch fails with
 *   "not all items in the batch successfully processed: <TransactionError>".
 * - On any other Store: each delta goes through processDeltas on its own; the errors are
 *   collected and the batch fails with "unexpected error when handling deltas: [...]".
 *
 * The indexers of newIndexer/newStore implement TransactionStore, as client-go's `*cache` does
 * (indexer.ts); `withTransactions` gives any other Store one on top of add/update/delete. A write
 * that throws (a KeyError, as client-go, or an index function error, on which client-go panics)
 * is left out and reported, and the rest are applied.
 * Single-threaded JavaScript makes the one-lock-acquisition part moot: the batch runs to
 * completion before any other code sees the indexer.
 */
import { processDeltas, type DeltaHandler } from './controller.js';
import type { Delta, DeletedFinalStateUnknown } from './deltas.js';
import type { Store } from './store.js';

export type TransactionType = 'Add' | 'Update' | 'Delete';

export interface Transaction<T> {
  object: T | DeletedFinalStateUnknown<T>;
  type: TransactionType;
  /** The object's key under the store's own key function, when the caller has it. */
  key?: string;
}

/** Which transactions of a batch were applied, and why the others were not. */
export class TransactionError extends Error {
  override readonly name = 'TransactionError';
  constructor(
    readonly successfulIndices: number[],
    readonly totalTransactions: number,
    readonly errors: unknown[],
  ) {
    super(
      `failed to execute (${totalTransactions - successfulIndices.length}/${totalTransactions}) transactions failed due to: ${goErrorList(errors)}`,
    );
  }
}

export interface TransactionStore<T> {
  /** Applies every transaction it can, in order; undefined when all succeeded. */
  transaction(...txns: Transaction<T>[]): TransactionError | undefined;
}

export function isTransactionStore<T>(store: unknown): store is TransactionStore<T> {
  return typeof (store as Partial<TransactionStore<T>> | null)?.transaction === 'function';
}

/** cache.Transaction over a plain Store: failed writes are left out and reported. */
export function storeTransaction<T>(store: Store<T>, txns: Transaction<T>[]): TransactionError | undefined {
  const successfulIndices: number[] = [];
  const errors: unknown[] = [];
  for (let i = 0; i < txns.length; i++) {
    const txn = txns[i];
    try {
      if (txn.type === 'Delete') store.delete(txn.object);
      else if (txn.type === 'Update') store.update(txn.object as T);
      else store.add(txn.object as T);
    } catch (err) {
      errors.push(err);
      continue;
    }
    successfulIndices.push(i);
  }
  return errors.length > 0 ? new TransactionError(successfulIndices, txns.length, errors) : undefined;
}

/** `store` with a `transaction` method, for a Store that has none (the indexers of newIndexer have one). */
export function withTransactions<T>(store: Store<T>): Store<T> & TransactionStore<T> {
  return {
    add: (obj) => store.add(obj),
    update: (obj) => store.update(obj),
    delete: (obj) => store.delete(obj),
    list: () => store.list(),
    listKeys: () => store.listKeys(),
    get: (obj) => store.get(obj),
    getByKey: (key) => store.getByKey(key),
    replace: (list, rv) => store.replace(list, rv),
    resync: () => store.resync(),
    transaction: (...txns) => storeTransaction(store, txns),
  };
}

const ON_ADD = 0;
const ON_UPDATE = 1;
const ON_DELETE = 2;

/** processDeltasInBatch (controller.go); throws on failure, after the successful callbacks ran. */
export function processDeltasInBatch<T>(
  handler: DeltaHandler<T>,
  clientState: Store<T>,
  deltas: Delta<T>[],
  isInInitialList: boolean,
  /** The deltas' keys (Delta.key) come from clientState's own key function: use them. */
  useDeltaKeys = false,
): void {
  if (!isTransactionStore<T>(clientState)) {
    const errs: unknown[] = [];
    for (const delta of deltas) {
      try {
        processDeltas(handler, clientState, [delta], isInInitialList, useDeltaKeys);
      } catch (err) {
        errs.push(err);
      }
    }
    if (errs.length > 0) throw new Error(`unexpected error when handling deltas: ${goErrorList(errs)}`);
    return;
  }
  // One transaction and one callback (kind, old value) per delta, in delta order.
  const txns: Transaction<T>[] = new Array(deltas.length);
  const kinds: number[] = new Array(deltas.length);
  const olds: (T | undefined)[] = new Array(deltas.length);
  for (let i = 0; i < deltas.length; i++) {
    const d = deltas[i];
    const obj = d.object;
    const key = useDeltaKeys ? d.key : undefined;
    switch (d.type) {
      case 'Sync':
      case 'Replaced':
      case 'Added':
      case 'Updated': {
        const o = obj as T;
        // The batch's keys are distinct: this is the value from before the batch.
        const old = key !== undefined ? clientState.getByKey(key) : getOrUndefined(clientState, o);
        olds[i] = old;
        kinds[i] = old !== undefined ? ON_UPDATE : ON_ADD;
        txns[i] = { type: old !== undefined ? 'Update' : 'Add', object: o, key };
        break;
      }
      case 'Deleted':
        kinds[i] = ON_DELETE;
        txns[i] = { type: 'Delete', object: obj, key };
        break;
    }
  }
  const err = clientState.transaction(...txns);
  if (err) {
    // Only the callbacks of the writes that were applied.
    for (const i of err.successfulIndices) {
      if (i < deltas.length) notify(handler, kinds[i], olds[i], deltas[i].object, isInInitialList);
    }
    throw new Error(`not all items in the batch successfully processed: ${err.message}`);
  }
  for (let i = 0; i < deltas.length; i++) notify(handler, kinds[i], olds[i], deltas[i].object, isInInitialList);
}

function notify<T>(
  handler: DeltaHandler<T>,
  kind: number,
  old: T | undefined,
  obj: T | DeletedFinalStateUnknown<T>,
  isInInitialList: boolean,
): void {
  if (kind === ON_ADD) handler.onAdd(obj as T, isInInitialList);
  else if (kind === ON_UPDATE) handler.onUpdate(old as T, obj as T);
  else handler.onDelete(obj);
}

/** Store.Get's `err == nil && exists`: an object whose key cannot be computed counts as absent. */
function getOrUndefined<T>(store: Store<T>, obj: T): T | undefined {
  try {
    return store.get(obj);
  } catch {
    return undefined;
  }
}

/** Go's %v of a []error: "[first second]". */
function goErrorList(errs: unknown[]): string {
  return `[${errs.map((e) => (e instanceof Error ? e.message : String(e))).join(' ')}]`;
}
