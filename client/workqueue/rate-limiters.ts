/**
 * Rate limiters for the rate-limiting queue (client-go util/workqueue/default_rate_limiters.go).
 * `when(item)` records a failure and returns how long (ms) to wait before retrying it; `forget`
 * clears the item's failures; `numRequeues` is how many failures were recorded.
 */
import type { Clock } from '../tools/clock/clock.js';
import { TokenBucket } from './token-bucket.js';

export interface RateLimiter<T> {
  when(item: T): number;
  forget(item: T): void;
  numRequeues(item: T): number;
}

/** base × 2^failures, capped at max (5 ms, 10 ms, 20 ms ... 1000 s by default). */
export class ItemExponentialFailureRateLimiter<T> implements RateLimiter<T> {
  private readonly failures = new Map<T, number>();

  constructor(
    readonly baseDelayMs: number,
    readonly maxDelayMs: number,
  ) {}

  when(item: T): number {
    const exp = this.failures.get(item) ?? 0;
    this.failures.set(item, exp + 1);
    const backoff = this.baseDelayMs * Math.pow(2, exp);
    if (!Number.isFinite(backoff) || backoff > this.maxDelayMs) return this.maxDelayMs;
    return backoff;
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }

  forget(item: T): void {
    this.failures.delete(item);
  }
}

/** `fastDelay` for the first `maxFastAttempts` failures of an item, `slowDelay` afterwards. */
export class ItemFastSlowRateLimiter<T> implements RateLimiter<T> {
  private readonly failures = new Map<T, number>();

  constructor(
    readonly fastDelayMs: number,
    readonly slowDelayMs: number,
    readonly maxFastAttempts: number,
  ) {}

  when(item: T): number {
    const n = (this.failures.get(item) ?? 0) + 1;
    this.failures.set(item, n);
    return n <= this.maxFastAttempts ? this.fastDelayMs : this.slowDelayMs;
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }

  forget(item: T): void {
    this.failures.delete(item);
  }
}

/** An overall token bucket (qps, burst), shared by all items; every `when` takes a token. */
export class BucketRateLimiter<T> implements RateLimiter<T> {
  readonly bucket: TokenBucket;

  constructor(qps: number, burst: number, clock?: Clock) {
    this.bucket = new TokenBucket(qps, burst, clock);
  }

  when(_item: T): number {
    return this.bucket.reserve();
  }

  numRequeues(_item: T): number {
    return 0;
  }

  forget(_item: T): void {}
}

/** The worst of several limiters; every limiter records every failure. */
export class MaxOfRateLimiter<T> implements RateLimiter<T> {
  readonly limiters: RateLimiter<T>[];

  constructor(...limiters: RateLimiter<T>[]) {
    this.limiters = limiters;
  }

  when(item: T): number {
    let ret = 0;
    for (const l of this.limiters) ret = Math.max(ret, l.when(item));
    return ret;
  }

  numRequeues(item: T): number {
    let ret = 0;
    for (const l of this.limiters) ret = Math.max(ret, l.numRequeues(item));
    return ret;
  }

  forget(item: T): void {
    for (const l of this.limiters) l.forget(item);
  }
}

/** Caps another limiter's delay at `maxDelayMs`. */
export class WithMaxWaitRateLimiter<T> implements RateLimiter<T> {
  constructor(
    readonly limiter: RateLimiter<T>,
    readonly maxDelayMs: number,
  ) {}

  when(item: T): number {
    return Math.min(this.limiter.when(item), this.maxDelayMs);
  }

  numRequeues(item: T): number {
    return this.limiter.numRequeues(item);
  }

  forget(item: T): void {
    this.limiter.forget(item);
  }
}

/**
 * DefaultControllerRateLimiter: per-item exponential backoff (5 ms .. 1000 s) combined with an
 * overall 10 qps / burst 100 bucket, whichever asks for the longer wait.
 */
export function defaultControllerRateLimiter<T = string>(clock?: Clock): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(new ItemExponentialFailureRateLimiter<T>(5, 1000_000), new BucketRateLimiter<T>(10, 100, clock));
}

/** DefaultItemBasedRateLimiter: per-item exponential backoff, 1 ms .. 1000 s. */
export function defaultItemBasedRateLimiter<T = string>(): RateLimiter<T> {
  return new ItemExponentialFailureRateLimiter<T>(1, 1000_000);
}
