/**
 * apimachinery's wait.Backoff and the reflector's exponential backoff manager
 * (pkg/util/wait/backoff.go: Backoff.Step, Jitter, exponentialBackoffManagerImpl), in
 * milliseconds, over an injected Clock and Random.
 *
 * Invariants:
 * - `Backoff.step()` returns the current duration (plus jitter) and then multiplies the duration
 *   by `factor`; once the product passes `cap`, the duration stays at `cap` and `steps` drops to 0,
 *   after which every step returns `cap` (plus jitter). With `steps < 1` the duration no longer
 *   grows.
 * - Jitter is `d + random() * jitter * d`, so with jitter 1.0 every sleep is uniform in [d, 2d).
 * - The manager resets to the initial duration when more than `resetMs` passed since the previous
 *   call ("if we don't back off for 2 minutes, assume the API server is healthy").
 */
import type { Clock, Random } from '../clock/clock.js';

export interface BackoffOptions {
  /** The initial duration in ms. */
  durationMs: number;
  /** Multiplier applied after each step (0 or 1: constant). */
  factor?: number;
  /** Random extra fraction: each step is in [d, d * (1 + jitter)). */
  jitter?: number;
  /** Steps that still grow the duration; afterwards the duration is constant. */
  steps?: number;
  /** Upper bound of the (un-jittered) duration; reaching it ends growth. 0: none. */
  capMs?: number;
}

/** `d + random() * maxFactor * d` (wait.Jitter); a non-positive factor means 1.0. */
export function jitter(durationMs: number, maxFactor: number, random: Random): number {
  const f = maxFactor <= 0 ? 1.0 : maxFactor;
  return durationMs + random() * f * durationMs;
}

/** wait.Backoff: a mutable stepper. */
export class Backoff {
  durationMs: number;
  readonly factor: number;
  readonly jitter: number;
  steps: number;
  readonly capMs: number;

  constructor(
    opts: BackoffOptions,
    private readonly random: Random,
  ) {
    this.durationMs = opts.durationMs;
    this.factor = opts.factor ?? 0;
    this.jitter = opts.jitter ?? 0;
    this.steps = opts.steps ?? Number.MAX_SAFE_INTEGER;
    this.capMs = opts.capMs ?? 0;
  }

  /** The next sleep in ms. */
  step(): number {
    if (this.steps < 1) {
      return this.jitter > 0 ? jitter(this.durationMs, this.jitter, this.random) : this.durationMs;
    }
    this.steps--;
    const duration = this.durationMs;
    if (this.factor !== 0) {
      this.durationMs = this.durationMs * this.factor;
      if (this.capMs > 0 && this.durationMs > this.capMs) {
        this.durationMs = this.capMs;
        this.steps = 0;
      }
    }
    return this.jitter > 0 ? jitter(duration, this.jitter, this.random) : duration;
  }
}

export interface ExponentialBackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Reset to `initialMs` when no backoff was taken for longer than this. */
  resetMs: number;
  factor: number;
  jitter: number;
}

/** The reflector's parameters: 800 ms → 30 s, ×2, jitter 1.0, reset after 2 quiet minutes. */
export const REFLECTOR_BACKOFF: ExponentialBackoffOptions = {
  initialMs: 800,
  maxMs: 30_000,
  resetMs: 120_000,
  factor: 2.0,
  jitter: 1.0,
};

/** wait.NewExponentialBackoffManager: `next()` is the delay before the next attempt. */
export class ExponentialBackoffManager {
  private backoff: Backoff;
  private lastBackoffStart: number;

  constructor(
    private readonly opts: ExponentialBackoffOptions,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    this.backoff = this.fresh();
    this.lastBackoffStart = clock.now();
  }

  next(): number {
    const now = this.clock.now();
    if (now - this.lastBackoffStart > this.opts.resetMs) this.backoff = this.fresh();
    this.lastBackoffStart = now;
    return this.backoff.step();
  }

  private fresh(): Backoff {
    return new Backoff(
      { durationMs: this.opts.initialMs, factor: this.opts.factor, jitter: this.opts.jitter, capMs: this.opts.maxMs },
      this.random,
    );
  }
}
