/**
 * RESTMapper over discovery (client-go restmapper.NewDiscoveryRESTMapper + meta.PriorityRESTMapper
 * + the ShortcutExpander kubectl puts in front of it), and the deferred variant that builds itself
 * on first use and rebuilds after a miss.
 *
 * Priority (what decides among several matches): core v1 first; then groups in discovery order,
 * each group's preferred version before its other versions. So "events" is core/v1 Event, and
 * "deployments" is apps/<preferred>.
 *
 * Matching: a resource matches by plural, singular (from discovery, else guessed from the kind)
 * or, failing those, a short name; case-insensitive. Kinds match exactly or lower-cased.
 * Subresources ("pods/status") are never mapped. Misses throw NoResourceMatchError /
 * NoKindMatchError (isNoMatchError()).
 *
 * DeferredDiscoveryRESTMapper: on any error, if the discovery cache is not fresh(), it resets
 * (invalidates the cache, drops the mapper) and retries once — so a CRD created after the cache
 * was filled is found.
 */
import type { CachedDiscoveryInterface, DiscoveryInterface } from '../discovery/discovery-client.js';
import { isGroupDiscoveryFailedError } from '../discovery/discovery-client.js';
import type { APIGroup, APIResource, GroupVersionKind, GroupVersionResource } from '../discovery/types.js';

export type RESTScopeName = 'namespace' | 'root';

export interface RESTMapping {
  resource: GroupVersionResource;
  groupVersionKind: GroupVersionKind;
  scope: { name: RESTScopeName };
}

/** A partially specified resource: version and group may be left out. */
export interface PartialResource {
  group?: string;
  version?: string;
  resource: string;
}

export interface GroupKind {
  group: string;
  kind: string;
}

export interface RESTMapper {
  kindFor(resource: PartialResource): Promise<GroupVersionKind>;
  kindsFor(resource: PartialResource): Promise<GroupVersionKind[]>;
  resourceFor(resource: PartialResource): Promise<GroupVersionResource>;
  resourcesFor(resource: PartialResource): Promise<GroupVersionResource[]>;
  restMapping(gk: GroupKind, ...versions: string[]): Promise<RESTMapping>;
  restMappings(gk: GroupKind, ...versions: string[]): Promise<RESTMapping[]>;
  resourceSingularizer(resource: string): Promise<string>;
}

export class NoResourceMatchError extends Error {
  override readonly name = 'NoResourceMatchError';
  constructor(readonly partialResource: PartialResource) {
    super(
      `no matches for ${[partialResource.group, partialResource.version, partialResource.resource].filter((x) => x !== undefined && x !== '').join('/')}`,
    );
  }
}

export class NoKindMatchError extends Error {
  override readonly name = 'NoKindMatchError';
  constructor(
    readonly groupKind: GroupKind,
    readonly searchedVersions: string[],
  ) {
    const gk = groupKind.group ? `${groupKind.kind}.${groupKind.group}` : groupKind.kind;
    super(
      `no matches for kind "${groupKind.kind}" in ${groupKind.group ? `group "${groupKind.group}"` : 'the core group'}${searchedVersions.length ? ` (versions ${searchedVersions.join(', ')})` : ''} [${gk}]`,
    );
  }
}

export function isNoMatchError(err: unknown): boolean {
  return err instanceof NoResourceMatchError || err instanceof NoKindMatchError;
}

interface Entry {
  gvr: GroupVersionResource;
  singular: string;
  shortNames: string[];
  gvk: GroupVersionKind;
  scope: RESTScopeName;
}

/** meta.UnsafeGuessKindToResource's singular: the lower-cased kind. */
const guessSingular = (kind: string) => kind.toLowerCase();

export interface APIGroupResources {
  group: APIGroup;
  /** version → resources */
  versionedResources: Map<string, APIResource[]>;
}

/** restmapper.GetAPIGroupResources: tolerates partial discovery failures. */
export async function getAPIGroupResources(d: DiscoveryInterface): Promise<APIGroupResources[]> {
  let res: Awaited<ReturnType<DiscoveryInterface['serverGroupsAndResources']>>;
  try {
    res = await d.serverGroupsAndResources();
  } catch (e) {
    if (!isGroupDiscoveryFailedError(e)) throw e;
    res = e.partial;
  }
  const byGV = new Map(res.resources.map((r) => [r.groupVersion, r]));
  return res.groups.map((group) => {
    const versionedResources = new Map<string, APIResource[]>();
    for (const v of group.versions) {
      const list = byGV.get(v.groupVersion);
      if (list) versionedResources.set(v.version, list.resources);
    }
    return { group, versionedResources };
  });
}

/** A RESTMapper over a fixed snapshot of discovery. */
export class DiscoveryRESTMapper implements RESTMapper {
  private readonly entries: Entry[] = [];

  constructor(groupResources: APIGroupResources[]) {
    const ordered: Array<{ group: string; version: string; resources: APIResource[] }> = [];
    const core = groupResources.find((g) => g.group.name === '');
    const coreV1 = core?.versionedResources.get('v1');
    if (coreV1) ordered.push({ group: '', version: 'v1', resources: coreV1 });
    for (const g of groupResources) {
      const preferred = g.group.preferredVersion?.version;
      const versions = g.group.versions.map((v) => v.version);
      const order = preferred && g.versionedResources.has(preferred) ? [preferred, ...versions.filter((v) => v !== preferred)] : versions;
      for (const version of order) {
        if (g.group.name === '' && version === 'v1' && coreV1) continue;
        const resources = g.versionedResources.get(version);
        if (resources) ordered.push({ group: g.group.name, version, resources });
      }
    }
    for (const { group, version, resources } of ordered) {
      for (const r of resources) {
        if (r.name.includes('/')) continue;
        this.entries.push({
          gvr: { group, version, resource: r.name },
          singular: (r.singularName || guessSingular(r.kind)).toLowerCase(),
          shortNames: (r.shortNames ?? []).map((s) => s.toLowerCase()),
          gvk: { group, version, kind: r.kind },
          scope: r.namespaced ? 'namespace' : 'root',
        });
      }
    }
  }

  private match(p: PartialResource): Entry[] {
    const name = p.resource.toLowerCase();
    const scoped = this.entries.filter(
      (e) => (p.group === undefined || e.gvr.group === p.group) && (!p.version || e.gvr.version === p.version),
    );
    const direct = scoped.filter((e) => e.gvr.resource === name || e.singular === name);
    if (direct.length > 0) return direct;
    return scoped.filter((e) => e.shortNames.includes(name));
  }

  async resourcesFor(p: PartialResource): Promise<GroupVersionResource[]> {
    const m = this.match(p);
    if (m.length === 0) throw new NoResourceMatchError(p);
    return m.map((e) => ({ ...e.gvr }));
  }

  async resourceFor(p: PartialResource): Promise<GroupVersionResource> {
    return (await this.resourcesFor(p))[0];
  }

  async kindsFor(p: PartialResource): Promise<GroupVersionKind[]> {
    const m = this.match(p);
    if (m.length === 0) throw new NoResourceMatchError(p);
    return m.map((e) => ({ ...e.gvk }));
  }

  async kindFor(p: PartialResource): Promise<GroupVersionKind> {
    return (await this.kindsFor(p))[0];
  }

  async restMappings(gk: GroupKind, ...versions: string[]): Promise<RESTMapping[]> {
    const candidates = this.entries.filter(
      (e) => e.gvk.group === gk.group && (e.gvk.kind === gk.kind || e.gvk.kind.toLowerCase() === gk.kind),
    );
    const wanted = versions.filter((v) => v !== '');
    const chosen = wanted.length ? wanted.flatMap((v) => candidates.filter((e) => e.gvk.version === v)) : candidates;
    if (chosen.length === 0) throw new NoKindMatchError(gk, wanted);
    return chosen.map((e) => ({ resource: { ...e.gvr }, groupVersionKind: { ...e.gvk }, scope: { name: e.scope } }));
  }

  async restMapping(gk: GroupKind, ...versions: string[]): Promise<RESTMapping> {
    return (await this.restMappings(gk, ...versions))[0];
  }

  async resourceSingularizer(resource: string): Promise<string> {
    const m = this.match({ resource });
    if (m.length === 0) throw new NoResourceMatchError({ resource });
    return m[0].singular;
  }
}

/** restmapper.NewDiscoveryRESTMapper from discovery results. */
export function newDiscoveryRESTMapper(groupResources: APIGroupResources[]): DiscoveryRESTMapper {
  return new DiscoveryRESTMapper(groupResources);
}

export class DeferredDiscoveryRESTMapper implements RESTMapper {
  private delegate: Promise<DiscoveryRESTMapper> | undefined;

  constructor(private readonly cl: CachedDiscoveryInterface) {}

  private getDelegate(): Promise<DiscoveryRESTMapper> {
    this.delegate ??= getAPIGroupResources(this.cl).then(
      (g) => new DiscoveryRESTMapper(g),
      (e) => {
        this.delegate = undefined;
        throw e;
      },
    );
    return this.delegate;
  }

  /** Invalidates the discovery cache and drops the mapper built from it. */
  reset(): void {
    this.cl.invalidate();
    this.delegate = undefined;
  }

  private async withRetry<R>(fn: (m: DiscoveryRESTMapper) => Promise<R>): Promise<R> {
    try {
      return await fn(await this.getDelegate());
    } catch (e) {
      if (this.cl.fresh()) throw e;
      this.reset();
      return fn(await this.getDelegate());
    }
  }

  kindFor(p: PartialResource) {
    return this.withRetry((m) => m.kindFor(p));
  }
  kindsFor(p: PartialResource) {
    return this.withRetry((m) => m.kindsFor(p));
  }
  resourceFor(p: PartialResource) {
    return this.withRetry((m) => m.resourceFor(p));
  }
  resourcesFor(p: PartialResource) {
    return this.withRetry((m) => m.resourcesFor(p));
  }
  restMapping(gk: GroupKind, ...versions: string[]) {
    return this.withRetry((m) => m.restMapping(gk, ...versions));
  }
  restMappings(gk: GroupKind, ...versions: string[]) {
    return this.withRetry((m) => m.restMappings(gk, ...versions));
  }
  resourceSingularizer(resource: string) {
    return this.withRetry((m) => m.resourceSingularizer(resource));
  }
}

/** restmapper.NewDeferredDiscoveryRESTMapper. */
export function newDeferredDiscoveryRESTMapper(cl: CachedDiscoveryInterface): DeferredDiscoveryRESTMapper {
  return new DeferredDiscoveryRESTMapper(cl);
}
