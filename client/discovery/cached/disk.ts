/**
 * CachedDiscoveryClient (client-go discovery/cached/disk): discovery answers stored as JSON files,
 * valid for `ttlMs` after they were written.
 *
 * Layout (as client-go's): <discoveryDir>/servergroups.json and
 * <discoveryDir>/<groupVersion>/serverresources.json (core is "v1/serverresources.json"). Files are
 * written to a temporary name and renamed, mode 0660, directories 0750.
 *
 * fresh()/invalidate() semantics (what the deferred RESTMapper relies on):
 * - fresh() starts true and turns false as soon as an answer comes from a file this client did
 *   not write itself (it may predate a CRD the caller just created);
 * - invalidate() forgets which files are ours, ignores every file not written after it, sets
 *   fresh() back to true and invalidates the in-memory delegate.
 * Empty answers are never cached; errors are never cached.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RestConfig } from '../../config/rest-config.js';
import type { RESTClient } from '../../rest/client.js';
import { systemClock, type Clock } from '../../rest/clock.js';
import {
  DiscoveryClient,
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
import { HttpCache } from './http-cache.js';
import { MemCacheClient } from './memcache.js';

export class CachedDiscoveryClient implements CachedDiscoveryInterface, AggregatedDiscoveryInterface {
  private ourFiles = new Set<string>();
  private invalidated = false;
  private isFresh = true;

  constructor(
    private readonly delegate: DiscoveryInterface,
    readonly cacheDirectory: string,
    readonly ttlMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  restClient(): RESTClient {
    return this.delegate.restClient();
  }

  private readCached<T>(file: string): T | undefined {
    if (this.invalidated && !this.ourFiles.has(file)) return undefined;
    try {
      const st = statSync(file);
      if (this.clock.now() > st.mtimeMs + this.ttlMs) return undefined;
      const value = JSON.parse(readFileSync(file, 'utf8')) as T;
      this.isFresh = this.isFresh && this.ourFiles.has(file);
      return value;
    } catch {
      return undefined;
    }
  }

  private writeCached(file: string, value: unknown): void {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o750 });
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(tmp, JSON.stringify(value), { mode: 0o660 });
      chmodSync(tmp, 0o660); // regardless of the umask, as client-go's Chmod
      renameSync(tmp, file);
      this.ourFiles.add(file);
    } catch {
      // client-go logs and carries on: the answer is still returned
    }
  }

  private resourcesFile(gv: string): string {
    return join(this.cacheDirectory, gv, 'serverresources.json');
  }

  async serverResourcesForGroupVersion(groupVersion: string): Promise<APIResourceList> {
    const file = this.resourcesFile(groupVersion);
    const cached = this.readCached<APIResourceList>(file);
    if (cached && Array.isArray(cached.resources)) return cached;
    const live = await this.delegate.serverResourcesForGroupVersion(groupVersion);
    if (live.resources.length > 0) this.writeCached(file, live);
    return live;
  }

  async groupsAndMaybeResources(): Promise<GroupsAndMaybeResources> {
    const groupsFile = join(this.cacheDirectory, 'servergroups.json');
    const cached = this.readCached<APIGroupList>(groupsFile);
    if (cached && Array.isArray(cached.groups)) return { groups: cached, failed: new Map() };
    let live: GroupsAndMaybeResources;
    if (isAggregated(this.delegate)) live = await this.delegate.groupsAndMaybeResources();
    else live = { groups: await this.delegate.serverGroups(), failed: new Map() };
    if (live.groups.groups.length === 0) return live;
    this.writeCached(groupsFile, live.groups);
    for (const [gv, list] of live.resources ?? []) this.writeCached(this.resourcesFile(gv), list);
    return live;
  }

  async serverGroups(): Promise<APIGroupList> {
    return (await this.groupsAndMaybeResources()).groups;
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
    return this.isFresh;
  }

  invalidate(): void {
    this.ourFiles = new Set();
    this.isFresh = true;
    this.invalidated = true;
    const d = this.delegate as Partial<CachedDiscoveryInterface>;
    if (typeof d.invalidate === 'function') d.invalidate();
  }
}

/**
 * disk.NewCachedDiscoveryClientForConfig: discovery cached in `discoveryDir` for `ttlMs`, with
 * HTTP answers revalidated by ETag from `httpCacheDir` ('' disables that layer).
 */
export function newCachedDiscoveryClientForConfig(
  config: RestConfig,
  discoveryDir: string,
  httpCacheDir: string,
  ttlMs: number,
): CachedDiscoveryClient {
  const client = new DiscoveryClient(config, httpCacheDir ? { httpCache: new HttpCache(httpCacheDir) } : {});
  return new CachedDiscoveryClient(new MemCacheClient(client), discoveryDir, ttlMs);
}
