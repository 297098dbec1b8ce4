/**
 * client-go util/retry: retry a read-modify-write on conflict (or any retriable error) with a
 * bounded backoff.
 *
 *   await retryOnConflict(DEFAULT_RETRY, async () => {
 *     const pod = await pods.get(name);            // re-read on every attempt
 *     pod.metadata.labels = { ...pod.metadata.labels, x: 'y' };
 *     await pods.update(pod);                      // 409 Conflict → try again
 *   });
 *
 * Invariants: `fn` runs at most `backoff.steps` times; a success resolves with fn's value; a
 * non-retriable error rejects at once with that error; after the last retriable failure the LAST
 * error is rethrown (never a timeout error), as client-go's OnError does.
 */
import { isConflict } from '../../errors.js';
import type { BackoffOptions } from '../../tools/wait/backoff.js';
import { exponentialBackoff, type WaitOptions } from '../../tools/wait/exponential-backoff.js';

/** For a conflict among several clients changing the same object: 5 tries, 10 ms apart (+10% jitter). */
export const DEFAULT_RETRY: Readonly<BackoffOptions> = Object.freeze({ steps: 5, durationMs: 10, factor: 1.0, jitter: 0.1 });

/** For a change to an object a controller actively manages: 4 tries, 10 ms ×5 each time (+10% jitter). */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = Object.freeze({ steps: 4, durationMs: 10, factor: 5.0, jitter: 0.1 });

/** retry.OnError: retries `fn` while it fails with an error `retriable` accepts. */
export async function onError<T>(
  backoff: BackoffOptions,
  retriable: (err: unknown) => boolean,
  fn: () => T | Promise<T>,
  opts?: WaitOptions,
): Promise<T> {
  let result: T | undefined;
  let lastErr: unknown;
  let failed = false;
  try {
    await exponentialBackoff(
      backoff,
      async () => {
        try {
          result = await fn();
          return true;
        } catch (err) {
          if (!retriable(err)) throw err;
          lastErr = err;
          failed = true;
          return false;
        }
      },
      opts,
    );
  } catch (err) {
    if (failed && err instanceof Error && err.name === 'WaitTimeoutError') throw lastErr;
    throw err;
  }
  return result as T;
}

/** retry.RetryOnConflict: onError with isConflict (409 Conflict). */
export function retryOnConflict<T>(backoff: BackoffOptions, fn: () => T | Promise<T>, opts?: WaitOptions): Promise<T> {
  return onError(backoff, isConflict, fn, opts);
}
