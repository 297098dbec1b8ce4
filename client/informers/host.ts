/**
 * The seam between the informer factories and the generated typed accessors. Generated code
 * describes each built-in resource with a ResourceSpec, says how to reach its resource client
 * on the factory's client (`(c, ns) => c.coreV1().pods(ns)`, as client-go's generated
 * `NewFilteredPodInformer` does), and asks the host for a TypedInformer.
 */
import type { ListWatchable } from '../cache/listwatch.js';
import type { SharedIndexInformer } from '../cache/shared-informer.js';
import type { KubeObjectLike } from '../cache/store.js';
import type { Lister, NamespacedLister } from '../listers/lister.js';

export interface ResourceSpec {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** What client-go's generated `<Kind>Informer` interfaces offer. */
export interface TypedInformer<T, L> {
  /** The shared informer for the type (created on first call, then the same one for every caller). */
  informer(): SharedIndexInformer<T>;
  lister(): L;
}

/** An object of a resource without TypeScript types (kubernetes-types lacks it, or a CRD): the clientset's. */
export type { KubeObject } from '../kubernetes/gentype.js';

/** The resource client of a namespaced resource in `namespace` ("" = all namespaces). */
export type NamespacedClientFor<C, T> = (client: C, namespace: string) => ListWatchable<T>;
/** The resource client of a cluster-scoped resource. */
export type ClusterClientFor<C, T> = (client: C) => ListWatchable<T>;

export interface InformerHost<C> {
  namespaced<T extends KubeObjectLike, A extends string>(
    spec: ResourceSpec,
    accessor: A,
    clientFor: NamespacedClientFor<C, T>,
  ): TypedInformer<T, NamespacedLister<T, A>>;
  cluster<T extends KubeObjectLike>(spec: ResourceSpec, clientFor: ClusterClientFor<C, T>): TypedInformer<T, Lister<T>>;
}
