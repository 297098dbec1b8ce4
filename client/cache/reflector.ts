/**
 * Reflector (client-go tools/cache/reflector.go): keeps a store in step with the server by
 * listing and then watching one resource, forever, until its signal aborts.
 *
 * It is written as a small state machine (after kube-rs watcher.rs): `step(state)` performs one
 * action and returns the next state, so every recovery rule is a visible transition:
 *
 *   ListAndWatch ─► WatchList (streaming list) ─ok─► Watch(stream reused)
 *        │              │ 429/refused ─► Backoff ─► WatchList
 *        │              │ 410/too-large ─► (RV unavailable) WatchList
 *        │              └ other error ─► List (fallback)
 *        └────────────► List ─ok─► Watch ─┬ normal close / probable EOF / inactivity ─► Watch (same RV, no relist)
 *                        │ 410/too-large:  ├ open failed 429/refused, or 429 event ─► Backoff ─► Watch
 *                        │ retry once "" ├ 410 Expired ─► Done ─► Backoff ─► ListAndWatch (relist at last RV)
 *                        └ error ─► Failed ├ very short watch / other error ─► Done ─► Backoff ─► ListAndWatch
 *                                          └ open failed otherwise ─► Failed(err) ─► Backoff ─► ListAndWatch
 *
 * resourceVersion bookkeeping (relistResourceVersion / rewatchResourceVersion):
 * - the first list asks for "0" (served from the watch cache); after an Expired or too-large
 *   answer the RV is marked unavailable and the next list or watch-list asks for "" (a quorum
 *   read); otherwise the last RV seen in a list, event or bookmark is used. RVs are opaque strings.
 * - a watch started from "" or "0" records RVs only from its first non-ADDED event
 *   (the synthetic initial ADDED events are not in RV order). A deliberate divergence: client-go
 *   v0.35 handleAnyWatch records every event's RV (see consume).
 *
 * Watch-list (client-go v0.35, see watch-list.ts): on unless `useWatchList: false` or the
 * ListerWatcher's isWatchListSemanticsUnsupported() returns true. The streamed objects are
 * collected in a temporary store that applies the target store's transform; meta.k8s.io Table
 * objects are skipped; every 10 s without the initial-events-end bookmark a warning is logged
 * (bookmark-ticker.ts); with KUBE_WATCHLIST_INCONSISTENCY_DETECTOR the result is checked against
 * an extra LIST (watch-list-consistency.ts) and a mismatch rejects run().
 *
 * Timing: every watch carries timeoutSeconds uniform in [5, 10) minutes and allowWatchBookmarks;
 * backoff is 800 ms → 30 s (×2, jitter 1.0), reset after 2 minutes without a backoff; a watch that
 * delivers nothing for `timeoutSeconds + 5 s` is presumed dead and restarted from the same RV.
 * Clock and random source are injected.
 */
import { isInternalError, isTooManyRequests, StatusError, type Status } from '../errors.js';
import type { WatchEvent } from '../watch-event.js';
import { realClock, mathRandom, sleep, type Clock, type Random } from '../tools/clock/clock.js';
import { ListPager, type ListLike } from '../pager/pager.js';
import { WatchIdleTimeoutError } from '../rest/watch-stream.js';
import { ExponentialBackoffManager, REFLECTOR_BACKOFF, type ExponentialBackoffOptions } from '../tools/wait/backoff.js';
import { newInitialEventsEndBookmarkTicker } from './bookmark-ticker.js';
import { transformerOf } from './deltas.js';
import type { ListerWatcher, ListOptions } from './listwatch.js';
import { consoleLogger, type Logger } from './log.js';
import { isAbortError } from './net-errors.js';
import {
  isExpiredError,
  isTooLargeResourceVersionError,
  isWatchErrorRetriable,
  RetryWithDeadline,
  VeryShortWatchError,
} from './reflector-errors.js';
import { deletionHandlingMetaNamespaceKeyFunc, type KubeObjectLike, type Store } from './store.js';
import { checkDataConsistency, isDataConsistencyDetectionForWatchListEnabled } from './watch-list-consistency.js';
import { doesClientNotSupportWatchListSemantics, gvkString, isUnsupportedTableObject } from './watch-list.js';
import { newStore } from './indexer.js';

/** The subset of a store the reflector writes (ReflectorStore). */
export interface ReflectorStore<T> {
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
  replace(list: T[], resourceVersion: string): void;
  resync(): void;
}

/** Optional capability: stores that track the reflector's resourceVersion. */
export interface ResourceVersionUpdater {
  updateResourceVersion(resourceVersion: string): void;
}

export const INITIAL_EVENTS_ANNOTATION = 'k8s.io/initial-events-end';
const DEFAULT_MIN_WATCH_TIMEOUT_MS = 5 * 60_000;
const INACTIVITY_MARGIN_MS = 5_000;

export interface ReflectorOptions {
  name?: string;
  /** For log lines only, e.g. "v1/Pod". */
  typeDescription?: string;
  /** Events whose object has a different apiVersion/kind are logged and skipped. */
  expectedKind?: { apiVersion: string; kind: string };
  /** How often to consult `shouldResync` and call `store.resync()`; 0 disables. */
  resyncPeriodMs?: number;
  shouldResync?: () => boolean;
  /** Lower bound of the random watch timeout; values below 5 minutes are not honoured. */
  minWatchTimeoutMs?: number;
  /**
   * Stream the initial list (sendInitialEvents) and fall back to LIST when refused. Default true
   * (WatchListClient, beta and on by default since 1.35); a ListerWatcher whose
   * isWatchListSemanticsUnsupported() returns true turns it off.
   */
  useWatchList?: boolean;
  /**
   * Check every watch-list result against a LIST at its resourceVersion (a CI aid). Default:
   * whether KUBE_WATCHLIST_INCONSISTENCY_DETECTOR parses as true when the reflector is built.
   */
  watchListInconsistencyDetector?: boolean;
  /** Page size of lists; by default 500 for RV ""/"0" and unpaginated for RV=N (watch cache). */
  watchListPageSize?: number;
  /** How long watch InternalErrors are retried without relisting (default 0: never). */
  maxInternalErrorRetryDurationMs?: number;
  /** Restart a watch after this long without an event; default timeoutSeconds + 5 s. */
  inactivityTimeoutMs?: number;
  backoff?: ExponentialBackoffOptions;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /** Called with the error whenever ListAndWatch fails; default: log it. */
  watchErrorHandler?: (reflector: Reflector<unknown>, err: unknown) => void;
}

type State =
  | { kind: 'ListAndWatch' }
  | { kind: 'WatchList' }
  | { kind: 'List' }
  | { kind: 'Watch'; stream?: OpenWatch<unknown> }
  | { kind: 'Backoff'; then: State }
  | { kind: 'Done'; err?: unknown }
  | { kind: 'Stopped' };

interface OpenWatch<T> {
  iterator: AsyncIterator<WatchEvent<T>>;
  abort: AbortController;
  timeoutSeconds: number;
}

type WatchOutcome =
  | { kind: 'ended'; bookmark: boolean }
  | { kind: 'error'; err: unknown }
  | { kind: 'bookmark'; resourceVersion: string }
  | { kind: 'stopped' };

const ABORTED = Symbol('aborted');

export class Reflector<T> {
  readonly name: string;
  readonly typeDescription: string;
  private lastSyncRV = '';
  private rvUnavailable = false;
  private paginatedResult = false;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly logger: Logger;
  private readonly backoff: ExponentialBackoffManager;
  private readonly minWatchTimeoutMs: number;
  private signal: AbortSignal = new AbortController().signal;
  private running = false;
  private resyncTimer: { cancel(): void } | undefined;
  private resyncError: unknown;
  private internalErrorRetry: RetryWithDeadline | undefined;
  private readonly useWatchList: boolean;
  private readonly checkWatchListConsistency: boolean;
  /** Called with the error whenever ListAndWatch fails (SetWatchErrorHandler). */
  watchErrorHandler: (reflector: Reflector<unknown>, err: unknown) => void;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly store: ReflectorStore<T>,
    private readonly opts: ReflectorOptions = {},
  ) {
    this.name = opts.name ?? 'reflector';
    this.typeDescription =
      opts.typeDescription ?? (opts.expectedKind ? `${opts.expectedKind.apiVersion}/${opts.expectedKind.kind}` : '<unspecified>');
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? mathRandom;
    this.logger = opts.logger ?? consoleLogger;
    this.backoff = new ExponentialBackoffManager(opts.backoff ?? REFLECTOR_BACKOFF, this.clock, this.random);
    this.minWatchTimeoutMs = Math.max(DEFAULT_MIN_WATCH_TIMEOUT_MS, opts.minWatchTimeoutMs ?? 0);
    this.watchErrorHandler = opts.watchErrorHandler ?? ((r, err) => defaultWatchErrorHandler(r, err, this.logger));
    let useWatchList = opts.useWatchList !== false;
    if (useWatchList && doesClientNotSupportWatchListSemantics(lw)) {
      this.logger.debug(
        `The provided ListWatcher doesn't support WatchList semantics. The feature will be disabled. If you are using a custom client, check the documentation of watchlist.DoesClientNotSupportWatchListSemantics() method listWatcherType=${lw.constructor?.name ?? typeof lw} feature=WatchListClient`,
      );
      useWatchList = false;
    }
    this.useWatchList = useWatchList;
    this.checkWatchListConsistency = opts.watchListInconsistencyDetector ?? isDataConsistencyDetectionForWatchListEnabled();
  }

  /** The resourceVersion of the last list, event or bookmark applied to the store. */
  lastSyncResourceVersion(): string {
    return this.lastSyncRV;
  }

  /** True after an Expired/too-large answer until the next successful list. */
  isLastSyncResourceVersionUnavailable(): boolean {
    return this.rvUnavailable;
  }

  /** Lists and watches until `signal` aborts; resolves once every request has been released. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error(`reflector ${this.name} is already running`);
    this.running = true;
    this.signal = signal;
    this.logger.debug(`Starting reflector ${this.typeDescription} (${this.opts.resyncPeriodMs ?? 0}ms) from ${this.name}`);
    let state: State = { kind: 'ListAndWatch' };
    try {
      while (state.kind !== 'Stopped') {
        state = signal.aborted ? await this.stop(state) : await this.step(state);
      }
    } finally {
      this.stopResync();
      this.running = false;
    }
  }

  private async stop(state: State): Promise<State> {
    if (state.kind === 'Watch' && state.stream) closeWatch(state.stream);
    return { kind: 'Stopped' };
  }

  private async step(state: State): Promise<State> {
    switch (state.kind) {
      case 'ListAndWatch':
        this.internalErrorRetry = new RetryWithDeadline(
          this.opts.maxInternalErrorRetryDurationMs ?? 0,
          60_000,
          isInternalError,
          this.clock,
        );
        return this.useWatchList ? { kind: 'WatchList' } : { kind: 'List' };
      case 'WatchList':
        return this.watchList();
      case 'List':
        return this.list();
      case 'Watch':
        return this.watch(state.stream as OpenWatch<T> | undefined);
      case 'Backoff': {
        const ok = await sleep(this.clock, this.backoff.next(), this.signal);
        return ok ? state.then : { kind: 'Stopped' };
      }
      case 'Done':
        this.stopResync();
        if (state.err !== undefined) {
          try {
            this.watchErrorHandler(this as Reflector<unknown>, state.err);
          } catch (err) {
            this.logger.error(`${this.name}: watch error handler threw: ${describe(err)}`);
          }
        }
        return { kind: 'Backoff', then: { kind: 'ListAndWatch' } };
      case 'Stopped':
        return state;
    }
  }

  /** relistResourceVersion: "" after Expired/too-large, "0" before anything was seen, else the last RV. */
  relistResourceVersion(): string {
    if (this.rvUnavailable) return '';
    return this.lastSyncRV === '' ? '0' : this.lastSyncRV;
  }

  /** rewatchResourceVersion: "" after Expired/too-large, else the last RV (possibly ""). */
  rewatchResourceVersion(): string {
    return this.rvUnavailable ? '' : this.lastSyncRV;
  }

  private setLastSyncResourceVersion(rv: string): void {
    this.lastSyncRV = rv;
    const updater = this.store as Partial<ResourceVersionUpdater>;
    if (typeof updater.updateResourceVersion === 'function') updater.updateResourceVersion(rv);
  }

  private watchTimeoutSeconds(): number {
    return Math.floor((this.minWatchTimeoutMs / 1000) * (this.random() + 1.0));
  }

  // ---- WatchList: the streaming initial list (KEP-3157) -------------------------------------

  private async watchList(): Promise<State> {
    // As v0.35: the temporary store applies the target store's transform (so does the store's
    // own Replace: the transform runs twice on watch-list results and must be idempotent).
    const transform = transformerOf<T>(this.store);
    const temp = newStore<T>(deletionHandlingMetaNamespaceKeyFunc, { transformer: transform });
    const timeoutSeconds = this.watchTimeoutSeconds();
    const options: ListOptions = {
      resourceVersion: this.rewatchResourceVersion(),
      allowWatchBookmarks: true,
      sendInitialEvents: true,
      resourceVersionMatch: 'NotOlderThan',
      timeoutSeconds,
    };
    const start = this.clock.now();
    let stream: OpenWatch<T>;
    try {
      stream = await this.openWatch(options, timeoutSeconds);
    } catch (err) {
      if (this.signal.aborted) return { kind: 'Stopped' };
      return this.watchListFailed(err);
    }
    let rv = '';
    const outcome = await this.consume(stream, temp, start, (v) => (rv = v), true, true);
    switch (outcome.kind) {
      case 'stopped':
        closeWatch(stream);
        return { kind: 'Stopped' };
      case 'error':
        closeWatch(stream);
        return this.watchListFailed(outcome.err);
      case 'ended':
        closeWatch(stream);
        return { kind: 'WatchList' };
      case 'bookmark':
        this.rvUnavailable = false;
        if (this.checkWatchListConsistency) {
          try {
            await checkDataConsistency<T>({
              identity: this.name,
              lastSyncedResourceVersion: rv,
              listFn: (o, s) => this.lw.list(o, s),
              transform,
              retrieveItems: () => temp.list(),
              clock: this.clock,
              logger: this.logger,
              signal: this.signal,
            });
          } catch (err) {
            // client-go panics here (DataInconsistencyError): stop and reject run().
            closeWatch(stream);
            throw err;
          }
          if (this.signal.aborted) {
            closeWatch(stream);
            return { kind: 'Stopped' };
          }
        }
        this.store.replace(temp.list(), rv);
        this.setLastSyncResourceVersion(rv);
        this.logger.debug(`${this.name}: caches populated for ${this.typeDescription} by watch-list at ${rv}`);
        this.startResync();
        return { kind: 'Watch', stream: stream as OpenWatch<unknown> };
    }
  }

  private async watchListFailed(err: unknown): Promise<State> {
    if (isWatchErrorRetriable(err)) {
      this.logger.debug(`${this.name}: watch-list of ${this.typeDescription} returned ${describe(err)} - backing off`);
      return { kind: 'Backoff', then: { kind: 'WatchList' } };
    }
    if (isExpiredError(err) || isTooLargeResourceVersionError(err)) {
      this.rvUnavailable = true;
      return { kind: 'WatchList' };
    }
    this.logger.warn(
      `${this.name}: the watch-list request of ${this.typeDescription} ended with an error, falling back to LIST/WATCH: ${describe(err)}`,
    );
    return { kind: 'List' };
  }

  // ---- List --------------------------------------------------------------------------------

  private async list(): Promise<State> {
    const resourceVersion = this.relistResourceVersion();
    let pageSize: number | undefined;
    if (this.opts.watchListPageSize) pageSize = this.opts.watchListPageSize;
    else if (this.paginatedResult) {
      // The first RV="0" list came back paginated: the watch cache is off; keep paging.
    } else if (resourceVersion !== '' && resourceVersion !== '0') {
      // Unpaginated lists at RV=N are served from the watch cache, sparing etcd a thundering herd.
      pageSize = 0;
    }
    const pager = new ListPager<ListLike<T>>((o, s) => this.lw.list(o, s), { pageSize });
    let result;
    try {
      try {
        result = await pager.listWithPaginated({ resourceVersion }, this.signal);
      } catch (err) {
        if (!isExpiredError(err) && !isTooLargeResourceVersionError(err)) throw err;
        this.rvUnavailable = true;
        result = await pager.listWithPaginated({ resourceVersion: this.relistResourceVersion() }, this.signal);
      }
    } catch (err) {
      if (this.signal.aborted) return { kind: 'Stopped' };
      this.logger.warn(`${this.name}: failed to list ${this.typeDescription}: ${describe(err)}`);
      return { kind: 'Done', err: new ListError(this.typeDescription, err) };
    }
    if (this.signal.aborted) return { kind: 'Stopped' };
    if (resourceVersion === '0' && result.paginated) this.paginatedResult = true;
    this.rvUnavailable = false;
    const rv = result.list.metadata?.resourceVersion ?? '';
    this.store.replace(result.list.items, rv);
    this.setLastSyncResourceVersion(rv);
    this.logger.debug(`${this.name}: caches populated for ${this.typeDescription} by list at ${rv}`);
    this.startResync();
    return { kind: 'Watch' };
  }

  // ---- Watch -------------------------------------------------------------------------------

  private async watch(existing: OpenWatch<T> | undefined): Promise<State> {
    if (this.resyncError !== undefined) {
      if (existing) closeWatch(existing);
      const err = this.resyncError;
      this.resyncError = undefined;
      return { kind: 'Done', err };
    }
    // The clock starts before the request: some proxies flush headers only with the first event.
    const start = this.clock.now();
    let stream = existing;
    const resourceVersion = this.lastSyncRV;
    if (!stream) {
      const timeoutSeconds = this.watchTimeoutSeconds();
      try {
        stream = await this.openWatch({ resourceVersion, timeoutSeconds, allowWatchBookmarks: true }, timeoutSeconds);
      } catch (err) {
        if (this.signal.aborted) return { kind: 'Stopped' };
        if (isWatchErrorRetriable(err)) {
          this.logger.debug(`${this.name}: watch of ${this.typeDescription} returned ${describe(err)} - backing off`);
          return { kind: 'Backoff', then: { kind: 'Watch' } };
        }
        return { kind: 'Done', err };
      }
    }
    const propagateFromStart = !(resourceVersion === '' || resourceVersion === '0') || existing !== undefined;
    const outcome = await this.consume(stream, this.store, start, (rv) => this.setLastSyncResourceVersion(rv), false, propagateFromStart);
    closeWatch(stream);
    if (outcome.kind === 'stopped') return { kind: 'Stopped' };
    const err = outcome.kind === 'error' ? outcome.err : undefined;
    this.internalErrorRetry?.after(err);
    if (err === undefined) return { kind: 'Watch' };
    if (isExpiredError(err)) {
      // Not marked unavailable: a LIST at the last RV already returns data at least that fresh.
      this.logger.debug(`${this.name}: watch of ${this.typeDescription} closed with: ${describe(err)}`);
      return { kind: 'Done' };
    }
    if (isTooManyRequests(err)) {
      this.logger.debug(`${this.name}: watch of ${this.typeDescription} returned 429 - backing off`);
      return { kind: 'Backoff', then: { kind: 'Watch' } };
    }
    if (isInternalError(err) && this.internalErrorRetry?.shouldRetry()) {
      this.logger.debug(`${this.name}: retrying watch of ${this.typeDescription} internal error: ${describe(err)}`);
      return { kind: 'Watch' };
    }
    this.logger.warn(`${this.name}: watch of ${this.typeDescription} ended with: ${describe(err)}`);
    return { kind: 'Done' };
  }

  private async openWatch(options: ListOptions, timeoutSeconds: number): Promise<OpenWatch<T>> {
    const abort = new AbortController();
    const onStop = () => abort.abort(this.signal.reason);
    this.signal.addEventListener('abort', onStop, { once: true });
    abort.signal.addEventListener('abort', () => this.signal.removeEventListener('abort', onStop), { once: true });
    try {
      const iterable = await this.lw.watch(options, abort.signal);
      return { iterator: iterable[Symbol.asyncIterator](), abort, timeoutSeconds };
    } catch (err) {
      abort.abort();
      throw err;
    }
  }

  /**
   * handleAnyWatch: applies events to `store` until the stream ends, fails, the initial-events-end
   * bookmark arrives (when `exitOnBookmark`), the reflector stops, or the stream goes silent.
   */
  private async consume(
    stream: OpenWatch<T>,
    store: ReflectorStore<T> | Store<T>,
    start: number,
    setRV: (rv: string) => void,
    exitOnBookmark: boolean,
    propagateFromStart: boolean,
  ): Promise<WatchOutcome> {
    const inactivityMs = this.opts.inactivityTimeoutMs ?? stream.timeoutSeconds * 1000 + INACTIVITY_MARGIN_MS;
    const bookmarkTicker = newInitialEventsEndBookmarkTicker(this.logger, this.name, this.clock, start, exitOnBookmark);
    let lastEventAt = this.clock.now();
    let idle = false;
    let timer: { cancel(): void } | undefined;
    const arm = (ms: number) => {
      timer = this.clock.setTimer(ms, () => {
        const quiet = this.clock.now() - lastEventAt;
        if (quiet >= inactivityMs) {
          idle = true;
          stream.abort.abort();
        } else arm(inactivityMs - quiet);
      });
    };
    arm(inactivityMs);
    // One abort listener per watch (not per event), so a long stream accumulates nothing.
    let wake: ((v: typeof ABORTED) => void) | undefined;
    const onAbort = () => wake?.(ABORTED);
    stream.abort.signal.addEventListener('abort', onAbort, { once: true });
    let eventCount = 0;
    let bookmarkReceived = false;
    let recordRV = propagateFromStart;
    try {
      for (;;) {
        let next: IteratorResult<WatchEvent<T>> | typeof ABORTED;
        try {
          if (stream.abort.signal.aborted) next = ABORTED;
          else {
            const pending = stream.iterator.next();
            next = await new Promise<IteratorResult<WatchEvent<T>> | typeof ABORTED>((resolve, reject) => {
              wake = resolve;
              pending.then(resolve, reject);
            });
            wake = undefined;
          }
        } catch (err) {
          if (this.signal.aborted) return { kind: 'stopped' };
          // The REST layer's own inactivity timer: the same meaning as ours (restart from the RV).
          if (err instanceof WatchIdleTimeoutError) idle = true;
          if (idle || isAbortError(err)) break;
          return { kind: 'error', err };
        }
        if (next === ABORTED) {
          if (this.signal.aborted) return { kind: 'stopped' };
          break;
        }
        if (next.done) break;
        lastEventAt = this.clock.now();
        const event = next.value;
        if (event.type === 'ERROR') return { kind: 'error', err: new StatusError(event.object as Status) };
        const obj = event.object as T & KubeObjectLike;
        const expected = this.opts.expectedKind;
        // Objects without kind/apiVersion (typed clients may strip them) are not checked.
        if (
          expected &&
          event.type !== 'BOOKMARK' &&
          ((obj.kind !== undefined && obj.kind !== expected.kind) ||
            (obj.apiVersion !== undefined && obj.apiVersion !== expected.apiVersion))
        ) {
          this.logger.error(
            `${this.name}: expected ${expected.apiVersion}/${expected.kind}, but watch event object had ${obj.apiVersion}/${obj.kind}`,
          );
          continue;
        }
        // Tables are blocked for watch-list only (client-go #132926).
        if (exitOnBookmark && isUnsupportedTableObject(obj)) {
          this.logger.error(
            `Unsupported watch event object gvk reflector=${JSON.stringify(this.name)} actualGVK=${JSON.stringify(gvkString(obj))}`,
          );
          continue;
        }
        const meta = obj?.metadata;
        if (!meta || typeof meta !== 'object') {
          this.logger.error(`${this.name}: unable to understand watch event ${JSON.stringify(event).slice(0, 200)}`);
          continue;
        }
        try {
          switch (event.type) {
            case 'ADDED':
              store.add(obj);
              break;
            case 'MODIFIED':
              store.update(obj);
              break;
            case 'DELETED':
              store.delete(obj);
              break;
            case 'BOOKMARK':
              if (meta.annotations?.[INITIAL_EVENTS_ANNOTATION] === 'true') bookmarkReceived = true;
              break;
          }
        } catch (err) {
          this.logger.error(`${this.name}: unable to apply ${event.type} watch event to the store: ${describe(err)}`);
        }
        // Deliberate divergence from client-go v0.35, which records every event's RV (and passes
        // it to a ResourceVersionUpdater) even for the synthetic ADDED events of a watch started
        // from ""/"0": those carry each object's own RV, in no order, so re-watching from one of
        // them after a break could miss objects the stream had not sent yet. We record from the
        // first non-ADDED event on (propagateFromStart).
        if (event.type !== 'ADDED') recordRV = true;
        if (recordRV) setRV(meta.resourceVersion ?? '');
        eventCount++;
        if (exitOnBookmark && bookmarkReceived) return { kind: 'bookmark', resourceVersion: meta.resourceVersion ?? '' };
        bookmarkTicker.observeLastEventTimeStamp(lastEventAt);
      }
    } finally {
      bookmarkTicker.stop();
      timer?.cancel();
      wake = undefined;
      stream.abort.signal.removeEventListener('abort', onAbort);
    }
    if (idle) {
      this.logger.warn(`${this.name}: watch of ${this.typeDescription} received nothing for ${inactivityMs}ms; restarting it`);
      return { kind: 'ended', bookmark: bookmarkReceived };
    }
    if (this.clock.now() - start < 1000 && eventCount === 0) return { kind: 'error', err: new VeryShortWatchError(this.name) };
    this.logger.debug(`${this.name}: watch close - ${this.typeDescription} total ${eventCount} items received`);
    return { kind: 'ended', bookmark: bookmarkReceived };
  }

  // ---- Resync ------------------------------------------------------------------------------

  /** Runs while the reflector watches: every resyncPeriod, store.resync() if shouldResync(). */
  private startResync(): void {
    this.stopResync();
    const period = this.opts.resyncPeriodMs ?? 0;
    if (period <= 0) return;
    const tick = () => {
      if (this.signal.aborted) return;
      const should = this.opts.shouldResync ?? (() => true);
      if (should()) {
        this.logger.debug(`${this.name}: forcing resync`);
        try {
          this.store.resync();
        } catch (err) {
          this.resyncError = err;
          this.resyncTimer = undefined;
          return;
        }
      }
      this.resyncTimer = this.clock.setTimer(period, tick);
    };
    this.resyncTimer = this.clock.setTimer(period, tick);
  }

  private stopResync(): void {
    this.resyncTimer?.cancel();
    this.resyncTimer = undefined;
  }
}

/** A failed list, wrapped as client-go does ("failed to list <type>: ..."); `cause` is the original. */
export class ListError extends Error {
  override readonly name = 'ListError';
  constructor(
    typeDescription: string,
    override readonly cause: unknown,
  ) {
    super(`failed to list ${typeDescription}: ${describe(cause)}`);
  }
}

function closeWatch(stream: OpenWatch<unknown>): void {
  stream.abort.abort();
  // return() may wait for a pending next(); the abort above settles it. Errors are irrelevant now.
  void Promise.resolve()
    .then(() => stream.iterator.return?.())
    .catch(() => {});
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** DefaultWatchErrorHandler: quiet for expiry, loud otherwise. */
export function defaultWatchErrorHandler(r: Reflector<unknown>, err: unknown, logger: Logger = consoleLogger): void {
  if (isExpiredError(err)) logger.debug(`${r.name}: watch of ${r.typeDescription} closed with: ${describe(err)}`);
  else logger.warn(`${r.name}: failed to watch ${r.typeDescription}: ${describe(err)}`);
}
