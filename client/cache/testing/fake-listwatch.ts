/**
 * Test doubles for the reflector and informers (in the spirit of client-go's
 * tools/cache/testing FakeControllerSource and watch.NewFake): a FakeWatch whose events, close and
 * failure the test drives by hand, and a ScriptedListerWatcher that records every call and
 * answers it with whatever function the test installed.
 */
import type { Status } from '../../errors.js';
import type { WatchEvent } from '../../watch-event.js';
import { Deque, Notifier } from '../../tools/deque.js';
import type { ListLike as ListResult } from '../../pager/pager.js';
import type { ListerWatcher, ListOptions } from '../listwatch.js';

type Item<T> = { event: WatchEvent<T> } | { end: true } | { error: unknown };

/** A watch stream the test writes to. Iteration ends on close(), throws on fail(), ends on abort. */
export class FakeWatch<T> implements AsyncIterable<WatchEvent<T>> {
  private readonly items = new Deque<Item<T>>();
  private readonly wake = new Notifier();
  /** True once the consumer stopped (aborted or returned). */
  stopped = false;

  constructor(private readonly signal?: AbortSignal) {
    signal?.addEventListener('abort', () => {
      this.stopped = true;
      this.wake.notify();
    });
  }

  add(object: T): this {
    return this.push({ type: 'ADDED', object });
  }
  modify(object: T): this {
    return this.push({ type: 'MODIFIED', object });
  }
  delete(object: T): this {
    return this.push({ type: 'DELETED', object });
  }
  bookmark(resourceVersion: string, initialEventsEnd = false): this {
    const metadata: Record<string, unknown> = { resourceVersion };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    return this.push({ type: 'BOOKMARK', object: { metadata } as unknown as T });
  }
  error(status: Partial<Status>): this {
    return this.push({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', ...status } });
  }
  push(event: WatchEvent<T>): this {
    this.items.push({ event });
    this.wake.notify();
    return this;
  }
  /** Ends the stream normally (the server closed it). */
  close(): void {
    this.items.push({ end: true });
    this.wake.notify();
  }
  /** Makes the stream throw (a decode or transport error). */
  fail(error: unknown): void {
    this.items.push({ error });
    this.wake.notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent<T>> {
    try {
      for (;;) {
        if (this.signal?.aborted) return;
        const item = this.items.shift();
        if (!item) {
          await this.wake.wait(this.signal);
          continue;
        }
        if ('end' in item) return;
        if ('error' in item) throw item.error;
        yield item.event;
      }
    } finally {
      this.stopped = true;
    }
  }
}

export interface RecordedCall {
  verb: 'list' | 'watch';
  opts: ListOptions;
}

/** A ListerWatcher driven by test-installed functions; every call is recorded in `calls`. */
export class ScriptedListerWatcher<T> implements ListerWatcher<T> {
  readonly calls: RecordedCall[] = [];
  readonly watches: FakeWatch<T>[] = [];
  private readonly called = new Notifier();
  onList: (opts: ListOptions) => ListResult<T> | Promise<ListResult<T>> = () => ({ metadata: { resourceVersion: '1' }, items: [] });
  /** Return the watch to stream, or throw to fail the watch request. */
  onWatch: (opts: ListOptions, watch: FakeWatch<T>) => void | Promise<void> = () => {};

  async list(opts: ListOptions, signal?: AbortSignal): Promise<ListResult<T>> {
    signal?.throwIfAborted();
    this.calls.push({ verb: 'list', opts: { ...opts } });
    this.called.notify();
    return this.onList(opts);
  }

  async watch(opts: ListOptions, signal?: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>> {
    signal?.throwIfAborted();
    this.calls.push({ verb: 'watch', opts: { ...opts } });
    const w = new FakeWatch<T>(signal);
    this.watches.push(w);
    this.called.notify();
    await this.onWatch(opts, w);
    return w;
  }

  /** The most recent watch stream. */
  get lastWatch(): FakeWatch<T> {
    return this.watches[this.watches.length - 1];
  }

  verbs(): string[] {
    return this.calls.map((c) => c.verb);
  }
}
