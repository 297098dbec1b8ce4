/**
 * apimachinery wait.ExponentialBackoff: run `condition` up to `steps` times, sleeping
 * `Backoff.step()` between attempts (so steps - 1 sleeps at most).
 *
 * Outcomes: resolves when the condition returns true; rejects with the condition's error at once
 * (no retry); rejects with WaitTimeoutError after the last step; rejects with the signal's reason
 * when `signal` aborts (checked before each attempt and during each sleep).
 */
import { mathRandom, realClock, sleep, type Clock, type Random } from '../clock/clock.js';
import { Backoff, type BackoffOptions } from './backoff.js';

/** wait.ErrWaitTimeout. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
  constructor() {
    super('timed out waiting for the condition');
  }
}

export interface WaitOptions {
  clock?: Clock;
  random?: Random;
  signal?: AbortSignal;
}

export async function exponentialBackoff(
  backoff: BackoffOptions,
  condition: () => boolean | Promise<boolean>,
  opts: WaitOptions = {},
): Promise<void> {
  const clock = opts.clock ?? realClock;
  const b = new Backoff(backoff, opts.random ?? mathRandom);
  while (b.steps > 0) {
    opts.signal?.throwIfAborted();
    if (await condition()) return;
    if (b.steps === 1) break;
    if (!(await sleep(clock, b.step(), opts.signal))) opts.signal?.throwIfAborted();
  }
  throw new WaitTimeoutError();
}
