import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../tools/clock/fake-clock.js';
import { DeletedFinalStateUnknown } from './deltas.js';
import type { ResourceEventHandler } from './event-handlers.js';
import { collectingLogger } from './log.js';
import { newSharedIndexInformer, type SharedIndexInformerOptions } from './shared-informer.js';
import { ScriptedListerWatcher } from './testing/fake-listwatch.js';
import { DataInconsistencyError } from './watch-list-consistency.js';

interface Obj {
  metadata: { name: string; namespace: string; resourceVersion: string; labels?: Record<string, string> };
}
const obj = (name: string, rv: string, labels?: Record<string, string>): Obj => ({
  metadata: { name, namespace: 'ns', resourceVersion: rv, labels },
});

let stop: AbortController | undefined;
afterEach(() => stop?.abort());

function recorder(): { events: string[]; handler: ResourceEventHandler<Obj> } {
  const events: string[] = [];
  return {
    events,
    handler: {
      onAdd: (o, initial) => void events.push(`add ${o.metadata.name}@${o.metadata.resourceVersion}${initial ? ' initial' : ''}`),
      onUpdate: (a, b) => void events.push(`update ${b.metadata.name} ${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`),
      onDelete: (o) =>
        void events.push(
          o instanceof DeletedFinalStateUnknown ? `delete-unknown ${o.key}` : `delete ${o.metadata.name}@${o.metadata.resourceVersion}`,
        ),
    },
  };
}

function setup(opts: SharedIndexInformerOptions<Obj> = {}) {
  const clock = new FakeClock();
  const lw = new ScriptedListerWatcher<Obj>();
  lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [obj('a', '5'), obj('b', '6')] });
  const logger = collectingLogger();
  const informer = newSharedIndexInformer<Obj>(lw, {
    clock,
    random: () => 0,
    logger,
    reflector: { useWatchList: false },
    ...opts,
  });
  stop = new AbortController();
  return { clock, lw, informer, logger, start: () => informer.run(stop!.signal) };
}

describe('SharedIndexInformer', () => {
  it('delivers the initial list as initial adds, then watch events, to every handler; per-handler hasSynced', async () => {
    const { clock, lw, informer, start } = setup();
    const r1 = recorder();
    const r2 = recorder();
    const reg1 = informer.addEventHandler(r1.handler);
    const reg2 = informer.addEventHandler(r2.handler);
    expect(informer.hasSynced()).toBe(false);
    void start();
    await clock.settle();
    expect(informer.hasSynced()).toBe(true);
    expect(reg1.hasSynced() && reg2.hasSynced()).toBe(true);
    lw.lastWatch.modify(obj('a', '11')).delete(obj('b', '12')).add(obj('c', '13'));
    await clock.settle();
    const want = ['add a@5 initial', 'add b@6 initial', 'update a 5->11', 'delete b@12', 'add c@13'];
    expect(r1.events).toEqual(want);
    expect(r2.events).toEqual(want);
    expect(informer.lastSyncResourceVersion()).toBe('13');
    expect(informer.getStore().listKeys().sort()).toEqual(['ns/a', 'ns/c']);
  });

  it('a slow handler does not block the others or the store, and its hasSynced waits for it', async () => {
    const { clock, lw, informer, start } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowSeen: string[] = [];
    const slow = informer.addEventHandler({
      onAdd: async (o) => {
        slowSeen.push(o.metadata.name);
        await gate;
      },
    });
    const fast = recorder();
    const fastReg = informer.addEventHandler(fast.handler);
    void start();
    await clock.settle();
    lw.lastWatch.add(obj('c', '11'));
    await clock.settle();
    expect(fast.events.length).toBe(3);
    expect(fastReg.hasSynced()).toBe(true);
    expect(slow.hasSynced()).toBe(false);
    expect(slow.pending).toBe(2);
    expect(slowSeen).toEqual(['a']);
    expect(informer.getStore().listKeys().length).toBe(3);
    release();
    await clock.settle();
    expect(slowSeen).toEqual(['a', 'b', 'c']);
    expect(slow.hasSynced()).toBe(true);
  });

  it('a throwing handler is logged and keeps receiving later notifications (after a 1 s pause)', async () => {
    const { clock, lw, informer, logger, start } = setup();
    const seen: string[] = [];
    const reg = informer.addEventHandler({
      onAdd: (o) => {
        seen.push(o.metadata.name);
        if (o.metadata.name === 'a') throw new Error('handler bug');
      },
    });
    void start();
    await clock.settle();
    expect(seen).toEqual(['a']);
    await clock.advance(1000);
    lw.lastWatch.add(obj('c', '11'));
    await clock.settle();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(reg.hasSynced()).toBe(true);
    expect(logger.lines.some((l) => l.level === 'error' && l.msg.includes('handler bug'))).toBe(true);
  });

  it('resync (min 1 s) sends equal-RV updates only to handlers that asked for it', async () => {
    const { clock, informer, start } = setup({ resyncPeriodMs: 5_000 });
    const resyncing = recorder();
    const quiet = recorder();
    informer.addEventHandlerWithResyncPeriod(resyncing.handler, 10); // raised to the 1 s minimum
    informer.addEventHandlerWithResyncPeriod(quiet.handler, 0);
    void start();
    await clock.settle();
    await clock.advance(1000);
    expect(resyncing.events.slice(2)).toEqual(['update a 5->5', 'update b 6->6']);
    expect(quiet.events.slice(2)).toEqual([]);
    await clock.advance(1000);
    expect(resyncing.events.length).toBe(6);
    expect(quiet.events.length).toBe(2);
  });

  it('an informer without a default resync never resyncs (as client-go)', async () => {
    const { clock, informer, logger, start } = setup();
    const r = recorder();
    informer.addEventHandlerWithResyncPeriod(r.handler, 2000);
    void start();
    await clock.advance(10_000);
    expect(r.events.length).toBe(2);
    expect(logger.lines.some((l) => l.msg.includes("doesn't support resyncing"))).toBe(true);
  });

  it('a handler added after start gets the current contents replayed as initial adds, then live events', async () => {
    const { clock, lw, informer, start } = setup();
    void start();
    await clock.settle();
    const late = recorder();
    const reg = informer.addEventHandler(late.handler);
    expect(reg.hasSynced()).toBe(false);
    await clock.settle();
    expect(reg.hasSynced()).toBe(true);
    lw.lastWatch.add(obj('c', '11'));
    await clock.settle();
    expect(late.events).toEqual(['add a@5 initial', 'add b@6 initial', 'add c@11']);
  });

  it('removeEventHandler stops delivery to that handler only', async () => {
    const { clock, lw, informer, start } = setup();
    const gone = recorder();
    const kept = recorder();
    const reg = informer.addEventHandler(gone.handler);
    informer.addEventHandler(kept.handler);
    void start();
    await clock.settle();
    await informer.removeEventHandler(reg);
    lw.lastWatch.add(obj('c', '11'));
    await clock.settle();
    expect(gone.events.length).toBe(2);
    expect(kept.events.length).toBe(3);
  });

  it('a relist after 410 reports objects deleted meanwhile as DeletedFinalStateUnknown, and unchanged ones as sync', async () => {
    const { clock, lw, informer, start } = setup();
    const r = recorder();
    informer.addEventHandler(r.handler);
    void start();
    await clock.settle();
    lw.onList = () => ({ metadata: { resourceVersion: '20' }, items: [obj('a', '5'), obj('c', '19')] });
    lw.lastWatch.error({ code: 410, reason: 'Expired' });
    await clock.advance(1000);
    expect(lw.verbs()).toEqual(['list', 'watch', 'list', 'watch']);
    // b vanished while disconnected; a is unchanged (a sync update: handlers start out syncing, as in client-go).
    expect(r.events.slice(2)).toEqual(['delete-unknown ns/b', 'update a 5->5', 'add c@19']);
  });

  it('applies the transform before storing, once; setTransform after start fails', async () => {
    const { clock, informer, start } = setup();
    informer.setTransform((o) => ({ metadata: { ...o.metadata, labels: { transformed: 'yes' } } }));
    void start();
    await clock.settle();
    expect(
      informer
        .getStore()
        .list()
        .every((o) => o.metadata.labels?.transformed === 'yes'),
    ).toBe(true);
    expect(() => informer.setTransform((o) => o)).toThrow('already started');
    expect(() => informer.setWatchErrorHandler(() => {})).toThrow('already started');
  });

  it('indexers work on the informer cache, also when added after start', async () => {
    const { clock, informer, start } = setup({ indexers: { byName: (o) => [o.metadata.name] } });
    void start();
    await clock.settle();
    expect(informer.getIndexer().byIndex('byName', 'a').length).toBe(1);
    informer.addIndexers({ byRV: (o) => [o.metadata.resourceVersion] });
    expect(
      informer
        .getIndexer()
        .byIndex('byRV', '6')
        .map((o) => o.metadata.name),
    ).toEqual(['b']);
  });

  it('DeltaFIFO mode coalesces per key but keeps handlers consistent', async () => {
    const { clock, lw, informer, start } = setup({ fifo: 'delta' });
    const r = recorder();
    informer.addEventHandler(r.handler);
    void start();
    await clock.settle();
    lw.lastWatch.add(obj('c', '11')).modify(obj('c', '12')).delete(obj('c', '13'));
    await clock.settle();
    expect(r.events.slice(2)).toEqual(['add c@11', 'update c 11->12', 'delete c@13']);
  });

  it('run() twice fails; a stopped informer refuses new handlers and releases its timers', async () => {
    const { clock, informer, start } = setup({ resyncPeriodMs: 2000 });
    informer.addEventHandler({});
    const done = start();
    await clock.settle();
    await expect(informer.run(new AbortController().signal)).rejects.toThrow('only be run once');
    stop!.abort();
    await done;
    expect(informer.isStopped()).toBe(true);
    expect(() => informer.addEventHandler({})).toThrow('stopped');
    expect(clock.timerCount).toBe(0);
  });

  it('the watch error handler receives list failures', async () => {
    const { clock, lw, informer, start } = setup();
    const errs: unknown[] = [];
    informer.setWatchErrorHandler((e) => errs.push(e));
    lw.onList = () => {
      throw new Error('nope');
    };
    void start();
    await clock.settle();
    expect(String(errs[0])).toContain('nope');
  });

  it('a watch-list data inconsistency (KUBE_WATCHLIST_INCONSISTENCY_DETECTOR) makes run() reject; the informer never syncs', async () => {
    const { clock, lw, informer, logger, start } = setup({ reflector: { watchListInconsistencyDetector: true } });
    const errs: unknown[] = [];
    informer.setWatchErrorHandler((e) => errs.push(e));
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [obj('a', '5')] });
    const running = start();
    await clock.settle();
    lw.lastWatch.add(obj('a', '5')).add(obj('b', '6')).bookmark('10', true);
    await expect(running).rejects.toThrow(new DataInconsistencyError('informer'));
    expect(informer.hasSynced()).toBe(false);
    expect(informer.isStopped()).toBe(true);
    expect(errs).toEqual([]);
    expect(logger.lines).toContainEqual({ level: 'error', msg: 'data inconsistency detected for informer, panicking!' });
  });
});
