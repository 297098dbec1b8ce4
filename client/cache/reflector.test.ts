import { afterEach, describe, expect, it } from 'vitest';
import { StatusError } from '../errors.js';
import { WatchIdleTimeoutError } from '../rest/watch-stream.js';
import { FakeClock } from '../tools/clock/fake-clock.js';
import { newStore } from './indexer.js';
import { silentLogger } from './log.js';
import { Reflector, type ReflectorOptions } from './reflector.js';
import type { Store } from './store.js';
import { ScriptedListerWatcher } from './testing/fake-listwatch.js';

interface Obj {
  metadata: { name: string; namespace?: string; resourceVersion: string; annotations?: Record<string, string> };
}
const obj = (name: string, rv: string): Obj => ({ metadata: { name, namespace: 'ns', resourceVersion: rv } });
const expired = () => new StatusError({ code: 410, reason: 'Expired', message: 'too old resource version' });
const tooMany = () => new StatusError({ code: 429, reason: 'TooManyRequests', message: 'slow down' });

let stop: AbortController | undefined;
afterEach(() => stop?.abort());

function setup(opts: ReflectorOptions = {}) {
  const clock = new FakeClock();
  const lw = new ScriptedListerWatcher<Obj>();
  const store: Store<Obj> = newStore<Obj>();
  const errors: unknown[] = [];
  const r = new Reflector<Obj>(lw, store, {
    clock,
    random: () => 0.5,
    logger: silentLogger,
    useWatchList: false,
    watchErrorHandler: (_r, e) => errors.push(e),
    ...opts,
  });
  stop = new AbortController();
  const done = r.run(stop.signal);
  return { clock, lw, store, r, errors, done };
}

describe('Reflector list+watch', () => {
  it('lists from "0", then watches from the list RV with bookmarks and a 5-10 minute timeout', async () => {
    const { clock, lw, store } = setup();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [obj('a', '5'), obj('b', '7')] });
    await clock.settle();
    expect(lw.calls[0]).toEqual({ verb: 'list', opts: { resourceVersion: '0', limit: 500 } });
    expect(lw.calls[1].verb).toBe('watch');
    expect(lw.calls[1].opts).toMatchObject({ resourceVersion: '10', allowWatchBookmarks: true });
    expect(lw.calls[1].opts.timeoutSeconds).toBe(450); // 300 * (0.5 + 1)
    expect(store.listKeys().sort()).toEqual(['ns/a', 'ns/b']);
  });

  it('re-watches from the last seen RV after a normal close, without relisting', async () => {
    const { clock, lw, store, r } = setup();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    lw.lastWatch.add(obj('a', '11')).modify(obj('a', '12')).bookmark('15');
    await clock.settle();
    expect(r.lastSyncResourceVersion()).toBe('15');
    lw.lastWatch.close();
    await clock.settle();
    expect(lw.verbs()).toEqual(['list', 'watch', 'watch']);
    expect(lw.calls[2].opts.resourceVersion).toBe('15');
    expect(store.get(obj('a', ''))?.metadata.resourceVersion).toBe('12');
  });

  it('relists at the last RV (not "") after a 410 during the watch, after a backoff', async () => {
    const { clock, lw, r } = setup();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    lw.lastWatch.add(obj('a', '11')).error({ code: 410, reason: 'Expired', message: 'too old' });
    await clock.settle();
    expect(lw.verbs()).toEqual(['list', 'watch']);
    await clock.advance(800 * 1.5); // first backoff: 800ms * (1 + 0.5 jitter)
    expect(lw.verbs()).toEqual(['list', 'watch', 'list', 'watch']);
    expect(lw.calls[2].opts).toEqual({ resourceVersion: '11' }); // RV=N: unpaginated (watch cache)
    expect(r.isLastSyncResourceVersionUnavailable()).toBe(false);
  });

  it('retries a list that answers 410 at once with RV "" (quorum read)', async () => {
    const { clock, lw, r } = setup();
    let n = 0;
    lw.onList = (o) => {
      if (n++ === 0) throw expired();
      expect(o.resourceVersion).toBe('');
      return { metadata: { resourceVersion: '20' }, items: [] };
    };
    await clock.settle();
    expect(lw.calls.map((c) => c.opts.resourceVersion)).toEqual(['0', '', '20']);
    expect(r.lastSyncResourceVersion()).toBe('20');
  });

  it('re-watches (no relist) after a 429 on watch start or as a watch event, with backoff', async () => {
    const { clock, lw } = setup();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    let n = 0;
    lw.onWatch = () => {
      if (n++ === 0) throw tooMany();
    };
    await clock.settle();
    expect(lw.verbs()).toEqual(['list', 'watch']);
    await clock.advance(1200);
    expect(lw.verbs()).toEqual(['list', 'watch', 'watch']);
    lw.lastWatch.add(obj('a', '11')).error({ code: 429, reason: 'TooManyRequests' });
    await clock.settle();
    expect(lw.verbs()).toEqual(['list', 'watch', 'watch']);
    await clock.advance(2400 + 1); // second backoff step: 1600 * 1.5
    expect(lw.verbs()).toEqual(['list', 'watch', 'watch', 'watch']);
    expect(lw.calls[3].opts.resourceVersion).toBe('11');
  });

  it('re-watches after a refused connection on watch start', async () => {
    const { clock, lw } = setup();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    let n = 0;
    lw.onWatch = () => {
      if (n++ === 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    };
    await clock.settle();
    await clock.advance(1200);
    expect(lw.verbs()).toEqual(['list', 'watch', 'watch']);
  });

  it('relists after a very short watch (closed within 1 s with no events)', async () => {
    const { clock, lw, errors } = setup();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    lw.lastWatch.close();
    await clock.settle();
    await clock.advance(1200);
    expect(lw.verbs()).toEqual(['list', 'watch', 'list', 'watch']);
    expect(errors).toEqual([]); // ListAndWatch returned nil: logged, not an error for the handler
  });

  it('a watch that lasted over 1 s with no events is a normal close', async () => {
    const { clock, lw } = setup();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    await clock.advance(1500);
    lw.lastWatch.close();
    await clock.settle();
    expect(lw.verbs()).toEqual(['list', 'watch', 'watch']);
  });

  it('restarts a silent watch after the inactivity timeout, from the same RV', async () => {
    const { clock, lw } = setup({ inactivityTimeoutMs: 10_000 });
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    await clock.advance(9_000);
    lw.lastWatch.add(obj('a', '11'));
    await clock.advance(9_000); // timer re-armed by the event
    expect(lw.verbs()).toEqual(['list', 'watch']);
    await clock.advance(2_000);
    expect(lw.verbs()).toEqual(['list', 'watch', 'watch']);
    expect(lw.watches[0].stopped).toBe(true);
    expect(lw.calls[2].opts.resourceVersion).toBe('11');
  });

  it("treats the REST layer's WatchIdleTimeoutError as a silent watch: re-watch from the same RV, no relist", async () => {
    const { clock, lw, errors } = setup();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    lw.lastWatch.add(obj('a', '11'));
    await clock.advance(2_000);
    lw.lastWatch.fail(new WatchIdleTimeoutError(60_000));
    await clock.settle();
    expect(lw.verbs()).toEqual(['list', 'watch', 'watch']);
    expect(lw.calls[2].opts.resourceVersion).toBe('11');
    expect(errors).toEqual([]);
  });

  it('reports list errors to the watch error handler and backs off exponentially (800ms → 30s)', async () => {
    const { clock, lw, errors } = setup({ random: () => 0 });
    lw.onList = () => {
      throw new StatusError({ code: 500, reason: 'InternalError', message: 'boom' });
    };
    await clock.settle();
    const times: number[] = [];
    let last = clock.now();
    for (let i = 0; i < 9; i++) {
      const before = lw.calls.length;
      while (lw.calls.length === before) await clock.advance(100);
      times.push(clock.now() - last);
      last = clock.now();
    }
    // Steps of 100 ms round each delay up: 800, 1600, 3200, 6400, 12800, 25600, then the 30 s cap.
    expect(times).toEqual([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000]);
    expect(errors.length).toBeGreaterThanOrEqual(9);
  });

  it('resets the backoff after 2 quiet minutes', async () => {
    const { clock, lw } = setup({ random: () => 0 });
    let fail = true;
    lw.onList = () => {
      if (fail) throw new StatusError({ code: 500, reason: 'InternalError' });
      return { metadata: { resourceVersion: '10' }, items: [] };
    };
    await clock.settle();
    await clock.advance(800);
    await clock.advance(1600);
    await clock.advance(3200); // 4 lists, next backoff would be 6400
    expect(lw.calls.length).toBe(4);
    fail = false;
    await clock.advance(6400);
    expect(lw.verbs().slice(-2)).toEqual(['list', 'watch']);
    await clock.advance(130_000); // a quiet watch, longer than the reset period
    lw.lastWatch.add(obj('a', '11')).error({ code: 410, reason: 'Expired' });
    await clock.settle();
    const n = lw.calls.length;
    await clock.advance(800);
    expect(lw.calls.length).toBe(n + 2); // relisted after the initial 800 ms again
  });

  it('follows continue tokens and falls back to a full list when a continuation expires', async () => {
    const { clock, lw, store } = setup();
    const pages: Record<string, { items: Obj[]; cont?: string }> = {
      '': { items: [obj('a', '1')], cont: 'p2' },
      p2: { items: [obj('b', '2')], cont: 'p3' },
    };
    lw.onList = (o) => {
      if (o.continue === 'p3') throw expired();
      if (o.limit && !o.continue) return { metadata: { resourceVersion: '9', continue: 'p2' }, items: pages[''].items };
      if (o.continue === 'p2') return { metadata: { resourceVersion: '9', continue: 'p3' }, items: pages.p2.items };
      return { metadata: { resourceVersion: '12' }, items: [obj('a', '1'), obj('b', '2'), obj('c', '3')] };
    };
    await clock.settle();
    expect(lw.calls.slice(0, 4).map((c) => c.opts)).toEqual([
      { resourceVersion: '0', limit: 500 },
      { limit: 500, continue: 'p2' },
      { limit: 500, continue: 'p3' },
      { resourceVersion: '0' },
    ]);
    expect(store.listKeys().sort()).toEqual(['ns/a', 'ns/b', 'ns/c']);
  });

  it('records no RV from synthetic ADDED events of a watch started from "" (propagateRVFromStart)', async () => {
    const { clock, lw, r } = setup();
    lw.onList = () => ({ metadata: {}, items: [] });
    await clock.settle();
    expect(lw.calls[1].opts.resourceVersion).toBe('');
    lw.lastWatch.add(obj('a', '30')).add(obj('b', '20'));
    await clock.settle();
    expect(r.lastSyncResourceVersion()).toBe('');
    lw.lastWatch.modify(obj('a', '31'));
    await clock.settle();
    expect(r.lastSyncResourceVersion()).toBe('31');
  });

  it('stops promptly and releases the watch when the signal aborts', async () => {
    const { clock, lw, done } = setup();
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [] });
    await clock.settle();
    stop!.abort();
    await done;
    expect(lw.lastWatch.stopped).toBe(true);
    expect(clock.timerCount).toBe(0);
  });
});

describe('Reflector watch-list (streaming list)', () => {
  it('streams the initial state, replaces the store at the bookmark RV and keeps the stream', async () => {
    const { clock, lw, store, r } = setup({ useWatchList: true });
    await clock.settle();
    expect(lw.calls[0]).toMatchObject({
      verb: 'watch',
      opts: { resourceVersion: '', sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: true },
    });
    lw.lastWatch.add(obj('a', '3')).add(obj('b', '2'));
    await clock.settle();
    expect(store.listKeys()).toEqual([]);
    lw.lastWatch.bookmark('5', true);
    await clock.settle();
    expect(store.listKeys().sort()).toEqual(['ns/a', 'ns/b']);
    expect(r.lastSyncResourceVersion()).toBe('5');
    lw.lastWatch.modify(obj('a', '6'));
    await clock.settle();
    expect(store.get(obj('a', ''))?.metadata.resourceVersion).toBe('6');
    expect(lw.verbs()).toEqual(['watch']);
  });

  it('falls back to LIST when the server refuses the streaming list', async () => {
    const { clock, lw, store } = setup({ useWatchList: true });
    let n = 0;
    lw.onWatch = () => {
      if (n++ === 0) throw new StatusError({ code: 422, reason: 'Invalid', message: 'sendInitialEvents is forbidden' });
    };
    lw.onList = () => ({ metadata: { resourceVersion: '10' }, items: [obj('a', '4')] });
    await clock.settle();
    expect(lw.verbs()).toEqual(['watch', 'list', 'watch']);
    expect(lw.calls[2].opts).toMatchObject({ resourceVersion: '10' });
    expect(lw.calls[2].opts.sendInitialEvents).toBeUndefined();
    expect(store.listKeys()).toEqual(['ns/a']);
  });

  it('asks for "" again after an Expired streaming list', async () => {
    const { clock, lw } = setup({ useWatchList: true });
    let n = 0;
    lw.onWatch = () => {
      if (n++ === 0) throw expired();
    };
    await clock.settle();
    expect(lw.verbs()).toEqual(['watch', 'watch']);
    expect(lw.calls[1].opts.resourceVersion).toBe('');
  });
});
