/**
 * A token bucket with golang.org/x/time/rate semantics (client-go's
 * flowcontrol.NewTokenBucketRateLimiter): the bucket starts full (`burst` tokens) and refills
 * continuously at `qps` tokens per second; `wait` reserves a token at once, possibly driving the
 * balance negative, and sleeps until the reservation is due. An aborted wait gives its token back.
 */
import type { RateLimiter } from '../config/rest-config.js';
import { systemClock, type Clock } from './clock.js';

export class TokenBucketRateLimiter implements RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(rate > 0)) throw new Error(`token bucket: qps must be > 0, got ${rate}`);
    if (!(burst >= 1)) throw new Error(`token bucket: burst must be >= 1, got ${burst}`);
    this.tokens = burst;
    this.last = clock.now();
  }

  private advance(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rate) / 1000);
    this.last = now;
  }

  tryAccept(): boolean {
    this.advance();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  async wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.advance();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = (-this.tokens / this.rate) * 1000;
    try {
      await this.clock.sleep(waitMs, signal);
    } catch (e) {
      this.tokens += 1;
      throw e;
    }
  }

  qps(): number {
    return this.rate;
  }

  stop(): void {}
}

/** flowcontrol.NewFakeAlwaysRateLimiter: never throttles. */
export const alwaysAllow: RateLimiter = {
  wait: async () => {},
  tryAccept: () => true,
  qps: () => 0,
  stop: () => {},
};
