/**
 * How the reflector classifies failures (client-go tools/cache/reflector.go isExpiredError,
 * isTooLargeResourceVersionError, isWatchErrorRetriable, RetryWithDeadline). Each decides a
 * transition of the state machine in reflector.ts.
 */
import { isGone, isInternalError, isResourceExpired, isTimeout, isTooManyRequests, StatusError } from '../errors.js';
import type { Clock } from '../tools/clock/clock.js';
import { isConnectionRefused } from './net-errors.js';

/** 410: the resourceVersion fell out of the server's window (Expired since 1.18, Gone before). */
export function isExpiredError(err: unknown): boolean {
  return isResourceExpired(err) || isGone(err);
}

/** 504 "Too large resource version": the server has not reached the RV we asked for. */
export function isTooLargeResourceVersionError(err: unknown): boolean {
  if (!(err instanceof StatusError) && !(err as { status?: unknown } | null)?.status) return false;
  const status = (err as StatusError).status;
  const causes = status.details?.causes ?? [];
  if (causes.some((c) => c.reason === 'ResourceVersionTooLarge')) return true;
  if (!isTimeout(err)) return false;
  // Servers 1.17.0-1.18.5 put only the message in the cause; older ones only in the message.
  if (causes.some((c) => c.message === 'Too large resource version')) return true;
  return (status.message ?? '').includes('Too large resource version');
}

/**
 * Worth re-watching from the same RV instead of relisting: the server refused the connection
 * (probably restarting) or asked us to slow down.
 */
export function isWatchErrorRetriable(err: unknown): boolean {
  return isConnectionRefused(err) || isTooManyRequests(err);
}

/** A watch that closed within a second without a single event (forces a relist). */
export class VeryShortWatchError extends Error {
  override readonly name = 'VeryShortWatchError';
  constructor(reflectorName: string) {
    super(`very short watch: ${reflectorName}: Unexpected watch close - watch lasted less than a second and no items received`);
  }
}

/**
 * RetryWithDeadline for watch InternalErrors: retry while the first error is at most
 * `maxRetryDurationMs` old; after that, retry again only once errors paused for `minResetPeriodMs`.
 * A zero duration disables retries (client-go's default).
 */
export class RetryWithDeadline {
  private firstErrorTime = 0;
  private lastErrorTime = 0;

  constructor(
    private readonly maxRetryDurationMs: number,
    private readonly minResetPeriodMs: number,
    private readonly isRetryable: (err: unknown) => boolean,
    private readonly clock: Clock,
  ) {}

  after(err: unknown): void {
    if (err !== undefined && this.isRetryable(err)) {
      const now = this.clock.now();
      if (this.firstErrorTime === 0) this.firstErrorTime = now;
      this.lastErrorTime = now;
      return;
    }
    this.reset();
  }

  shouldRetry(): boolean {
    if (this.maxRetryDurationMs <= 0) return false;
    const now = this.clock.now();
    if (now - this.firstErrorTime <= this.maxRetryDurationMs) return true;
    if (now - this.lastErrorTime <= this.minResetPeriodMs) return false;
    this.reset();
    return true;
  }

  private reset(): void {
    this.firstErrorTime = 0;
    this.lastErrorTime = 0;
  }
}

export const isInternalErrorForRetry = isInternalError;
