/**
 * Per-handler delivery (client-go tools/cache/shared_informer.go processorListener and
 * sharedProcessor). Each registered handler gets its own unbounded buffer and its own async
 * delivery loop, so a slow handler delays only itself: `distribute` is a synchronous push, never
 * a wait, and the informer's pop loop never blocks on a handler.
 *
 * Invariants:
 * - One handler call at a time per listener, in the order notifications were distributed
 *   (an async handler's promise is awaited before the next call).
 * - A handler that throws (or rejects) is logged; that notification is skipped and delivery
 *   resumes after a pause of `errorPauseMs` (client-go: one second), so a crashing handler cannot
 *   spin. Initial-list adds count as handled even when the handler threw, so hasSynced can still
 *   become true (a deliberate divergence: see loop()).
 * - Sync notifications (resync, and relist updates with an unchanged resourceVersion) go only to
 *   listeners whose `syncing` flag is set; a listener's flag starts true and is recomputed on
 *   each resync check (only listeners with a due resync period stay true), exactly as client-go.
 * - Failure mode (as client-go): the buffer is unbounded; a handler that never returns makes its
 *   buffer grow without limit. `pending` exposes its depth.
 */
import { Deque, Notifier } from '../tools/deque.js';
import { sleep, type Clock } from '../tools/clock/clock.js';
import type { DeletedFinalStateUnknown } from './deltas.js';
import type { ResourceEventHandler } from './event-handlers.js';
import type { Logger } from './log.js';
import { SingleFileTracker } from './synctrack.js';

export type Notification<T> =
  | { kind: 'add'; obj: T; isInInitialList: boolean }
  | { kind: 'update'; oldObj: T; newObj: T }
  | { kind: 'delete'; obj: T | DeletedFinalStateUnknown<T> };

/** What addEventHandler returns: a handle for removal and a per-handler hasSynced. */
export interface ResourceEventHandlerRegistration {
  /** True once the informer synced and this handler handled every initial-list notification. */
  hasSynced(): boolean;
  /** Notifications queued for this handler and not yet delivered. */
  readonly pending: number;
}

export class ProcessorListener<T> implements ResourceEventHandlerRegistration {
  private readonly buffer = new Deque<Notification<T>>();
  private readonly wake = new Notifier();
  private readonly tracker: SingleFileTracker;
  private stopped = false;
  private started = false;
  private finished: Promise<void> = Promise.resolve();
  private nextResync = 0;
  /** The resync period the handler asked for (0: none). */
  readonly requestedResyncPeriodMs: number;
  /** The period actually used, after alignment with the informer's check period. */
  resyncPeriodMs: number;

  constructor(
    readonly handler: ResourceEventHandler<T>,
    requestedResyncPeriodMs: number,
    resyncPeriodMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
    upstreamHasSynced: () => boolean,
    private readonly errorPauseMs = 1000,
  ) {
    this.requestedResyncPeriodMs = requestedResyncPeriodMs;
    this.resyncPeriodMs = resyncPeriodMs;
    this.tracker = new SingleFileTracker(upstreamHasSynced);
    this.determineNextResync(clock.now());
  }

  get pending(): number {
    return this.buffer.length;
  }

  hasSynced(): boolean {
    return this.tracker.hasSynced();
  }

  add(n: Notification<T>): void {
    if (this.stopped) return;
    if (n.kind === 'add' && n.isInInitialList) this.tracker.start();
    this.buffer.push(n);
    this.wake.notify();
  }

  /** Starts the delivery loop (idempotent). */
  run(): void {
    if (this.started) return;
    this.started = true;
    this.finished = this.loop();
  }

  /** Stops delivery: the notification in flight completes, queued ones are dropped. */
  stop(): Promise<void> {
    this.stopped = true;
    for (const n of this.buffer) if (n.kind === 'add' && n.isInInitialList) this.tracker.finished();
    this.buffer.clear();
    this.wake.notify();
    return this.finished;
  }

  private async loop(): Promise<void> {
    let sinceYield = 0;
    while (!this.stopped) {
      const n = this.buffer.shift();
      if (n === undefined) {
        sinceYield = 0;
        await this.wake.wait();
        continue;
      }
      let failed = false;
      try {
        // A synchronous handler is not awaited (no microtask per notification); the loop still
        // yields every 1000 notifications so a long backlog cannot starve I/O and timers.
        const r = this.deliver(n);
        if (r !== undefined && typeof (r as Promise<void>).then === 'function') await r;
        else if (++sinceYield >= 1000) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } catch (err) {
        failed = true;
        this.logger.error(`event handler failed on ${n.kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      } finally {
        // Deliberate divergence from client-go v0.35 (shared_informer.go processorListener.run),
        // which calls syncTracker.Finished() only after OnAdd returned normally: a handler that
        // panicked on an initial-list add keeps its registration's HasSynced false for good. We
        // count the add as handled either way, so one bad object cannot block hasSynced forever.
        if (n.kind === 'add' && n.isInInitialList) this.tracker.finished();
      }
      if (failed && this.errorPauseMs > 0 && !this.stopped) await sleep(this.clock, this.errorPauseMs);
    }
  }

  private deliver(n: Notification<T>): void | Promise<void> {
    const h = this.handler;
    switch (n.kind) {
      case 'add':
        return h.onAdd?.(n.obj, n.isInInitialList);
      case 'update':
        return h.onUpdate?.(n.oldObj, n.newObj);
      case 'delete':
        return h.onDelete?.(n.obj);
    }
  }

  shouldResync(now: number): boolean {
    if (this.resyncPeriodMs === 0) return false;
    return now >= this.nextResync;
  }

  determineNextResync(now: number): void {
    if (this.resyncPeriodMs !== 0) this.nextResync = now + this.resyncPeriodMs;
  }

  setResyncPeriod(ms: number): void {
    this.resyncPeriodMs = ms;
  }
}

/** The informer's set of listeners (sharedProcessor). */
export class SharedProcessor<T> {
  /** listener → is it syncing (receiving sync notifications) right now. */
  private readonly listeners = new Map<ProcessorListener<T>, boolean>();
  private started = false;

  constructor(private readonly clock: Clock) {}

  addListener(listener: ProcessorListener<T>): void {
    this.listeners.set(listener, true);
    if (this.started) listener.run();
  }

  has(listener: ProcessorListener<T>): boolean {
    return this.listeners.has(listener);
  }

  removeListener(listener: ProcessorListener<T>): Promise<void> {
    if (!this.listeners.delete(listener)) return Promise.resolve();
    return listener.stop();
  }

  /** Non-sync notifications reach every listener; sync ones only the syncing listeners. */
  distribute(n: Notification<T>, sync: boolean): void {
    for (const [listener, syncing] of this.listeners) {
      if (!sync || syncing) listener.add(n);
    }
  }

  run(): void {
    this.started = true;
    for (const l of this.listeners.keys()) l.run();
  }

  stop(): Promise<void> {
    const all = [...this.listeners.keys()].map((l) => l.stop());
    return Promise.all(all).then(() => undefined);
  }

  /** Marks which listeners are due for a resync; true when any is. */
  shouldResync(): boolean {
    let needed = false;
    const now = this.clock.now();
    for (const listener of this.listeners.keys()) {
      const should = listener.shouldResync(now);
      this.listeners.set(listener, should);
      if (should) {
        needed = true;
        listener.determineNextResync(now);
      }
    }
    return needed;
  }

  resyncCheckPeriodChanged(checkPeriodMs: number, logger: Logger): void {
    for (const listener of this.listeners.keys()) {
      listener.setResyncPeriod(determineResyncPeriod(listener.requestedResyncPeriodMs, checkPeriodMs, logger));
    }
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Total notifications queued across listeners. */
  get pending(): number {
    let n = 0;
    for (const l of this.listeners.keys()) n += l.pending;
    return n;
  }
}

export function determineResyncPeriod(desiredMs: number, checkMs: number, logger: Logger): number {
  if (desiredMs === 0) return 0;
  if (checkMs === 0) {
    logger.warn(`The specified resyncPeriod ${desiredMs}ms is invalid because this shared informer doesn't support resyncing`);
    return 0;
  }
  if (desiredMs < checkMs) {
    logger.warn(`The specified resyncPeriod ${desiredMs}ms is being increased to the minimum resyncCheckPeriod ${checkMs}ms`);
    return checkMs;
  }
  return desiredMs;
}
