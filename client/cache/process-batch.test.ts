import { describe, expect, it } from 'vitest';
import type { DeltaHandler } from './controller.js';
import { DeletedFinalStateUnknown, type Delta } from './deltas.js';
import { newIndexer, newStore } from './indexer.js';
import { isTransactionStore, processDeltasInBatch, storeTransaction, TransactionError, withTransactions } from './process-batch.js';
import { deletionHandlingMetaNamespaceKeyFunc, type Store } from './store.js';

interface Obj {
  metadata?: { name: string; resourceVersion: string };
}
const o = (name: string, rv = '1'): Obj => ({ metadata: { name, resourceVersion: rv } });
const keyFunc = deletionHandlingMetaNamespaceKeyFunc;
const broken: Obj = {}; // no metadata: KeyError

/** A handler that records each call with the store's keys at that moment. */
function recorder(store: Store<Obj>): { calls: string[]; handler: DeltaHandler<Obj> } {
  const calls: string[] = [];
  const keys = () => store.listKeys().sort().join(',');
  const rv = (x: Obj) => `${x.metadata?.name}@${x.metadata?.resourceVersion}`;
  return {
    calls,
    handler: {
      onAdd: (x, initial) => void calls.push(`add ${rv(x)}${initial ? ' initial' : ''} [${keys()}]`),
      onUpdate: (a, b) => void calls.push(`update ${rv(a)}->${rv(b)} [${keys()}]`),
      onDelete: (x) => void calls.push(`delete ${x instanceof DeletedFinalStateUnknown ? `DFSU(${x.key})` : rv(x)} [${keys()}]`),
    },
  };
}

describe('processDeltasInBatch', () => {
  it('reads old values first, applies every indexer write, then calls the handler in order', () => {
    const indexer = newIndexer<Obj>(keyFunc);
    indexer.add(o('a', '1'));
    indexer.add(o('gone', '1'));
    const { calls, handler } = recorder(indexer);
    const deltas: Delta<Obj>[] = [
      { type: 'Updated', object: o('a', '2') },
      { type: 'Added', object: o('b', '2') },
      { type: 'Deleted', object: new DeletedFinalStateUnknown('gone', o('gone', '1')) },
      { type: 'Replaced', object: o('c', '2') },
    ];
    processDeltasInBatch(handler, withTransactions(indexer), deltas, true);
    // Every callback sees the whole batch applied (one-by-one processing would show a growing store).
    expect(calls).toEqual(['update a@1->a@2 [a,b,c]', 'add b@2 initial [a,b,c]', 'delete DFSU(gone) [a,b,c]', 'add c@2 initial [a,b,c]']);
    expect(indexer.get(o('a'))?.metadata?.resourceVersion).toBe('2');
  });

  it('on a partial failure, applies and calls back only the successful writes, then fails as client-go', () => {
    const indexer = newIndexer<Obj>(keyFunc);
    const { calls, handler } = recorder(indexer);
    const deltas: Delta<Obj>[] = [
      { type: 'Added', object: o('a') },
      { type: 'Added', object: broken },
      { type: 'Added', object: o('c') },
    ];
    expect(() => processDeltasInBatch(handler, withTransactions(indexer), deltas, false)).toThrow(
      /^not all items in the batch successfully processed: failed to execute \(1\/3\) transactions failed due to: \[couldn't create key for object \{\}: object has no meta\]$/,
    );
    expect(calls).toEqual(['add a@1 [a,c]', 'add c@1 [a,c]']);
  });

  it('on a Store without transactions, processes each delta on its own and collects the errors', () => {
    // A Store of the user's own: only the Store methods (newStore's has a transaction, as client-go's).
    const inner = newStore<Obj>(keyFunc);
    expect(isTransactionStore(inner)).toBe(true);
    const store: Store<Obj> = {
      add: (x) => inner.add(x),
      update: (x) => inner.update(x),
      delete: (x) => inner.delete(x),
      list: () => inner.list(),
      listKeys: () => inner.listKeys(),
      get: (x) => inner.get(x),
      getByKey: (k) => inner.getByKey(k),
      replace: (l, rv) => inner.replace(l, rv),
      resync: () => inner.resync(),
    };
    expect(isTransactionStore(store)).toBe(false);
    const { calls, handler } = recorder(store);
    const deltas: Delta<Obj>[] = [
      { type: 'Added', object: o('a') },
      { type: 'Updated', object: broken },
      { type: 'Added', object: o('c') },
    ];
    expect(() => processDeltasInBatch(handler, store, deltas, false)).toThrow(
      /^unexpected error when handling deltas: \[couldn't create key for object \{\}: object has no meta\]$/,
    );
    // processDeltas per delta: each callback follows its own write.
    expect(calls).toEqual(['add a@1 [a]', 'add c@1 [a,c]']);
  });
});

describe('storeTransaction (cache.Transaction over a Store)', () => {
  it('applies in order, leaves failed writes out and reports their indices', () => {
    const store = newStore<Obj>(keyFunc);
    store.add(o('d'));
    const err = storeTransaction(store, [
      { type: 'Add', object: o('a') },
      { type: 'Update', object: broken },
      { type: 'Update', object: o('a', '2') },
      { type: 'Delete', object: o('d') },
    ]);
    expect(err).toBeInstanceOf(TransactionError);
    expect(err?.successfulIndices).toEqual([0, 2, 3]);
    expect(err?.totalTransactions).toBe(4);
    expect(store.list()).toEqual([o('a', '2')]);
    expect(storeTransaction(store, [{ type: 'Delete', object: o('a') }])).toBeUndefined();
  });
});
