/**
 * TypedValue.Compare (SMD typed/compare.go): which fields RHS added, modified or removed
 * relative to LHS.
 *
 * - A leaf (scalar, atomic list/map, or a container empty or null on both sides) is Added,
 *   Removed, or Modified when both sides have it with different values.
 * - A non-leaf node (granular map, struct, list, list item) present on only one side is itself
 *   Added or Removed, in addition to its children. This is why an Update that creates `labels`
 *   records `f:labels: {".": {}, ...}` while an update of existing labels does not.
 *
 * Invariant: no path is in more than one of the three sets; all empty means "no change".
 */
import { deduceAtom, fieldType, resolveAtom, sameAtom, type Atom, type ListAtom, type MapAtom, type TypeRef } from './atoms.js';
import { fieldPE, FieldSet, type PathElement } from './fieldpath.js';
import { indexList, zipLists } from './list-items.js';
import { isMap, valuesEqual } from './value.js';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

export function compare(lhs: unknown, rhs: unknown, type: TypeRef | undefined): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  if (lhs !== undefined || rhs !== undefined) node(c, lhs, rhs, type, []);
  return c;
}

export function isSame(c: Comparison): boolean {
  return c.added.empty() && c.modified.empty() && c.removed.empty();
}

/** Comparison.ExcludeFields: drops `fields` (and everything below them) from all three sets. */
export function excludeFields(c: Comparison, fields: FieldSet | undefined): Comparison {
  if (!fields || fields.empty()) return c;
  return {
    added: c.added.recursiveDifference(fields),
    modified: c.modified.recursiveDifference(fields),
    removed: c.removed.recursiveDifference(fields),
  };
}

function node(c: Comparison, lhs: unknown, rhs: unknown, t: TypeRef | undefined, path: PathElement[]): void {
  const a = resolveAtom(t);
  const al = deduceAtom(a, lhs);
  const ar = deduceAtom(a, rhs);
  let inLeaf: boolean;
  if (rhs === undefined) inLeaf = handle(c, al, lhs, rhs, path);
  else if (lhs === undefined || sameAtom(al, ar)) inLeaf = handle(c, ar, lhs, rhs, path);
  else {
    // Shapes differ: SMD walks LHS's atom on a copy of the walker, then RHS's atom.
    handle(c, al, lhs, rhs, path);
    inLeaf = handle(c, ar, lhs, rhs, path);
  }
  if (!inLeaf) {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
  }
}

function leaf(c: Comparison, lhs: unknown, rhs: unknown, path: PathElement[]): true {
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
  else if (!valuesEqual(lhs, rhs)) c.modified.insert(path);
  return true;
}

/** Returns true when the node was treated as a leaf. */
function handle(c: Comparison, a: Atom, lhs: unknown, rhs: unknown, path: PathElement[]): boolean {
  if (a.map) return compareMap(c, a.map, lhs, rhs, path);
  if (a.scalar) return leaf(c, lhs, rhs, path);
  if (a.list) return compareList(c, a.list, lhs, rhs, path);
  return leaf(c, lhs, rhs, path);
}

function compareMap(c: Comparison, m: MapAtom, lhs: unknown, rhs: unknown, path: PathElement[]): boolean {
  const l = isMap(lhs) ? lhs : undefined;
  const r = isMap(rhs) ? rhs : undefined;
  const emptyBoth = (!l || isEmptyMap(l)) && (!r || isEmptyMap(r));
  if (m.atomic || emptyBoth) return leaf(c, lhs, rhs, path);
  const keys = new Set<string>();
  for (const k of Object.keys(l ?? {})) if (l![k] !== undefined) keys.add(k);
  for (const k of Object.keys(r ?? {})) if (r![k] !== undefined) keys.add(k);
  for (const k of keys) node(c, l?.[k], r?.[k], fieldType(m, k).type, [...path, fieldPE(k)]);
  return false;
}

function isEmptyMap(m: Record<string, unknown>): boolean {
  for (const k in m) if (m[k] !== undefined) return false;
  return true;
}

function compareList(c: Comparison, list: ListAtom, lhs: unknown, rhs: unknown, path: PathElement[]): boolean {
  const l = Array.isArray(lhs) ? lhs : undefined;
  const r = Array.isArray(rhs) ? rhs : undefined;
  const emptyBoth = (!l || l.length === 0) && (!r || r.length === 0);
  if (list.atomic || emptyBoth) return leaf(c, lhs, rhs, path);
  zipLists(indexList(list, l), indexList(list, r), (pe, _key, lv, rv) => node(c, lv, rv, list.elem, [...path, pe]));
  return false;
}
