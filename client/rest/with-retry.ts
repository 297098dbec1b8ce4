/**
 * client-go's rest/with_retry.go, transcribed:
 *
 * - At most `maxRetries` (10) retries after the first attempt.
 * - A transport error is retried only if `isRetryable(err)` says so (for requests: GET with a
 *   connection reset or probable EOF; for watches: probable EOF or timeout); it is then treated as
 *   a synthetic `500 Retry-After: 1`.
 * - A response is retried only if it is 429 or >= 500 AND carries an integer Retry-After header;
 *   the wait is that many seconds.
 * - Before a retry: sleep the wait, then throttle with the client's rate limiter again.
 * - A request body that cannot be replayed is never retried (ours are always Buffers, so this only
 *   applies to callers that pass a stream).
 * - The final error is wrapped with the previous attempt's error when they differ
 *   ("... - error from a previous attempt: ...").
 */
import type { RateLimiter } from '../config/rest-config.js';
import type { Clock } from './clock.js';
import { retryAfterSeconds } from './response-error.js';

export const DEFAULT_MAX_RETRIES = 10;

export class PreviousAttemptError extends Error {
  override readonly name = 'PreviousAttemptError';
  constructor(
    readonly current: Error,
    readonly previous: Error,
  ) {
    super(`${current.message} - error from a previous attempt: ${previous.message}`, { cause: current });
  }
}

export interface AttemptOutcome {
  statusCode?: number;
  retryAfterHeader?: string | string[];
  error?: Error;
}

export class WithRetry {
  private attempts = 0;
  private waitMs: number | undefined;
  private previousErr: Error | undefined;
  private currentErr: Error | undefined;

  constructor(
    private readonly maxRetries: number,
    private readonly clock: Clock,
  ) {}

  private track(err: Error | undefined): void {
    if (this.currentErr) this.previousErr = this.currentErr;
    this.currentErr = err;
  }

  /** Before every attempt: nothing on the first (undefined); the Retry-After sleep and a throttle on the rest. */
  before(limiter: RateLimiter | undefined, signal: AbortSignal | undefined): Promise<void> | undefined {
    if (signal?.aborted) {
      this.track(signal.reason as Error);
      return Promise.reject(signal.reason);
    }
    if (this.waitMs === undefined) return undefined; // the first attempt: no promise, no tick
    const wait = this.waitMs;
    return (async () => {
      await this.clock.sleep(wait, signal);
      await limiter?.wait(signal);
    })();
  }

  /** After an attempt: should we go again? */
  isNextRetry(outcome: AttemptOutcome, replayableBody: boolean, isRetryable: (err: Error) => boolean): boolean {
    try {
      this.waitMs = undefined;
      if (!replayableBody) return false;
      this.attempts++;
      if (this.attempts > this.maxRetries) return false;
      let status = outcome.statusCode;
      let header = outcome.retryAfterHeader;
      if (outcome.error) {
        if (!isRetryable(outcome.error)) return false;
        status = 500;
        header = '1';
      }
      if (status === undefined || !(status === 429 || status >= 500)) return false;
      const secs = retryAfterSeconds(header);
      if (secs === undefined) return false;
      this.waitMs = Math.max(0, secs) * 1000;
      return true;
    } finally {
      this.track(outcome.error);
    }
  }

  get attemptCount(): number {
    return this.attempts;
  }

  wrapPreviousError(err: Error): Error {
    const prev = this.previousErr;
    if (!prev || prev === err || prev.message === err.message) return err;
    return new PreviousAttemptError(err, prev);
  }
}
