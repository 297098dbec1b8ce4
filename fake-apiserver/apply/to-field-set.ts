/**
 * The set of fields a value specifies (SMD typed/tofieldset.go), and EnsureNamedFieldsAreMembers.
 *
 * What becomes a member:
 * - every scalar leaf;
 * - an atomic list or atomic map/struct, as one leaf (its contents are not listed);
 * - every item of a granular list (`k:`/`v:`), besides its own children;
 * - every key of a granular map (labels, annotations, data), besides its children;
 * - NOT a declared struct field that has children (`f:spec` is only a parent), nor an empty or
 *   null granular map/list.
 */
import { deduceAtom, fieldType, resolveAtom, type Atom, type TypeRef } from './atoms.js';
import { fieldPE, FieldSet, type Path, type PathElement } from './fieldpath.js';
import { listItemPE } from './list-items.js';
import { isMap } from './value.js';

export function toFieldSet(value: unknown, type: TypeRef | undefined): FieldSet {
  const set = new FieldSet();
  walk(value, type, [], set);
  return set;
}

function walk(v: unknown, t: TypeRef | undefined, path: PathElement[], set: FieldSet): void {
  const a = deduceAtom(resolveAtom(t), v);
  if (a.map) {
    if (a.map.atomic) return set.insert(path);
    if (!isMap(v)) return;
    for (const [k, child] of Object.entries(v)) {
      if (child === undefined) continue;
      const ft = fieldType(a.map, k);
      const p = [...path, fieldPE(k)];
      walk(child, ft.type, p, set);
      if (!ft.declared) set.insert(p);
    }
    return;
  }
  if (a.scalar) return set.insert(path);
  if (a.list) {
    if (a.list.atomic) return set.insert(path);
    if (!Array.isArray(v)) return;
    v.forEach((child, i) => {
      let pe: PathElement;
      try {
        pe = listItemPE(a.list!, i, child);
      } catch {
        return; // reported by validation; stored objects never have such items
      }
      const p = [...path, pe];
      walk(child, a.list!.elem, p, set);
      set.insert(p);
    });
  }
}

/**
 * Set.EnsureNamedFieldsAreMembers: adds, as members, the declared struct fields that only appear
 * as parents. Prune uses it so that removing a manager's last field of a struct removes the
 * struct field too.
 */
export function ensureNamedFieldsAreMembers(s: FieldSet, t: TypeRef | undefined): FieldSet {
  const out = new FieldSet();
  build(s, t, [], out);
  return out;
}

function build(s: FieldSet, t: TypeRef | undefined, prefix: Path, out: FieldSet): void {
  const atom: Atom = resolveAtom(t);
  for (const pe of s.sortedMembers()) out.insert([...prefix, pe]);
  for (const c of s.sortedChildren()) {
    let childType: TypeRef | undefined;
    if (c.pe.kind === 'field' && atom.map) {
      const ft = fieldType(atom.map, c.pe.name);
      childType = ft.type;
      if (ft.declared && atom.map.struct) out.insert([...prefix, c.pe]);
    } else if (c.pe.kind === 'key' && atom.list) {
      childType = atom.list.elem;
    }
    build(c.set, childType, [...prefix, c.pe], out);
  }
}
