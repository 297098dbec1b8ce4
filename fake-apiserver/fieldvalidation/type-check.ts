/**
 * Type errors in a request body, as Go's encoding/json reports them when the real server decodes
 * into typed structs: the first mismatch in document order, worded
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`
 * (the struct that holds the field, then the field path without list indices).
 * Null is accepted anywhere (Go leaves the zero value).
 */
import type { SchemaNode } from '../schema/types.js';
import { goJsonTypeName } from '../http/go-json-errors.js';

export interface TypeMismatch {
  jsonType: string;
  struct: string;
  path: string;
  goType: string;
}

/** `io.k8s.api.apps.v1.DeploymentSpec` → `v1.DeploymentSpec` (Go's reflect type string). */
function goQualified(model: string | undefined): string | undefined {
  if (!model) return undefined;
  const parts = model.split('.');
  return parts.length >= 2 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : model;
}

function goTypeOf(node: SchemaNode): string {
  switch (node.kind) {
    case 'scalar':
      switch (node.scalarType) {
        case 'string':
          return node.modelName ? (goQualified(node.modelName) ?? 'string') : 'string';
        case 'integer':
          return node.format === 'int32' ? 'int32' : 'int64';
        case 'number':
          return 'float64';
        case 'boolean':
          return 'bool';
        case 'int-or-string':
          return 'intstr.IntOrString';
        default:
          return 'string';
      }
    case 'map': {
      const v = node.mapValues();
      return `map[string]${v ? goTypeOf(v) : 'interface {}'}`;
    }
    case 'list': {
      const items = node.listItems();
      return `[]${items ? goTypeOf(items) : 'interface {}'}`;
    }
    case 'struct':
      return goQualified(node.modelName) ?? 'struct';
    default:
      return 'interface {}';
  }
}

function fits(value: unknown, node: SchemaNode): boolean {
  if (value === null || value === undefined) return true;
  switch (node.kind) {
    case 'scalar':
      switch (node.scalarType) {
        case 'string':
          return typeof value === 'string';
        case 'integer':
          return typeof value === 'number' && Number.isInteger(value);
        case 'number':
          return typeof value === 'number';
        case 'boolean':
          return typeof value === 'boolean';
        case 'int-or-string':
          return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
        default:
          return true;
      }
    case 'struct':
    case 'map':
      return typeof value === 'object' && !Array.isArray(value);
    case 'list':
      return Array.isArray(value);
    default:
      return true;
  }
}

/**
 * The first type mismatch of `value` against `root` (the schema of a top-level kind called
 * `kindName`), or undefined.
 */
export function firstTypeMismatch(value: unknown, root: SchemaNode, kindName: string): TypeMismatch | undefined {
  const walk = (v: unknown, node: SchemaNode, struct: string, path: string): TypeMismatch | undefined => {
    if (!fits(v, node)) return { jsonType: goJsonTypeName(v), struct, path, goType: goTypeOf(node) };
    if (v === null || typeof v !== 'object') return undefined;
    if (node.kind === 'list') {
      const items = node.listItems();
      if (!items) return undefined;
      for (const item of v as unknown[]) {
        const m = walk(item, items, struct, path);
        if (m) return m;
      }
      return undefined;
    }
    if (node.kind === 'map') {
      const values = node.mapValues();
      if (!values) return undefined;
      for (const x of Object.values(v as Record<string, unknown>)) {
        const m = walk(x, values, struct, path);
        if (m) return m;
      }
      return undefined;
    }
    if (node.kind === 'struct') {
      const name = node.modelName?.split('.').pop() ?? struct;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const field = node.field(k);
        if (!field) continue;
        const m = walk(x, field, name, path ? `${path}.${k}` : k);
        if (m) return m;
      }
    }
    return undefined;
  };
  return walk(value, root, kindName, '');
}

export function typeMismatchMessage(m: TypeMismatch): string {
  return `json: cannot unmarshal ${m.jsonType} into Go struct field ${m.struct}.${m.path} of type ${m.goType}`;
}
