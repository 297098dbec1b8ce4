/**
 * Aggregated discovery v2 (apidiscovery.k8s.io/v2, GA since 1.30) for /api and /apis, with the
 * ETag the real server computes over the document (a hash; clients only compare it).
 */
import { createHash } from 'node:crypto';
import type { ResourceCatalog, ResourceInfo } from '../catalog/catalog.js';

export const AGGREGATED_MEDIA_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function resourceEntry(info: ResourceInfo): object {
  const entry: Record<string, unknown> = {
    resource: info.resource,
    // Upstream leaves group and version empty when they are the resource's own.
    responseKind: { group: '', version: '', kind: info.kind },
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singular,
    verbs: [...info.verbs],
  };
  if (info.shortNames.length > 0) entry.shortNames = [...info.shortNames];
  if (info.categories.length > 0) entry.categories = [...info.categories];
  if (info.subresources.length > 0) {
    entry.subresources = info.subresources.map((s) => ({
      subresource: s.name,
      responseKind: {
        group: s.kind.group === info.group ? '' : s.kind.group,
        version: s.kind.group === info.group && s.kind.version === info.version ? '' : s.kind.version,
        kind: s.kind.kind,
      },
      verbs: [...s.verbs],
    }));
  }
  return entry;
}

export function aggregatedDiscovery(catalog: ResourceCatalog, legacyCore: boolean): object {
  const groups = catalog.groups().filter((g) => (legacyCore ? g.name === '' : g.name !== ''));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((g) => ({
      metadata: g.name ? { name: g.name } : {},
      versions: g.versions.map((v) => ({
        version: v,
        resources: catalog.resourcesFor(g.name, v).map(resourceEntry),
        freshness: 'Current',
      })),
    })),
  };
}

export function etagOf(body: string): string {
  return `"${createHash('sha512').update(body).digest('hex').toUpperCase()}"`;
}

/** Does the Accept header ask for aggregated discovery v2? */
export function wantsAggregated(accept: string | undefined): boolean {
  if (!accept) return false;
  for (const clause of accept.split(',')) {
    const params = clause.split(';').map((p) => p.trim());
    if (params[0] !== 'application/json') continue;
    const has = (k: string, v: string) => params.includes(`${k}=${v}`);
    if (has('g', 'apidiscovery.k8s.io') && has('v', 'v2') && has('as', 'APIGroupDiscoveryList')) return true;
    if (params.length === 1) return false; // plain JSON comes first: the client prefers legacy
  }
  return false;
}
