/**
 * Unknown fields of an object against its schema, reported at the first level that is not
 * declared (`spec.replica`, `spec.template.spec.containers[0].foo`), as the real server's strict
 * decoder does. Maps, untyped nodes and preserve-unknown-fields nodes accept anything.
 */
import type { SchemaNode } from '../schema/types.js';

export function unknownFields(value: unknown, schema: SchemaNode | undefined, path = ''): string[] {
  if (!schema || schema.preserveUnknownFields) return [];
  const out: string[] = [];
  if (Array.isArray(value)) {
    const items = schema.kind === 'list' ? schema.listItems() : undefined;
    value.forEach((v, i) => out.push(...unknownFields(v, items, `${path}[${i}]`)));
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  const obj = value as Record<string, unknown>;
  if (schema.kind === 'map') {
    const values = schema.mapValues();
    for (const [k, v] of Object.entries(obj)) out.push(...unknownFields(v, values, path ? `${path}.${k}` : k));
    return out;
  }
  if (schema.kind !== 'struct') return out;
  for (const [k, v] of Object.entries(obj)) {
    const child = path ? `${path}.${k}` : k;
    const field = schema.field(k);
    if (!field) {
      if (!path && (k === 'apiVersion' || k === 'kind')) continue;
      out.push(child);
    } else out.push(...unknownFields(v, field, child));
  }
  return out;
}

/**
 * Drops fields the schema does not declare, and nulls, as decoding into Go structs does (unknown
 * fields are ignored, a null leaves the zero value, which omitempty then omits).
 */
export function pruneUnknown(value: unknown, schema: SchemaNode | undefined, root = true): void {
  if (!schema || schema.preserveUnknownFields || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const items = schema.kind === 'list' ? schema.listItems() : undefined;
    for (const v of value) pruneUnknown(v, items, false);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (schema.kind === 'map') {
    const values = schema.mapValues();
    for (const [k, v] of Object.entries(obj)) {
      // Go decodes a null map value as the element's zero value.
      if (v === null && values?.kind === 'scalar') obj[k] = zeroOf(values);
      else pruneUnknown(v, values, false);
    }
    return;
  }
  if (schema.kind !== 'struct') return;
  for (const [k, v] of Object.entries(obj)) {
    const field = schema.field(k);
    if (root && (k === 'apiVersion' || k === 'kind')) continue;
    if (!field || v === null) delete obj[k];
    else {
      pruneUnknown(v, field, false);
      // Map fields are omitempty: an empty map is not serialised.
      if (field.kind === 'map' && v !== null && typeof v === 'object' && Object.keys(v).length === 0) delete obj[k];
    }
  }
}

function zeroOf(node: SchemaNode): unknown {
  switch (node.scalarType) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return '';
  }
}
