/**
 * Shapes of the resource catalog: what the server knows about every resource it serves.
 * The built-in entries come from fake-apiserver/catalog/data/builtin-resources.json, which
 * scripts/build-catalog.ts derives from the upstream discovery documents in data/upstream/.
 */

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface SubresourceInfo {
  /** 'status', 'scale', 'binding', 'eviction', 'log', 'exec', 'finalize', ... */
  name: string;
  /** Always fully qualified: same-group subresources carry their parent's group and version. */
  kind: GroupVersionKind;
  verbs: string[];
}

export interface ResourceInfo {
  /** '' is the core (legacy) group served under /api. */
  group: string;
  version: string;
  /** The plural, lower-case name used in URLs. */
  resource: string;
  kind: string;
  listKind: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  /** Sorted by name, as the real server lists them. */
  subresources: SubresourceInfo[];
  /** Only what legacy discovery reports; absent for resources it reports without one. */
  storageVersionHash?: string;
}

export interface GroupInfo {
  name: string;
  /** Preferred first. Never empty: a group disappears with its last version. */
  versions: string[];
  preferredVersion: string;
}

/** builtin-resources.json: resources omit group and version, which their parents give. */
export interface CatalogFile {
  source: { repository: string; ref: string; path: string };
  groups: Array<{
    name: string;
    preferredVersion: string;
    versions: Array<{ version: string; resources: Array<Omit<ResourceInfo, 'group' | 'version'>> }>;
  }>;
}
