/**
 * A token bucket with golang.org/x/time/rate's reservation semantics, which BucketRateLimiter
 * needs: tokens refill continuously at `limit` per second up to `burst`; `reserve()` always takes
 * a token, letting the balance go negative, and returns how long the caller must wait for it.
 * Reservations are therefore global across callers and never refused (for n = 1 <= burst).
 */
import { realClock, type Clock } from '../tools/clock/clock.js';

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    /** Tokens per second. */
    readonly limit: number,
    readonly burst: number,
    private readonly clock: Clock = realClock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Takes one token; resolves the delay in ms until it is usable (0 if available now). */
  reserve(): number {
    if (this.limit === Infinity) return 0;
    const now = this.clock.now();
    const tokens = this.advance(now) - 1;
    const waitMs = tokens < 0 ? (-tokens / this.limit) * 1000 : 0;
    this.last = now;
    this.tokens = tokens;
    return waitMs;
  }

  /** Takes a token if one is available now. */
  allow(): boolean {
    const now = this.clock.now();
    const tokens = this.advance(now);
    if (tokens < 1) return false;
    this.last = now;
    this.tokens = tokens - 1;
    return true;
  }

  private advance(now: number): number {
    const last = now < this.last ? now : this.last;
    const elapsedMs = now - last;
    const tokens = this.tokens + (elapsedMs / 1000) * this.limit;
    return tokens > this.burst ? this.burst : tokens;
  }
}
