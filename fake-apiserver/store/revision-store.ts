/**
 * The MVCC store: one global revision counter (etcd's revision), the current objects of every
 * resource, and an event log inside a compaction window.
 *
 * Invariants:
 * - `revision` only grows; every committed change takes the next revision and stamps it into the
 *   object's `metadata.resourceVersion` (as a decimal string).
 * - The event log holds every change with revision > `compactedRevision`, in revision order, so the
 *   state of any resource at a revision R >= compactedRevision can be rebuilt by rolling the log
 *   back from the current state. Reads at R < compactedRevision answer 410 Expired.
 * - Stored objects are never mutated after commit: readers may hold them, and the cached JSON of
 *   an entry stays valid. Writers pass in fresh objects.
 * - Listeners are called synchronously, in revision order, inside the commit. A watch that replays
 *   history and subscribes in the same tick therefore sees every event exactly once.
 */
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { lowerBound, objectKey } from './object-order.js';
import type { KubeObject, ResourceKey, StoreEvent, WatchEventType } from './types.js';

export interface CompactionWindow {
  /** Events kept at most; older ones are compacted away. */
  maxEvents: number;
  /** Events older than this are compacted away (the real server compacts every 5 minutes). */
  maxAgeMs: number;
}

export const DEFAULT_COMPACTION: CompactionWindow = { maxEvents: 200_000, maxAgeMs: 5 * 60_000 };

export type StoreListener = (event: StoreEvent) => void;

class ResourceTable {
  readonly objects = new Map<string, KubeObject>();
  private sorted: string[] | null = null;

  keys(): string[] {
    if (this.sorted === null) this.sorted = [...this.objects.keys()].sort();
    return this.sorted;
  }

  set(key: string, obj: KubeObject): void {
    if (!this.objects.has(key)) this.sorted = null;
    this.objects.set(key, obj);
  }

  delete(key: string): void {
    if (this.objects.delete(key)) this.sorted = null;
  }
}

export class RevisionStore {
  private rev = 0;
  private compacted = 0;
  private readonly tables = new Map<ResourceKey, ResourceTable>();
  /** The event log; entries before `head` have been compacted and are garbage awaiting a splice. */
  private log: StoreEvent[] = [];
  private head = 0;
  private readonly listeners = new Set<StoreListener>();
  private revisionWaiters: Array<{ revision: number; resolve: () => void }> = [];

  constructor(
    private readonly window: CompactionWindow = DEFAULT_COMPACTION,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The current global revision. */
  get revision(): number {
    return this.rev;
  }

  /** Reads and watches at revisions below this answer 410 Expired. */
  get compactedRevision(): number {
    return this.compacted;
  }

  /** The oldest revision that still has an event in the log (for "too old resource version" messages). */
  get oldestRetainedRevision(): number {
    return this.head < this.log.length ? this.log[this.head].revision : this.rev + 1;
  }

  get(resource: ResourceKey, namespace: string, name: string): KubeObject | undefined {
    return this.tables.get(resource)?.objects.get(objectKey(namespace, name));
  }

  /** Number of current objects of a resource (all namespaces). */
  count(resource: ResourceKey): number {
    return this.tables.get(resource)?.objects.size ?? 0;
  }

  /**
   * Current objects of a resource in key order, optionally in one namespace, starting at the
   * key `startKey` (inclusive; relative to the list's prefix, as continue tokens store it).
   */
  list(resource: ResourceKey, namespace?: string): KubeObject[] {
    const table = this.tables.get(resource);
    if (!table) return [];
    const keys = table.keys();
    const [from, to] = namespaceRange(keys, namespace);
    const out: KubeObject[] = new Array(to - from);
    for (let i = from; i < to; i++) out[i - from] = table.objects.get(keys[i])!;
    return out;
  }

  /**
   * The objects of a resource as they were at `revision`, in key order. The caller checks that
   * `compactedRevision <= revision <= this.revision`.
   */
  listAt(resource: ResourceKey, revision: number, namespace?: string): KubeObject[] {
    if (revision >= this.rev) return this.list(resource, namespace);
    const state = new Map(this.tables.get(resource)?.objects ?? []);
    for (let i = this.log.length - 1; i >= this.head && this.log[i].revision > revision; i--) {
      const e = this.log[i];
      if (e.resource !== resource) continue;
      const key = objectKey(e.namespace, e.name);
      if (e.type === 'ADDED') state.delete(key);
      else state.set(key, e.previous!);
    }
    const keys = [...state.keys()].sort();
    const [from, to] = namespaceRange(keys, namespace);
    return keys.slice(from, to).map((k) => state.get(k)!);
  }

  /** Events of one resource with revision > `after`, oldest first. Caller checks compaction. */
  eventsSince(resource: ResourceKey, after: number): StoreEvent[] {
    const out: StoreEvent[] = [];
    let lo = this.head;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log[mid].revision <= after) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.log.length; i++) if (this.log[i].resource === resource) out.push(this.log[i]);
    return out;
  }

  /**
   * Commits a create or update of `object` (a fresh object the store now owns). Returns the stored
   * object, or the existing one unchanged when `unchanged` says the write is a no-op (then no
   * revision is taken and no event is emitted).
   */
  put(resource: ResourceKey, object: KubeObject): KubeObject {
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name!;
    const key = objectKey(namespace, name);
    const table = this.table(resource);
    const previous = table.objects.get(key);
    const revision = ++this.rev;
    object.metadata.resourceVersion = String(revision);
    table.set(key, object);
    this.commit(previous ? 'MODIFIED' : 'ADDED', revision, resource, namespace, name, object, previous);
    return object;
  }

  /** Removes an object. The DELETED event carries its last state stamped with the deletion revision. */
  delete(resource: ResourceKey, namespace: string, name: string): KubeObject | undefined {
    const table = this.tables.get(resource);
    const key = objectKey(namespace, name);
    const previous = table?.objects.get(key);
    if (!table || !previous) return undefined;
    const revision = ++this.rev;
    table.delete(key);
    const tombstone: KubeObject = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(revision) } };
    this.commit('DELETED', revision, resource, namespace, name, tombstone, previous);
    return tombstone;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Forces compaction: drops every event with revision <= `upTo` (default: all events), so reads
   * and watches from older revisions answer 410 Expired. Tests use it to reach expiry paths.
   */
  compact(upTo: number = this.rev): void {
    while (this.head < this.log.length && this.log[this.head].revision <= upTo) this.head++;
    this.compacted = Math.max(this.compacted, Math.min(upTo, this.rev));
    this.spliceCompacted();
  }

  /** Resolves true once the revision reaches `revision`, or false after `timeoutMs`. */
  waitForRevision(revision: number, timeoutMs: number): Promise<boolean> {
    if (this.rev >= revision) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        revision,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.revisionWaiters = this.revisionWaiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.revisionWaiters.push(waiter);
    });
  }

  /** Empties every resource and the log, keeping the revision counter growing (RVs never repeat). */
  reset(): void {
    this.tables.clear();
    this.log = [];
    this.head = 0;
    this.compacted = this.rev;
  }

  /** Every resource key that has at least one object. */
  resources(): ResourceKey[] {
    return [...this.tables.entries()].filter(([, t]) => t.objects.size > 0).map(([k]) => k);
  }

  private table(resource: ResourceKey): ResourceTable {
    let t = this.tables.get(resource);
    if (!t) {
      t = new ResourceTable();
      this.tables.set(resource, t);
    }
    return t;
  }

  private commit(
    type: WatchEventType,
    revision: number,
    resource: ResourceKey,
    namespace: string,
    name: string,
    object: KubeObject,
    previous: KubeObject | undefined,
  ): void {
    const event: StoreEvent = { type, revision, resource, namespace, name, object, previous, time: this.clock.now() };
    this.log.push(event);
    this.compactWindow(event.time);
    for (const listener of this.listeners) listener(event);
    if (this.revisionWaiters.length > 0) {
      const ready = this.revisionWaiters.filter((w) => w.revision <= revision);
      this.revisionWaiters = this.revisionWaiters.filter((w) => w.revision > revision);
      for (const w of ready) w.resolve();
    }
  }

  private compactWindow(now: number): void {
    const oldest = now - this.window.maxAgeMs;
    while (this.head < this.log.length && (this.log.length - this.head > this.window.maxEvents || this.log[this.head].time < oldest)) {
      this.compacted = this.log[this.head].revision;
      this.head++;
    }
    this.spliceCompacted();
  }

  private spliceCompacted(): void {
    // Amortised O(1): drop the compacted prefix once it is as large as the live part.
    if (this.head > 1024 && this.head * 2 > this.log.length) {
      this.log = this.log.slice(this.head);
      this.head = 0;
    }
  }
}

/** The [from, to) index range of the keys in one namespace (all keys when no namespace is given). */
function namespaceRange(keys: readonly string[], namespace: string | undefined): [number, number] {
  if (!namespace) return [0, keys.length];
  // '0' is the character after '/', so [ns/, ns0) covers exactly the keys of the namespace.
  return [lowerBound(keys, `${namespace}/`), lowerBound(keys, `${namespace}0`)];
}
