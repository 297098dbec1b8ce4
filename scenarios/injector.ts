/**
 * The fault hook a scenario installs in the fake API server: it names every request (request key +
 * occurrence), records it in the trace, and, while the chaos phase is on, injects what the plan
 * says. The harness's own requests (User-Agent HARNESS_USER_AGENT) are recorded, never counted
 * and never faulted.
 */
import type { FakeApiServer, FaultHook, RequestFault, RequestFaultContext, WatchEventFault } from '../fake-apiserver/index.js';
import type { WatchDrop } from './decisions.js';
import type { FaultPlan } from './plan.js';
import type { NormalizedProfile } from './profile.js';
import { queryOf, requestKey } from './request-key.js';
import { injectedStatus } from './statuses.js';
import { summarize, type TraceRecorder } from './trace.js';

export const HARNESS_USER_AGENT = 'kubeharness-scenarios/harness';

interface Stream {
  key: string;
  occurrence: number;
  drop: (index: number) => WatchDrop | undefined;
  dropped?: WatchEventFault;
}

export class FaultInjector {
  /** Faults are injected only while this is true (the chaos phase). */
  active = false;
  /** Set once the server is started (the hook is installed at start, before the server exists). */
  server: FakeApiServer | undefined;
  readonly hook: FaultHook;
  private readonly counts = new Map<string, number>();
  private readonly streams = new WeakMap<RequestFaultContext, Stream>();

  constructor(
    private readonly plan: FaultPlan,
    private readonly profile: NormalizedProfile,
    private readonly recorder: TraceRecorder,
  ) {
    this.hook = {
      onRequest: (ctx) => this.onRequest(ctx),
      onWatchEvent: (ctx, index) => this.onWatchEvent(ctx, index),
    };
  }

  private targeted(ctx: RequestFaultContext): boolean {
    const { resources, verbs } = this.profile;
    return (!resources || resources.has(ctx.resource)) && (!verbs || verbs.has(ctx.verb));
  }

  private onRequest(ctx: RequestFaultContext): RequestFault | undefined {
    const key = requestKey(ctx);
    const request = summarize(ctx);
    if (ctx.userAgent === HARNESS_USER_AGENT) {
      this.recorder.request({ key, occurrence: null, client: 'harness', request });
      return undefined;
    }
    const occurrence = this.counts.get(key) ?? 0;
    this.counts.set(key, occurrence + 1);
    this.recorder.request({ key, occurrence, client: 'controller', request });
    const targeted = this.targeted(ctx);
    if (ctx.verb === 'watch' && targeted) this.streams.set(ctx, { key, occurrence, drop: this.plan.watchStream(key, occurrence) });
    if (!this.active || !targeted) return undefined;

    const d = this.plan.request(key, occurrence, expirable(ctx));
    const fault: RequestFault = {};
    if (d.latencyMs > 0) {
      fault.delayMs = d.latencyMs;
      this.recorder.fault({ fault: { kind: 'latency', key, occurrence, ms: d.latencyMs }, request, effective: true });
    }
    if (d.expired && this.server) {
      const store = this.server.store;
      const rv = Number(queryOf(ctx.path).get('resourceVersion'));
      const effective = ctx.verb === 'watch' ? rv < store.revision : store.compactedRevision < store.revision;
      this.server.compact();
      this.recorder.fault({
        fault: { kind: 'expired', key, occurrence },
        request,
        effective,
        detail: `compacted at revision ${store.revision}`,
      });
    }
    if (d.error) {
      fault.error = injectedStatus(d.error, this.profile.errors.retryAfterSeconds);
      this.recorder.fault({ fault: { kind: 'error', key, occurrence, code: d.error }, request, effective: true });
    } else if (d.reset) {
      fault.resetConnection = true;
      this.recorder.fault({ fault: { kind: 'reset', key, occurrence }, request, effective: true });
    }
    return fault.delayMs || fault.error || fault.resetConnection ? fault : undefined;
  }

  private onWatchEvent(ctx: RequestFaultContext, index: number): WatchEventFault {
    const s = this.streams.get(ctx);
    if (!s) return 'deliver';
    if (s.dropped) return s.dropped;
    if (!this.active) return 'deliver';
    const drop = s.drop(index);
    if (!drop) return 'deliver';
    s.dropped = drop.mode;
    this.recorder.fault({
      fault: { kind: 'watchDrop', key: s.key, occurrence: s.occurrence, event: index, mode: drop.mode },
      request: summarize(ctx),
      effective: true,
    });
    return drop.mode;
  }
}

/** A watch resuming from a resourceVersion, or a list continuing from a token: compaction makes them 410. */
function expirable(ctx: RequestFaultContext): boolean {
  const q = queryOf(ctx.path);
  if (ctx.verb === 'list') return !!q.get('continue');
  if (ctx.verb !== 'watch') return false;
  const rv = q.get('resourceVersion') ?? '';
  return rv !== '' && rv !== '0' && q.get('sendInitialEvents') !== 'true';
}
