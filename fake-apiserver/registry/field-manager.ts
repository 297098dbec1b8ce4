/**
 * The registry's use of the field manager (fake-apiserver/apply): which schema, reset fields and
 * zero object a write of a given resource is tracked with. Every client write records its manager
 * in managedFields; server-side apply computes them itself and passes them through.
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import { goZeroObject, ignoreManagedFieldsTimestamps, update } from '../apply/index.js';
import { builtinSchemas } from '../schema/openapi-source.js';
import { schemaFromStructural } from '../schema/structural.js';
import type { SchemaNode } from '../schema/types.js';
import type { KubeObject } from '../store/types.js';
import { apiVersionOf } from './object-shape.js';
import type { Strategy } from './strategy.js';

const customSchemas = new WeakMap<object, SchemaNode>();

/** The apply/managedFields schema of a resource (custom resources: the CRD's structural schema). */
export function schemaFor(s: Strategy): SchemaNode | undefined {
  if (s.customMeta) {
    const raw = s.customMeta.schema.openAPIV3Schema;
    if (!raw) return undefined;
    let node = customSchemas.get(s.customMeta);
    if (!node) customSchemas.set(s.customMeta, (node = schemaFromStructural(raw)));
    return node;
  }
  try {
    return builtinSchemas().forKind(s.info.group, s.info.version, s.info.kind);
  } catch {
    return undefined;
  }
}

/** Fields a write through this endpoint never owns: status via the main resource, spec via /status. */
export function resetFieldsFor(s: Strategy, subresource: string): string[][] {
  if (subresource === 'status') return [['spec']];
  return s.hasStatus ? [['status']] : [];
}

export function fieldManagerOptions(s: Strategy, subresource: string, now: number) {
  const schema = schemaFor(s);
  return {
    apiVersion: apiVersionOf(s.info.group, s.info.version),
    subresource: subresource || undefined,
    now,
    schema,
    resetFields: resetFieldsFor(s, subresource),
    zero: s.custom ? undefined : goZeroObject(s.info.group, s.info.kind, schema),
  };
}

/** Records an Update-operation write by `manager` turning `old` into `obj` (mutates obj's managedFields). */
export function recordUpdate(
  s: Strategy,
  obj: KubeObject,
  old: KubeObject | undefined,
  manager: string,
  subresource: string,
  now: number,
): void {
  const r = update(old, obj, manager, fieldManagerOptions(s, subresource, now));
  setManagedFields(obj, r.managedFields);
}

export function setManagedFields(obj: KubeObject, entries: ManagedFieldsEntry[] | undefined): void {
  if (entries && entries.length > 0) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

export { ignoreManagedFieldsTimestamps };
