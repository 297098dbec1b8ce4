/**
 * DelayingQueue (client-go util/workqueue/delaying_queue.go): `addAfter(item, ms)` adds the item
 * once `ms` have passed. Waiting items sit in a min-heap ordered by ready time; one timer on the
 * injected clock is armed for the earliest.
 *
 * Invariants:
 * - An item waits at most once: adding it again while it waits keeps the earlier ready time
 *   (the new time wins only if it is sooner).
 * - `addAfter` with ms <= 0 adds at once; after shutdown, addAfter is ignored and waiting items
 *   are dropped. Every addAfter counts as a retry in the metrics.
 */
import type { Timer } from '../tools/clock/clock.js';
import { Queue, type Interface, type QueueConfig } from './queue.js';

interface Waiting<T> {
  item: T;
  readyAt: number;
  /** Insertion order, so equal ready times keep FIFO order. */
  seq: number;
  index: number;
}

export interface DelayingInterface<T> extends Interface<T> {
  addAfter(item: T, delayMs: number): void;
}

export class DelayingQueue<T> extends Queue<T> implements DelayingInterface<T> {
  private readonly heap: Waiting<T>[] = [];
  private readonly known = new Map<T, Waiting<T>>();
  private seq = 0;
  private timer: Timer | undefined;
  private timerDue = Infinity;

  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown()) return;
    this.metrics?.retry();
    if (delayMs <= 0) {
      this.add(item);
      return;
    }
    const readyAt = this.clock.now() + delayMs;
    const existing = this.known.get(item);
    if (existing) {
      if (readyAt < existing.readyAt) {
        existing.readyAt = readyAt;
        this.up(existing.index);
      }
    } else {
      const w: Waiting<T> = { item, readyAt, seq: this.seq++, index: this.heap.length };
      this.heap.push(w);
      this.known.set(item, w);
      this.up(w.index);
    }
    this.arm();
  }

  /** Items waiting for their delay. */
  get waiting(): number {
    return this.heap.length;
  }

  protected override onShutDown(): void {
    super.onShutDown();
    this.timer?.cancel();
    this.timer = undefined;
    this.timerDue = Infinity;
    this.heap.length = 0;
    this.known.clear();
  }

  private arm(): void {
    const next = this.heap[0];
    if (!next || next.readyAt >= this.timerDue) return;
    this.timer?.cancel();
    this.timerDue = next.readyAt;
    this.timer = this.clock.setTimer(next.readyAt - this.clock.now(), () => this.fire());
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    const now = this.clock.now();
    while (this.heap.length > 0 && this.heap[0].readyAt <= now) {
      const w = this.pop();
      this.known.delete(w.item);
      this.add(w.item);
    }
    this.arm();
  }

  private less(a: Waiting<T>, b: Waiting<T>): boolean {
    return a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const h = this.heap;
    [h[i], h[j]] = [h[j], h[i]];
    h[i].index = i;
    h[j].index = j;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.heap[i], this.heap[p])) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(this.heap[l], this.heap[m])) m = l;
      if (r < n && this.less(this.heap[r], this.heap[m])) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private pop(): Waiting<T> {
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      last.index = 0;
      this.down(0);
    }
    return top;
  }
}

/** client-go workqueue.NewDelayingQueue. */
export function newDelayingQueue<T = string>(config: QueueConfig = {}): DelayingQueue<T> {
  return new DelayingQueue<T>(config);
}
