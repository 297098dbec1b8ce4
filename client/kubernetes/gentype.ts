/**
 * The one implementation behind every generated typed client (client-go's gentype package):
 * the verbs over a RESTClient for one resource, in one namespace ('' for cluster-scoped or all
 * namespaces). Generated interfaces expose only the verbs and subresources a resource has.
 *
 * Conventions (TypeScript manners for client-go's signatures):
 * - `ctx` becomes an optional `signal` in the last options argument;
 * - errors are thrown (StatusError for API errors), results are returned;
 * - list's `timeoutSeconds` also bounds the request, as client-go does.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Scale } from 'kubernetes-types/autoscaling/v1.js';
import type { Eviction } from 'kubernetes-types/policy/v1.js';
import type { Binding } from 'kubernetes-types/core/v1.js';
import type { TokenRequest } from 'kubernetes-types/authentication/v1.js';
import type { RESTClient, PatchType } from '../rest/client.js';
import { applyPatchType } from '../rest/client.js';
import type { ApplyOptions, CreateOptions, DeleteOptions, GetOptions, ListOptions, PatchOptions, UpdateOptions } from '../rest/options.js';
import { applyToPatchOptions } from '../rest/options.js';
import type { Request } from '../rest/request.js';
import type { PendingWatch } from '../rest/watch.js';

/** An object of a kind kubernetes-types 1.30 does not describe. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

export interface KubeList<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A server-side apply configuration: the fields this manager owns, with name, apiVersion and kind. */
export type ApplyConfiguration<T> = DeepPartial<T> & {
  apiVersion: string;
  kind: string;
  metadata: DeepPartial<ObjectMeta> & { name: string };
};

export interface Signal {
  signal?: AbortSignal;
}

export type PodLogOptions = {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  tailLines?: number;
  limitBytes?: number;
  insecureSkipTLSVerifyBackend?: boolean;
  stream?: 'All' | 'Stdout' | 'Stderr';
};

function split<O extends Signal>(opts: O | undefined): [Omit<O, 'signal'>, AbortSignal | undefined] {
  if (!opts) return [{} as Omit<O, 'signal'>, undefined];
  const { signal, ...rest } = opts;
  return [rest, signal];
}

function nameOf(obj: { metadata?: { name?: string } } | undefined, what: string): string {
  const name = obj?.metadata?.name;
  if (!name) throw new Error(`${what}: metadata.name must be provided`);
  return name;
}

export class TypedClient<T extends object, L extends object> {
  constructor(
    readonly client: RESTClient,
    readonly resource: string,
    readonly namespace: string,
  ) {}

  private req(r: Request): Request {
    r.namespace(this.namespace);
    return r.resource(this.resource);
  }

  async create(obj: T, opts?: CreateOptions & Signal): Promise<T> {
    const [o, signal] = split(opts);
    return this.req(this.client.post()).versionedParams(o).body(obj).do({ signal }).into<T>();
  }

  async update(obj: T, opts?: UpdateOptions & Signal): Promise<T> {
    const [o, signal] = split(opts);
    const name = nameOf(obj as { metadata?: { name?: string } }, 'update');
    return this.req(this.client.put()).name(name).versionedParams(o).body(obj).do({ signal }).into<T>();
  }

  async updateStatus(obj: T, opts?: UpdateOptions & Signal): Promise<T> {
    const [o, signal] = split(opts);
    const name = nameOf(obj as { metadata?: { name?: string } }, 'updateStatus');
    return this.req(this.client.put()).name(name).subResource('status').versionedParams(o).body(obj).do({ signal }).into<T>();
  }

  async delete(name: string, opts?: DeleteOptions & Signal): Promise<void> {
    const [o, signal] = split(opts);
    await this.req(this.client.delete()).name(name).body(o).do({ signal }).raw();
  }

  async deleteCollection(opts?: DeleteOptions & Signal, listOpts?: ListOptions): Promise<void> {
    const [o, signal] = split(opts);
    const r = this.req(this.client.delete()).versionedParams(listOpts);
    if (listOpts?.timeoutSeconds) r.timeout(listOpts.timeoutSeconds * 1000);
    await r.body(o).do({ signal }).raw();
  }

  async get(name: string, opts?: GetOptions & Signal): Promise<T> {
    const [o, signal] = split(opts);
    return this.req(this.client.get()).name(name).versionedParams(o).do({ signal }).into<T>();
  }

  async list(opts?: ListOptions & Signal): Promise<L> {
    const [o, signal] = split(opts);
    const r = this.req(this.client.get()).versionedParams(o);
    if (o.timeoutSeconds) r.timeout(o.timeoutSeconds * 1000);
    return r.do({ signal }).into<L>();
  }

  /** A watch: await it to connect, or iterate it directly. */
  watch(opts?: ListOptions & Signal & { idleTimeoutMs?: number }): PendingWatch<T> {
    const { signal, idleTimeoutMs, ...o } = opts ?? {};
    return this.req(this.client.get())
      .versionedParams({ ...o, watch: true })
      .watch<T>({ signal, idleTimeoutMs });
  }

  async patch(name: string, type: PatchType, data: unknown, opts?: PatchOptions & Signal, ...subresources: string[]): Promise<T> {
    const [o, signal] = split(opts);
    const r = this.req(this.client.patch(type)).name(name);
    if (subresources.length) r.subResource(...subresources);
    return r.versionedParams(o).body(data).do({ signal }).into<T>();
  }

  /** Server-side apply (PATCH application/apply-patch+yaml; JSON is YAML). */
  async apply(config: ApplyConfiguration<T>, opts: ApplyOptions & Signal): Promise<T> {
    const [o, signal] = split(opts);
    const name = nameOf(config, 'apply');
    return this.patch(name, applyPatchType, config, { ...applyToPatchOptions(o), signal });
  }

  async applyStatus(config: ApplyConfiguration<T>, opts: ApplyOptions & Signal): Promise<T> {
    const [o, signal] = split(opts);
    const name = nameOf(config, 'applyStatus');
    return this.patch(name, applyPatchType, config, { ...applyToPatchOptions(o), signal }, 'status');
  }

  // ---- subresources ----

  async getScale(name: string, opts?: GetOptions & Signal): Promise<Scale> {
    const [o, signal] = split(opts);
    return this.req(this.client.get()).name(name).subResource('scale').versionedParams(o).do({ signal }).into<Scale>();
  }

  async updateScale(name: string, scale: Scale, opts?: UpdateOptions & Signal): Promise<Scale> {
    const [o, signal] = split(opts);
    return this.req(this.client.put()).name(name).subResource('scale').versionedParams(o).body(scale).do({ signal }).into<Scale>();
  }

  async applyScale(
    name: string,
    scale: DeepPartial<Scale> & { apiVersion: string; kind: string },
    opts: ApplyOptions & Signal,
  ): Promise<Scale> {
    const [o, signal] = split(opts);
    return this.req(this.client.patch(applyPatchType))
      .name(name)
      .subResource('scale')
      .versionedParams(applyToPatchOptions(o))
      .body(scale)
      .do({ signal })
      .into<Scale>();
  }

  /** POST pods/{name}/eviction with a policy/v1 Eviction (client-go EvictV1). */
  async evict(eviction: Eviction, opts?: CreateOptions & Signal): Promise<void> {
    const [o, signal] = split(opts);
    const name = nameOf(eviction, 'evict');
    await this.req(this.client.post()).name(name).subResource('eviction').versionedParams(o).body(eviction).do({ signal }).raw();
  }

  /** POST pods/{name}/binding (client-go Bind). */
  async bind(binding: Binding, opts?: CreateOptions & Signal): Promise<void> {
    const [o, signal] = split(opts);
    const name = nameOf(binding, 'bind');
    await this.req(this.client.post()).name(name).subResource('binding').versionedParams(o).body(binding).do({ signal }).raw();
  }

  /** The request for pods/{name}/log: call .do(), .doRaw() or .stream() on it (client-go GetLogs). */
  getLogs(name: string, opts?: PodLogOptions): Request {
    return this.req(this.client.get()).name(name).subResource('log').versionedParams(opts);
  }

  async createToken(name: string, tokenRequest: TokenRequest, opts?: CreateOptions & Signal): Promise<TokenRequest> {
    const [o, signal] = split(opts);
    return this.req(this.client.post())
      .name(name)
      .subResource('token')
      .versionedParams(o)
      .body(tokenRequest)
      .do({ signal })
      .into<TokenRequest>();
  }

  /** PUT namespaces/{name}/finalize. */
  async finalize(obj: T, opts?: UpdateOptions & Signal): Promise<T> {
    const [o, signal] = split(opts);
    const name = nameOf(obj as { metadata?: { name?: string } }, 'finalize');
    return this.req(this.client.put()).name(name).subResource('finalize').versionedParams(o).body(obj).do({ signal }).into<T>();
  }

  async updateApproval(name: string, obj: T, opts?: UpdateOptions & Signal): Promise<T> {
    return this.putSub(name, 'approval', obj, opts);
  }

  async updateEphemeralContainers(name: string, obj: T, opts?: UpdateOptions & Signal): Promise<T> {
    return this.putSub(name, 'ephemeralcontainers', obj, opts);
  }

  async updateResize(name: string, obj: T, opts?: UpdateOptions & Signal): Promise<T> {
    return this.putSub(name, 'resize', obj, opts);
  }

  private async putSub(name: string, sub: string, obj: T, opts?: UpdateOptions & Signal): Promise<T> {
    const [o, signal] = split(opts);
    return this.req(this.client.put()).name(name).subResource(sub).versionedParams(o).body(obj).do({ signal }).into<T>();
  }
}
