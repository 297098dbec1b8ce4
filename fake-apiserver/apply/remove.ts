/**
 * TypedValue.RemoveItems (SMD typed/remove.go): a copy of a value without the fields, map keys
 * and list items named in a set. A set member removes the node and everything below it; a
 * subtree recurses.
 *
 * Divergence from the Go walker, by design: where SMD leaves a `null` behind (a map or list that
 * became empty, which Go's typed conversion then drops as an omitempty zero value), this returns
 * `undefined` and the key or item is dropped from the JSON.
 */
import { deduceAtom, fieldType, resolveAtom, type TypeRef } from './atoms.js';
import { fieldPE, type FieldSet } from './fieldpath.js';
import { listItemPE } from './list-items.js';
import { isMap, type JsonMap } from './value.js';

export function removeItems(value: unknown, toRemove: FieldSet, type: TypeRef | undefined): unknown {
  if (toRemove.empty()) return value;
  const a = deduceAtom(resolveAtom(type), value);
  if (a.map) {
    if (!isMap(value) || a.map.atomic) return value;
    const out: JsonMap = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const pe = fieldPE(k);
      if (toRemove.hasMember(pe)) continue;
      const sub = toRemove.withPrefix(pe);
      const nv = sub.empty() ? v : removeItems(v, sub, fieldType(a.map, k).type);
      if (nv !== undefined) out[k] = nv;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (a.scalar) return value;
  if (a.list) {
    if (!Array.isArray(value) || value.length === 0 || a.list.atomic) return value;
    const out: unknown[] = [];
    value.forEach((item, i) => {
      let pe;
      try {
        pe = listItemPE(a.list!, i, item);
      } catch {
        out.push(item);
        return;
      }
      if (toRemove.hasMember(pe)) return;
      const sub = toRemove.withPrefix(pe);
      const nv = sub.empty() ? item : removeItems(item, sub, a.list!.elem);
      if (nv !== undefined) out.push(nv);
    });
    return out.length > 0 ? out : undefined;
  }
  return value;
}
