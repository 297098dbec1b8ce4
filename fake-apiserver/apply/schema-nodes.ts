/**
 * Small constructors for SchemaNode values (the contract in ../schema/types.ts), used for the
 * built-in ObjectMeta fallback below and by tests. Children are thunks so schemas can recurse.
 */
import type { SchemaNode } from '../schema/types.js';

type Lazy = SchemaNode | (() => SchemaNode);

const force = (n: Lazy | undefined): SchemaNode | undefined => (typeof n === 'function' ? n() : n);

const BASE = {
  field: () => undefined,
  fieldNames: () => [] as string[],
  mapValues: () => undefined,
  listItems: () => undefined,
};

export function scalarNode(scalarType: NonNullable<SchemaNode['scalarType']>, extra: Partial<SchemaNode> = {}): SchemaNode {
  return { ...BASE, kind: 'scalar', scalarType, ...extra };
}

export function structNode(fields: Record<string, Lazy>, extra: Partial<Omit<SchemaNode, 'field' | 'fieldNames'>> = {}): SchemaNode {
  return {
    ...BASE,
    kind: 'struct',
    ...extra,
    field: (name) => (Object.prototype.hasOwnProperty.call(fields, name) ? force(fields[name]) : undefined),
    fieldNames: () => Object.keys(fields),
  };
}

export function mapNode(values: Lazy, extra: Partial<SchemaNode> = {}): SchemaNode {
  return { ...BASE, kind: 'map', ...extra, mapValues: () => force(values) };
}

export function listNode(items: Lazy, extra: Partial<SchemaNode> = {}): SchemaNode {
  return { ...BASE, kind: 'list', ...extra, listItems: () => force(items) };
}

export function untypedNode(extra: Partial<SchemaNode> = {}): SchemaNode {
  return { ...BASE, kind: 'untyped', ...extra };
}

const str = scalarNode('string');
const int = scalarNode('integer');
const bool = scalarNode('boolean');

/** io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference: `+structType=atomic`. */
const ownerReference = structNode(
  { apiVersion: str, kind: str, name: str, uid: str, controller: bool, blockOwnerDeletion: bool },
  { mapType: 'atomic' },
);

/** io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta, as far as merge semantics go. */
export const OBJECT_META: SchemaNode = structNode({
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: str,
  resourceVersion: str,
  generation: int,
  creationTimestamp: str,
  deletionTimestamp: str,
  deletionGracePeriodSeconds: int,
  labels: mapNode(str),
  annotations: mapNode(str),
  ownerReferences: listNode(ownerReference, { listType: 'map', listMapKeys: ['uid'], patchStrategy: 'merge', patchMergeKey: 'uid' }),
  finalizers: listNode(str, { listType: 'set', patchStrategy: 'merge' }),
  managedFields: listNode(untypedNode()),
});

/**
 * The root type the walkers use: the kind's schema when its `metadata` is ObjectMeta; otherwise
 * (no schema, an untyped root, or a root whose `metadata` is missing or untyped) the same struct
 * with `metadata` typed as ObjectMeta, preserving unknown fields when there is no schema. The real
 * server always types a custom resource's metadata as ObjectMeta (finalizers a set, labels a map).
 */
const roots = new WeakMap<SchemaNode, SchemaNode>();
let untypedRoot: SchemaNode | undefined;

function isObjectMeta(n: SchemaNode | undefined): boolean {
  return n?.kind === 'struct' && !!n.field('labels') && !!n.field('finalizers');
}

export function rootType(schema: SchemaNode | undefined): SchemaNode {
  const inner = schema && schema.kind === 'struct' ? schema : undefined;
  if (inner && isObjectMeta(inner.field('metadata'))) return inner;
  const hit = inner ? roots.get(inner) : untypedRoot;
  if (hit) return hit;
  const root: SchemaNode = {
    ...BASE,
    kind: 'struct',
    preserveUnknownFields: inner ? !!inner.preserveUnknownFields : true,
    field: (name) =>
      name === 'metadata' ? OBJECT_META : (inner?.field(name) ?? (name === 'apiVersion' || name === 'kind' ? str : undefined)),
    fieldNames: () => [...new Set(['apiVersion', 'kind', 'metadata', ...(inner?.fieldNames() ?? [])])],
  };
  if (inner) roots.set(inner, root);
  else untypedRoot = root;
  return root;
}
