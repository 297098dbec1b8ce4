/**
 * Validation of an apply patch against its schema (SMD typed/validate.go), which the real server
 * runs while building the typed patch object. Error strings follow SMD's: a path such as
 * `.spec.foo` or `.spec.containers[name="x"].bar`, a colon, then the message; several errors are
 * `errors:\n  e1\n  e2`.
 *
 * Checks: undeclared fields of structs that do not preserve unknown fields (the first one per
 * object, as SMD stops iterating that map), scalar kinds, list item keys (missing key fields,
 * null or non-map items), and duplicate keys in sets and list-maps.
 *
 * Known gap: SMD renders a wrong-kind value with Go's `%#v`/`%T` of its internal value type;
 * this prints the JSON value instead.
 */
import { deduceAtom, fieldType, NO_TYPE, resolveAtom, type TypeRef } from './atoms.js';
import { fieldPE, indexPE, peToString, serializePE, type PathElement } from './fieldpath.js';
import { goCompare } from './go-json.js';
import { listItemPE } from './list-items.js';
import { isMap } from './value.js';

export function validate(value: unknown, type: TypeRef | undefined): string[] {
  const errs: string[] = [];
  walk(value, type, '', errs);
  return errs;
}

export function validationErrorString(errs: readonly string[]): string {
  return errs.length === 1 ? errs[0] : ['errors:', ...errs.map((e) => `  ${e}`)].join('\n');
}

function err(errs: string[], path: string, msg: string): void {
  errs.push(path ? `${path}: ${msg}` : msg);
}

function describe(v: unknown): string {
  return JSON.stringify(v);
}

function walk(v: unknown, t: TypeRef | undefined, path: string, errs: string[]): void {
  if (v === null || v === undefined) return;
  const a = deduceAtom(resolveAtom(t), v);
  if (a.map) {
    if (!isMap(v)) return err(errs, path, `expected map, got ${describe(v)}`);
    for (const k of Object.keys(v).sort(goCompare)) {
      if (v[k] === undefined) continue;
      const ft = fieldType(a.map, k);
      const p = path + peToString(fieldPE(k));
      if (!ft.declared && ft.type === NO_TYPE) return err(errs, p, 'field not declared in schema');
      walk(v[k], ft.type, p, errs);
    }
    return;
  }
  if (a.scalar) {
    if (a.scalar === 'numeric' && typeof v !== 'number') return err(errs, path, `expected numeric (int or float), got ${describe(v)}`);
    if (a.scalar === 'string' && typeof v !== 'string') return err(errs, path, `expected string, got ${describe(v)}`);
    if (a.scalar === 'boolean' && typeof v !== 'boolean') return err(errs, path, `expected boolean, got ${describe(v)}`);
    return;
  }
  if (a.list) {
    if (!Array.isArray(v)) return err(errs, path, `expected list, got ${describe(v)}`);
    const seen = new Set<string>();
    for (let i = 0; i < v.length; i++) {
      let pe: PathElement = indexPE(i);
      if (!a.list.atomic) {
        try {
          pe = listItemPE(a.list, i, v[i]);
        } catch (e) {
          // SMD bails out of the whole list on the first bad element.
          return err(errs, path, `element ${i}: ${(e as Error).message}`);
        }
        const key = serializePE(pe);
        if (seen.has(key)) err(errs, path, `duplicate entries for key ${peToString(pe)}`);
        seen.add(key);
      }
      walk(v[i], a.list.elem, path + peToString(pe), errs);
    }
  }
}
