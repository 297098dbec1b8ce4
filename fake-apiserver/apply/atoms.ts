/**
 * The merge-relevant shape of a schema node: SMD's `schema.Atom` (scalar | list | map), derived
 * from a SchemaNode the way kube-openapi's schemaconv does, with SMD's deduced type as fallback.
 *
 * Rules (kube-openapi pkg/schemaconv):
 * - lists: `x-kubernetes-list-type` atomic | set | map (keys from `x-kubernetes-list-map-keys`);
 *   without it, `x-kubernetes-patch-strategy: merge` means associative (keyed by
 *   `x-kubernetes-patch-merge-key` if present, else a set); anything else is atomic.
 * - maps and structs: `x-kubernetes-map-type: atomic` makes them one leaf; otherwise granular.
 * - a struct's undeclared fields: deduced if `x-kubernetes-preserve-unknown-fields`, else they
 *   have no type (`NO_TYPE`): the patch validator reports "field not declared in schema"; the
 *   other walkers (which only see stored, already-pruned objects) treat them as deduced.
 * - no schema, or an `untyped` node: SMD's deduced type (`__untyped_deduced_`): maps granular,
 *   lists atomic, any scalar.
 */
import type { SchemaNode } from '../schema/types.js';
import { isMap } from './value.js';

/** A type reference: a schema node, the deduced type, or "no element type". */
export type TypeRef = SchemaNode | typeof DEDUCED | typeof NO_TYPE;

export const DEDUCED = Symbol('deduced');
export const NO_TYPE = Symbol('no-type');

export type ScalarKind = 'string' | 'numeric' | 'boolean' | 'untyped';

export interface ListAtom {
  readonly elem: TypeRef;
  readonly atomic: boolean;
  /** Associative list keys; empty for a set (or an atomic list). */
  readonly keys: readonly string[];
}

export interface MapAtom {
  /** The struct node, for declared fields; undefined for maps. */
  readonly struct?: SchemaNode;
  readonly elem: TypeRef;
  readonly atomic: boolean;
}

export interface Atom {
  readonly scalar?: ScalarKind;
  readonly list?: ListAtom;
  readonly map?: MapAtom;
}

const DEDUCED_ATOM: Atom = {
  scalar: 'untyped',
  list: { elem: DEDUCED, atomic: true, keys: [] },
  map: { elem: DEDUCED, atomic: false },
};

const cache = new WeakMap<SchemaNode, Atom>();

export function resolveAtom(t: TypeRef | undefined): Atom {
  if (t === undefined || t === DEDUCED || t === NO_TYPE) return DEDUCED_ATOM;
  const hit = cache.get(t);
  if (hit) return hit;
  const atom = atomOf(t);
  cache.set(t, atom);
  return atom;
}

function atomOf(n: SchemaNode): Atom {
  switch (n.kind) {
    case 'scalar':
      return { scalar: scalarKind(n.scalarType, (n as { format?: unknown }).format) };
    case 'struct':
      return { map: { struct: n, elem: n.preserveUnknownFields ? DEDUCED : NO_TYPE, atomic: n.mapType === 'atomic' } };
    case 'map':
      return { map: { elem: n.mapValues() ?? DEDUCED, atomic: n.mapType === 'atomic' } };
    case 'list':
      return { list: listAtom(n) };
    default:
      return DEDUCED_ATOM;
  }
}

/**
 * schemaconv's convertPrimitive: a string with a format other than `byte` (date-time, ...) is an
 * untyped scalar. `format` is read when the node carries it (it is not part of the contract).
 */
function scalarKind(t: SchemaNode['scalarType'], format: unknown): ScalarKind {
  if (t === 'string') return typeof format === 'string' && format !== '' && format !== 'byte' ? 'untyped' : 'string';
  if (t === 'integer' || t === 'number') return 'numeric';
  if (t === 'boolean') return 'boolean';
  return 'untyped';
}

function listAtom(n: SchemaNode): ListAtom {
  const elem = n.listItems() ?? DEDUCED;
  if (n.listType === 'atomic') return { elem, atomic: true, keys: [] };
  if (n.listType === 'set') return { elem, atomic: false, keys: [] };
  if (n.listType === 'map') return { elem, atomic: false, keys: n.listMapKeys ?? [] };
  const strategy = n.patchStrategy;
  if (strategy === 'merge' || strategy === 'merge,retainKeys') {
    return { elem, atomic: false, keys: n.patchMergeKey ? [n.patchMergeKey] : [] };
  }
  return { elem, atomic: true, keys: [] };
}

/** The type of a map entry: the declared field, else the element type. */
export function fieldType(m: MapAtom, name: string): { type: TypeRef; declared: boolean } {
  const f = m.struct?.field(name);
  if (f) return { type: f, declared: true };
  return { type: m.elem, declared: false };
}

/** deduceAtom: the single alternative matching the value; the whole atom for null or a mismatch. */
export function deduceAtom(a: Atom, v: unknown): Atom {
  if (v === undefined || v === null) return a;
  if (Array.isArray(v)) return a.list ? { list: a.list } : a;
  if (isMap(v)) return a.map ? { map: a.map } : a;
  return a.scalar ? { scalar: a.scalar } : a;
}

export function sameAtom(a: Atom, b: Atom): boolean {
  return a.scalar === b.scalar && a.list === b.list && a.map === b.map;
}

/** The default of a list-map key field, from the item schema. */
export function keyDefault(elem: TypeRef, key: string): unknown {
  if (elem === DEDUCED || elem === NO_TYPE) return undefined;
  return elem.kind === 'struct' ? elem.field(key)?.defaultValue : undefined;
}
