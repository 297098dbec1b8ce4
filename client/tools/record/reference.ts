/**
 * client-go tools/reference GetReference: the ObjectReference an event is about. An object that
 * is already a reference (no metadata, a kind and a name) is returned as it is; otherwise kind and
 * apiVersion must be set on the object (objects from typed GETs, informers and the dynamic client
 * have them), because there is no scheme to look them up in.
 */
import type { ObjectReference } from 'kubernetes-types/core/v1.js';

/** A Kubernetes object, as far as a reference needs it. */
export interface ReferencedObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly uid?: string; readonly resourceVersion?: string };
}

/** Anything an event can be about: a Kubernetes object or an ObjectReference. */
export type ReferenceSource = ReferencedObject | ObjectReference;

export function getReference(obj: ReferenceSource): ObjectReference {
  if (!obj || typeof obj !== 'object') throw new Error('cannot build a reference to a nil object');
  if (!('metadata' in obj) || obj.metadata === undefined) {
    const ref = obj as ObjectReference;
    if (ref.kind && ref.name) return ref;
  }
  const o = obj as ReferencedObject;
  if (!o.kind) throw new Error('object has no kind set; cannot build a reference');
  if (!o.apiVersion) throw new Error(`object of kind ${o.kind} has no apiVersion set; cannot build a reference`);
  const meta = o.metadata ?? {};
  const ref: { -readonly [K in keyof ObjectReference]: ObjectReference[K] } = { kind: o.kind, apiVersion: o.apiVersion };
  if (meta.name) ref.name = meta.name;
  if (meta.namespace) ref.namespace = meta.namespace;
  if (meta.uid) ref.uid = meta.uid;
  if (meta.resourceVersion) ref.resourceVersion = meta.resourceVersion;
  return ref;
}
