/**
 * Key order of served objects. Go serialises struct fields in declaration order, so a real server
 * always answers `kind, apiVersion, metadata, ...` and ObjectMeta in the order below. The fake
 * normalises on write, so reads can serialise stored objects as they are.
 */
import type { KubeObject } from '../store/types.js';

const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

export function normalizeMetadata(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of META_ORDER) if (meta[k] !== undefined && meta[k] !== null) out[k] = meta[k];
  for (const k of Object.keys(meta)) if (!(k in out) && !META_ORDER.includes(k) && meta[k] !== undefined) out[k] = meta[k];
  return out;
}

/** `{kind, apiVersion, metadata, ...rest}` with normalized metadata; drops undefined fields. */
export function normalizeObject(obj: Record<string, unknown>, kind: string, apiVersion: string): KubeObject {
  const out: Record<string, unknown> = { kind, apiVersion, metadata: normalizeMetadata((obj.metadata ?? {}) as Record<string, unknown>) };
  for (const k of Object.keys(obj)) {
    if (k === 'kind' || k === 'apiVersion' || k === 'metadata' || obj[k] === undefined) continue;
    out[k] = obj[k];
  }
  return out as KubeObject;
}

export function deepClone<T>(v: T): T {
  return structuredClone(v);
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
