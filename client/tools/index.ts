/** kubeharness/client tools: injectable clock and randomness, backoff, pager. */
export { realClock, mathRandom, seededRandom, sleep } from './clock/clock.js';
export type { Clock, Timer, Random } from './clock/clock.js';
export { FakeClock } from './clock/fake-clock.js';
export { Backoff, ExponentialBackoffManager, REFLECTOR_BACKOFF, jitter } from './wait/backoff.js';
export type { BackoffOptions, ExponentialBackoffOptions } from './wait/backoff.js';
export { ListPager, DEFAULT_PAGE_SIZE } from './pager/pager.js';
export type { PageFunc, PagedList } from './pager/pager.js';
export { Deque, Notifier } from './deque.js';
