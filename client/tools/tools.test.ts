import { describe, expect, it } from 'vitest';
import { sleep } from './clock/clock.js';
import { FakeClock } from './clock/fake-clock.js';
import { Deque } from './deque.js';
import { Backoff, ExponentialBackoffManager, jitter } from './wait/backoff.js';

describe('wait.Backoff', () => {
  it('steps ×factor until the cap, then stays there (steps drop to 0)', () => {
    const b = new Backoff({ durationMs: 800, factor: 2, capMs: 30_000 }, () => 0);
    expect(Array.from({ length: 9 }, () => b.step())).toEqual([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000]);
    expect(b.steps).toBe(0);
  });

  it('jitter spreads each step over [d, d*(1+jitter))', () => {
    expect(jitter(1000, 1, () => 0.999)).toBeCloseTo(1999);
    const b = new Backoff({ durationMs: 100, factor: 1, jitter: 0.1, steps: 3 }, () => 0.5);
    expect([b.step(), b.step()]).toEqual([105, 105]);
  });

  it('the manager resets after resetMs without a backoff', () => {
    const clock = new FakeClock();
    const m = new ExponentialBackoffManager({ initialMs: 800, maxMs: 30_000, resetMs: 120_000, factor: 2, jitter: 0 }, clock, () => 0);
    expect([m.next(), m.next(), m.next()]).toEqual([800, 1600, 3200]);
    clock.step(119_000);
    expect(m.next()).toBe(6400);
    clock.step(121_000);
    expect(m.next()).toBe(800);
  });
});

describe('FakeClock and sleep', () => {
  it('fires timers in due order as time advances; sleep resolves false on abort', async () => {
    const clock = new FakeClock();
    const order: string[] = [];
    void sleep(clock, 200).then(() => order.push('b'));
    void sleep(clock, 100).then(() => order.push('a'));
    const ac = new AbortController();
    const aborted = sleep(clock, 50, ac.signal);
    ac.abort();
    expect(await aborted).toBe(false);
    await clock.advance(150);
    expect(order).toEqual(['a']);
    await clock.advance(100);
    expect(order).toEqual(['a', 'b']);
    expect(clock.timerCount).toBe(0);
  });
});

describe('Deque', () => {
  it('is FIFO and releases memory as it drains', () => {
    const d = new Deque<number>();
    for (let i = 0; i < 5000; i++) d.push(i);
    for (let i = 0; i < 4000; i++) expect(d.shift()).toBe(i);
    expect(d.length).toBe(1000);
    expect([...d].slice(0, 2)).toEqual([4000, 4001]);
    while (d.shift() !== undefined);
    expect(d.length).toBe(0);
    expect(d.peek()).toBeUndefined();
  });
});
