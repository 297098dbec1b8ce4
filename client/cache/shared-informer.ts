/**
 * SharedIndexInformer (client-go tools/cache/shared_informer.go): one reflector and one indexer
 * per resource, shared by any number of event handlers.
 *
 *   reflector ──► FIFO (RealFIFO by default, DeltaFIFO on request) ──popBatch / pop──►
 *      processDeltasInBatch / processDeltas ──► indexer (updated first)
 *      ──► sharedProcessor.distribute ──► one buffered loop per handler
 *
 * Invariants:
 * - The indexer is written only by the pop loop; listers and handlers read it.
 * - With batchProcess (client-go's InOrderInformersBatchProcess gate, default on) and a RealFIFO,
 *   the pop loop takes batches of distinct keys (see RealFIFO.tryPopBatch) and applies each batch
 *   to the indexer before distributing any of its notifications (process-batch.ts); otherwise
 *   it pops and processes one delta (RealFIFO) or one key's deltas (DeltaFIFO) at a time.
 * - A handler added after start first receives the indexer's current contents as
 *   onAdd(obj, isInInitialList=true), then live notifications; JavaScript's run-to-completion
 *   makes that join atomic (client-go's blockDeltas lock). Its registration's hasSynced covers
 *   the replay.
 * - onUpdate notifications whose old and new resourceVersion are equal are "sync" notifications:
 *   resyncs, and relist replacements of unchanged objects. They reach only listeners marked as
 *   syncing (see processor-listener.ts).
 * - Resync periods below 1 s are raised to 1 s. A handler asking for a shorter period than the
 *   informer's check period lowers the check period before start, and is raised to it after.
 * - setTransform and setWatchErrorHandler fail once the informer started; run() may be called
 *   once; adding a handler to a stopped informer fails.
 * - Stopping (the run signal aborting) stops the reflector and the pop loop first, then the
 *   handler loops; notifications still queued for handlers are dropped.
 */
import { realClock, mathRandom, type Clock, type Random } from '../tools/clock/clock.js';
import { processDeltas, type DeltaHandler } from './controller.js';
import { DeltaFIFO } from './delta-fifo.js';
import { DeletedFinalStateUnknown, isQueueWithBatch, type Delta, type Queue, type TransformFunc } from './deltas.js';
import type { ResourceEventHandler } from './event-handlers.js';
import { newIndexer, type Indexer, type Indexers } from './indexer.js';
import type { ListerWatcher } from './listwatch.js';
import { consoleLogger, type Logger } from './log.js';
import { processDeltasInBatch } from './process-batch.js';
import { determineResyncPeriod, ProcessorListener, SharedProcessor, type ResourceEventHandlerRegistration } from './processor-listener.js';
import { RealFIFO } from './real-fifo.js';
import { Reflector, type ReflectorOptions } from './reflector.js';
import { deletionHandlingMetaNamespaceKeyFunc, type KubeObjectLike, type Store } from './store.js';

export const MINIMUM_RESYNC_PERIOD_MS = 1000;
/** Deltas the pop loop processes per event-loop turn before yielding to I/O. */
const DRAIN_PER_TURN = 1000;

export interface SharedIndexInformerOptions<T> {
  /** Default resync period of handlers added with addEventHandler; 0 (the default) = none. */
  resyncPeriodMs?: number;
  indexers?: Indexers<T>;
  /** 'real' (default): RealFIFO, every event in order. 'delta': the classic coalescing DeltaFIFO. */
  fifo?: 'real' | 'delta';
  /**
   * Process the RealFIFO in batches (client-go feature gate InOrderInformersBatchProcess, beta,
   * default on since 1.35): each batch's indexer writes land before its handler notifications.
   * Default true. Ignored with `fifo: 'delta'` (DeltaFIFO cannot batch, as in client-go).
   */
  batchProcess?: boolean;
  /** Objects of another apiVersion/kind in watch events are skipped. */
  expectedKind?: { apiVersion: string; kind: string };
  /** Reflector tuning (watch-list, backoff, inactivity timeout, page size). */
  reflector?: Omit<ReflectorOptions, 'resyncPeriodMs' | 'shouldResync' | 'clock' | 'random' | 'logger'>;
  /** Pause after a handler throws before its next notification (client-go: 1 s). */
  handlerErrorPauseMs?: number;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  name?: string;
}

export interface SharedInformer<T> {
  addEventHandler(handler: ResourceEventHandler<T>): ResourceEventHandlerRegistration;
  addEventHandlerWithResyncPeriod(handler: ResourceEventHandler<T>, resyncPeriodMs: number): ResourceEventHandlerRegistration;
  removeEventHandler(registration: ResourceEventHandlerRegistration): Promise<void>;
  getStore(): Store<T>;
  run(signal: AbortSignal): Promise<void>;
  hasSynced(): boolean;
  lastSyncResourceVersion(): string;
  setWatchErrorHandler(handler: (err: unknown) => void): void;
  setTransform(transform: TransformFunc<T>): void;
  isStopped(): boolean;
}

export interface SharedIndexInformer<T> extends SharedInformer<T> {
  addIndexers(indexers: Indexers<T>): void;
  getIndexer(): Indexer<T>;
}

export class DefaultSharedIndexInformer<T extends KubeObjectLike> implements SharedIndexInformer<T> {
  private readonly indexer: Indexer<T>;
  private readonly processor: SharedProcessor<T>;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly logger: Logger;
  private resyncCheckPeriodMs: number;
  private readonly defaultEventHandlerResyncPeriodMs: number;
  private started = false;
  private stopped = false;
  private fifo: Queue<T> | undefined;
  private reflector: Reflector<T> | undefined;
  private transform: TransformFunc<T> | undefined;
  private watchErrorHandler: ((err: unknown) => void) | undefined;
  readonly name: string;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly opts: SharedIndexInformerOptions<T> = {},
  ) {
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? mathRandom;
    this.logger = opts.logger ?? consoleLogger;
    this.indexer = newIndexer<T>(deletionHandlingMetaNamespaceKeyFunc, opts.indexers ?? {});
    this.processor = new SharedProcessor<T>(this.clock);
    this.defaultEventHandlerResyncPeriodMs = opts.resyncPeriodMs ?? 0;
    this.resyncCheckPeriodMs = this.defaultEventHandlerResyncPeriodMs;
    this.name = opts.name ?? (opts.expectedKind ? `${opts.expectedKind.apiVersion}/${opts.expectedKind.kind}` : 'informer');
  }

  addEventHandler(handler: ResourceEventHandler<T>): ResourceEventHandlerRegistration {
    return this.addEventHandlerWithResyncPeriod(handler, this.defaultEventHandlerResyncPeriodMs);
  }

  addEventHandlerWithResyncPeriod(handler: ResourceEventHandler<T>, resyncPeriodMs: number): ResourceEventHandlerRegistration {
    if (this.stopped) throw new Error(`handler was not added to shared informer ${this.name} because it has stopped already`);
    if (resyncPeriodMs > 0) {
      if (resyncPeriodMs < MINIMUM_RESYNC_PERIOD_MS) {
        this.logger.warn(
          `resyncPeriod ${resyncPeriodMs}ms is too small. Changing it to the minimum allowed value of ${MINIMUM_RESYNC_PERIOD_MS}ms`,
        );
        resyncPeriodMs = MINIMUM_RESYNC_PERIOD_MS;
      }
      // As client-go: an informer whose default resync is 0 has check period 0 and never
      // resyncs; determineResyncPeriod then turns the request into 0 with a warning.
      if (resyncPeriodMs < this.resyncCheckPeriodMs) {
        if (this.started) {
          this.logger.warn(
            `resyncPeriod ${resyncPeriodMs}ms is smaller than resyncCheckPeriod ${this.resyncCheckPeriodMs}ms and the informer has already started. Changing it to ${this.resyncCheckPeriodMs}ms`,
          );
          resyncPeriodMs = this.resyncCheckPeriodMs;
        } else {
          this.resyncCheckPeriodMs = resyncPeriodMs;
          this.processor.resyncCheckPeriodChanged(resyncPeriodMs, this.logger);
        }
      }
    }
    const listener = new ProcessorListener<T>(
      handler,
      resyncPeriodMs,
      determineResyncPeriod(resyncPeriodMs, this.resyncCheckPeriodMs, this.logger),
      this.clock,
      this.logger,
      () => this.hasSynced(),
      this.opts.handlerErrorPauseMs ?? 1000,
    );
    this.processor.addListener(listener);
    if (this.started) {
      // Replay before returning the handle, so its hasSynced can never be true too early.
      for (const item of this.indexer.list()) listener.add({ kind: 'add', obj: item, isInInitialList: true });
    }
    return listener;
  }

  removeEventHandler(registration: ResourceEventHandlerRegistration): Promise<void> {
    if (!(registration instanceof ProcessorListener)) return Promise.reject(new Error('invalid event handler registration'));
    return this.processor.removeListener(registration as ProcessorListener<T>);
  }

  getStore(): Store<T> {
    return this.indexer;
  }

  getIndexer(): Indexer<T> {
    return this.indexer;
  }

  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  hasSynced(): boolean {
    return this.fifo?.hasSynced() ?? false;
  }

  lastSyncResourceVersion(): string {
    return this.reflector?.lastSyncResourceVersion() ?? '';
  }

  isStopped(): boolean {
    return this.stopped;
  }

  setWatchErrorHandler(handler: (err: unknown) => void): void {
    if (this.started) throw new Error('informer has already started');
    this.watchErrorHandler = handler;
  }

  setTransform(transform: TransformFunc<T>): void {
    if (this.started) throw new Error('informer has already started');
    this.transform = transform;
  }

  /** Queue depths, for tests and metrics: the FIFO and every handler buffer. */
  depths(): { fifo: number; handlers: number } {
    return { fifo: this.fifo?.length ?? 0, handlers: this.processor.pending };
  }

  async run(signal: AbortSignal): Promise<void> {
    if (this.started) throw new Error(`informer ${this.name} can only be run once`);
    if (this.stopped) throw new Error(`informer ${this.name} has already been stopped`);
    this.started = true;
    const keyFunction = deletionHandlingMetaNamespaceKeyFunc;
    this.fifo =
      this.opts.fifo === 'delta'
        ? new DeltaFIFO<T>({ keyFunction, knownObjects: this.indexer, emitDeltaTypeReplaced: true, transformer: this.transform })
        : new RealFIFO<T>({ keyFunction, knownObjects: this.indexer, transformer: this.transform });
    const onWatchError = this.watchErrorHandler;
    this.reflector = new Reflector<T>(this.lw, this.fifo, {
      ...this.opts.reflector,
      name: this.opts.reflector?.name ?? this.name,
      expectedKind: this.opts.expectedKind,
      resyncPeriodMs: this.resyncCheckPeriodMs,
      shouldResync: () => this.processor.shouldResync(),
      clock: this.clock,
      random: this.random,
      logger: this.logger,
      ...(onWatchError ? { watchErrorHandler: (_r, err) => onWatchError(err) } : {}),
    });
    this.processor.run();
    const fifo = this.fifo;
    const closeFifo = () => fifo.close();
    signal.addEventListener('abort', closeFifo, { once: true });
    if (signal.aborted) closeFifo();
    try {
      // Whatever ends the reflector (stop, or an unexpected throw) also ends the pop loop.
      const reflected = this.reflector.run(signal).finally(closeFifo);
      const [r] = await Promise.allSettled([reflected, this.processLoop(fifo)]);
      if (r.status === 'rejected') throw r.reason;
    } finally {
      signal.removeEventListener('abort', closeFifo);
      this.stopped = true;
      await this.processor.stop();
    }
  }

  private async processLoop(fifo: Queue<T>): Promise<void> {
    const deltaHandler = this.deltaHandler();
    // The FIFO and the indexer share deletionHandlingMetaNamespaceKeyFunc, so the keys the FIFO
    // computed (Delta.key) are the indexer's keys.
    const process = (deltas: Delta<T>[], isInInitialList: boolean) =>
      processDeltas(deltaHandler, this.indexer, deltas, isInInitialList, true);
    // controller.go processLoop: batches when the gate is on and the queue supports them.
    const batchQueue = this.opts.batchProcess !== false && isQueueWithBatch(fifo) ? fifo : undefined;
    let batched = 0;
    const processBatch = (deltas: Delta<T>[], isInInitialList: boolean) => {
      batched += deltas.length;
      processDeltasInBatch(deltaHandler, this.indexer, deltas, isInInitialList, true);
    };
    for (;;) {
      let popped: boolean;
      try {
        // No signal here: the abort listener in run() closes the FIFO, which ends the pop; this
        // spares one abort-listener registration per event on a busy stream.
        // Then drain what is already queued without a promise per item, about 1000 deltas per
        // event-loop turn, and let I/O (the watch stream, timers) run: a 50k-item relist cannot
        // starve it.
        if (batchQueue) {
          batched = 0;
          popped = await batchQueue.popBatch(processBatch);
          while (batched < DRAIN_PER_TURN && batchQueue.tryPopBatch(processBatch));
        } else {
          popped = await fifo.pop(process);
          for (let n = 1; n < DRAIN_PER_TURN && fifo.tryPop(process); n++);
        }
      } catch (err) {
        this.logger.error(`${this.name}: error processing deltas: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      if (!popped) return;
      if (fifo.length > 0) await new Promise<void>((r) => setImmediate(r));
    }
  }

  /** What processDeltas tells: built once per run, not per delta (the pop loop is the hot path). */
  private deltaHandler(): DeltaHandler<T> {
    const processor = this.processor;
    return {
      onAdd: (obj, initial) => processor.distribute({ kind: 'add', obj, isInInitialList: initial }, false),
      onUpdate: (oldObj, newObj) => {
        // Equal resourceVersions: a resync or an unchanged relist item; only for syncing listeners.
        const isSync = oldObj.metadata?.resourceVersion === newObj.metadata?.resourceVersion;
        processor.distribute({ kind: 'update', oldObj, newObj }, isSync);
      },
      onDelete: (obj: T | DeletedFinalStateUnknown<T>) => processor.distribute({ kind: 'delete', obj }, false),
    };
  }
}

/** client-go NewSharedIndexInformer. */
export function newSharedIndexInformer<T extends KubeObjectLike>(
  lw: ListerWatcher<T>,
  opts: SharedIndexInformerOptions<T> = {},
): DefaultSharedIndexInformer<T> {
  return new DefaultSharedIndexInformer(lw, opts);
}
