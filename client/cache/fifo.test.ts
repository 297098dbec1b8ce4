import { describe, expect, it } from 'vitest';
import { DeltaFIFO, dedupDeltas } from './delta-fifo.js';
import { DeletedFinalStateUnknown, type Delta } from './deltas.js';
import { newIndexer } from './indexer.js';
import { RealFIFO } from './real-fifo.js';
import { deletionHandlingMetaNamespaceKeyFunc } from './store.js';

interface Obj {
  metadata: { name: string; resourceVersion: string };
}
const o = (name: string, rv = '1'): Obj => ({ metadata: { name, resourceVersion: rv } });
const keyFunction = deletionHandlingMetaNamespaceKeyFunc;

function describeDeltas(ds: Delta<Obj>[]): string[] {
  return ds.map((d) => {
    const ob = d.object;
    return ob instanceof DeletedFinalStateUnknown
      ? `${d.type}:DFSU(${ob.key},${ob.obj?.metadata.resourceVersion ?? '-'})`
      : `${d.type}:${ob.metadata.name}@${ob.metadata.resourceVersion}`;
  });
}

async function drain(fifo: RealFIFO<Obj> | DeltaFIFO<Obj>): Promise<Array<{ deltas: string[]; initial: boolean }>> {
  const out: Array<{ deltas: string[]; initial: boolean }> = [];
  while (fifo.length > 0) await fifo.pop((ds, initial) => out.push({ deltas: describeDeltas(ds), initial }));
  return out;
}

describe('RealFIFO', () => {
  it('delivers every event in order, one at a time, with no coalescing', async () => {
    const known = newIndexer<Obj>(keyFunction);
    const f = new RealFIFO<Obj>({ keyFunction, knownObjects: known });
    f.add(o('a', '1'));
    f.update(o('a', '2'));
    f.delete(o('a', '3'));
    expect((await drain(f)).map((x) => x.deltas[0])).toEqual(['Added:a@1', 'Updated:a@2', 'Deleted:a@3']);
  });

  it('Replace queues synthetic deletions before replacements, against queue and known objects', async () => {
    const known = newIndexer<Obj>(keyFunction);
    known.add(o('k1', '1'));
    known.add(o('k2', '1'));
    const f = new RealFIFO<Obj>({ keyFunction, knownObjects: known });
    f.add(o('q1', '2')); // queued, missing from the new list → DFSU with the queued object
    f.add(o('q2', '2'));
    f.delete(o('q2', '3')); // last queued is a delete → no extra delete
    f.replace([o('k2', '5'), o('n', '5')], '5');
    const got = (await drain(f)).map((x) => x.deltas[0]);
    expect(got).toEqual([
      'Added:q1@2',
      'Added:q2@2',
      'Deleted:q2@3',
      'Deleted:DFSU(q1,2)',
      'Deleted:DFSU(k1,1)',
      'Replaced:k2@5',
      'Replaced:n@5',
    ]);
  });

  it('hasSynced after all initial Replace items (deletions included) are popped', async () => {
    const known = newIndexer<Obj>(keyFunction);
    const f = new RealFIFO<Obj>({ keyFunction, knownObjects: known });
    expect(f.hasSynced()).toBe(false);
    f.replace([o('a'), o('b')], '1');
    expect(f.hasSynced()).toBe(false);
    const popped = await drain(f);
    expect(popped.map((p) => p.initial)).toEqual([true, true]);
    expect(f.hasSynced()).toBe(true);
  });

  it('Resync skips keys with queued events; transform runs once, never on tombstones or syncs', async () => {
    const known = newIndexer<Obj>(keyFunction);
    known.add(o('a', '1'));
    known.add(o('b', '1'));
    let calls = 0;
    const f = new RealFIFO<Obj>({
      keyFunction,
      knownObjects: known,
      transformer: (x) => {
        calls++;
        return { metadata: { ...x.metadata, resourceVersion: x.metadata.resourceVersion + 't' } };
      },
    });
    f.update(o('a', '2'));
    f.resync();
    f.replace([], '3');
    expect((await drain(f)).map((x) => x.deltas[0])).toEqual(['Updated:a@2t', 'Sync:b@1', 'Deleted:DFSU(a,2t)', 'Deleted:DFSU(b,1)']);
    expect(calls).toBe(1);
  });

  it('pop waits for an item, and resolves false once closed', async () => {
    const f = new RealFIFO<Obj>({ keyFunction, knownObjects: newIndexer<Obj>(keyFunction) });
    const got: string[] = [];
    const p = f.pop((ds) => got.push(...describeDeltas(ds)));
    f.add(o('x'));
    expect(await p).toBe(true);
    expect(got).toEqual(['Added:x@1']);
    const q = f.pop(() => {});
    f.close();
    expect(await q).toBe(false);
  });
});

describe('DeltaFIFO', () => {
  it('coalesces deltas per key and pops keys in first-insertion order', async () => {
    const f = new DeltaFIFO<Obj>({ keyFunction, knownObjects: newIndexer<Obj>(keyFunction) });
    f.add(o('a', '1'));
    f.add(o('b', '1'));
    f.update(o('a', '2'));
    expect(await drain(f)).toEqual([
      { deltas: ['Added:a@1', 'Updated:a@2'], initial: false },
      { deltas: ['Added:b@1'], initial: false },
    ]);
  });

  it('dedups consecutive deletions, keeping the one with more information', () => {
    const real: Delta<Obj> = { type: 'Deleted', object: o('a', '4') };
    const dfsu: Delta<Obj> = { type: 'Deleted', object: new DeletedFinalStateUnknown('a', o('a', '3')) };
    expect(dedupDeltas([dfsu, real])).toEqual([real]);
    expect(dedupDeltas([real, dfsu])).toEqual([real]);
  });

  it('ignores deletes of keys neither queued nor known', async () => {
    const known = newIndexer<Obj>(keyFunction);
    known.add(o('k'));
    const f = new DeltaFIFO<Obj>({ keyFunction, knownObjects: known });
    f.delete(o('ghost'));
    f.delete(o('k', '2'));
    expect(f.listKeys()).toEqual(['k']);
  });

  it('Replace emits Replaced then DFSU deletions for queued and known keys missing from the list', async () => {
    const known = newIndexer<Obj>(keyFunction);
    known.add(o('k1', '1'));
    known.add(o('k2', '1'));
    const f = new DeltaFIFO<Obj>({ keyFunction, knownObjects: known });
    f.add(o('q', '2'));
    f.replace([o('k2', '5')], '5');
    expect(await drain(f)).toEqual([
      { deltas: ['Added:q@2', 'Deleted:DFSU(q,2)'], initial: false },
      { deltas: ['Replaced:k2@5'], initial: false },
      { deltas: ['Deleted:DFSU(k1,1)'], initial: false },
    ]);
  });

  it('counts the first Replace (with deletions) for hasSynced', async () => {
    const known = newIndexer<Obj>(keyFunction);
    known.add(o('gone'));
    const f = new DeltaFIFO<Obj>({ keyFunction, knownObjects: known });
    f.replace([o('a'), o('b')], '1');
    const got = await drain(f);
    expect(got.map((g) => g.initial)).toEqual([true, true, true]);
    expect(f.hasSynced()).toBe(true);
  });

  it('transforms Replace objects even when emitted as Sync (emitDeltaTypeReplaced=false), but not resync Syncs', async () => {
    const known = newIndexer<Obj>(keyFunction);
    known.add(o('k', '1'));
    let calls = 0;
    const f = new DeltaFIFO<Obj>({
      keyFunction,
      knownObjects: known,
      emitDeltaTypeReplaced: false,
      transformer: (x) => {
        calls++;
        return { metadata: { ...x.metadata, resourceVersion: x.metadata.resourceVersion + 't' } };
      },
    });
    f.replace([o('a', '2')], '2');
    f.resync();
    expect((await drain(f)).map((x) => x.deltas)).toEqual([['Sync:a@2t'], ['Deleted:DFSU(k,1)']]);
    f.resync();
    expect((await drain(f)).map((x) => x.deltas)).toEqual([['Sync:k@1']]);
    expect(calls).toBe(1);
  });

  it('Resync queues Sync only for known keys with nothing queued', async () => {
    const known = newIndexer<Obj>(keyFunction);
    known.add(o('a', '1'));
    known.add(o('b', '1'));
    const f = new DeltaFIFO<Obj>({ keyFunction, knownObjects: known });
    f.update(o('a', '2'));
    f.resync();
    expect((await drain(f)).map((x) => x.deltas)).toEqual([['Updated:a@2'], ['Sync:b@1']]);
  });
});

describe('tryPop (the informer drains a backlog without a promise per item)', () => {
  it('processes one queued item synchronously, false when empty; the same order as pop', () => {
    for (const f of [
      new RealFIFO<Obj>({ keyFunction, knownObjects: newIndexer<Obj>(keyFunction) }),
      new DeltaFIFO<Obj>({ keyFunction, knownObjects: newIndexer<Obj>(keyFunction) }),
    ]) {
      const seen: string[] = [];
      const process = (ds: Delta<Obj>[], initial: boolean) => seen.push(`${describeDeltas(ds).join(',')}${initial ? ' (initial)' : ''}`);
      expect(f.tryPop(process)).toBe(false);
      f.replace([o('a'), o('b')], '1');
      f.add(o('c'));
      while (f.tryPop(process));
      expect(seen).toEqual(['Replaced:a@1 (initial)', 'Replaced:b@1 (initial)', 'Added:c@1']);
      expect(f.hasSynced()).toBe(true);
    }
  });
});
