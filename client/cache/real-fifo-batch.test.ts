import { describe, expect, it } from 'vitest';
import { DeletedFinalStateUnknown, isQueueWithBatch, type Delta } from './deltas.js';
import { DeltaFIFO } from './delta-fifo.js';
import { newIndexer } from './indexer.js';
import { DEFAULT_BATCH_SIZE, RealFIFO } from './real-fifo.js';
import { deletionHandlingMetaNamespaceKeyFunc, KeyError } from './store.js';

interface Obj {
  metadata: { name: string; resourceVersion: string };
}
const o = (name: string, rv = '1'): Obj => ({ metadata: { name, resourceVersion: rv } });
const keyFunction = deletionHandlingMetaNamespaceKeyFunc;

function show(ds: Delta<Obj>[]): string[] {
  return ds.map((d) =>
    d.object instanceof DeletedFinalStateUnknown
      ? `${d.type}:DFSU(${d.object.key})`
      : `${d.type}:${d.object.metadata.name}@${d.object.metadata.resourceVersion}`,
  );
}

function newFifo(known = newIndexer<Obj>(keyFunction)) {
  return new RealFIFO<Obj>({ keyFunction, knownObjects: known });
}

/** Pops batches until the queue is empty. */
function drainBatches(f: RealFIFO<Obj>): Array<{ deltas: string[]; initial: boolean }> {
  const out: Array<{ deltas: string[]; initial: boolean }> = [];
  while (f.tryPopBatch((ds, initial) => out.push({ deltas: show(ds), initial })));
  return out;
}

describe('RealFIFO.popBatch (InOrderInformersBatchProcess)', () => {
  it('only RealFIFO is a QueueWithBatch; DeltaFIFO keeps the one-by-one path', () => {
    expect(isQueueWithBatch(newFifo())).toBe(true);
    expect(isQueueWithBatch(new DeltaFIFO<Obj>({ keyFunction }))).toBe(false);
  });

  it('closes a batch before the first repeated key', () => {
    const f = newFifo();
    f.add(o('a', '1'));
    f.add(o('b', '1'));
    f.update(o('a', '2'));
    f.update(o('c', '1'));
    f.delete(o('a', '3'));
    expect(drainBatches(f)).toEqual([
      { deltas: ['Added:a@1', 'Added:b@1'], initial: false },
      { deltas: ['Updated:a@2', 'Updated:c@1'], initial: false },
      { deltas: ['Deleted:a@3'], initial: false },
    ]);
  });

  it(`hands out at most ${DEFAULT_BATCH_SIZE} deltas per batch`, () => {
    const f = newFifo();
    for (let i = 0; i < 2500; i++) f.add(o(`o${i}`));
    const sizes: number[] = [];
    while (f.tryPopBatch((ds) => sizes.push(ds.length)));
    expect(sizes).toEqual([1000, 1000, 500]);
  });

  it('never crosses the end of the initial population; isInInitialList is computed once per batch', () => {
    const known = newIndexer<Obj>(keyFunction);
    known.add(o('gone'));
    const f = newFifo(known);
    f.replace([o('a'), o('b')], '1'); // Deleted(DFSU gone), Replaced a, Replaced b: count 3
    f.add(o('c'));
    f.add(o('d'));
    expect(f.hasSynced()).toBe(false);
    let syncedDuringFirst: boolean | undefined;
    const out: Array<{ deltas: string[]; initial: boolean }> = [];
    f.tryPopBatch((ds, initial) => {
      syncedDuringFirst = f.hasSynced(); // the count dropped before process ran
      out.push({ deltas: show(ds), initial });
    });
    out.push(...drainBatches(f));
    expect(out).toEqual([
      { deltas: ['Deleted:DFSU(gone)', 'Replaced:a@1', 'Replaced:b@1'], initial: true },
      { deltas: ['Added:c@1', 'Added:d@1'], initial: false },
    ]);
    expect(syncedDuringFirst).toBe(true);
  });

  it('an initial population split by a repeated key: both parts are initial batches, then the boundary holds', () => {
    const known = newIndexer<Obj>(keyFunction);
    known.add(o('a', '1'));
    const f = newFifo(known);
    f.resync(); // Sync a: queued, but does not mark the FIFO populated
    f.replace([o('a', '2'), o('b', '2')], '2'); // initial population: Sync a, Replaced a, Replaced b
    f.add(o('c', '3'));
    expect(drainBatches(f)).toEqual([
      { deltas: ['Sync:a@1'], initial: true },
      { deltas: ['Replaced:a@2', 'Replaced:b@2'], initial: true },
      { deltas: ['Added:c@3'], initial: false },
    ]);
    expect(f.hasSynced()).toBe(true);
  });

  it('only the first Replace sets a boundary: a later relist batches together with what follows it', () => {
    const f = newFifo();
    f.replace([o('a', '1')], '1');
    f.add(o('b', '1'));
    expect(drainBatches(f).map((b) => b.deltas)).toEqual([['Replaced:a@1'], ['Added:b@1']]);
    f.replace([o('a', '3')], '3');
    f.add(o('c', '3'));
    expect(drainBatches(f)).toEqual([{ deltas: ['Replaced:a@3', 'Added:c@3'], initial: false }]);
  });

  it('batches by the key computed when each item was queued (a key function failing later changes nothing)', () => {
    // client-go recomputes keys at pop time, where a KeyError closes the batch; but the same key
    // function already succeeded on the same object when it was queued (a KeyError there is
    // thrown to the caller of add/update/replace and queues nothing), so only a key function that
    // changes its mind could fail at pop. Ours keeps the queued key (Delta.key) instead.
    let broken = false;
    const f = new RealFIFO<Obj>({
      keyFunction: (obj) => {
        if (broken && !(obj instanceof DeletedFinalStateUnknown) && obj.metadata.name === 'bad') throw new KeyError(obj, 'broken');
        return keyFunction(obj);
      },
      knownObjects: newIndexer<Obj>(keyFunction),
    });
    f.add(o('a'));
    f.add(o('bad'));
    f.add(o('c'));
    f.add(o('bad', '2'));
    broken = true;
    expect(drainBatches(f).map((b) => b.deltas)).toEqual([['Added:a@1', 'Added:bad@1', 'Added:c@1'], ['Added:bad@2']]);
    expect(() => f.add(o('bad', '3'))).toThrow(KeyError);
    expect(f.length).toBe(0);
  });

  it('the deltas leave the queue even when process throws', () => {
    const f = newFifo();
    f.add(o('a'));
    f.add(o('b'));
    expect(() =>
      f.tryPopBatch(() => {
        throw new Error('handler failed');
      }),
    ).toThrow('handler failed');
    expect(f.length).toBe(0);
  });

  it('popBatch waits for an item and resolves false once closed', async () => {
    const f = newFifo();
    const got: string[][] = [];
    const p = f.popBatch((ds) => got.push(show(ds)));
    f.add(o('x'));
    f.add(o('y'));
    expect(await p).toBe(true);
    expect(got).toEqual([['Added:x@1', 'Added:y@1']]);
    const q = f.popBatch(() => {});
    f.close();
    expect(await q).toBe(false);
  });
});
