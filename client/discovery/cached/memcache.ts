/**
 * memCacheClient (client-go discovery/cached/memory): discovery answers kept in memory until
 * invalidate().
 *
 * - The first question fills the whole cache: with aggregated discovery, from the two documents;
 *   otherwise the group list and then every group version in parallel. A group version that
 *   failed is cached with its error.
 * - A cached error that is transient (5xx, 429, connection trouble) is retried when that group
 *   version is asked for again; other cached errors are returned as they are.
 * - A group version the server did not list answers ErrCacheNotFound.
 * - fresh() is true once the cache is filled (and after invalidate() until the next fill, since
 *   the next fill is necessarily fresh). invalidate() also invalidates a cached delegate.
 */
import { isTooManyRequests } from '../../errors.js';
import type { RESTClient } from '../../rest/client.js';
import { isProbableEOF } from '../../rest/watch-stream.js';
import {
  isAggregated,
  serverGroupsAndResources,
  serverPreferredNamespacedResources,
  serverPreferredResources,
  type AggregatedDiscoveryInterface,
  type CachedDiscoveryInterface,
  type DiscoveryInterface,
  type GroupsAndMaybeResources,
} from '../discovery-client.js';
import type { APIGroup, APIGroupList, APIResourceList, VersionInfo } from '../types.js';
import { gvString } from '../types.js';

export class ErrCacheNotFound extends Error {
  override readonly name = 'ErrCacheNotFound';
  constructor(readonly groupVersion: string) {
    super(`not found: ${groupVersion}`);
  }
}

interface CacheEntry {
  list?: APIResourceList;
  err?: Error;
}

export function isTransientError(err: unknown): boolean {
  const code = (err as { code?: unknown; status?: { code?: number } }).status?.code;
  if (typeof code === 'number' && code >= 500) return true;
  if (isTooManyRequests(err)) return true;
  const c = (err as { code?: string }).code;
  return c === 'ECONNREFUSED' || c === 'ETIMEDOUT' || isProbableEOF(err);
}

export class MemCacheClient implements CachedDiscoveryInterface, AggregatedDiscoveryInterface {
  private byGV: Map<string, CacheEntry> | undefined;
  private groupList: APIGroupList | undefined;
  private valid = false;
  private receivedAggregated = false;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly delegate: DiscoveryInterface) {}

  restClient(): RESTClient {
    return this.delegate.restClient();
  }

  private async ensure(): Promise<void> {
    if (this.valid) return;
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    await this.refreshing;
  }

  private async refresh(): Promise<void> {
    let groups: APIGroupList;
    if (isAggregated(this.delegate)) {
      const r = await this.delegate.groupsAndMaybeResources();
      groups = r.groups;
      if (r.resources) {
        const byGV = new Map<string, CacheEntry>();
        for (const [gv, list] of r.resources) byGV.set(gv, { list });
        for (const [gv, err] of r.failed) byGV.set(gv, { err });
        this.byGV = byGV;
        this.groupList = groups;
        this.receivedAggregated = true;
        this.valid = true;
        return;
      }
    } else {
      groups = await this.delegate.serverGroups();
    }
    if (groups.groups.length === 0) {
      // Nothing to cache; the next question asks again (client-go returns without marking valid).
      this.groupList = groups;
      this.byGV = new Map();
      return;
    }
    const byGV = new Map<string, CacheEntry>();
    await Promise.all(
      groups.groups.flatMap((g) =>
        g.versions.map(async (v) => {
          const gv = gvString(g.name, v.version);
          try {
            byGV.set(gv, { list: await this.delegate.serverResourcesForGroupVersion(gv) });
          } catch (e) {
            byGV.set(gv, { err: e as Error });
          }
        }),
      ),
    );
    this.byGV = byGV;
    this.groupList = groups;
    this.valid = true;
  }

  async groupsAndMaybeResources(): Promise<GroupsAndMaybeResources> {
    await this.ensure();
    const groups = this.groupList ?? { groups: [] };
    if (!this.receivedAggregated || !this.byGV || this.byGV.size === 0) return { groups, failed: new Map() };
    const resources = new Map<string, APIResourceList>();
    const failed = new Map<string, Error>();
    for (const [gv, e] of this.byGV) {
      if (e.err) failed.set(gv, e.err);
      else if (e.list) resources.set(gv, e.list);
    }
    return { groups, resources, failed };
  }

  async serverGroups(): Promise<APIGroupList> {
    return (await this.groupsAndMaybeResources()).groups;
  }

  async serverResourcesForGroupVersion(groupVersion: string): Promise<APIResourceList> {
    await this.ensure();
    let entry = this.byGV?.get(groupVersion);
    if (!entry) throw new ErrCacheNotFound(groupVersion);
    if (entry.err && isTransientError(entry.err)) {
      try {
        entry = { list: await this.delegate.serverResourcesForGroupVersion(groupVersion) };
      } catch (e) {
        entry = { err: e as Error };
      }
      this.byGV!.set(groupVersion, entry);
    }
    if (entry.err) throw entry.err;
    return entry.list!;
  }

  serverGroupsAndResources(): Promise<{ groups: APIGroup[]; resources: APIResourceList[] }> {
    return serverGroupsAndResources(this);
  }

  serverPreferredResources(): Promise<APIResourceList[]> {
    return serverPreferredResources(this);
  }

  serverPreferredNamespacedResources(): Promise<APIResourceList[]> {
    return serverPreferredNamespacedResources(this);
  }

  serverVersion(): Promise<VersionInfo> {
    return this.delegate.serverVersion();
  }

  fresh(): boolean {
    return this.valid;
  }

  invalidate(): void {
    this.valid = false;
    this.byGV = undefined;
    this.groupList = undefined;
    this.receivedAggregated = false;
    const d = this.delegate as Partial<CachedDiscoveryInterface>;
    if (typeof d.invalidate === 'function') d.invalidate();
  }
}

/** memory.NewMemCacheClient. */
export function newMemCacheClient(delegate: DiscoveryInterface): MemCacheClient {
  return new MemCacheClient(delegate);
}
