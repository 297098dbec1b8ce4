/**
 * What watch() returns. A watch is an AsyncIterable of WatchEvents; stopping is an AbortSignal,
 * `stop()`, breaking out of `for await`, or `await using`.
 *
 * `PendingWatch` is both:
 * - awaitable: `const w = await rc.get()...watch()` connects first, so errors at the start of the
 *   watch (403, 410, connection refused) reject here, as Go's Watch returns (nil, err);
 * - iterable: `for await (const e of rc.get()...watch())` connects on the first `next()`, which
 *   then throws those same errors.
 */
import type { WatchEvent } from '../watch-event.js';

export interface WatchStream<T> extends AsyncIterable<WatchEvent<T>>, AsyncDisposable {
  /** Closes the connection; a pending or later next() completes. */
  stop(): void;
}

export class PendingWatch<T> implements PromiseLike<WatchStream<T>>, AsyncIterable<WatchEvent<T>> {
  constructor(private readonly opened: Promise<WatchStream<T>>) {
    // An unobserved start failure must not become an unhandled rejection before someone iterates.
    opened.catch(() => {});
  }

  then<A = WatchStream<T>, B = never>(
    onfulfilled?: ((value: WatchStream<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.opened.then(onfulfilled, onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent<T>, void, undefined> {
    const stream = await this.opened;
    try {
      yield* stream;
    } finally {
      stream.stop();
    }
  }
}
