/**
 * A manual clock for tests (k8s.io/utils/clock/testing FakeClock): time moves only when the test
 * calls `step` or `advance`. Timers fire in due-time order (ties in creation order), each at its
 * own due time, so code that re-arms a timer from inside a callback sees a consistent `now()`.
 */
import type { Clock, Timer } from './clock.js';

interface Pending {
  due: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const p: Pending = { due: this.t + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.pending.push(p);
    return {
      cancel: () => {
        p.cancelled = true;
        this.pending = this.pending.filter((x) => x !== p);
      },
    };
  }

  /** Timers not yet fired or cancelled. */
  get timerCount(): number {
    return this.pending.length;
  }

  /** The due time of the earliest pending timer, if any. */
  nextDue(): number | undefined {
    const next = this.earliest();
    return next?.due;
  }

  /** Moves time forward by `ms`, firing due timers synchronously in order. */
  step(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > target) break;
      this.fire(next);
    }
    this.t = target;
  }

  /**
   * Moves time forward by `ms`, firing due timers in order and letting promise continuations and
   * I/O callbacks run after each one, so async code reacting to a timer can arm the next one.
   */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    await flush();
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > target) break;
      this.fire(next);
      await flush();
    }
    this.t = target;
    await flush();
  }

  /** Lets pending promise continuations and immediates run without moving time. */
  async settle(): Promise<void> {
    await flush();
  }

  private earliest(): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending) if (!best || p.due < best.due || (p.due === best.due && p.seq < best.seq)) best = p;
    return best;
  }

  private fire(p: Pending): void {
    this.pending = this.pending.filter((x) => x !== p);
    if (p.due > this.t) this.t = p.due;
    if (!p.cancelled) p.fn();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}
