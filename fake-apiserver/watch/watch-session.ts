/**
 * One watch: turns committed store events into the watch events a client of the real server
 * sees (cacher/cache_watcher.go), and writes them to a sink.
 *
 * - Start: initial ADDED events for the current state (RV unset/"0", or sendInitialEvents),
 *   optionally followed by the `k8s.io/initial-events-end` bookmark; or a replay of the log after
 *   a given RV; or a 410 ERROR event when that RV was compacted.
 * - Selectors: an object entering the selector is ADDED, leaving it is DELETED (with its previous
 *   content at the event's RV), staying in it is MODIFIED.
 * - Bounded memory: the sink reports whether it is over its buffer bound; a watcher that does not
 *   read is closed (as the real server closes an unresponsive watcher) instead of buffered forever.
 * - Every start path snapshots and subscribes in one synchronous step, so no event is lost or doubled.
 *   Initial events are sent in slices of INITIAL_SLICE events with a turn of the event loop (and,
 *   when the connection is backed up, a wait for 'drain') between slices, as the real server
 *   streams them with backpressure; store events committed meanwhile wait in `backlog` and are
 *   delivered, in order, after the initial events (and their end bookmark).
 */
import type { Status } from '../errors/status.js';
import type { Predicate } from '../registry/predicate.js';
import type { RevisionStore } from '../store/revision-store.js';
import type { KubeObject, ResourceKey, StoreEvent } from '../store/types.js';

export type WireEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchSink {
  /**
   * Writes one encoded event. Returns false when the session must stop: the connection's buffer
   * is over its bound, or a fault closed it (then the sink has already closed the session).
   * `initial` marks the initial events of the watch, whose bytes do not count against the bound
   * (the real server pushes them with backpressure; only a watcher that falls behind on new
   * events is closed).
   */
  write(chunk: string | Buffer, initial: boolean): boolean;
  /** Ends the response normally. */
  end(): void;
  /** Drops the connection (used when the client stopped reading). */
  destroy(): void;
  /**
   * Pushes out what `write` buffered and resolves when more may be written: after a turn of the
   * event loop, or after 'drain' when the connection is backed up. Called between slices of
   * initial events. Resolves (never rejects) when the connection closes.
   */
  pace(): Promise<void>;
  /** Pushes out what `write` buffered. */
  flush(): void;
}

/** Initial events sent per turn of the event loop. */
const INITIAL_SLICE = 256;

export interface WatchEncoder {
  encode(type: WireEventType, object: KubeObject | Status): string;
  /** Encoders that depend only on (type, object) may share encodings across watchers. */
  readonly shareable: boolean;
}

export type WatchStart =
  { kind: 'initial'; initialEventsEndBookmark: boolean } | { kind: 'since'; revision: number } | { kind: 'expired'; revision: number };

export interface WatchSessionOptions {
  resource: ResourceKey;
  namespace: string;
  predicate: Predicate;
  kind: string;
  apiVersion: string;
  allowBookmarks: boolean;
  bookmarkIntervalMs: number;
  /** Ends the stream after this long (timeoutSeconds, or the server's randomized default). */
  timeoutMs: number;
  /** Called once the session has ended for any reason. */
  onClose?: () => void;
}

/** Encoded events shared by every watcher of the same event (encoded and UTF-8 encoded once). */
const shared = new WeakMap<object, Map<string, Buffer>>();

export class WatchSession {
  private unsubscribe: (() => void) | undefined;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  private minRevision = 0;
  private initial = false;
  /** Store events committed while initial events are still being sent. */
  private backlog: StoreEvent[] | undefined;

  constructor(
    private readonly store: RevisionStore,
    private readonly opts: WatchSessionOptions,
    private readonly encoder: WatchEncoder,
    private readonly sink: WatchSink,
  ) {}

  start(start: WatchStart): void {
    const { store, opts } = this;
    if (start.kind === 'expired') {
      const status: Status = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${start.revision} (${Math.max(store.compactedRevision, store.oldestRetainedRevision - 1)})`,
        reason: 'Expired',
        code: 410,
      };
      this.sink.write(this.encoder.encode('ERROR', status), false);
      this.close(false);
      return;
    }
    if (start.kind === 'initial') {
      const revision = store.revision;
      this.minRevision = revision;
      const snapshot = store.list(opts.resource, opts.namespace || undefined);
      this.backlog = [];
      this.unsubscribe = store.subscribe((e) => this.onEvent(e));
      this.startTimers();
      void this.sendInitial(snapshot, revision, start.initialEventsEndBookmark);
      return;
    }
    const replay = start.revision <= store.revision ? store.eventsSince(opts.resource, start.revision) : [];
    this.minRevision = Math.max(start.revision, store.revision);
    this.unsubscribe = store.subscribe((e) => this.onEvent(e));
    this.startTimers();
    for (const e of replay) if (!this.deliver(e)) return;
  }

  private async sendInitial(snapshot: KubeObject[], revision: number, endBookmark: boolean): Promise<void> {
    const { opts } = this;
    this.initial = true;
    let sent = 0;
    for (const obj of snapshot) {
      if (opts.predicate.everything || opts.predicate.matches(obj)) {
        if (!this.emit('ADDED', obj)) return;
        if (++sent % INITIAL_SLICE === 0) {
          await this.sink.pace();
          if (this.closed) return;
        }
      }
    }
    if (endBookmark && opts.allowBookmarks) {
      if (!this.emitBookmark(revision, true)) return;
    }
    this.initial = false;
    this.sink.flush();
    // Events committed meanwhile; deliver() may append nothing more, as backlog is now unset.
    const backlog = this.backlog ?? [];
    this.backlog = undefined;
    for (const e of backlog) if (!this.deliver(e)) return;
  }

  private startTimers(): void {
    const { opts } = this;
    if (opts.allowBookmarks && opts.bookmarkIntervalMs > 0) {
      const t = setInterval(() => {
        if (!this.initial) this.emitBookmark(this.store.revision, false);
      }, opts.bookmarkIntervalMs);
      t.unref?.();
      this.timers.push(t);
      if (opts.timeoutMs > 4000) {
        // The real server sends a bookmark about 2 s before the deadline so clients can resume.
        const b = setTimeout(() => {
          if (!this.initial) this.emitBookmark(this.store.revision, false);
        }, opts.timeoutMs - 2000);
        b.unref?.();
        this.timers.push(b);
      }
    }
    const timeout = setTimeout(() => this.close(false), opts.timeoutMs);
    timeout.unref?.();
    this.timers.push(timeout);
  }

  /** Ends the watch from the server side (timeout, shutdown, reset, fault injection). */
  close(destroy: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    if (destroy) this.sink.destroy();
    else this.sink.end();
    this.opts.onClose?.();
  }

  /** The client went away: release everything without writing. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.opts.onClose?.();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private onEvent(e: StoreEvent): void {
    if (e.revision <= this.minRevision) return;
    if (this.backlog) this.backlog.push(e);
    else this.deliver(e);
  }

  /** Applies the resource/namespace/selector filter; returns false once the session closed. */
  private deliver(e: StoreEvent): boolean {
    const { opts } = this;
    if (this.closed) return false;
    if (e.resource !== opts.resource) return true;
    if (opts.namespace && e.namespace !== opts.namespace) return true;
    const p = opts.predicate;
    if (p.everything) return this.emit(e.type, e.object, e);
    const nowMatches = e.type !== 'DELETED' && p.matches(e.object);
    const wasMatching = e.previous !== undefined && p.matches(e.previous);
    switch (e.type) {
      case 'ADDED':
        return nowMatches ? this.emit('ADDED', e.object, e) : true;
      case 'MODIFIED':
        if (nowMatches && wasMatching) return this.emit('MODIFIED', e.object, e);
        if (nowMatches) return this.emit('ADDED', e.object);
        if (wasMatching) return this.emit('DELETED', withResourceVersion(e.previous!, e.revision));
        return true;
      case 'DELETED':
        return wasMatching ? this.emit('DELETED', e.object, e) : true;
    }
  }

  private emit(type: WireEventType, object: KubeObject, event?: StoreEvent): boolean {
    if (this.closed) return false;
    let chunk: string | Buffer | undefined;
    if (event && this.encoder.shareable && type === event.type) {
      let byType = shared.get(event);
      if (!byType) shared.set(event, (byType = new Map()));
      let bytes = byType.get(type);
      if (bytes === undefined) byType.set(type, (bytes = Buffer.from(this.encoder.encode(type, object), 'utf8')));
      chunk = bytes;
    } else {
      chunk = this.encoder.encode(type, object);
    }
    if (!this.sink.write(chunk, this.initial)) {
      if (!this.closed) this.close(true);
      return false;
    }
    return !this.closed;
  }

  private emitBookmark(revision: number, initialEventsEnd: boolean): boolean {
    if (this.closed) return false;
    const metadata: KubeObject['metadata'] = { resourceVersion: String(revision) };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    return this.emit('BOOKMARK', { kind: this.opts.kind, apiVersion: this.opts.apiVersion, metadata });
  }
}

function withResourceVersion(obj: KubeObject, revision: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } };
}
