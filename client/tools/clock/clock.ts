/**
 * Time and randomness as the client's long-lived machinery sees them (k8s.io/utils/clock, and the
 * math/rand calls of client-go), injected so that tests and seeded chaos replays are
 * deterministic. Everything that sleeps, times out, jitters or schedules takes a `Clock` and a
 * `Random`; nothing in client/cache, client/workqueue or client/tools reads Date.now(),
 * setTimeout or Math.random directly.
 *
 * Units are milliseconds since the epoch (`now()`) and milliseconds (durations).
 */
import seedrandom from 'seedrandom';

export interface Timer {
  /** Stops the timer; a no-op once it fired or was cancelled. */
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once, `ms` milliseconds from now (at once when `ms <= 0`, but never synchronously). */
  setTimer(ms: number, fn: () => void): Timer;
}

/** A float in [0, 1). */
export type Random = () => number;

/**
 * The wall clock. Timers keep the process alive (a controller whose only pending work is a
 * delayed retry must not exit); everything that arms one cancels it on stop or shutdown.
 */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(t) };
  },
};

export const mathRandom: Random = Math.random;

/** A reproducible random source (seedrandom's ARC4), for chaos runs and tests. */
export function seededRandom(seed: number | string): Random {
  const rng = seedrandom(String(seed));
  return () => rng.quick();
}

/**
 * Sleeps `ms` on `clock`. Resolves true when the time elapsed, false when `signal` aborted first
 * (it never rejects, so callers can write `if (!(await sleep(...))) return`).
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      timer.cancel();
      resolve(false);
    };
    const timer = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A promise that resolves when `signal` aborts (never, without a signal). */
export function aborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
