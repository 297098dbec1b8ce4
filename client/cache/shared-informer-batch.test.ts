import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../tools/clock/fake-clock.js';
import { silentLogger } from './log.js';
import type { ResourceEventHandlerRegistration } from './processor-listener.js';
import { newSharedIndexInformer, type SharedIndexInformerOptions } from './shared-informer.js';
import { ScriptedListerWatcher } from './testing/fake-listwatch.js';

interface Obj {
  metadata: { name: string; namespace: string; resourceVersion: string };
}
const obj = (name: string, rv: string): Obj => ({ metadata: { name, namespace: 'ns', resourceVersion: rv } });

let stop: AbortController | undefined;
afterEach(() => stop?.abort());

/**
 * An index function runs when the pop loop writes the indexer; it records how many notifications
 * the handler had been given by then. Batched: every write of a batch precedes its notifications.
 */
async function writesVersusNotifications(opts: SharedIndexInformerOptions<Obj>) {
  const clock = new FakeClock();
  const lw = new ScriptedListerWatcher<Obj>();
  lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [obj('a', '1'), obj('b', '2'), obj('c', '3')] });
  const seen: string[] = [];
  const events: string[] = [];
  const handle: { reg?: ResourceEventHandlerRegistration } = {};
  const informer = newSharedIndexInformer<Obj>(lw, {
    clock,
    random: () => 0,
    logger: silentLogger,
    reflector: { useWatchList: false },
    indexers: {
      probe: (o) => {
        // Delivered plus still queued for the handler: every notification distributed so far.
        seen.push(`${o.metadata.name}@${o.metadata.resourceVersion} notified=${events.length + (handle.reg?.pending ?? 0)}`);
        return [];
      },
    },
    ...opts,
  });
  handle.reg = informer.addEventHandler({ onAdd: (o, initial) => void events.push(`add ${o.metadata.name}${initial ? ' initial' : ''}`) });
  stop = new AbortController();
  void informer.run(stop.signal);
  await clock.settle();
  lw.lastWatch.add(obj('d', '11')).modify(obj('a', '12'));
  await clock.settle();
  return { seen, events, informer };
}

describe('SharedIndexInformer batch processing (InOrderInformersBatchProcess)', () => {
  it('is on by default with a RealFIFO: a batch is written to the indexer before any of its notifications', async () => {
    const { seen, events, informer } = await writesVersusNotifications({});
    expect(seen.slice(0, 3)).toEqual(['a@1 notified=0', 'b@2 notified=0', 'c@3 notified=0']);
    expect(events).toEqual(['add a initial', 'add b initial', 'add c initial', 'add d']);
    expect(informer.hasSynced()).toBe(true);
    expect(informer.getStore().get(obj('a', ''))?.metadata.resourceVersion).toBe('12');
  });

  it('batchProcess: false processes one delta at a time', async () => {
    const { seen } = await writesVersusNotifications({ batchProcess: false });
    expect(seen.slice(0, 3)).toEqual(['a@1 notified=0', 'b@2 notified=1', 'c@3 notified=2']);
  });

  it('a DeltaFIFO informer never batches', async () => {
    const { seen, events } = await writesVersusNotifications({ fifo: 'delta' });
    expect(seen.slice(0, 3)).toEqual(['a@1 notified=0', 'b@2 notified=1', 'c@3 notified=2']);
    expect(events).toEqual(['add a initial', 'add b initial', 'add c initial', 'add d']);
  });

  it('a batch that fails in part still delivers its successful notifications and the loop goes on', async () => {
    const clock = new FakeClock();
    const lw = new ScriptedListerWatcher<Obj>();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [obj('a', '1'), obj('bad', '2'), obj('c', '3')] });
    const errors: string[] = [];
    const informer = newSharedIndexInformer<Obj>(lw, {
      clock,
      random: () => 0,
      logger: { ...silentLogger, error: (m) => void errors.push(m) },
      reflector: { useWatchList: false },
      indexers: {
        failOnBad: (o) => {
          if (o.metadata.name === 'bad') throw new Error('index function failed');
          return [];
        },
      },
    });
    const events: string[] = [];
    informer.addEventHandler({ onAdd: (o) => void events.push(o.metadata.name) });
    stop = new AbortController();
    void informer.run(stop.signal);
    await clock.settle();
    lw.lastWatch.add(obj('d', '14'));
    await clock.settle();
    expect(events).toEqual(['a', 'c', 'd']);
    expect(informer.getStore().listKeys().sort()).toEqual(['ns/a', 'ns/c', 'ns/d']);
    expect(errors).toEqual([
      'informer: error processing deltas: not all items in the batch successfully processed: failed to execute (1/3) transactions failed due to: [index function failed]',
    ]);
    expect(informer.hasSynced()).toBe(true);
  });
});
