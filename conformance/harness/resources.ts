/** The resources the cases use, and URL building for them (api-semantics.md section 7 URL rules). */
import { withQuery, type Query } from '../http/client.js';

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

const r = (group: string, version: string, resource: string, kind: string, namespaced = true): ResourceRef => ({
  group,
  version,
  resource,
  kind,
  namespaced,
});

export const R = {
  configmaps: r('', 'v1', 'configmaps', 'ConfigMap'),
  secrets: r('', 'v1', 'secrets', 'Secret'),
  pods: r('', 'v1', 'pods', 'Pod'),
  podtemplates: r('', 'v1', 'podtemplates', 'PodTemplate'),
  services: r('', 'v1', 'services', 'Service'),
  serviceaccounts: r('', 'v1', 'serviceaccounts', 'ServiceAccount'),
  events: r('', 'v1', 'events', 'Event'),
  replicationcontrollers: r('', 'v1', 'replicationcontrollers', 'ReplicationController'),
  namespaces: r('', 'v1', 'namespaces', 'Namespace', false),
  nodes: r('', 'v1', 'nodes', 'Node', false),
  componentstatuses: r('', 'v1', 'componentstatuses', 'ComponentStatus', false),
  leases: r('coordination.k8s.io', 'v1', 'leases', 'Lease'),
  deployments: r('apps', 'v1', 'deployments', 'Deployment'),
  replicasets: r('apps', 'v1', 'replicasets', 'ReplicaSet'),
  crds: r('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false),
  clusterroles: r('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
} as const;

export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

export function apiVersionOf(ref: { group: string; version: string }): string {
  return ref.group === '' ? ref.version : `${ref.group}/${ref.version}`;
}

export interface PathOptions {
  /** Namespace for namespaced resources; '' or omitted with allNamespaces gives the cluster-wide path. */
  namespace?: string;
  name?: string;
  subresource?: string;
  query?: Query;
}

/** `/api/v1/namespaces/{ns}/configmaps/{name}/{sub}?query` and friends. */
export function resourcePath(ref: ResourceRef, opts: PathOptions = {}): string {
  let p = groupVersionPath(ref.group, ref.version);
  if (ref.namespaced && opts.namespace) p += `/namespaces/${encodeURIComponent(opts.namespace)}`;
  p += `/${ref.resource}`;
  if (opts.name !== undefined) p += `/${encodeURIComponent(opts.name)}`;
  if (opts.subresource) p += `/${opts.subresource}`;
  return withQuery(p, opts.query);
}
