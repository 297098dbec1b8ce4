/** kubeharness/client workqueue: client-go's util/workqueue. See queue.ts for the contract. */
export { Queue, newQueue } from './queue.js';
export type { Interface, GetResult, QueueConfig } from './queue.js';
export { DelayingQueue, newDelayingQueue } from './delaying-queue.js';
export type { DelayingInterface } from './delaying-queue.js';
export { RateLimitingQueue, newRateLimitingQueue } from './rate-limiting-queue.js';
export type { RateLimitingInterface } from './rate-limiting-queue.js';
export {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  ItemFastSlowRateLimiter,
  MaxOfRateLimiter,
  WithMaxWaitRateLimiter,
  defaultControllerRateLimiter,
  defaultItemBasedRateLimiter,
} from './rate-limiters.js';
export type { RateLimiter } from './rate-limiters.js';
export { TokenBucket } from './token-bucket.js';
export type { MetricsProvider, GaugeMetric, CounterMetric, HistogramMetric, SettableGaugeMetric } from './metrics.js';
