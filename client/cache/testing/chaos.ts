/**
 * Seeded chaos for informer tests against the fake API server: a random writer over raw HTTP, a
 * fault hook that breaks list/watch requests and watch streams, periodic compaction, and a
 * handler that checks every object's notification sequence is consistent.
 *
 * Everything random is drawn from seeded sources, so a failing seed replays the same writes and
 * the same fault decisions (timing still varies with the machine, as in any network test).
 */
import type { FakeApiServer, FaultHook, RequestFault, WatchEventFault } from '../../../fake-apiserver/index.js';
import { StatusError as ServerStatusError } from '../../../fake-apiserver/index.js';
import { seededRandom, type Random } from '../../tools/clock/clock.js';
import { DeletedFinalStateUnknown } from '../deltas.js';
import type { ResourceEventHandler } from '../event-handlers.js';
import type { ListerWatcher } from '../listwatch.js';
import type { KubeObjectLike } from '../store.js';

export interface FaultRates {
  /** Per list/watch request. */
  tooManyRequests: number;
  internalError: number;
  resetConnection: number;
  delay: number;
  maxDelayMs: number;
  /** Per watch event. */
  closeWatch: number;
  resetWatch: number;
}

export const DEFAULT_FAULTS: FaultRates = {
  tooManyRequests: 0.08,
  internalError: 0.05,
  resetConnection: 0.03,
  delay: 0.1,
  maxDelayMs: 40,
  closeWatch: 0.01,
  resetWatch: 0.01,
};

/** Counts of injected faults, for reports. */
export interface FaultStats {
  tooManyRequests: number;
  internalError: number;
  resetConnection: number;
  delay: number;
  closeWatch: number;
  resetWatch: number;
  compactions: number;
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete']);

/**
 * A fault hook for list and watch requests and watch streams of `resources`, and for write
 * requests of `writeResources` (a failed write is never applied, so writers may retry safely).
 * Other requests pass untouched.
 */
export function chaosFaults(
  seed: number,
  resources: string | string[],
  rates: FaultRates = DEFAULT_FAULTS,
  writeResources: string[] = [],
): { hook: FaultHook; stats: FaultStats } {
  const watched = new Set(typeof resources === 'string' ? [resources] : resources);
  const written = new Set(writeResources);
  const rnd = seededRandom(`faults-${seed}`);
  const ended = new WeakMap<object, WatchEventFault>();
  const stats: FaultStats = {
    tooManyRequests: 0,
    internalError: 0,
    resetConnection: 0,
    delay: 0,
    closeWatch: 0,
    resetWatch: 0,
    compactions: 0,
  };
  const hook: FaultHook = {
    onRequest(ctx): RequestFault | undefined {
      const listWatch = watched.has(ctx.resource) && (ctx.verb === 'list' || ctx.verb === 'watch');
      const write = written.has(ctx.resource) && WRITE_VERBS.has(ctx.verb);
      if (!listWatch && !write) return undefined;
      const fault: RequestFault = {};
      if (rnd() < rates.delay) {
        stats.delay++;
        fault.delayMs = Math.floor(rnd() * rates.maxDelayMs);
      }
      const r = rnd();
      if (r < rates.tooManyRequests) {
        stats.tooManyRequests++;
        fault.error = new ServerStatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: 1 });
      } else if (r < rates.tooManyRequests + rates.internalError) {
        stats.internalError++;
        fault.error = new ServerStatusError(500, 'InternalError', 'Internal error occurred: injected');
      } else if (r < rates.tooManyRequests + rates.internalError + rates.resetConnection) {
        stats.resetConnection++;
        fault.resetConnection = true;
      }
      return fault.delayMs !== undefined || fault.error || fault.resetConnection ? fault : undefined;
    },
    onWatchEvent(ctx): WatchEventFault {
      if (!watched.has(ctx.resource)) return 'deliver';
      // Sticky per watch: the fake drops only the event a close/reset was decided on and keeps
      // writing later events of the same synchronous burst (see the report: fake bug 1), which
      // a real connection never does. Repeating the decision makes the stream end *before* it.
      const decided = ended.get(ctx);
      if (decided) return decided;
      const r = rnd();
      if (r < rates.closeWatch) {
        stats.closeWatch++;
        ended.set(ctx, 'close');
        return 'close';
      }
      if (r < rates.closeWatch + rates.resetWatch) {
        stats.resetWatch++;
        ended.set(ctx, 'reset');
        return 'reset';
      }
      return 'deliver';
    },
  };
  return { hook, stats };
}

/** Compacts the server's history at random intervals until stopped (forces 410s). */
export function startCompactor(server: FakeApiServer, seed: number, stats: FaultStats, minMs = 30, maxMs = 150): () => void {
  const rnd = seededRandom(`compact-${seed}`);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = () => {
    timer = setTimeout(
      () => {
        if (stopped) return;
        server.compact();
        stats.compactions++;
        next();
      },
      minMs + rnd() * (maxMs - minMs),
    );
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export interface WriterOptions {
  ops: number;
  namespaces: string[];
  /** Distinct names per namespace; small pools mean many conflicts, recreations and deletions. */
  names: number;
  concurrency: number;
  /** Extra labels on created objects. */
  labels?: Record<string, string>;
}

export interface WriterStats {
  creates: number;
  updates: number;
  deletes: number;
  failed: number;
}

/** Random creates, updates (merge patch) and deletes of ConfigMaps through raw fetch. */
export async function runConfigMapWriter(baseUrl: string, seed: number, opts: WriterOptions): Promise<WriterStats> {
  const rnd: Random = seededRandom(`writer-${seed}`);
  const stats: WriterStats = { creates: 0, updates: 0, deletes: 0, failed: 0 };
  const plan = Array.from({ length: opts.ops }, () => ({
    op: rnd(),
    ns: opts.namespaces[Math.floor(rnd() * opts.namespaces.length)],
    name: `cm-${Math.floor(rnd() * opts.names)}`,
    value: Math.floor(rnd() * 1e9).toString(36),
  }));
  let i = 0;
  const worker = async () => {
    while (i < plan.length) {
      const p = plan[i++];
      const base = `${baseUrl}/api/v1/namespaces/${p.ns}/configmaps`;
      let res: Response;
      if (p.op < 0.4) {
        res = await fetch(base, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ metadata: { name: p.name, labels: { seed: String(seed), ...opts.labels } }, data: { v: p.value } }),
        });
        if (res.status === 201) stats.creates++;
      } else if (p.op < 0.8) {
        res = await fetch(`${base}/${p.name}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json' },
          body: JSON.stringify({ data: { v: p.value } }),
        });
        if (res.status === 200) stats.updates++;
      } else {
        res = await fetch(`${base}/${p.name}`, { method: 'DELETE' });
        if (res.status === 200) stats.deletes++;
      }
      await res.arrayBuffer();
      if (res.status >= 500) stats.failed++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return stats;
}

export async function ensureNamespaces(baseUrl: string, names: string[]): Promise<void> {
  for (const name of names) {
    const res = await fetch(`${baseUrl}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name } }),
    });
    await res.arrayBuffer();
  }
}

/** key → resourceVersion of every object of `resourceKey` ('/configmaps', 'apps/deployments') in the server. */
export function serverState(server: FakeApiServer, resourceKey: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of server.store.list(resourceKey)) {
    const m = o.metadata;
    out.set(m.namespace ? `${m.namespace}/${m.name}` : m.name!, m.resourceVersion!);
  }
  return out;
}

export function stateOf<T extends KubeObjectLike>(objs: Iterable<T>): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of objs) {
    const m = o.metadata!;
    out.set(m.namespace ? `${m.namespace}/${m.name}` : m.name!, m.resourceVersion!);
  }
  return out;
}

export function diffStates(want: Map<string, string>, got: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of want) if (got.get(k) !== v) out.push(`${k}: want ${v}, got ${got.get(k) ?? 'missing'}`);
  for (const [k, v] of got) if (!want.has(k)) out.push(`${k}: unexpected (rv ${v})`);
  return out;
}

/**
 * A handler that keeps its own view of the objects and records every inconsistency: an add of a
 * present object, an update or delete of an absent one, an update whose old object is not the
 * one last seen, a resourceVersion going backwards, or two calls running at once.
 */
export class ConsistencyCheckingHandler<T extends KubeObjectLike> implements ResourceEventHandler<T> {
  readonly view = new Map<string, string>();
  readonly violations: string[] = [];
  calls = 0;
  private active = false;

  constructor(private readonly delay?: () => Promise<void>) {}

  private key(o: T | DeletedFinalStateUnknown<T>): string {
    if (o instanceof DeletedFinalStateUnknown) return o.key;
    const m = o.metadata!;
    return m.namespace ? `${m.namespace}/${m.name}` : m.name!;
  }

  private async enter(fn: () => void): Promise<void> {
    if (this.active) this.violations.push('two handler calls ran at once');
    this.active = true;
    this.calls++;
    try {
      fn();
      if (this.delay) await this.delay();
    } finally {
      this.active = false;
    }
  }

  onAdd(obj: T): Promise<void> {
    return this.enter(() => {
      const k = this.key(obj);
      if (this.view.has(k)) this.violations.push(`add of present ${k}`);
      this.view.set(k, obj.metadata!.resourceVersion!);
    });
  }

  onUpdate(oldObj: T, newObj: T): Promise<void> {
    return this.enter(() => {
      const k = this.key(newObj);
      const seen = this.view.get(k);
      if (seen === undefined) this.violations.push(`update of absent ${k} (no add since its delete)`);
      else if (seen !== oldObj.metadata!.resourceVersion)
        this.violations.push(`update of ${k}: old rv ${oldObj.metadata!.resourceVersion}, last seen ${seen}`);
      if (Number(newObj.metadata!.resourceVersion) < Number(oldObj.metadata!.resourceVersion))
        this.violations.push(`rv of ${k} went backwards`);
      this.view.set(k, newObj.metadata!.resourceVersion!);
    });
  }

  onDelete(obj: T | DeletedFinalStateUnknown<T>): Promise<void> {
    return this.enter(() => {
      const k = this.key(obj);
      if (!this.view.has(k)) this.violations.push(`delete of absent ${k}`);
      this.view.delete(k);
    });
  }
}

/** Wraps a ListerWatcher to count watch streams still open (leak check). */
export function countingListerWatcher<T>(
  lw: ListerWatcher<T>,
): ListerWatcher<T> & { open: number; maxOpen: number; lists: number; watches: number } {
  const wrapped = {
    open: 0,
    maxOpen: 0,
    lists: 0,
    watches: 0,
    list: (opts: Parameters<ListerWatcher<T>['list']>[0], signal?: AbortSignal) => {
      wrapped.lists++;
      return lw.list(opts, signal);
    },
    async watch(opts: Parameters<ListerWatcher<T>['watch']>[0], signal?: AbortSignal) {
      wrapped.watches++;
      const inner = await lw.watch(opts, signal);
      wrapped.open++;
      wrapped.maxOpen = Math.max(wrapped.maxOpen, wrapped.open);
      return (async function* () {
        try {
          yield* inner;
        } finally {
          wrapped.open--;
        }
      })();
    },
  };
  return wrapped;
}
