/**
 * What a case sees: its namespace, raw HTTP helpers bound to it, assertions by strength,
 * observations for the differential comparison, cleanup registration and polling.
 *
 * Invariants:
 * - Cases never branch on the target: the same steps and assertions run everywhere. Target
 *   capabilities (compaction on demand) are reached only through t.compact(), which skips the
 *   case where the target cannot do it.
 * - Cleanups run in reverse registration order after the case, whatever its outcome.
 */
import { ApiClient, type Query, type RequestOptions, type Res } from '../http/client.js';
import type { WatchStream } from '../http/watch.js';
import type { AssertionResult, TargetInfo } from '../types.js';
import { CaseSkipped, CheckFailed, Checks } from './checks.js';
import { Fixtures, RUN_LABEL, type Obj } from './fixtures.js';
import { resourcePath, type ResourceRef } from './resources.js';

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;
export type PatchType = keyof typeof PATCH_TYPES;

export interface TargetCapabilities {
  /** Compacts the server's history now (the fake's test hook); real servers compact on their own schedule. */
  compact?: () => Promise<void>;
}

export interface CallOptions {
  /** Namespace override; '' means the cluster-wide path. Default: the case's namespace. */
  ns?: string;
  query?: Query;
  headers?: Record<string, string>;
  subresource?: string;
  timeoutMs?: number;
}

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return s;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class CaseContext {
  readonly api: ApiClient;
  readonly fx: Fixtures;
  readonly must: Checks;
  readonly should: Checks;
  readonly may: Checks;
  /** Label selector matching every object the case created through t.fx. */
  readonly sel: string;
  readonly assertions: AssertionResult[] = [];
  readonly observations: Record<string, unknown> = {};
  /** Random name suffixes handed out by name(), replaced by `<rand>` before comparisons. */
  readonly randomTokens: string[] = [];
  private readonly cleanups: Array<() => Promise<unknown>> = [];

  constructor(
    readonly ns: string,
    readonly runId: string,
    readonly target: TargetInfo,
    api: ApiClient,
    private readonly capabilities: TargetCapabilities,
  ) {
    this.api = api;
    this.fx = new Fixtures(runId);
    const record = (a: AssertionResult) => this.assertions.push(a);
    const last = () => this.api.lastExchangeId;
    this.must = new Checks('MUST', record, last);
    this.should = new Checks('SHOULD', record, last);
    this.may = new Checks('MAY', record, last);
    this.sel = `${RUN_LABEL}=${runId}`;
  }

  /** A fresh DNS-1123 name: `<prefix>-<5 random chars>`. */
  name(prefix = 'obj'): string {
    const suffix = randomSuffix();
    this.randomTokens.push(suffix);
    return `${prefix}-${suffix}`;
  }

  path(ref: ResourceRef, name?: string, o: CallOptions = {}): string {
    return resourcePath(ref, {
      namespace: ref.namespaced ? (o.ns ?? this.ns) : undefined,
      name,
      subresource: o.subresource,
      query: o.query,
    });
  }

  request(method: string, path: string, opts: RequestOptions = {}): Promise<Res> {
    return this.api.request(method, path, opts);
  }

  create(ref: ResourceRef, body: unknown, o: CallOptions & { contentType?: string | null } = {}): Promise<Res> {
    return this.api.request('POST', this.path(ref, undefined, o), {
      body,
      headers: o.headers,
      contentType: o.contentType,
      timeoutMs: o.timeoutMs,
    });
  }

  get(ref: ResourceRef, name: string, o: CallOptions = {}): Promise<Res> {
    return this.api.request('GET', this.path(ref, name, o), { headers: o.headers, timeoutMs: o.timeoutMs });
  }

  list(ref: ResourceRef, o: CallOptions = {}): Promise<Res> {
    return this.api.request('GET', this.path(ref, undefined, o), { headers: o.headers, timeoutMs: o.timeoutMs });
  }

  put(ref: ResourceRef, name: string, body: unknown, o: CallOptions & { contentType?: string | null } = {}): Promise<Res> {
    return this.api.request('PUT', this.path(ref, name, o), {
      body,
      headers: o.headers,
      contentType: o.contentType,
      timeoutMs: o.timeoutMs,
    });
  }

  patch(ref: ResourceRef, name: string, type: PatchType, body: unknown, o: CallOptions = {}): Promise<Res> {
    return this.api.request('PATCH', this.path(ref, name, o), {
      body,
      contentType: PATCH_TYPES[type],
      headers: o.headers,
      timeoutMs: o.timeoutMs,
    });
  }

  del(ref: ResourceRef, name: string, o: CallOptions & { body?: unknown } = {}): Promise<Res> {
    return this.api.request('DELETE', this.path(ref, name, o), { body: o.body, headers: o.headers, timeoutMs: o.timeoutMs });
  }

  deleteCollection(ref: ResourceRef, o: CallOptions & { body?: unknown } = {}): Promise<Res> {
    return this.api.request('DELETE', this.path(ref, undefined, o), { body: o.body, headers: o.headers, timeoutMs: o.timeoutMs });
  }

  watch(ref: ResourceRef, query: Query = {}, o: CallOptions = {}): Promise<WatchStream> {
    return this.api.watch(this.path(ref, undefined, o), query, o.headers);
  }

  /** POST that MUST answer 201; returns the created object. */
  async mustCreate(ref: ResourceRef, body: unknown, o: CallOptions = {}): Promise<Obj> {
    const res = await this.create(ref, body, o);
    this.must.status(res, 201);
    return res.json as Obj;
  }

  /** GET that MUST answer 200; returns the object. */
  async mustGet(ref: ResourceRef, name: string, o: CallOptions = {}): Promise<Obj> {
    const res = await this.get(ref, name, o);
    this.must.status(res, 200);
    return res.json as Obj;
  }

  /**
   * Creates a Pod. On a real cluster the ServiceAccount admission plugin rejects pods until the
   * namespace's `default` ServiceAccount exists, so that one error is retried for a while.
   */
  async createPod(body: Obj, o: CallOptions = {}): Promise<Res> {
    const deadline = Date.now() + 20_000;
    while (true) {
      const res = await this.create({ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true }, body, o);
      const waitingForSa = res.status >= 400 && /service ?account/i.test(String(res.json?.message ?? ''));
      if (!waitingForSa || Date.now() > deadline) return res;
      await sleep(250);
    }
  }

  /** Creates an extra namespace (cleaned up after the case) and returns the stored object. */
  async createNamespace(prefix = 'kh-extra'): Promise<Obj> {
    const name = this.name(prefix);
    const res = await this.api.request('POST', '/api/v1/namespaces', { body: this.fx.namespace(name) });
    this.must.status(res, 201);
    this.cleanup(() => this.api.request('DELETE', `/api/v1/namespaces/${name}`));
    return res.json as Obj;
  }

  /** Records a value for the differential comparison across targets. */
  observe(label: string, value: unknown): void {
    this.observations[label] = value;
  }

  /** Records a response's status and body for the differential comparison. */
  observeResponse(label: string, res: Res): void {
    this.observe(label, { status: res.status, body: res.json ?? res.text });
  }

  cleanup(fn: () => Promise<unknown>): void {
    this.cleanups.push(fn);
  }

  async runCleanups(): Promise<string[]> {
    const errors: string[] = [];
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    this.cleanups.length = 0;
    return errors;
  }

  /**
   * Runs a read-modify-write step again while it answers 409 Conflict (controllers on a real
   * cluster update the same objects, e.g. Deployment status), like client-go's RetryOnConflict.
   */
  async retryOnConflict(fn: () => Promise<Res>, attempts = 8): Promise<Res> {
    let res = await fn();
    for (let i = 1; i < attempts && res.status === 409 && res.json?.reason === 'Conflict'; i++) {
      await sleep(100 * i);
      res = await fn();
    }
    return res;
  }

  sleep(ms: number): Promise<void> {
    return sleep(ms);
  }

  /**
   * Polls `fn` until it returns something other than undefined; a MUST failure when the deadline
   * passes (controllers on real clusters are asynchronous).
   */
  async poll<T>(what: string, fn: () => Promise<T | undefined>, o: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
    const deadline = Date.now() + (o.timeoutMs ?? 30_000);
    let last: unknown;
    while (true) {
      try {
        const v = await fn();
        if (v !== undefined) return v;
      } catch (e) {
        if (e instanceof CheckFailed || e instanceof CaseSkipped) throw e;
        last = (e as Error).message;
      }
      if (Date.now() > deadline) {
        this.must.ok(`within ${o.timeoutMs ?? 30_000} ms: ${what}`, false, last ?? 'condition never held');
      }
      await sleep(o.intervalMs ?? 200);
    }
  }

  skip(reason: string): never {
    throw new CaseSkipped(reason);
  }

  /** Whether the target can compact on demand (the fake); real servers compact every 5 minutes. */
  get canCompact(): boolean {
    return this.capabilities.compact !== undefined;
  }

  /** Compacts the target's history now, or skips the case where that is impossible. */
  async compact(): Promise<void> {
    if (!this.capabilities.compact) this.skip('the target cannot compact its history on demand');
    await this.capabilities.compact();
  }
}
