/**
 * The seam between the informer factories and the generated typed accessors: generated code
 * describes each built-in resource with a ResourceSpec and asks the host for a TypedInformer.
 */
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

/** An object of a resource without TypeScript types (kubernetes-types lacks it, or a CRD). */
export interface KubeObject extends KubeObjectLike {
  [field: string]: unknown;
}

export interface InformerHost {
  namespaced<T extends KubeObjectLike, A extends string>(spec: ResourceSpec, accessor: A): TypedInformer<T, NamespacedLister<T, A>>;
  cluster<T extends KubeObjectLike>(spec: ResourceSpec): TypedInformer<T, Lister<T>>;
}
