/**
 * The event broadcaster and recorder (client-go tools/record/event.go).
 *
 *   const broadcaster = newBroadcaster();
 *   broadcaster.startRecordingToSink(newEventSink(clientset.coreV1()));
 *   const recorder = broadcaster.newRecorder({ component: 'my-controller' });
 *   recorder.eventf(pod, 'Warning', 'FailedSync', 'error syncing %q: %v', key, err);
 *   await broadcaster.shutdown();
 *
 * Invariants:
 * - Recording never blocks and never throws: an event is built, then queued for every watcher
 *   (sink, logger, custom handler). A watcher whose queue already holds 1000 events drops it
 *   (client-go DropIfChannelFull); an invalid event (no kind, a type other than Normal/Warning) is
 *   logged and dropped.
 * - Each watcher handles its events one at a time, in order. A sink watcher correlates each event
 *   (events-cache.ts: spam filter, aggregation, count patches) and writes it: PATCH for a repeat
 *   (count > 1), falling back to POST when the old event is gone (404), else POST.
 * - A write the server refused (any StatusError: invalid, forbidden, already exists, namespace
 *   terminating) is given up at once; a transport failure is retried up to 12 tries, sleeping
 *   10 s between them (the first sleep randomised in [0, 10 s) so clients do not retry in step).
 * - shutdown(): nothing new is accepted; events already queued get one attempt each, without
 *   sleeping; it resolves once every watcher drained. Aborting `signal` shuts down too.
 */
import type { Event, EventSource, ObjectReference } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../../errors.js';
import { consoleLogger, type Logger } from '../../cache/log.js';
import { mathRandom, realClock, sleep, type Clock, type Random } from '../clock/clock.js';
import { Deque, Notifier } from '../deque.js';
import { EventCorrelator, eventName, metaTime, type CorrelatorOptions } from './events-cache.js';
import { sprintf } from './format.js';
import { getReference, type ReferenceSource } from './reference.js';

export const MAX_TRIES_PER_EVENT = 12;
export const DEFAULT_SLEEP_DURATION_MS = 10_000;
export const MAX_QUEUED_EVENTS = 1000;

export const EVENT_TYPE_NORMAL = 'Normal';
export const EVENT_TYPE_WARNING = 'Warning';

/** EventSink: where a broadcaster writes events; it must respect the event's namespace. */
export interface EventSink {
  create(event: Event): Promise<Event>;
  update(event: Event): Promise<Event>;
  /** A strategic-merge patch of the existing event named by `event`. */
  patch(event: Event, data: Record<string, unknown>): Promise<Event>;
}

/** EventRecorder: records events about objects on behalf of one source. */
export interface EventRecorder {
  /** `object` is what the event is about: an object with kind/apiVersion/metadata, or an ObjectReference. */
  event(object: ReferenceSource, eventtype: string, reason: string, message: string): void;
  /** As event(), with a Go-style format (%v %s %d %q) for the message. */
  eventf(object: ReferenceSource, eventtype: string, reason: string, messageFmt: string, ...args: unknown[]): void;
  annotatedEventf(
    object: ReferenceSource,
    annotations: Record<string, string>,
    eventtype: string,
    reason: string,
    messageFmt: string,
    ...args: unknown[]
  ): void;
}

/** What the start* methods return: stop() ends that watcher (queued events are dropped). */
export interface EventWatcher {
  stop(): void;
}

export interface BroadcasterOptions {
  correlatorOptions?: CorrelatorOptions;
  /** Sleep between write attempts after a transport failure (client-go WithSleepDuration). */
  sleepDurationMs?: number;
  /** Shuts the broadcaster down when aborted (client-go WithContext). */
  signal?: AbortSignal;
  /** Time for event timestamps, names and the correlator (unless correlatorOptions has one). */
  clock?: Clock;
  random?: Random;
  logger?: Logger;
}

class QueueWatcher implements EventWatcher {
  readonly queue = new Deque<Event>();
  readonly wake = new Notifier();
  stopped = false;
  done: Promise<void>;

  constructor(
    handler: (e: Event) => void | Promise<void>,
    private readonly closing: () => boolean,
    logger: Logger,
    private readonly onStop: (w: QueueWatcher) => void,
  ) {
    this.done = (async () => {
      for (;;) {
        const e = this.queue.shift();
        if (this.stopped) return;
        if (e === undefined) {
          if (this.closing()) return;
          await this.wake.wait();
          continue;
        }
        try {
          await handler(e);
        } catch (err) {
          logger.error(`event handler failed: ${(err as Error)?.message ?? String(err)}`);
        }
      }
    })();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.clear();
    this.wake.notify();
    this.onStop(this);
  }
}

export class EventBroadcaster implements AsyncDisposable {
  private readonly watchers = new Set<QueueWatcher>();
  private readonly cancel = new AbortController();
  private closing = false;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly logger: Logger;
  private readonly sleepMs: number;

  constructor(private readonly options: BroadcasterOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? mathRandom;
    this.logger = options.logger ?? consoleLogger;
    this.sleepMs = options.sleepDurationMs ?? DEFAULT_SLEEP_DURATION_MS;
    options.signal?.addEventListener('abort', () => void this.shutdown(), { once: true });
  }

  /** Sends every event to `handler`, one at a time. */
  startEventWatcher(handler: (event: Event) => void | Promise<void>): EventWatcher {
    if (this.closing) {
      this.logger.error('Unable to start event watcher: the broadcaster is shut down (will not retry!)');
      return { stop: () => {} };
    }
    const w = new QueueWatcher(
      handler,
      () => this.closing,
      this.logger,
      (x) => this.watchers.delete(x),
    );
    this.watchers.add(w);
    return w;
  }

  /** Correlates events and writes them to `sink` (StartRecordingToSink). */
  startRecordingToSink(sink: EventSink): EventWatcher {
    const correlator = new EventCorrelator({ clock: this.clock, ...this.options.correlatorOptions });
    return this.startEventWatcher((e) => this.recordToSink(sink, e, correlator));
  }

  startLogging(logf: (line: string) => void): EventWatcher {
    return this.startEventWatcher((e) =>
      logf(`Event(${JSON.stringify(e.involvedObject)}): type: '${e.type}' reason: '${e.reason}' ${e.message ?? ''}`),
    );
  }

  /** NewRecorder: a recorder whose events carry `source` (reportingController = component, reportingInstance = host). */
  newRecorder(source: EventSource): EventRecorder {
    return new Recorder(source, this, this.clock, this.logger);
  }

  /** ActionOrDrop: queues the event for every watcher; false when shut down. */
  action(event: Event): boolean {
    if (this.closing) return false;
    for (const w of this.watchers) {
      if (w.queue.length >= MAX_QUEUED_EVENTS) {
        this.logger.error(`Unable to record event: too many queued events, dropped event ${event.metadata?.name ?? ''}`);
        continue;
      }
      w.queue.push(event);
      w.wake.notify();
    }
    return true;
  }

  /** Stops accepting events; resolves once every queued event had its (last) attempt. */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.cancel.abort();
    const all = [...this.watchers];
    for (const w of all) w.wake.notify();
    await Promise.all(all.map((w) => w.done));
    this.watchers.clear();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  private async recordToSink(sink: EventSink, original: Event, correlator: EventCorrelator): Promise<void> {
    // Copy before correlating: other watchers see the same object.
    const result = correlator.eventCorrelate({ ...original, metadata: { ...original.metadata } });
    if (result.skip || !result.event) return;
    const event = result.event;
    for (let tries = 1; ; tries++) {
      if (await this.recordEvent(sink, event, result.patch, (event.count ?? 0) > 1, correlator)) return;
      if (tries >= MAX_TRIES_PER_EVENT) {
        this.logger.error(`Unable to write event ${describe(event)} (retry limit exceeded!)`);
        return;
      }
      if (this.cancel.signal.aborted) {
        this.logger.error(`Unable to write event ${describe(event)} (broadcaster is shut down)`);
        return;
      }
      // Randomise the first sleep so that clients do not all retry in step after an outage.
      const delay = tries === 1 ? this.sleepMs * this.random() : this.sleepMs;
      if (!(await sleep(this.clock, delay, this.cancel.signal))) {
        this.logger.error(`Unable to write event ${describe(event)} (broadcaster is shut down)`);
        return;
      }
    }
  }

  /** One write attempt: true when written or abandoned, false when worth retrying. */
  private async recordEvent(
    sink: EventSink,
    event: Event,
    patch: Record<string, unknown> | undefined,
    updateExisting: boolean,
    correlator: EventCorrelator,
  ): Promise<boolean> {
    let written: Event | undefined;
    let err: unknown;
    if (updateExisting && patch) {
      try {
        written = await sink.patch(event, patch);
      } catch (e) {
        err = e;
      }
    }
    // The event may have been deleted (or expired) since: create it again.
    if (!updateExisting || !patch || (err instanceof StatusError && err.status.code === 404)) {
      err = undefined;
      delete (event.metadata as { resourceVersion?: string }).resourceVersion;
      try {
        written = await sink.create(event);
      } catch (e) {
        err = e;
      }
    }
    if (err === undefined && written) {
      correlator.updateState(written);
      return true;
    }
    if (err instanceof StatusError) {
      const quiet = err.status.reason === 'AlreadyExists' || err.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating');
      (quiet ? this.logger.debug : this.logger.error).call(
        this.logger,
        `Server rejected event ${describe(event)} (will not retry!): ${err.message}`,
      );
      return true;
    }
    this.logger.error(`Unable to write event ${describe(event)} (may retry after sleeping): ${(err as Error)?.message ?? String(err)}`);
    return false;
  }
}

function describe(e: Event): string {
  return `'${e.metadata?.namespace ?? ''}/${e.metadata?.name ?? ''}' (${e.type} ${e.reason})`;
}

class Recorder implements EventRecorder {
  constructor(
    private readonly source: EventSource,
    private readonly broadcaster: EventBroadcaster,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  event(object: ReferenceSource, eventtype: string, reason: string, message: string): void {
    this.generateEvent(object, undefined, eventtype, reason, message);
  }

  eventf(object: ReferenceSource, eventtype: string, reason: string, messageFmt: string, ...args: unknown[]): void {
    this.generateEvent(object, undefined, eventtype, reason, sprintf(messageFmt, ...args));
  }

  annotatedEventf(
    object: ReferenceSource,
    annotations: Record<string, string>,
    eventtype: string,
    reason: string,
    messageFmt: string,
    ...args: unknown[]
  ): void {
    this.generateEvent(object, annotations, eventtype, reason, sprintf(messageFmt, ...args));
  }

  private generateEvent(
    object: ReferenceSource,
    annotations: Record<string, string> | undefined,
    eventtype: string,
    reason: string,
    message: string,
  ): void {
    let ref: ObjectReference;
    try {
      ref = getReference(object);
    } catch (err) {
      this.logger.error(
        `Could not construct reference, will not report event (${eventtype} ${reason} ${message}): ${(err as Error).message}`,
      );
      return;
    }
    if (eventtype !== EVENT_TYPE_NORMAL && eventtype !== EVENT_TYPE_WARNING) {
      this.logger.error(`Unsupported event type: '${eventtype}'`);
      return;
    }
    const event = this.makeEvent(ref, annotations, eventtype, reason, message);
    event.source = this.source;
    event.reportingInstance = this.source.host;
    event.reportingComponent = this.source.component;
    // Never blocks: the broadcaster drops what it cannot queue.
    if (!this.broadcaster.action(event)) this.logger.error('Unable to record event: the broadcaster is shut down (will not retry!)');
  }

  private makeEvent(
    ref: ObjectReference,
    annotations: Record<string, string> | undefined,
    eventtype: string,
    reason: string,
    message: string,
  ): Event {
    const now = this.clock.now();
    const t = metaTime(now);
    const metadata: Event['metadata'] = { name: eventName(ref.name, now), namespace: ref.namespace || 'default' };
    if (annotations) metadata.annotations = annotations;
    return { metadata, involvedObject: ref, reason, message, firstTimestamp: t, lastTimestamp: t, count: 1, type: eventtype };
  }
}

/** record.NewBroadcaster. */
export function newBroadcaster(options: BroadcasterOptions = {}): EventBroadcaster {
  return new EventBroadcaster(options);
}
