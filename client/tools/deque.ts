/**
 * An unbounded FIFO of values with O(1) amortised push and shift, used by the informer's FIFOs,
 * the per-handler notification buffers and the workqueue. Shifted slots are cleared at once so
 * a drained deque holds no references, and the backing array is compacted once the dead prefix
 * is as large as the live part, so memory follows the live length rather than the history.
 */
export class Deque<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(value: T): void {
    this.items.push(value);
  }

  /** The oldest value, removed; undefined when empty. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const value = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return value;
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}

/**
 * Wakes async waiters (the condition variable of the Go originals). `wait` resolves on the next
 * `notify`, or at once (false) when `signal` is or becomes aborted.
 */
export class Notifier {
  private waiters: Array<(woken: boolean) => void> = [];

  wait(signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    // The hot path (a consumer waiting for its next item) allocates no listener closures.
    if (!signal) return new Promise((resolve) => void this.waiters.push(resolve));
    return new Promise((resolve) => {
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(false);
      };
      const done = (woken: boolean) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(woken);
      };
      this.waiters.push(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  notify(): void {
    if (this.waiters.length === 0) return;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f(true);
  }

  get waiting(): number {
    return this.waiters.length;
  }
}
