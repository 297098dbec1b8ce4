/**
 * DiscoveryClient (client-go discovery/discovery_client.go).
 *
 * - /api and /apis are fetched with Accept: aggregated v2, then plain JSON. A v2 answer gives
 *   groups AND resources in two requests; a legacy answer gives groups only, and resources are
 *   fetched per group version, all in parallel.
 * - A 404 from /api or /apis is tolerated (an empty list), as aggregated API servers may answer it.
 * - /api/v1 answering 404 or 403 is an empty resource list (compatibility with very old servers).
 * - When some group versions fail (or are Stale in v2), the results that did arrive are kept and
 *   an ErrGroupDiscoveryFailed is thrown carrying them (`partial`) and the failures (`groups`).
 * - Defaults for discovery traffic (client-go setDiscoveryDefaults): timeout 32 s, burst 300.
 */
import type { RestConfig } from '../config/rest-config.js';
import { isForbidden, isNotFound } from '../errors.js';
import { unversionedRESTClientFor, type RESTClient } from '../rest/client.js';
import type { Result } from '../rest/result.js';
import { AGGREGATED_ACCEPT, isAggregatedContentType, splitGroupsAndResources } from './aggregated.js';
import type { HttpCache } from './cached/http-cache.js';
import type { APIGroup, APIGroupDiscoveryList, APIGroupList, APIResourceList, VersionInfo } from './types.js';
import { gvString } from './types.js';

export class ErrGroupDiscoveryFailed extends Error {
  override readonly name = 'ErrGroupDiscoveryFailed';
  constructor(
    /** group version → why it failed */
    readonly groups: Map<string, Error>,
    /** what discovery did return */
    readonly partial: { groups: APIGroup[]; resources: APIResourceList[] } = { groups: [], resources: [] },
  ) {
    const parts = [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([gv, e]) => `${gv}: ${e.message}`);
    super(`unable to retrieve the complete list of server APIs: ${parts.join(', ')}`);
  }
}

export function isGroupDiscoveryFailedError(err: unknown): err is ErrGroupDiscoveryFailed {
  return err instanceof ErrGroupDiscoveryFailed;
}

export interface GroupsAndMaybeResources {
  groups: APIGroupList;
  /** Present only when aggregated discovery answered for both /api and /apis. */
  resources?: Map<string, APIResourceList>;
  failed: Map<string, Error>;
}

export interface DiscoveryInterface {
  restClient(): RESTClient;
  serverGroups(): Promise<APIGroupList>;
  serverResourcesForGroupVersion(groupVersion: string): Promise<APIResourceList>;
  serverGroupsAndResources(): Promise<{ groups: APIGroup[]; resources: APIResourceList[] }>;
  serverPreferredResources(): Promise<APIResourceList[]>;
  serverPreferredNamespacedResources(): Promise<APIResourceList[]>;
  serverVersion(): Promise<VersionInfo>;
}

export interface AggregatedDiscoveryInterface extends DiscoveryInterface {
  groupsAndMaybeResources(): Promise<GroupsAndMaybeResources>;
}

export interface CachedDiscoveryInterface extends DiscoveryInterface {
  /** True when nothing was served from a cache older than this client (or since invalidate()). */
  fresh(): boolean;
  invalidate(): void;
}

export function isAggregated(d: DiscoveryInterface): d is AggregatedDiscoveryInterface {
  return typeof (d as AggregatedDiscoveryInterface).groupsAndMaybeResources === 'function';
}

export interface DiscoveryClientOptions {
  /** Use only legacy discovery (no aggregated v2 Accept header). */
  useLegacyDiscovery?: boolean;
  /** An ETag cache for discovery responses (the disk-cached client's httpCacheDir). */
  httpCache?: HttpCache;
}

const DISCOVERY_TIMEOUT_MS = 32_000;
const DISCOVERY_BURST = 300;

export class DiscoveryClient implements AggregatedDiscoveryInterface {
  private readonly rc: RESTClient;

  constructor(
    config: RestConfig,
    private readonly options: DiscoveryClientOptions = {},
  ) {
    this.rc = unversionedRESTClientFor({
      ...config,
      timeout: config.timeout || DISCOVERY_TIMEOUT_MS,
      burst: config.burst || DISCOVERY_BURST,
    });
  }

  restClient(): RESTClient {
    return this.rc;
  }

  /** A GET through the HTTP cache when there is one. */
  private async fetch(path: string, accept: string): Promise<Result> {
    const req = this.rc.get().absPath(path).setHeader('accept', accept);
    if (this.options.httpCache) return this.options.httpCache.get(req, accept);
    return req.do();
  }

  private async download(
    prefix: '/api' | '/apis',
  ): Promise<{ groups: APIGroup[]; resources?: Map<string, APIResourceList>; failed: Map<string, Error> }> {
    const accept = this.options.useLegacyDiscovery ? 'application/json' : AGGREGATED_ACCEPT;
    const result = await this.fetch(prefix, accept);
    const err = result.error();
    if (err) {
      if (isNotFound(err)) return { groups: [], failed: new Map() };
      throw err;
    }
    if (isAggregatedContentType(result.contentType())) {
      const split = splitGroupsAndResources(result.into<APIGroupDiscoveryList>());
      return { groups: split.groups, resources: split.resources, failed: split.failed };
    }
    if (prefix === '/api') {
      const v = result.into<{ versions?: string[] }>();
      const versions = v.versions ?? [];
      if (versions.length === 0) return { groups: [], failed: new Map() };
      const entries = versions.map((ver) => ({ groupVersion: ver, version: ver }));
      return { groups: [{ name: '', versions: entries, preferredVersion: entries[0] }], failed: new Map() };
    }
    const list = result.into<APIGroupList>();
    return { groups: list.groups ?? [], failed: new Map() };
  }

  async groupsAndMaybeResources(): Promise<GroupsAndMaybeResources> {
    const [legacy, apis] = await Promise.all([this.download('/api'), this.download('/apis')]);
    const groups: APIGroupList = { kind: 'APIGroupList', apiVersion: 'v1', groups: [...legacy.groups, ...apis.groups] };
    const failed = new Map([...legacy.failed, ...apis.failed]);
    // Only when both endpoints answered with resources are they returned (client-go: "for safety").
    if (legacy.resources && apis.resources) {
      return { groups, resources: new Map([...legacy.resources, ...apis.resources]), failed };
    }
    return { groups, failed };
  }

  async serverGroups(): Promise<APIGroupList> {
    return (await this.groupsAndMaybeResources()).groups;
  }

  async serverResourcesForGroupVersion(groupVersion: string): Promise<APIResourceList> {
    const path = groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`;
    const result = await this.fetch(path, 'application/json');
    const err = result.error();
    if (err) {
      if (groupVersion === 'v1' && (isNotFound(err) || isForbidden(err))) return { groupVersion, resources: [] };
      throw err;
    }
    const list = result.into<APIResourceList>();
    list.groupVersion = groupVersion;
    list.resources ??= [];
    return list;
  }

  serverGroupsAndResources(): Promise<{ groups: APIGroup[]; resources: APIResourceList[] }> {
    return serverGroupsAndResources(this);
  }

  serverPreferredResources(): Promise<APIResourceList[]> {
    return serverPreferredResources(this);
  }

  async serverPreferredNamespacedResources(): Promise<APIResourceList[]> {
    return serverPreferredNamespacedResources(this);
  }

  async serverVersion(): Promise<VersionInfo> {
    return (await this.rc.get().absPath('/version').setHeader('accept', 'application/json').do()).into<VersionInfo>();
  }
}

/** discovery.NewDiscoveryClientForConfig. */
export function newDiscoveryClientForConfig(config: RestConfig, options?: DiscoveryClientOptions): DiscoveryClient {
  return new DiscoveryClient(config, options);
}

/** fetchGroupVersionResources: every group version in parallel; failures collected, not thrown. */
export async function fetchGroupVersionResources(
  d: DiscoveryInterface,
  groups: APIGroupList,
): Promise<{ resources: Map<string, APIResourceList>; failed: Map<string, Error> }> {
  const resources = new Map<string, APIResourceList>();
  const failed = new Map<string, Error>();
  const gvs = groups.groups.flatMap((g) => g.versions.map((v) => gvString(g.name, v.version)));
  await Promise.all(
    gvs.map(async (gv) => {
      try {
        resources.set(gv, await d.serverResourcesForGroupVersion(gv));
      } catch (e) {
        failed.set(gv, e as Error);
      }
    }),
  );
  return { resources, failed };
}

/** Resource lists in discovery order (group order, then version order). */
function ordered(groups: APIGroup[], resources: Map<string, APIResourceList>): APIResourceList[] {
  const out: APIResourceList[] = [];
  for (const g of groups)
    for (const v of g.versions) {
      const r = resources.get(gvString(g.name, v.version));
      if (r) out.push(r);
    }
  return out;
}

/** discovery.ServerGroupsAndResources. */
export async function serverGroupsAndResources(d: DiscoveryInterface): Promise<{ groups: APIGroup[]; resources: APIResourceList[] }> {
  let groupList: APIGroupList;
  let byGV: Map<string, APIResourceList> | undefined;
  let failed = new Map<string, Error>();
  if (isAggregated(d)) {
    const r = await d.groupsAndMaybeResources();
    groupList = r.groups;
    byGV = r.resources;
    failed = r.failed;
  } else {
    groupList = await d.serverGroups();
  }
  if (!byGV) {
    const fetched = await fetchGroupVersionResources(d, groupList);
    byGV = fetched.resources;
    failed = new Map([...failed, ...fetched.failed]);
  }
  const result = { groups: groupList.groups, resources: ordered(groupList.groups, byGV) };
  if (failed.size > 0) throw new ErrGroupDiscoveryFailed(failed, result);
  return result;
}

/**
 * discovery.ServerPreferredResources: for each group/resource, the entry from the group's
 * preferred version, or from the first version that has it. Every served group version gets a
 * list (possibly empty), in discovery order; subresources are left out.
 */
export async function serverPreferredResources(d: DiscoveryInterface): Promise<APIResourceList[]> {
  let groupList: APIGroupList;
  let byGV: Map<string, APIResourceList> | undefined;
  let failed = new Map<string, Error>();
  if (isAggregated(d)) {
    const r = await d.groupsAndMaybeResources();
    groupList = r.groups;
    if (r.resources && r.resources.size > 0) byGV = r.resources;
    failed = r.failed;
  } else {
    groupList = await d.serverGroups();
  }
  if (!byGV) {
    const fetched = await fetchGroupVersionResources(d, groupList);
    byGV = fetched.resources;
    failed = fetched.failed;
  }
  const result: APIResourceList[] = [];
  const chosen = new Map<string, { gv: string; resource: APIResourceList['resources'][number] }>();
  const lists = new Map<string, APIResourceList>();
  for (const g of groupList.groups) {
    for (const v of g.versions) {
      const gv = gvString(g.name, v.version);
      const src = byGV.get(gv);
      if (!src) continue;
      const list: APIResourceList = { groupVersion: v.groupVersion || gv, resources: [] };
      lists.set(gv, list);
      result.push(list);
      for (const r of src.resources) {
        if (r.name.includes('/')) continue;
        const key = `${g.name}/${r.name}`;
        if (chosen.has(key) && v.version !== g.preferredVersion?.version) continue;
        chosen.set(key, { gv, resource: r });
      }
    }
  }
  for (const { gv, resource } of chosen.values()) lists.get(gv)!.resources.push(resource);
  if (failed.size > 0) throw new ErrGroupDiscoveryFailed(failed, { groups: groupList.groups, resources: result });
  return result;
}

/** discovery.ServerPreferredNamespacedResources. */
export async function serverPreferredNamespacedResources(d: DiscoveryInterface): Promise<APIResourceList[]> {
  const lists = await serverPreferredResources(d);
  return lists.map((l) => ({ ...l, resources: l.resources.filter((r) => r.namespaced) }));
}
