/**
 * RateLimitingQueue (client-go util/workqueue/rate_limiting_queue.go): a delaying queue whose
 * `addRateLimited(item)` waits as long as the rate limiter says. The usual worker:
 *
 *   for await (const key of queue) {
 *     try { await reconcile(key); queue.forget(key); }        // success: reset its backoff
 *     catch { queue.addRateLimited(key); }                     // failure: retry later, slower
 *     finally { queue.done(key); }
 *   }
 *
 * `forget` only resets the limiter's memory of the item; it does not remove the item from the
 * queue. `numRequeues` reports the limiter's failure count.
 */
import { DelayingQueue, type DelayingInterface } from './delaying-queue.js';
import type { QueueConfig } from './queue.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.js';

export interface RateLimitingInterface<T> extends DelayingInterface<T> {
  addRateLimited(item: T): void;
  forget(item: T): void;
  numRequeues(item: T): number;
}

export class RateLimitingQueue<T> extends DelayingQueue<T> implements RateLimitingInterface<T> {
  constructor(
    readonly rateLimiter: RateLimiter<T>,
    config: QueueConfig = {},
  ) {
    super(config);
  }

  addRateLimited(item: T): void {
    this.addAfter(item, this.rateLimiter.when(item));
  }

  forget(item: T): void {
    this.rateLimiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.rateLimiter.numRequeues(item);
  }
}

/** client-go workqueue.NewRateLimitingQueue (default: DefaultControllerRateLimiter). */
export function newRateLimitingQueue<T = string>(rateLimiter?: RateLimiter<T>, config: QueueConfig = {}): RateLimitingQueue<T> {
  return new RateLimitingQueue<T>(rateLimiter ?? defaultControllerRateLimiter<T>(config.clock), config);
}
