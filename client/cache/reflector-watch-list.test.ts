import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../tools/clock/fake-clock.js';
import type { Delta } from './deltas.js';
import { newIndexer, newStore } from './indexer.js';
import { collectingLogger } from './log.js';
import { RealFIFO } from './real-fifo.js';
import { Reflector, type ReflectorOptions, type ReflectorStore } from './reflector.js';
import { deletionHandlingMetaNamespaceKeyFunc } from './store.js';
import { ScriptedListerWatcher } from './testing/fake-listwatch.js';
import { DataInconsistencyError } from './watch-list-consistency.js';

interface Obj {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
}
const obj = (name: string, rv: string, data?: Record<string, string>): Obj => ({
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: rv },
  ...(data ? { data } : {}),
});

let stop: AbortController | undefined;
afterEach(() => {
  stop?.abort();
  vi.unstubAllEnvs();
});

function setup(
  opts: ReflectorOptions = {},
  store: ReflectorStore<Obj> = newStore<Obj>(),
  prepare: (lw: ScriptedListerWatcher<Obj>) => void = () => {},
) {
  const clock = new FakeClock();
  const lw = new ScriptedListerWatcher<Obj>();
  prepare(lw);
  const logger = collectingLogger();
  const errors: unknown[] = [];
  const r = new Reflector<Obj>(lw, store, {
    name: 'test-reflector',
    clock,
    random: () => 0.5,
    logger,
    watchErrorHandler: (_r, e) => errors.push(e),
    ...opts,
  });
  stop = new AbortController();
  const done = r.run(stop.signal);
  done.catch(() => {}); // asserted where expected
  return { clock, lw, store, r, logger, errors, done };
}

const warnings = (logger: ReturnType<typeof collectingLogger>) =>
  logger.lines.filter((l) => l.msg.startsWith('Warning: event bookmark expired')).map((l) => `${l.level}: ${l.msg}`);

describe('watch-list: the 10 s warning while waiting for the initial-events-end bookmark', () => {
  it('ticks every 10 s from the watch start, not reset by events; the second text only >= 10 s after the last event', async () => {
    const { clock, lw, logger } = setup();
    await clock.settle();
    await clock.advance(10_000);
    expect(warnings(logger)).toEqual([
      'info: Warning: event bookmark expired err="test-reflector: awaiting required bookmark event for initial events stream, no events received for 10s"',
    ]);
    await clock.advance(2_000);
    lw.lastWatch.add(obj('a', '3')); // t=12s
    await clock.advance(8_000); // tick at 20s: 8s after the event, silent
    expect(warnings(logger).length).toBe(1);
    await clock.advance(10_000); // tick at 30s: 18s after the event
    expect(warnings(logger)[1]).toBe(
      'info: Warning: event bookmark expired err="test-reflector: hasn\'t received required bookmark event marking the end of initial events stream, received last event 18s ago"',
    );
    await clock.advance(5_000);
    lw.lastWatch.add(obj('b', '4')); // t=35s
    await clock.advance(5_000); // tick at 40s: 5s after the event, silent (the ticker was not reset)
    expect(warnings(logger).length).toBe(2);
    lw.lastWatch.bookmark('5', true);
    await clock.settle();
    await clock.advance(60_000); // the ticker stopped with the bookmark; the reused watch has none
    expect(warnings(logger).length).toBe(2);
  });

  it('keeps warning every 10 s while nothing arrives, with the time since the watch request', async () => {
    const { clock, logger } = setup();
    await clock.settle();
    await clock.advance(30_000);
    expect(warnings(logger).map((w) => w.replace(/.*no events received for /, ''))).toEqual(['10s"', '20s"', '30s"']);
  });

  it('is released when the reflector stops before the bookmark', async () => {
    const { clock, done } = setup();
    await clock.settle();
    expect(clock.timerCount).toBeGreaterThan(0);
    stop!.abort();
    await done;
    expect(clock.timerCount).toBe(0);
  });

  it('is not armed for a LIST+WATCH watch', async () => {
    const { clock, lw, logger } = setup({ useWatchList: false });
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    await clock.advance(60_000);
    expect(warnings(logger)).toEqual([]);
  });
});

describe('watch-list: the temporary store applies the transform', () => {
  it('transforms the streamed objects, and the FIFO transforms them again (transforms must be idempotent)', async () => {
    const known = newIndexer<Obj>(deletionHandlingMetaNamespaceKeyFunc);
    const calls: string[] = [];
    const fifo = new RealFIFO<Obj>({
      keyFunction: deletionHandlingMetaNamespaceKeyFunc,
      knownObjects: known,
      transformer: (o) => {
        calls.push(o.metadata.name);
        return { ...o, data: { ...o.data, t: `${o.data?.t ?? ''}x` } };
      },
    });
    const { clock, lw } = setup({}, fifo);
    await clock.settle();
    lw.lastWatch.add(obj('a', '3')).add(obj('b', '4')).modify(obj('a', '5'));
    lw.lastWatch.bookmark('6', true);
    await clock.settle();
    expect(calls).toEqual(['a', 'b', 'a', 'a', 'b']); // temp store: add a, add b, update a; Replace: a, b
    const popped: Delta<Obj>[] = [];
    while (fifo.tryPop((ds) => popped.push(...ds)));
    expect(popped.map((d) => `${d.type}:${(d.object as Obj).metadata.name}:${(d.object as Obj).data?.t}`)).toEqual([
      'Replaced:a:xx',
      'Replaced:b:xx',
    ]);
    lw.lastWatch.modify(obj('b', '7')); // after the sync, once
    await clock.settle();
    expect(calls.length).toBe(6);
  });
});

describe('watch-list: meta.k8s.io Table objects', () => {
  const table = (rv: string): Obj => ({ apiVersion: 'meta.k8s.io/v1', kind: 'Table', metadata: { name: '', resourceVersion: rv } });

  it("skips them with client-go's error text while streaming the initial list", async () => {
    const { clock, lw, store, logger } = setup();
    await clock.settle();
    lw.lastWatch.add(obj('a', '3')).add(table('4'));
    lw.lastWatch.push({ type: 'ADDED', object: { ...table('4'), apiVersion: 'meta.k8s.io/v1beta1' } });
    lw.lastWatch.bookmark('5', true);
    await clock.settle();
    expect((store as ReturnType<typeof newStore<Obj>>).listKeys()).toEqual(['ns/a']);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'Unsupported watch event object gvk reflector="test-reflector" actualGVK="meta.k8s.io/v1, Kind=Table"',
      'Unsupported watch event object gvk reflector="test-reflector" actualGVK="meta.k8s.io/v1beta1, Kind=Table"',
    ]);
  });

  it('lets them through on an ordinary watch, as client-go', async () => {
    const { clock, lw, store } = setup({ useWatchList: false });
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    lw.lastWatch.add(table('11'));
    await clock.settle();
    expect((store as ReturnType<typeof newStore<Obj>>).listKeys()).toEqual(['']);
  });
});

describe('watch-list opt-out: isWatchListSemanticsUnsupported', () => {
  it('a ListerWatcher returning true makes the reflector LIST then WATCH', async () => {
    const { clock, lw } = setup({}, undefined, (l) => Object.assign(l, { isWatchListSemanticsUnsupported: () => true }));
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    expect(lw.verbs()).toEqual(['list', 'watch']);
    expect(lw.calls[1].opts.sendInitialEvents).toBeUndefined();
  });

  it('returning false keeps watch-list', async () => {
    const { clock, lw } = setup({}, undefined, (l) => Object.assign(l, { isWatchListSemanticsUnsupported: () => false }));
    await clock.settle();
    expect(lw.calls[0]).toMatchObject({ verb: 'watch', opts: { sendInitialEvents: true } });
  });
});

describe('watch-list data consistency detector (KUBE_WATCHLIST_INCONSISTENCY_DETECTOR)', () => {
  const stream = (lw: ScriptedListerWatcher<Obj>) => {
    lw.lastWatch.add(obj('b', '4', { v: '1' })).add(obj('a', '3', { v: '1' }));
    lw.lastWatch.bookmark('5', true);
  };

  it('after a watch-list sync, LISTs at the synced RV with resourceVersionMatch=Exact; equal data (any order) passes', async () => {
    const { clock, lw, store, done, logger } = setup({ watchListInconsistencyDetector: true });
    lw.onList = () => ({ metadata: { resourceVersion: '5' }, items: [obj('a', '3', { v: '1' }), obj('b', '4', { v: '1' })] });
    await clock.settle();
    stream(lw);
    await clock.settle();
    expect(lw.calls.map((c) => c.verb)).toEqual(['watch', 'list']);
    expect(lw.calls[1].opts).toEqual({ resourceVersion: '5', resourceVersionMatch: 'Exact' });
    expect((store as ReturnType<typeof newStore<Obj>>).listKeys().sort()).toEqual(['ns/a', 'ns/b']);
    expect(logger.lines).toContainEqual({
      level: 'warn',
      msg: 'data consistency check for test-reflector is enabled, this will result in an additional call to the API server.',
    });
    stop!.abort();
    await expect(done).resolves.toBeUndefined();
  });

  it('a differing LIST rejects run() with "data inconsistency detected for <name>, panicking!" and leaves the store empty', async () => {
    const { clock, lw, store, done, logger, errors } = setup({ watchListInconsistencyDetector: true });
    lw.onList = () => ({ metadata: { resourceVersion: '5' }, items: [obj('a', '3', { v: '1' }), obj('b', '4', { v: 'changed' })] });
    await clock.settle();
    stream(lw);
    await clock.settle();
    await expect(done).rejects.toThrow(new DataInconsistencyError('test-reflector'));
    await expect(done).rejects.toThrow(/^data inconsistency detected for test-reflector, panicking!$/);
    expect(logger.lines).toContainEqual({ level: 'error', msg: 'data inconsistency detected for test-reflector, panicking!' });
    expect(
      logger.lines.some((l) => l.level === 'info' && l.msg.startsWith('previously received data for test-reflector is different')),
    ).toBe(true);
    expect((store as ReturnType<typeof newStore<Obj>>).list()).toEqual([]);
    expect(errors).toEqual([]); // like the panic, it bypasses the watch error handler
    expect(lw.lastWatch.stopped).toBe(true);
    expect(clock.timerCount).toBe(0);
  });

  it('applies the transform to the listed items before comparing', async () => {
    const fifo = new RealFIFO<Obj>({
      keyFunction: deletionHandlingMetaNamespaceKeyFunc,
      knownObjects: newIndexer<Obj>(deletionHandlingMetaNamespaceKeyFunc),
      transformer: (o) => ({ ...o, data: { v: 'stripped' } }),
    });
    const { clock, lw, done } = setup({ watchListInconsistencyDetector: true }, fifo);
    lw.onList = () => ({ metadata: { resourceVersion: '5' }, items: [obj('a', '3', { v: 'raw' }), obj('b', '4', { v: 'raw' })] });
    await clock.settle();
    stream(lw);
    await clock.settle();
    expect(fifo.length).toBe(2);
    stop!.abort();
    await expect(done).resolves.toBeUndefined();
  });

  it('retries a failing LIST every second', async () => {
    const { clock, lw, logger, store } = setup({ watchListInconsistencyDetector: true });
    let n = 0;
    lw.onList = () => {
      if (n++ < 2) throw new Error('boom');
      return { metadata: { resourceVersion: '5' }, items: [obj('a', '3', { v: '1' }), obj('b', '4', { v: '1' })] };
    };
    await clock.settle();
    stream(lw);
    await clock.settle();
    expect(lw.verbs()).toEqual(['watch', 'list']);
    await clock.advance(1000);
    await clock.advance(1000);
    expect(lw.verbs()).toEqual(['watch', 'list', 'list', 'list']);
    expect(
      logger.lines.filter((l) => l.msg === 'failed to list data from the server, retrying until stopCh is closed, err: boom').length,
    ).toBe(2);
    expect((store as ReturnType<typeof newStore<Obj>>).listKeys().length).toBe(2);
  });

  it('is read from KUBE_WATCHLIST_INCONSISTENCY_DETECTOR when the reflector is built, and off by default', async () => {
    vi.stubEnv('KUBE_WATCHLIST_INCONSISTENCY_DETECTOR', 'True');
    const on = setup();
    vi.stubEnv('KUBE_WATCHLIST_INCONSISTENCY_DETECTOR', '');
    on.lw.onList = () => ({ metadata: { resourceVersion: '5' }, items: [] });
    await on.clock.settle();
    stream(on.lw);
    await on.clock.settle();
    await expect(on.done).rejects.toThrow(DataInconsistencyError);

    const off = setup();
    await off.clock.settle();
    stream(off.lw);
    await off.clock.settle();
    expect(off.lw.verbs()).toEqual(['watch']);
  });
});
