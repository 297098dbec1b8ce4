/**
 * TypedValue.Merge with the "keep RHS" rule (SMD typed/merge.go): the result of applying a
 * partially specified object (`rhs`) on top of `lhs`.
 *
 * - Leaves (scalars, atomic lists/maps, and containers empty or null on both sides) take RHS
 *   when RHS has them, else LHS. An explicit `null` in RHS is a value and wins at a leaf.
 * - Granular maps merge key by key; nothing is ever removed by a merge.
 * - Granular lists merge item by item (by key or by value), ordered by `zipLists`.
 * - Where the two sides have different shapes (map vs list vs scalar), RHS's shape wins and
 *   LHS is treated as absent at that node.
 *
 * Failure modes: items of RHS whose key cannot be built are dropped (the patch validator reports
 * them first); duplicate keys in LHS are kept as they are unless RHS names that key, in which
 * case the merged item replaces all of them.
 */
import { deduceAtom, fieldType, resolveAtom, type Atom, type ListAtom, type MapAtom, type TypeRef } from './atoms.js';
import { indexList, zipLists } from './list-items.js';
import { isMap, type JsonMap } from './value.js';

/** Returns the merged value, or undefined when both sides are absent. */
export function merge(lhs: unknown, rhs: unknown, type: TypeRef | undefined): unknown {
  if (lhs === undefined && rhs === undefined) return undefined;
  const a = resolveAtom(type);
  // SMD handles the LHS atom too when the kinds differ, but only for side effects; the result
  // always comes from RHS's atom (the whole atom when RHS is absent).
  return handle(deduceAtom(a, rhs), lhs, rhs);
}

function leaf(lhs: unknown, rhs: unknown): unknown {
  return rhs !== undefined ? rhs : lhs;
}

function handle(a: Atom, lhs: unknown, rhs: unknown): unknown {
  if (a.map) return mergeMap(a.map, lhs, rhs);
  if (a.scalar) return leaf(lhs, rhs);
  if (a.list) return mergeList(a.list, lhs, rhs);
  return leaf(lhs, rhs);
}

function mergeMap(m: MapAtom, lhs: unknown, rhs: unknown): unknown {
  const l = isMap(lhs) ? lhs : undefined;
  const r = isMap(rhs) ? rhs : undefined;
  const emptyBoth = (!l || Object.keys(l).length === 0) && (!r || Object.keys(r).length === 0);
  if (m.atomic || emptyBoth) return leaf(lhs, rhs);
  const out: JsonMap = {};
  for (const [k, lv] of Object.entries(l ?? {})) {
    if (lv === undefined) continue;
    const v = merge(lv, r?.[k], fieldType(m, k).type);
    if (v !== undefined) out[k] = v;
  }
  for (const [k, rv] of Object.entries(r ?? {})) {
    if (rv === undefined || (l && l[k] !== undefined)) continue;
    const v = merge(undefined, rv, fieldType(m, k).type);
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function mergeList(list: ListAtom, lhs: unknown, rhs: unknown): unknown {
  const l = Array.isArray(lhs) ? lhs : undefined;
  const r = Array.isArray(rhs) ? rhs : undefined;
  const emptyBoth = (!l || l.length === 0) && (!r || r.length === 0);
  if (list.atomic || emptyBoth) return leaf(lhs, rhs);
  const li = indexList(list, l);
  const ri = indexList(list, r);
  const out: unknown[] = [];
  zipLists(li, ri, (_pe, key, lv, rv) => {
    const v = merge(lv, rv, list.elem);
    if (v !== undefined) out.push(v);
    if (rv === undefined) out.push(...(li.duplicates.get(key) ?? []));
  });
  return out.length > 0 ? out : undefined;
}
