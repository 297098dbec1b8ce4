import { describe, expect, it } from 'vitest';
import { FakeClock } from '../tools/clock/fake-clock.js';
import { newDelayingQueue } from './delaying-queue.js';
import type { MetricsProvider } from './metrics.js';
import { newQueue } from './queue.js';

describe('Queue', () => {
  it('is fair (FIFO) and stingy (an item added twice before processing is processed once)', async () => {
    const q = newQueue<string>();
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.len()).toBe(2);
    expect((await q.get()).item).toBe('a');
    expect((await q.get()).item).toBe('b');
    expect(q.len()).toBe(0);
  });

  it('re-adding an item while it is processed queues it again only after done', async () => {
    const q = newQueue<string>();
    q.add('a');
    const { item } = await q.get();
    q.add('a');
    expect(q.len()).toBe(0); // dirty, but not queued while processing
    q.done(item!);
    expect(q.len()).toBe(1);
    expect((await q.get()).item).toBe('a');
  });

  it('never hands the same item to two workers at once, and loses no add (many producers/consumers)', async () => {
    const q = newQueue<number>();
    const active = new Set<number>();
    let overlaps = 0;
    const processed = new Map<number, number>();
    const lastAddAfterStart = new Map<number, number>();
    let seq = 0;
    const workers = Array.from({ length: 8 }, async () => {
      for await (const item of q) {
        if (active.has(item)) overlaps++;
        active.add(item);
        const startedAt = seq++;
        await new Promise((r) => setTimeout(r, Math.random() * 2));
        processed.set(item, startedAt);
        active.delete(item);
        q.done(item);
      }
    });
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 20; i++) {
        q.add(i);
        lastAddAfterStart.set(i, seq);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await q.shutDownWithDrain();
    await Promise.all(workers);
    expect(overlaps).toBe(0);
    // Every item was processed at least once after its last add.
    for (const [i, addedAt] of lastAddAfterStart) expect(processed.get(i)!).toBeGreaterThanOrEqual(addedAt - 1);
  });

  it('shutDown: ignores adds, drains what was queued, then reports shutdown to every waiter', async () => {
    const q = newQueue<string>();
    const waiter = q.get();
    q.add('a');
    expect((await waiter).item).toBe('a');
    q.add('b');
    q.shutDown();
    q.add('c');
    expect(q.shuttingDown()).toBe(true);
    expect(await q.get()).toEqual({ item: 'b', shutdown: false });
    expect(await q.get()).toEqual({ item: undefined, shutdown: true });
    const items: string[] = [];
    for await (const x of q) items.push(x);
    expect(items).toEqual([]);
  });

  it('shutDownWithDrain waits until every handed-out item is done', async () => {
    const q = newQueue<string>();
    q.add('a');
    const { item } = await q.get();
    let drained = false;
    const p = q.shutDownWithDrain().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(drained).toBe(false);
    q.done(item!);
    await p;
    expect(drained).toBe(true);
  });

  it('get(signal) returns shutdown when the signal aborts', async () => {
    const q = newQueue<string>();
    const ac = new AbortController();
    const p = q.get(ac.signal);
    ac.abort();
    expect((await p).shutdown).toBe(true);
  });

  it('reports metrics: depth, adds, latency, work duration, unfinished work, longest running, retries', async () => {
    const clock = new FakeClock();
    const rec: Record<string, number[]> = {};
    const push = (k: string, v: number) => (rec[k] ??= []).push(v);
    const provider: MetricsProvider = {
      newDepthMetric: () => ({ inc: () => push('depth', 1), dec: () => push('depth', -1) }),
      newAddsMetric: () => ({ inc: () => push('adds', 1) }),
      newLatencyMetric: () => ({ observe: (v) => push('latency', v) }),
      newWorkDurationMetric: () => ({ observe: (v) => push('work', v) }),
      newUnfinishedWorkSecondsMetric: () => ({ set: (v) => push('unfinished', v) }),
      newLongestRunningProcessorSecondsMetric: () => ({ set: (v) => push('longest', v) }),
      newRetriesMetric: () => ({ inc: () => push('retries', 1) }),
    };
    const q = newDelayingQueue<string>({ name: 'test', metricsProvider: provider, clock });
    q.add('a');
    await clock.advance(2000);
    const { item } = await q.get();
    await clock.advance(1000);
    expect(rec.unfinished!.at(-1)).toBe(1);
    q.done(item!);
    q.addAfter('b', 10);
    q.shutDown();
    expect(rec.adds).toEqual([1]);
    expect(rec.depth).toEqual([1, -1]);
    expect(rec.latency).toEqual([2]);
    expect(rec.work).toEqual([1]);
    expect(rec.longest!.at(-1)).toBe(1);
    expect(rec.retries).toEqual([1]);
    expect(clock.timerCount).toBe(0);
  });
});

describe('DelayingQueue', () => {
  it('adds items when their delay elapses, earliest first; re-adding keeps the earlier time', async () => {
    const clock = new FakeClock();
    const q = newDelayingQueue<string>({ clock });
    q.addAfter('late', 300);
    q.addAfter('early', 100);
    q.addAfter('late', 200); // earlier: wins
    q.addAfter('early', 500); // later: ignored
    q.addAfter('now', 0);
    expect(q.len()).toBe(1);
    await clock.advance(100);
    expect(q.len()).toBe(2);
    await clock.advance(100);
    expect(q.len()).toBe(3);
    const order = [(await q.get()).item, (await q.get()).item, (await q.get()).item];
    expect(order).toEqual(['now', 'early', 'late']);
    expect(q.waiting).toBe(0);
    await clock.advance(1000);
    expect(q.len()).toBe(0);
  });

  it('drops waiting items and ignores addAfter after shutdown', async () => {
    const clock = new FakeClock();
    const q = newDelayingQueue<string>({ clock });
    q.addAfter('a', 100);
    q.shutDown();
    q.addAfter('b', 0);
    await clock.advance(200);
    expect(q.len()).toBe(0);
    expect(clock.timerCount).toBe(0);
  });
});
