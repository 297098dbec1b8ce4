/**
 * Aggregated discovery v2 → legacy shapes (client-go discovery/aggregated_discovery.go):
 * - a group's versions keep their order; the first non-stale version is the preferred one;
 * - a version whose freshness is Stale is left out and reported as failed (StaleGroupVersionError);
 * - subresources become "parent/sub" APIResources carrying the parent's scope;
 * - a resource without responseKind is dropped (client-go returns a partial result with an error).
 */
import type { APIGroup, APIGroupDiscoveryList, APIResource, APIResourceDiscovery, APIResourceList } from './types.js';
import { gvString } from './types.js';

export const AGGREGATED_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

export class StaleGroupVersionError extends Error {
  override readonly name = 'StaleGroupVersionError';
  constructor(readonly groupVersion: string) {
    super(`stale GroupVersion discovery: ${groupVersion}`);
  }
}

/** Is this Content-Type the aggregated v2 document? */
export function isAggregatedContentType(contentType: string): boolean {
  const [mt, ...params] = contentType.split(';').map((p) => p.trim());
  if (mt.toLowerCase() !== 'application/json') return false;
  const p = new Map(params.map((x) => x.split('=').map((s) => s.trim()) as [string, string]));
  return p.get('g') === 'apidiscovery.k8s.io' && p.get('v') === 'v2' && p.get('as') === 'APIGroupDiscoveryList';
}

function convertResource(r: APIResourceDiscovery): APIResource | undefined {
  if (!r.responseKind) return undefined;
  const out: APIResource = {
    name: r.resource,
    singularName: r.singularResource ?? '',
    namespaced: r.scope === 'Namespaced',
    kind: r.responseKind.kind,
    verbs: r.verbs ?? [],
  };
  if (r.responseKind.group) out.group = r.responseKind.group;
  if (r.responseKind.version) out.version = r.responseKind.version;
  if (r.shortNames?.length) out.shortNames = r.shortNames;
  if (r.categories?.length) out.categories = r.categories;
  return out;
}

export interface SplitResult {
  groups: APIGroup[];
  resources: Map<string, APIResourceList>;
  failed: Map<string, Error>;
}

/** SplitGroupsAndResources. */
export function splitGroupsAndResources(doc: APIGroupDiscoveryList): SplitResult {
  const groups: APIGroup[] = [];
  const resources = new Map<string, APIResourceList>();
  const failed = new Map<string, Error>();
  for (const g of doc.items ?? []) {
    const name = g.metadata?.name ?? '';
    const group: APIGroup = { name, versions: [] };
    for (const v of g.versions ?? []) {
      const gv = gvString(name, v.version);
      if (v.freshness === 'Stale') {
        failed.set(gv, new StaleGroupVersionError(gv));
        continue;
      }
      const entry = { groupVersion: gv, version: v.version };
      group.versions.push(entry);
      group.preferredVersion ??= entry;
      const list: APIResourceList = { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: [] };
      for (const r of v.resources ?? []) {
        const parent = convertResource(r);
        if (parent) list.resources.push(parent);
        for (const s of r.subresources ?? []) {
          if (!s.responseKind) continue;
          const sub: APIResource = {
            name: `${r.resource}/${s.subresource}`,
            singularName: r.singularResource ?? '',
            namespaced: r.scope === 'Namespaced',
            kind: s.responseKind.kind,
            verbs: s.verbs ?? [],
          };
          if (s.responseKind.group) sub.group = s.responseKind.group;
          if (s.responseKind.version) sub.version = s.responseKind.version;
          list.resources.push(sub);
        }
      }
      resources.set(gv, list);
    }
    groups.push(group);
  }
  return { groups, resources, failed };
}
