/**
 * DynamicClient (client-go dynamic/simple.go): every verb over unstructured objects, for any
 * group/version/resource — built-ins and custom resources alike.
 *
 *   const dc = newDynamicClient(config);
 *   const list = await dc.resource({ group: '', version: 'v1', resource: 'pods' }).namespace('kube-system').list();
 *
 * Invariants:
 * - URLs are /api/v1/... for the core group and /apis/<group>/<version>/... otherwise; namespace
 *   and name must be valid path segments, and verbs that need a name reject an empty one before
 *   any request ("name is required").
 * - list() fills each item's apiVersion/kind from the list; watch() yields unstructured events.
 * - apply() sends the object as application/apply-patch+yaml (JSON is valid YAML).
 */
import type { RestConfig } from '../config/rest-config.js';
import type { GroupVersionResource } from '../discovery/types.js';
import { applyPatchType, RESTClient, type PatchType } from '../rest/client.js';
import type { ApplyOptions, CreateOptions, DeleteOptions, GetOptions, ListOptions, PatchOptions, UpdateOptions } from '../rest/options.js';
import { applyToPatchOptions } from '../rest/options.js';
import type { Request } from '../rest/request.js';
import type { PendingWatch } from '../rest/watch.js';
import { fillListItemTypes, type Unstructured, type UnstructuredList } from './unstructured.js';

export interface Signal {
  signal?: AbortSignal;
}

function invalidSegment(s: string): string | undefined {
  if (s === '.' || s === '..') return `may not be '${s}'`;
  if (s.includes('/')) return "may not contain '/'";
  if (s.includes('%')) return "may not contain '%'";
  return undefined;
}

function check(kind: string, value: string): void {
  const bad = invalidSegment(value);
  if (bad) throw new Error(`invalid ${kind} "${value}": ${bad}`);
}

function split<O extends Signal>(opts: O | undefined): [Omit<O, 'signal'>, AbortSignal | undefined] {
  if (!opts) return [{} as Omit<O, 'signal'>, undefined];
  const { signal, ...rest } = opts;
  return [rest, signal];
}

/** dynamic.ResourceInterface. */
export interface ResourceInterface {
  create(obj: Unstructured, opts?: CreateOptions & Signal, ...subresources: string[]): Promise<Unstructured>;
  update(obj: Unstructured, opts?: UpdateOptions & Signal, ...subresources: string[]): Promise<Unstructured>;
  updateStatus(obj: Unstructured, opts?: UpdateOptions & Signal): Promise<Unstructured>;
  delete(name: string, opts?: DeleteOptions & Signal, ...subresources: string[]): Promise<void>;
  deleteCollection(opts?: DeleteOptions & Signal, listOpts?: ListOptions): Promise<void>;
  get(name: string, opts?: GetOptions & Signal, ...subresources: string[]): Promise<Unstructured>;
  list(opts?: ListOptions & Signal): Promise<UnstructuredList>;
  watch(opts?: ListOptions & Signal & { idleTimeoutMs?: number }): PendingWatch<Unstructured>;
  patch(name: string, type: PatchType, data: unknown, opts?: PatchOptions & Signal, ...subresources: string[]): Promise<Unstructured>;
  apply(name: string, obj: Unstructured, opts: ApplyOptions & Signal, ...subresources: string[]): Promise<Unstructured>;
  applyStatus(name: string, obj: Unstructured, opts: ApplyOptions & Signal): Promise<Unstructured>;
}

/** dynamic.NamespaceableResourceInterface. */
export interface NamespaceableResourceInterface extends ResourceInterface {
  namespace(ns: string): ResourceInterface;
}

class DynamicResourceClient implements NamespaceableResourceInterface {
  constructor(
    private readonly rc: RESTClient,
    readonly gvr: GroupVersionResource,
    readonly ns: string,
  ) {}

  namespace(ns: string): ResourceInterface {
    return new DynamicResourceClient(this.rc, this.gvr, ns);
  }

  private segments(name: string, subresources: string[] = []): string[] {
    const { group, version, resource } = this.gvr;
    const out = group ? ['apis', group, version] : ['api', version];
    if (this.ns) {
      check('namespace', this.ns);
      out.push('namespaces', this.ns);
    }
    out.push(resource);
    if (name) {
      check('name', name);
      out.push(name);
    }
    for (const s of subresources) check('subresource', s);
    out.push(...subresources);
    return out;
  }

  private at(r: Request, name: string, subresources?: string[]): Request {
    return r.absPath(...this.segments(name, subresources));
  }

  private requireName(name: string): void {
    if (!name) throw new Error('name is required');
  }

  private nameOf(obj: Unstructured): string {
    const name = obj?.metadata?.name;
    if (!name) throw new Error('name is required');
    return name;
  }

  async create(obj: Unstructured, opts?: CreateOptions & Signal, ...subresources: string[]): Promise<Unstructured> {
    const [o, signal] = split(opts);
    const name = subresources.length ? this.nameOf(obj) : '';
    return this.at(this.rc.post(), name, subresources).versionedParams(o).body(obj).do({ signal }).into<Unstructured>();
  }

  async update(obj: Unstructured, opts?: UpdateOptions & Signal, ...subresources: string[]): Promise<Unstructured> {
    const [o, signal] = split(opts);
    return this.at(this.rc.put(), this.nameOf(obj), subresources).versionedParams(o).body(obj).do({ signal }).into<Unstructured>();
  }

  updateStatus(obj: Unstructured, opts?: UpdateOptions & Signal): Promise<Unstructured> {
    return this.update(obj, opts, 'status');
  }

  async delete(name: string, opts?: DeleteOptions & Signal, ...subresources: string[]): Promise<void> {
    this.requireName(name);
    const [o, signal] = split(opts);
    await this.at(this.rc.delete(), name, subresources).body(o).do({ signal }).raw();
  }

  async deleteCollection(opts?: DeleteOptions & Signal, listOpts?: ListOptions): Promise<void> {
    const [o, signal] = split(opts);
    await this.at(this.rc.delete(), '').versionedParams(listOpts).body(o).do({ signal }).raw();
  }

  async get(name: string, opts?: GetOptions & Signal, ...subresources: string[]): Promise<Unstructured> {
    this.requireName(name);
    const [o, signal] = split(opts);
    return this.at(this.rc.get(), name, subresources).versionedParams(o).do({ signal }).into<Unstructured>();
  }

  async list(opts?: ListOptions & Signal): Promise<UnstructuredList> {
    const [o, signal] = split(opts);
    const r = this.at(this.rc.get(), '').versionedParams(o);
    if (o.timeoutSeconds) r.timeout(o.timeoutSeconds * 1000);
    const list = await r.do({ signal }).into<UnstructuredList>();
    list.items ??= [];
    return fillListItemTypes(list);
  }

  watch(opts?: ListOptions & Signal & { idleTimeoutMs?: number }): PendingWatch<Unstructured> {
    const { signal, idleTimeoutMs, ...o } = opts ?? {};
    return this.at(this.rc.get(), '')
      .versionedParams({ ...o, watch: true })
      .watch<Unstructured>({ signal, idleTimeoutMs });
  }

  async patch(
    name: string,
    type: PatchType,
    data: unknown,
    opts?: PatchOptions & Signal,
    ...subresources: string[]
  ): Promise<Unstructured> {
    this.requireName(name);
    const [o, signal] = split(opts);
    return this.at(this.rc.patch(type), name, subresources).versionedParams(o).body(data).do({ signal }).into<Unstructured>();
  }

  async apply(name: string, obj: Unstructured, opts: ApplyOptions & Signal, ...subresources: string[]): Promise<Unstructured> {
    this.requireName(name);
    const [o, signal] = split(opts);
    return this.patch(name, applyPatchType, obj, { ...applyToPatchOptions(o), signal }, ...subresources);
  }

  applyStatus(name: string, obj: Unstructured, opts: ApplyOptions & Signal): Promise<Unstructured> {
    return this.apply(name, obj, opts, 'status');
  }
}

export class DynamicClient {
  private readonly rc: RESTClient;

  constructor(config: RestConfig) {
    // client-go: the group version is irrelevant; every request sets an absolute path.
    this.rc = new RESTClient({ ...config, groupVersion: undefined, apiPath: '' });
  }

  resource(gvr: GroupVersionResource): NamespaceableResourceInterface {
    if (!gvr.version || !gvr.resource) throw new Error('dynamic client: version and resource are required');
    return new DynamicResourceClient(this.rc, { ...gvr }, '');
  }
}

/** dynamic.NewForConfig. */
export function newDynamicClient(config: RestConfig): DynamicClient {
  return new DynamicClient(config);
}
