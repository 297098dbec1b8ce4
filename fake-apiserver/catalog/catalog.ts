/**
 * The resource catalog: which groups, versions and resources a server serves, in the order its
 * discovery lists them. The router, the discovery handlers and the clientset generator all read it;
 * CRDs add and remove entries at run time.
 *
 * Ordering invariants (what the real server does, see kube-apiserver 1.35's aggregated discovery
 * manager and the CRD discovery controller):
 *  - built-in groups keep the upstream order; the core group '' comes first;
 *  - groups added later go after every built-in group (CRD groups have priority 1000, below all
 *    built-ins), ordered by name among themselves;
 *  - versions within a group are in preference order; added versions are placed by
 *    Kubernetes version priority (v1 > v1beta2 > v1beta1 > v1alpha1 > other names);
 *  - resources within a version are sorted by name.
 * Entries are frozen: they are shared by every catalog made from the built-in data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogFile, GroupInfo, GroupVersionResource, ResourceInfo } from './types.js';
import { byVersionPriority } from './version-order.js';

export type { CatalogFile, GroupInfo, GroupVersionKind, GroupVersionResource, ResourceInfo, SubresourceInfo } from './types.js';

const DATA_FILE = 'fake-apiserver/catalog/data/builtin-resources.json';

/** Walks up from this module to the package root, so it works from source and from dist/. */
function findDataFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, DATA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`resource catalog: ${DATA_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

interface VersionEntry {
  version: string;
  resources: ResourceInfo[];
}
interface GroupEntry {
  name: string;
  builtin: boolean;
  versions: VersionEntry[];
}

let builtinGroups: readonly GroupEntry[] | undefined;

function loadBuiltin(): readonly GroupEntry[] {
  if (builtinGroups) return builtinGroups;
  const file = JSON.parse(readFileSync(findDataFile(), 'utf8')) as CatalogFile;
  builtinGroups = deepFreeze(
    file.groups.map((g) => ({
      name: g.name,
      builtin: true,
      versions: g.versions.map((v) => ({
        version: v.version,
        resources: v.resources.map((r): ResourceInfo => ({ group: g.name, version: v.version, ...r })),
      })),
    })),
  );
  return builtinGroups;
}

let defaultEnabled: readonly string[] | undefined;

/** The group versions a default v1.35 server serves (see scripts/build-default-enabled.ts). */
function loadDefaultEnabled(): readonly string[] {
  if (!defaultEnabled) {
    const file = join(dirname(findDataFile()), 'default-enabled.json');
    defaultEnabled = Object.freeze((JSON.parse(readFileSync(file, 'utf8')) as { groupVersions: string[] }).groupVersions);
  }
  return defaultEnabled;
}

const keyOf = (group: string, version: string, name: string) => `${group}/${version}/${name}`;

export class ResourceCatalog {
  private readonly entries: GroupEntry[];
  private readonly byResource = new Map<string, ResourceInfo>();
  private readonly byKindKey = new Map<string, ResourceInfo>();

  private constructor(groups: readonly GroupEntry[]) {
    // Own copies of the group and version lists; the frozen entries themselves are shared.
    this.entries = groups.map((g) => ({ ...g, versions: g.versions.map((v) => ({ ...v, resources: [...v.resources] })) }));
    this.reindex();
  }

  /**
   * A fresh catalog of the built-in resources; the data file is read and parsed once per process.
   * By default only the group versions a real server enables with default flags are served
   * (data/default-enabled.json, observed on the reference cluster); `'all'` also serves every
   * alpha and beta version the upstream documents list, as with `--runtime-config=api/all=true`.
   */
  static builtin(options: { groupVersions?: 'default' | 'all' | readonly string[] } = {}): ResourceCatalog {
    const wanted = options.groupVersions ?? 'default';
    const all = loadBuiltin();
    if (wanted === 'all') return new ResourceCatalog(all);
    const enabled = new Set(wanted === 'default' ? loadDefaultEnabled() : wanted);
    const gv = (g: string, v: string) => (g ? `${g}/${v}` : v);
    const groups = all
      .map((g) => ({ ...g, versions: g.versions.filter((v) => enabled.has(gv(g.name, v.version))) }))
      .filter((g) => g.versions.length > 0);
    return new ResourceCatalog(groups);
  }

  /** A catalog with no resources at all. */
  static empty(): ResourceCatalog {
    return new ResourceCatalog([]);
  }

  groups(): GroupInfo[] {
    return this.entries.map((g) => {
      const versions = g.versions.map((v) => v.version);
      return { name: g.name, versions, preferredVersion: versions[0] };
    });
  }

  /** Resources of one group version, sorted by name; empty when it is not served. */
  resourcesFor(group: string, version: string): ResourceInfo[] {
    return [...(this.versionEntry(group, version)?.resources ?? [])];
  }

  lookup(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.byResource.get(keyOf(group, version, resource));
  }

  byKind(group: string, version: string, kind: string): ResourceInfo | undefined {
    return this.byKindKey.get(keyOf(group, version, kind));
  }

  gvrs(): GroupVersionResource[] {
    return this.entries.flatMap((g) =>
      g.versions.flatMap((v) => v.resources.map((r) => ({ group: g.name, version: v.version, resource: r.resource }))),
    );
  }

  /** Adds a resource, or replaces the one with the same group, version and resource. */
  add(info: ResourceInfo): void {
    if (!info.version || !info.resource || !info.kind) throw new Error('resource catalog: version, resource and kind are required');
    const frozen = deepFreeze(structuredClone(info));
    let group = this.entries.find((g) => g.name === info.group);
    if (!group) {
      group = { name: info.group, builtin: false, versions: [] };
      const at = this.entries.findIndex((g) => !g.builtin && g.name > info.group);
      this.entries.splice(at === -1 ? this.entries.length : at, 0, group);
    }
    let version = group.versions.find((v) => v.version === info.version);
    if (!version) {
      version = { version: info.version, resources: [] };
      const at = group.versions.findIndex((v) => byVersionPriority(info.version, v.version) < 0);
      group.versions.splice(at === -1 ? group.versions.length : at, 0, version);
    }
    const resources = version.resources.filter((r) => r.resource !== info.resource);
    const at = resources.findIndex((r) => r.resource > info.resource);
    resources.splice(at === -1 ? resources.length : at, 0, frozen);
    version.resources = resources;
    this.reindex();
  }

  /** Removes a resource; its version and group go when they have nothing left. */
  remove(group: string, version: string, resource: string): boolean {
    const g = this.entries.find((x) => x.name === group);
    const v = g?.versions.find((x) => x.version === version);
    if (!g || !v || !v.resources.some((r) => r.resource === resource)) return false;
    v.resources = v.resources.filter((r) => r.resource !== resource);
    if (v.resources.length === 0) g.versions = g.versions.filter((x) => x !== v);
    if (g.versions.length === 0) this.entries.splice(this.entries.indexOf(g), 1);
    this.reindex();
    return true;
  }

  private versionEntry(group: string, version: string): VersionEntry | undefined {
    return this.entries.find((g) => g.name === group)?.versions.find((v) => v.version === version);
  }

  private reindex(): void {
    this.byResource.clear();
    this.byKindKey.clear();
    for (const g of this.entries) {
      for (const v of g.versions) {
        for (const r of v.resources) {
          this.byResource.set(keyOf(g.name, v.version, r.resource), r);
          // Built-in kinds are unique per group version; should two added resources share one, the first by name answers.
          const kindKey = keyOf(g.name, v.version, r.kind);
          if (!this.byKindKey.has(kindKey)) this.byKindKey.set(kindKey, r);
        }
      }
    }
  }
}
