/**
 * The event correlator (client-go tools/record/events_cache.go): what happens to an event between
 * the recorder and the API server.
 *
 * 1. Aggregation (EventAggregator): events that differ only in their message are "similar"
 *    (same source, involved object, type, reason, reporting controller/instance). Once 10
 *    distinct messages of one similar group were seen within 10 minutes of each other, further
 *    ones are replaced by a single aggregate event "(combined from similar events): <message>",
 *    keyed by the group, so its later occurrences count up one event instead of creating many.
 * 2. Deduplication (eventLogger): an event identical to one already written (same key: source,
 *    object, type, reason, message) becomes a PATCH of the existing event: its name, firstTimestamp
 *    and resourceVersion are reused and `count` is incremented.
 * 3. Spam filter (EventSourceObjectSpamFilter): a token bucket per source + involved object,
 *    burst 25, refilled at 1 token per 5 minutes; an event that finds no token is dropped.
 *
 * Invariants: every cache is an LRU of 4096 entries by default, so memory stays bounded whatever
 * the cardinality of objects; time comes from the injected clock only.
 */
import type { Event } from 'kubernetes-types/core/v1.js';
import { realClock, type Clock } from '../clock/clock.js';
import { TokenBucket } from '../../workqueue/token-bucket.js';
import { LruCache } from './lru.js';

export const MAX_LRU_CACHE_ENTRIES = 4096;
/** Aggregate after this many similar events (differing only in message)... */
export const DEFAULT_AGGREGATE_MAX_EVENTS = 10;
/** ...seen within this many seconds of each other. */
export const DEFAULT_AGGREGATE_INTERVAL_SECONDS = 600;
/** A source may send this many events about one object... */
export const DEFAULT_SPAM_BURST = 25;
/** ...then one more every 5 minutes. */
export const DEFAULT_SPAM_QPS = 1 / 300;

export type EventSpamKeyFunc = (event: Event) => string;
/** [aggregateKey, localKey]: the similar-events group, and what distinguishes this event in it. */
export type EventAggregatorKeyFunc = (event: Event) => [string, string];
export type EventAggregatorMessageFunc = (event: Event) => string;

/** metav1.Time on the wire: RFC 3339 in whole seconds, UTC. */
export function metaTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The full identity of an event: two events with the same key are the same event, counted. */
export function getEventKey(e: Event): string {
  const o = e.involvedObject;
  return [e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.fieldPath, o.uid, o.apiVersion, e.type, e.reason, e.message]
    .map((s) => s ?? '')
    .join('');
}

/** The spam filter's key: source and involved object. */
export function getSpamKey(e: Event): string {
  const o = e.involvedObject;
  return [e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion].map((s) => s ?? '').join('');
}

/** EventAggregatorByReasonFunc: similar = everything but the message matches. */
export function eventAggregatorByReasonFunc(e: Event): [string, string] {
  const o = e.involvedObject;
  const key = [
    e.source?.component,
    e.source?.host,
    o.kind,
    o.namespace,
    o.name,
    o.uid,
    o.apiVersion,
    e.type,
    e.reason,
    e.reportingComponent,
    e.reportingInstance,
  ]
    .map((s) => s ?? '')
    .join('');
  return [key, e.message ?? ''];
}

export function eventAggregatorByReasonMessageFunc(e: Event): string {
  return `(combined from similar events): ${e.message ?? ''}`;
}

/** Unique event names: `<object name>.<hex nanoseconds>`, made unique within a millisecond. */
let nameSeq = 0;
export function eventName(objectName: string | undefined, ms: number): string {
  nameSeq = (nameSeq + 1) % 1_000_000;
  return `${objectName ?? ''}.${(BigInt(Math.floor(ms)) * 1_000_000n + BigInt(nameSeq)).toString(16)}`;
}

export class EventSourceObjectSpamFilter {
  private readonly cache: LruCache<TokenBucket>;

  constructor(
    lruCacheSize: number,
    private readonly burst: number,
    private readonly qps: number,
    private readonly clock: Clock,
    private readonly spamKeyFunc: EventSpamKeyFunc,
  ) {
    this.cache = new LruCache(lruCacheSize);
  }

  /** True when the event must be dropped (its source+object ran out of tokens). */
  filter(event: Event): boolean {
    const key = this.spamKeyFunc(event);
    let bucket = this.cache.get(key);
    if (!bucket) bucket = new TokenBucket(this.qps, this.burst, this.clock);
    const drop = !bucket.allow();
    this.cache.add(key, bucket);
    return drop;
  }
}

interface AggregateRecord {
  localKeys: Set<string>;
  lastTimestamp: number;
}

export class EventAggregator {
  private readonly cache: LruCache<AggregateRecord>;

  constructor(
    lruCacheSize: number,
    private readonly keyFunc: EventAggregatorKeyFunc,
    private readonly messageFunc: EventAggregatorMessageFunc,
    private readonly maxEvents: number,
    private readonly maxIntervalSeconds: number,
    private readonly clock: Clock,
  ) {
    this.cache = new LruCache(lruCacheSize);
  }

  /**
   * The event to write and its correlation key: the event itself and its full key while its
   * group is under the threshold, else a fresh aggregate event keyed by the group.
   */
  eventAggregate(newEvent: Event): [Event, string] {
    const now = this.clock.now();
    const eventKey = getEventKey(newEvent);
    const [aggregateKey, localKey] = this.keyFunc(newEvent);
    let record = this.cache.get(aggregateKey);
    // A group quiet for longer than the interval starts afresh.
    if (!record || now - record.lastTimestamp > this.maxIntervalSeconds * 1000) record = { localKeys: new Set(), lastTimestamp: 0 };
    record.localKeys.add(localKey);
    record.lastTimestamp = now;
    this.cache.add(aggregateKey, record);
    if (record.localKeys.size < this.maxEvents) return [newEvent, eventKey];
    // Do not grow the set beyond the threshold (sets.String.PopAny).
    record.localKeys.delete(record.localKeys.values().next().value as string);
    const t = metaTime(now);
    const aggregate: Event = {
      metadata: { name: eventName(newEvent.involvedObject.name, now), namespace: newEvent.metadata?.namespace },
      count: 1,
      firstTimestamp: t,
      involvedObject: newEvent.involvedObject,
      lastTimestamp: t,
      message: this.messageFunc(newEvent),
      type: newEvent.type,
      reason: newEvent.reason,
      source: newEvent.source,
    };
    return [aggregate, aggregateKey];
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface EventLog {
  count: number;
  firstTimestamp: string | undefined;
  name: string | undefined;
  resourceVersion: string | undefined;
}

/** eventLogger: what was last written for each key, to turn repeats into count patches. */
export class EventLogger {
  private readonly cache: LruCache<EventLog>;

  constructor(lruCacheSize: number) {
    this.cache = new LruCache(lruCacheSize);
  }

  /**
   * The event to write (a copy) and, for a repeat, the strategic-merge patch that moves the
   * existing event forward: what CreateTwoWayMergePatch yields between the event with count 0,
   * lastTimestamp at the epoch and no message, and the event itself.
   */
  eventObserve(newEvent: Event, key: string): [Event, Record<string, unknown> | undefined] {
    const event: Mutable<Event> = { ...newEvent, metadata: { ...newEvent.metadata } };
    const last = this.cache.get(key);
    let patch: Record<string, unknown> | undefined;
    if (last && last.count > 0) {
      const meta = event.metadata as Mutable<NonNullable<Event['metadata']>>;
      meta.name = last.name;
      meta.resourceVersion = last.resourceVersion;
      event.firstTimestamp = last.firstTimestamp;
      event.count = last.count + 1;
      patch = { count: event.count };
      if (event.lastTimestamp && event.lastTimestamp !== metaTime(0)) patch.lastTimestamp = event.lastTimestamp;
      if (event.message) patch.message = event.message;
    }
    this.remember(key, event);
    return [event, patch];
  }

  /** Records the server's copy (name, resourceVersion, count) after a successful write. */
  updateState(event: Event): void {
    this.remember(getEventKey(event), event);
  }

  private remember(key: string, event: Event): void {
    this.cache.add(key, {
      count: event.count ?? 0,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata?.name,
      resourceVersion: event.metadata?.resourceVersion,
    });
  }
}

/** CorrelatorOptions: zero/undefined fields take the defaults above. */
export interface CorrelatorOptions {
  lruCacheSize?: number;
  burstSize?: number;
  qps?: number;
  keyFunc?: EventAggregatorKeyFunc;
  messageFunc?: EventAggregatorMessageFunc;
  maxEvents?: number;
  maxIntervalInSeconds?: number;
  clock?: Clock;
  spamKeyFunc?: EventSpamKeyFunc;
}

export interface EventCorrelateResult {
  /** The event after correlation (absent when skipped). */
  event?: Event;
  /** When set, update the existing event on the server with this strategic-merge patch. */
  patch?: Record<string, unknown>;
  /** Drop the event (spam filter). */
  skip: boolean;
}

export class EventCorrelator {
  private readonly filterFunc: (e: Event) => boolean;
  private readonly aggregator: EventAggregator;
  private readonly logger: EventLogger;

  constructor(options: CorrelatorOptions = {}) {
    const size = options.lruCacheSize || MAX_LRU_CACHE_ENTRIES;
    const clock = options.clock ?? realClock;
    const spam = new EventSourceObjectSpamFilter(
      size,
      options.burstSize || DEFAULT_SPAM_BURST,
      options.qps || DEFAULT_SPAM_QPS,
      clock,
      options.spamKeyFunc ?? getSpamKey,
    );
    this.filterFunc = (e) => spam.filter(e);
    this.aggregator = new EventAggregator(
      size,
      options.keyFunc ?? eventAggregatorByReasonFunc,
      options.messageFunc ?? eventAggregatorByReasonMessageFunc,
      options.maxEvents || DEFAULT_AGGREGATE_MAX_EVENTS,
      options.maxIntervalInSeconds || DEFAULT_AGGREGATE_INTERVAL_SECONDS,
      clock,
    );
    this.logger = new EventLogger(size);
  }

  /** Filters, aggregates, counts and de-duplicates one event (EventCorrelate). */
  eventCorrelate(newEvent: Event): EventCorrelateResult {
    const [aggregate, key] = this.aggregator.eventAggregate(newEvent);
    const [observed, patch] = this.logger.eventObserve(aggregate, key);
    if (this.filterFunc(observed)) return { skip: true };
    return { event: observed, patch, skip: false };
  }

  /** Learns the server's state of a written event (UpdateState). */
  updateState(event: Event): void {
    this.logger.updateState(event);
  }
}
