import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

/** kubernetes-types declares fields readonly; the fake's writers build objects field by field. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type ObjectMetaData = Mutable<ObjectMeta>;

/** Any Kubernetes object as the fake stores it: plain JSON with metadata. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMetaData;
  [field: string]: unknown;
}

/** Identifies one resource collection across all namespaces: `apps/deployments`, `/configmaps`. */
export type ResourceKey = string;

export function resourceKey(group: string, resource: string): ResourceKey {
  return `${group}/${resource}`;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One committed change. `object` is the state after the change; for DELETED it is the last state
 * with `metadata.resourceVersion` set to the deletion's revision, as the real watch cache sends it.
 * `previous` is the state before the change (undefined for ADDED); selector-filtered watches need
 * it to turn a relabel into DELETED/ADDED, and list-at-revision uses it to roll changes back.
 */
export interface StoreEvent {
  type: WatchEventType;
  revision: number;
  resource: ResourceKey;
  namespace: string;
  name: string;
  object: KubeObject;
  previous: KubeObject | undefined;
  /** Wall-clock time of the commit, for age-based compaction. */
  time: number;
}
