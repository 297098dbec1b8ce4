/**
 * The workqueue (client-go util/workqueue). Its contract, from client-go's doc.go:
 *
 * - Fair: items are processed in the order in which they are added.
 * - Stingy: a single item will not be processed multiple times concurrently, and if an item is
 *   added multiple times before it can be processed, it will only be processed once.
 * - Multiple consumers and producers. In particular, an item may be re-added while it is being
 *   processed; it is then processed again after `done`.
 * - Shutdown notifications: after `shutDown()` adds are ignored, `get()` keeps returning the
 *   items already queued and then reports shutdown; `shutDownWithDrain()` also waits until every
 *   item handed out has been marked done.
 *
 * Mechanism: `queue` is the order of work; `dirty` is every item that needs processing;
 * `processing` is every item handed out and not yet done. An item can be in `processing` and
 * `dirty` at once (re-added while in flight): it is not queued then, and `done` queues it.
 * Invariants: an item is in `queue` only if it is in `dirty` and not in `processing`; no add is
 * lost while an item is in flight.
 *
 * Items are compared as Map keys: use strings (e.g. "namespace/name") or stable references.
 * Workers: `for await (const key of queue) { try { ... } finally { queue.done(key) } }` (the
 * loop ends at shutdown), or `const { item, shutdown } = await queue.get()`.
 */
import { Deque, Notifier } from '../tools/deque.js';
import { realClock, type Clock } from '../tools/clock/clock.js';
import { QueueMetrics, type MetricsProvider } from './metrics.js';

export interface QueueConfig {
  /** Names the queue in metrics. */
  name?: string;
  metricsProvider?: MetricsProvider;
  clock?: Clock;
}

export type GetResult<T> = { item: T; shutdown: false } | { item: undefined; shutdown: true };

export interface Interface<T> extends AsyncIterable<T> {
  add(item: T): void;
  len(): number;
  /** Waits for an item (marking it processing) or for shutdown with an empty queue. */
  get(signal?: AbortSignal): Promise<GetResult<T>>;
  /** Marks an item processed; if it was re-added meanwhile, it is queued again. */
  done(item: T): void;
  shutDown(): void;
  /** Shuts down and waits until every item handed out is done. */
  shutDownWithDrain(): Promise<void>;
  shuttingDown(): boolean;
}

export class Queue<T> implements Interface<T> {
  private readonly queue = new Deque<T>();
  private readonly dirty = new Set<T>();
  private readonly processing = new Set<T>();
  private readonly wake = new Notifier();
  private readonly drained = new Notifier();
  private shutting = false;
  private drain = false;
  protected readonly metrics: QueueMetrics<T> | undefined;
  protected readonly clock: Clock;

  constructor(config: QueueConfig = {}) {
    this.clock = config.clock ?? realClock;
    if (config.metricsProvider) this.metrics = new QueueMetrics<T>(config.name ?? '', config.metricsProvider, this.clock);
  }

  add(item: T): void {
    if (this.shutting) return;
    if (this.dirty.has(item)) return;
    this.metrics?.add(item);
    this.dirty.add(item);
    if (this.processing.has(item)) return;
    this.queue.push(item);
    this.wake.notify();
  }

  len(): number {
    return this.queue.length;
  }

  async get(signal?: AbortSignal): Promise<GetResult<T>> {
    while (this.queue.length === 0 && !this.shutting) {
      if (signal?.aborted) return { item: undefined, shutdown: true };
      await this.wake.wait(signal);
    }
    if (this.queue.length === 0) return { item: undefined, shutdown: true };
    const item = this.queue.shift()!;
    this.metrics?.get(item);
    this.processing.add(item);
    this.dirty.delete(item);
    return { item, shutdown: false };
  }

  done(item: T): void {
    this.metrics?.done(item);
    this.processing.delete(item);
    if (this.dirty.has(item)) {
      this.queue.push(item);
      this.wake.notify();
    } else if (this.processing.size === 0) {
      this.drained.notify();
    }
  }

  shutDown(): void {
    this.drain = false;
    this.shutting = true;
    this.wake.notify();
    this.drained.notify();
    this.onShutDown();
  }

  async shutDownWithDrain(): Promise<void> {
    this.drain = true;
    this.shutting = true;
    this.wake.notify();
    this.onShutDown();
    while (this.processing.size > 0 && this.drain) await this.drained.wait();
  }

  shuttingDown(): boolean {
    return this.shutting;
  }

  /** Items handed out and not yet done. */
  get inFlight(): number {
    return this.processing.size;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const { item, shutdown } = await this.get();
      if (shutdown) return;
      yield item as T;
    }
  }

  /** Subclasses release timers here. */
  protected onShutDown(): void {
    this.metrics?.stop();
  }
}

/** client-go workqueue.New / NewTyped. */
export function newQueue<T = string>(config: QueueConfig = {}): Queue<T> {
  return new Queue<T>(config);
}
