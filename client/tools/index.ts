/**
 * kubeharness/client tools: injectable clock and randomness, wait/backoff. Leader election and the
 * event recorder are tools/leaderelection and tools/record; the pager is client/pager.
 */
export { realClock, mathRandom, seededRandom, sleep } from './clock/clock.js';
export type { Clock, Timer, Random } from './clock/clock.js';
export { FakeClock } from './clock/fake-clock.js';
export { Backoff, ExponentialBackoffManager, REFLECTOR_BACKOFF, jitter } from './wait/backoff.js';
export type { BackoffOptions, ExponentialBackoffOptions } from './wait/backoff.js';
export { exponentialBackoff, WaitTimeoutError } from './wait/exponential-backoff.js';
export type { WaitOptions } from './wait/exponential-backoff.js';
export { Deque, Notifier } from './deque.js';
