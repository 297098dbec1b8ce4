/**
 * How a list item is addressed (SMD typed/helpers.go listItemToPathElement), and the item index
 * the merge and compare walkers build.
 *
 * - atomic lists: by index (`i:`);
 * - sets (associative, no keys): by value (`v:`); maps, lists and null items are errors;
 * - list-maps: by the key fields (`k:`); a missing key takes the key field's schema default,
 *   else it is an error.
 */
import { keyDefault, type ListAtom } from './atoms.js';
import { indexPE, keyPE, serializePE, valuePE, type KeyField, type PathElement } from './fieldpath.js';
import { isMap } from './value.js';

export class ListItemError extends Error {}

export function listItemPE(list: ListAtom, index: number, child: unknown): PathElement {
  if (list.atomic) return indexPE(index);
  if (list.keys.length > 0) {
    if (child === null) throw new ListItemError('associative list with keys may not have a null element');
    if (!isMap(child)) throw new ListItemError('associative list with keys may not have non-map elements');
    const fields: KeyField[] = [];
    for (const name of list.keys) {
      const v = child[name];
      if (v !== undefined) fields.push({ name, value: v });
      else {
        const def = keyDefault(list.elem, name);
        if (def === undefined || def === null) {
          throw new ListItemError(
            `associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)`,
          );
        }
        fields.push({ name, value: def });
      }
    }
    return keyPE(fields);
  }
  if (isMap(child)) throw new ListItemError("associative list without keys has an element that's a map type");
  if (Array.isArray(child)) throw new ListItemError('not supported: associative list with lists as elements');
  if (child === null) throw new ListItemError("associative list without keys has an element that's an explicit null");
  return valuePE(child);
}

export interface IndexedItem {
  readonly pe: PathElement;
  readonly key: string;
  readonly value: unknown;
}

export interface ListIndex {
  /** Items in list order, first occurrence of each key only. */
  readonly order: IndexedItem[];
  readonly byKey: Map<string, IndexedItem>;
  /** Items whose key repeats an earlier one (kept as-is by merge when not re-applied). */
  readonly duplicates: Map<string, unknown[]>;
  readonly errors: string[];
}

/** indexListPathElements. Items whose path element cannot be built are skipped and reported. */
export function indexList(list: ListAtom, items: readonly unknown[] | undefined): ListIndex {
  const idx: ListIndex = { order: [], byKey: new Map(), duplicates: new Map(), errors: [] };
  (items ?? []).forEach((value, i) => {
    let pe: PathElement;
    try {
      pe = listItemPE(list, i, value);
    } catch (e) {
      idx.errors.push(`element ${i}: ${(e as Error).message}`);
      return;
    }
    const key = serializePE(pe);
    if (idx.byKey.has(key)) {
      const d = idx.duplicates.get(key) ?? [];
      d.push(value);
      idx.duplicates.set(key, d);
      return;
    }
    const item = { pe, key, value };
    idx.byKey.set(key, item);
    idx.order.push(item);
  });
  return idx;
}

/**
 * The visiting order merge and compare share (SMD visitListItems): LHS order is kept, items only
 * in RHS are inserted where RHS puts them, and items in both follow RHS's relative order.
 * Calls `visit(key, lhs, rhs)` once per distinct key.
 */
export function zipLists(lhs: ListIndex, rhs: ListIndex, visit: (pe: PathElement, key: string, l: unknown, r: unknown) => void): void {
  const shared = rhs.order.filter((it) => lhs.byKey.has(it.key)).map((it) => it.key);
  let s = 0;
  let nextShared: string | undefined = shared[s++];
  const done = new Set<string>();
  const L = lhs.order;
  const R = rhs.order;
  let li = 0;
  let ri = 0;
  const take = (it: IndexedItem): void => {
    done.add(it.key);
    visit(it.pe, it.key, lhs.byKey.get(it.key)?.value, rhs.byKey.get(it.key)?.value);
  };
  while (li < L.length || ri < R.length) {
    if (li < L.length && done.has(L[li].key)) {
      li++;
      continue;
    }
    if (li < L.length && ri < R.length) {
      const l = L[li];
      if (l.key === R[ri].key) {
        take(l);
        li++;
        ri++;
        nextShared = shared[s++];
        continue;
      }
      if (rhs.byKey.has(l.key) && nextShared !== undefined && nextShared !== l.key) {
        li++;
        continue;
      }
    }
    if (li < L.length && !rhs.byKey.has(L[li].key)) {
      take(L[li]);
      li++;
      continue;
    }
    if (ri < R.length) {
      const r = R[ri];
      take(r);
      ri++;
      if (nextShared === r.key) nextShared = shared[s++];
      continue;
    }
    // Only reachable if an LHS item is shared but its RHS twin was already visited.
    li++;
  }
}
