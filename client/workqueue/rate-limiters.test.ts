import { describe, expect, it } from 'vitest';
import { FakeClock } from '../tools/clock/fake-clock.js';
import {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ItemExponentialFailureRateLimiter,
  ItemFastSlowRateLimiter,
  MaxOfRateLimiter,
  WithMaxWaitRateLimiter,
} from './rate-limiters.js';
import { newRateLimitingQueue } from './rate-limiting-queue.js';

describe('rate limiters', () => {
  it('item exponential failure: 5 ms doubling per failure, capped at 1000 s, per item; forget resets', () => {
    const r = new ItemExponentialFailureRateLimiter<string>(5, 1000_000);
    const delays = Array.from({ length: 20 }, () => r.when('a'));
    expect(delays.slice(0, 4)).toEqual([5, 10, 20, 40]);
    expect(delays[17]).toBe(5 * 2 ** 17); // 655.36 s
    expect(delays[18]).toBe(1000_000); // 2^18 * 5 ms > 1000 s: capped
    expect(r.numRequeues('a')).toBe(20);
    expect(r.when('b')).toBe(5);
    r.forget('a');
    expect(r.numRequeues('a')).toBe(0);
    expect(r.when('a')).toBe(5);
    const huge = new ItemExponentialFailureRateLimiter<string>(1, 5000);
    for (let i = 0; i < 2000; i++) huge.when('x');
    expect(huge.when('x')).toBe(5000); // overflow guard
  });

  it('fast-slow: fast delay for the first N failures, then slow', () => {
    const r = new ItemFastSlowRateLimiter<string>(5, 10_000, 3);
    expect([r.when('a'), r.when('a'), r.when('a'), r.when('a')]).toEqual([5, 5, 5, 10_000]);
    expect(r.numRequeues('a')).toBe(4);
    r.forget('a');
    expect(r.when('a')).toBe(5);
  });

  it('bucket: burst passes at once, then one token per 1/qps, global across items, always consumes', () => {
    const clock = new FakeClock();
    const r = new BucketRateLimiter<string>(10, 100, clock);
    for (let i = 0; i < 100; i++) expect(r.when(`item${i}`)).toBe(0);
    expect(r.when('x')).toBeCloseTo(100);
    expect(r.when('y')).toBeCloseTo(200);
    clock.step(100); // one token refilled: balance -2 → -1, and this reservation takes it to -2
    expect(r.when('z')).toBeCloseTo(200);
    clock.step(1000);
    expect(r.when('w')).toBe(0); // +10 tokens: the debt is paid
    expect(r.numRequeues('x')).toBe(0);
  });

  it('max-of calls every limiter and returns the longest delay; default controller limiter', () => {
    const clock = new FakeClock();
    const m = new MaxOfRateLimiter<string>(new ItemExponentialFailureRateLimiter(5, 1000_000), new BucketRateLimiter(10, 100, clock));
    expect(m.when('a')).toBe(5);
    expect(m.numRequeues('a')).toBe(1);
    m.forget('a');
    expect(m.numRequeues('a')).toBe(0);
    const d = defaultControllerRateLimiter<string>(clock);
    const got = Array.from({ length: 3 }, () => d.when('k'));
    expect(got).toEqual([5, 10, 20]);
    expect(new WithMaxWaitRateLimiter(new ItemExponentialFailureRateLimiter<string>(1000, 100_000), 1500).when('a')).toBe(1000);
  });

  it('rate-limiting queue: addRateLimited waits the limiter delay; forget and numRequeues', async () => {
    const clock = new FakeClock();
    const q = newRateLimitingQueue<string>(new ItemExponentialFailureRateLimiter(5, 1000), { clock });
    q.addRateLimited('a');
    q.addRateLimited('a'); // still waiting: keeps the earlier time
    expect(q.numRequeues('a')).toBe(2);
    expect(q.len()).toBe(0);
    await clock.advance(5);
    expect(q.len()).toBe(1);
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
    q.shutDown();
  });
});
