/** kubeharness/client record: client-go's tools/record (event broadcaster, recorder, correlator). */
export {
  EventBroadcaster,
  newBroadcaster,
  EVENT_TYPE_NORMAL,
  EVENT_TYPE_WARNING,
  MAX_TRIES_PER_EVENT,
  DEFAULT_SLEEP_DURATION_MS,
  MAX_QUEUED_EVENTS,
} from './event.js';
export type { EventSink, EventRecorder, EventWatcher, BroadcasterOptions } from './event.js';
export {
  EventCorrelator,
  EventAggregator,
  EventLogger,
  EventSourceObjectSpamFilter,
  getEventKey,
  getSpamKey,
  eventAggregatorByReasonFunc,
  eventAggregatorByReasonMessageFunc,
  metaTime,
  MAX_LRU_CACHE_ENTRIES,
  DEFAULT_AGGREGATE_MAX_EVENTS,
  DEFAULT_AGGREGATE_INTERVAL_SECONDS,
  DEFAULT_SPAM_BURST,
  DEFAULT_SPAM_QPS,
} from './events-cache.js';
export type {
  CorrelatorOptions,
  EventCorrelateResult,
  EventAggregatorKeyFunc,
  EventAggregatorMessageFunc,
  EventSpamKeyFunc,
} from './events-cache.js';
export { EventSinkImpl, newEventSink } from './sink.js';
export type { EventsGetter } from './sink.js';
export { FakeRecorder } from './fake.js';
export { getReference } from './reference.js';
export type { ReferenceSource } from './reference.js';
export { sprintf } from './format.js';
export { LruCache } from './lru.js';
