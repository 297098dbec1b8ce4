/**
 * Legacy discovery documents (apiserver/pkg/endpoints/discovery): /api, /api/v1, /apis,
 * /apis/{group}, /apis/{group}/{version}. Built from the live catalog, so CRDs appear and
 * disappear with their definitions.
 */
import type { ResourceCatalog, ResourceInfo } from '../catalog/catalog.js';

export interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiResourceEntries(info: ResourceInfo): ApiResource[] {
  const main: ApiResource = {
    name: info.resource,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: [...info.verbs],
  };
  if (info.shortNames.length > 0) main.shortNames = [...info.shortNames];
  if (info.categories.length > 0) main.categories = [...info.categories];
  if (info.storageVersionHash) main.storageVersionHash = info.storageVersionHash;
  const out = [main];
  for (const sub of info.subresources) {
    const entry: ApiResource = {
      name: `${info.resource}/${sub.name}`,
      singularName: '',
      namespaced: info.namespaced,
      kind: sub.kind.kind,
      verbs: [...sub.verbs],
    };
    if (sub.kind.group !== info.group || sub.kind.version !== info.version) {
      entry.group = sub.kind.group;
      entry.version = sub.kind.version;
    }
    out.push(entry);
  }
  return out;
}

export function apiResourceList(catalog: ResourceCatalog, group: string, version: string): object {
  const resources = catalog.resourcesFor(group, version).flatMap(apiResourceEntries);
  const groupVersion = group ? `${group}/${version}` : version;
  return group
    ? { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources }
    : { kind: 'APIResourceList', groupVersion, resources };
}

function groupEntry(name: string, versions: string[], preferred: string): object {
  return {
    name,
    versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${preferred}`, version: preferred },
  };
}

export function apiGroupList(catalog: ResourceCatalog): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: catalog
      .groups()
      .filter((g) => g.name !== '')
      .map((g) => groupEntry(g.name, g.versions, g.preferredVersion)),
  };
}

export function apiGroup(catalog: ResourceCatalog, group: string): object | undefined {
  const g = catalog.groups().find((x) => x.name === group);
  if (!g || group === '') return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g.name, g.versions, g.preferredVersion) };
}
