/**
 * Field paths and field sets (sigs.k8s.io/structured-merge-diff fieldpath/) with the exact
 * FieldsV1 serialization managedFields use.
 *
 * A path element is one of:
 * - `f:<name>`   a field of a struct or a key of a map (name written raw, not JSON-quoted);
 * - `k:{...}`    an item of a `listType: map` list, by its key fields, sorted by name;
 * - `v:<json>`   an item of a `listType: set` list, by its value;
 * - `i:<n>`      an item of an atomic list by index (SMD only produces these in paths of
 *                validation errors, never in managedFields, since atomic lists are leaves).
 *
 * A set is a tree: `members` are paths that are in the set, `children` are subtrees. In FieldsV1
 * a member leaf is `{}`, and a node that is both a member and has children carries `".": {}`,
 * written first (SMD >= v4.4 order); siblings are sorted by PathElement.Compare (fields, then
 * keys, then values, then indexes).
 *
 * Invariants:
 * - A PathElement's serialized form is canonical: two elements are equal iff their serialized
 *   strings are equal. Sets key their maps by it.
 * - Sets never keep empty child subtrees (SMD: "we aren't permitted to add nodes with no elements").
 * - Unknown element prefixes in FieldsV1 are dropped on parse, as SMD does for forward compatibility.
 */
import { goCompare, goMarshal, goQuoteJSON } from './go-json.js';
import { compareValues, isMap, valueToString, type JsonMap } from './value.js';

export interface KeyField {
  readonly name: string;
  readonly value: unknown;
}

export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: readonly KeyField[] }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

export type Path = readonly PathElement[];

export function fieldPE(name: string): PathElement {
  return { kind: 'field', name };
}

/** A list-map key; fields are sorted by name as value.FieldList.Sort does. */
export function keyPE(fields: readonly KeyField[]): PathElement {
  return { kind: 'key', fields: [...fields].sort((a, b) => goCompare(a.name, b.name)) };
}

export function valuePE(value: unknown): PathElement {
  return { kind: 'value', value };
}

export function indexPE(index: number): PathElement {
  return { kind: 'index', index };
}

const RANK: Record<PathElement['kind'], number> = { field: 0, key: 1, value: 2, index: 3 };

/** PathElement.Compare. */
export function comparePE(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return RANK[a.kind] < RANK[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field':
      return goCompare(a.name, (b as typeof a).name);
    case 'key': {
      const fa = a.fields;
      const fb = (b as typeof a).fields;
      for (let i = 0; i < Math.min(fa.length, fb.length); i++) {
        const c = goCompare(fa[i].name, fb[i].name);
        if (c !== 0) return c;
        const cv = compareValues(fa[i].value, fb[i].value);
        if (cv !== 0) return cv;
      }
      return fa.length === fb.length ? 0 : fa.length < fb.length ? -1 : 1;
    }
    case 'value':
      return compareValues(a.value, (b as typeof a).value);
    case 'index': {
      const ib = (b as typeof a).index;
      return a.index < ib ? -1 : a.index > ib ? 1 : 0;
    }
  }
}

/** SerializePathElement: the FieldsV1 key of one element. */
export function serializePE(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `f:${pe.name}`;
    case 'key':
      return `k:{${pe.fields.map((f) => `${goQuoteJSON(f.name)}:${goMarshal(f.value)}`).join(',')}}`;
    case 'value':
      return `v:${goMarshal(pe.value)}`;
    case 'index':
      return `i:${pe.index}`;
  }
}

export class UnknownPathElementType extends Error {}

/** DeserializePathElement. Throws on malformed input; UnknownPathElementType for other prefixes. */
export function parsePE(s: string): PathElement {
  if (s.length < 2) throw new Error('key must be 2 characters long:');
  if (s[1] !== ':') throw new Error(`missing colon: ${s}`);
  const body = s.slice(2);
  switch (s[0]) {
    case 'f':
      return fieldPE(body);
    case 'v':
      return valuePE(JSON.parse(body));
    case 'k': {
      const obj: unknown = JSON.parse(body);
      if (!isMap(obj)) throw new Error(`expected key value pairs but got ${body}`);
      return keyPE(Object.entries(obj).map(([name, value]) => ({ name, value })));
    }
    case 'i': {
      if (!/^[+-]?\d+$/.test(body)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(body)}: invalid syntax`);
      return indexPE(Number(body));
    }
    default:
      throw new UnknownPathElementType('unknown path element type');
  }
}

/** PathElement.String, as conflict messages print it: `.name`, `[k=v,...]`, `[=v]`, `[i]`. */
export function peToString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `.${pe.name}`;
    case 'key':
      return `[${pe.fields.map((f) => `${f.name}=${valueToString(f.value)}`).join(',')}]`;
    case 'value':
      return `[=${valueToString(pe.value)}]`;
    case 'index':
      return `[${pe.index}]`;
  }
}

export function pathToString(p: Path): string {
  return p.map(peToString).join('');
}

interface Child {
  readonly pe: PathElement;
  readonly set: FieldSet;
}

/** fieldpath.Set. Mutated only through `insert`; set algebra returns new sets. */
export class FieldSet {
  private readonly members = new Map<string, PathElement>();
  private readonly children = new Map<string, Child>();

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds `p`; parents are NOT added. The empty path (the whole object) is never tracked. */
  insert(p: Path): void {
    if (p.length === 0) return;
    const last = p[p.length - 1];
    p.slice(0, -1)
      .reduce<FieldSet>((s, pe) => s.descend(pe), this)
      .members.set(serializePE(last), last);
  }

  private descend(pe: PathElement): FieldSet {
    const k = serializePE(pe);
    let c = this.children.get(k);
    if (!c) {
      c = { pe, set: new FieldSet() };
      this.children.set(k, c);
    }
    return c.set;
  }

  has(p: Path): boolean {
    if (p.length === 0) return false;
    const parent = p.slice(0, -1).reduce<FieldSet | undefined>((s, pe) => s?.children.get(serializePE(pe))?.set, this);
    return !!parent && parent.members.has(serializePE(p[p.length - 1]));
  }

  hasMember(pe: PathElement): boolean {
    return this.members.has(serializePE(pe));
  }

  empty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.set.empty()) return false;
    return true;
  }

  /** Members plus members of all subtrees. */
  size(): number {
    let n = this.members.size;
    for (const c of this.children.values()) n += c.set.size();
    return n;
  }

  /** The subtree under `pe` (empty if none), without the prefix. */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(serializePE(pe))?.set ?? new FieldSet();
  }

  private addChild(k: string, pe: PathElement, set: FieldSet): void {
    if (!set.empty()) this.children.set(k, { pe, set });
  }

  union(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, pe] of o.members) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      out.addChild(k, c.pe, oc ? c.set.union(oc.set) : c.set);
    }
    for (const [k, c] of o.children) if (!this.children.has(k)) out.addChild(k, c.pe, c.set);
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (oc) out.addChild(k, c.pe, c.set.intersection(oc.set));
    }
    return out;
  }

  /**
   * Set.Difference: leaf members are removed; subtrees are diffed only against the other set's
   * subtrees, so a parent member in `o` does not remove this set's children (SMD behaviour).
   */
  difference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      out.addChild(k, c.pe, oc ? c.set.difference(oc.set) : c.set);
    }
    return out;
  }

  /** Set.RecursiveDifference: a member of `o` also removes this set's whole subtree below it. */
  recursiveDifference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      if (o.members.has(k)) continue;
      const oc = o.children.get(k);
      out.addChild(k, c.pe, oc ? c.set.recursiveDifference(oc.set) : c.set);
    }
    return out;
  }

  equals(o: FieldSet): boolean {
    if (this.members.size !== o.members.size || this.children.size !== o.children.size) return false;
    for (const k of this.members.keys()) if (!o.members.has(k)) return false;
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (!oc || !c.set.equals(oc.set)) return false;
    }
    return true;
  }

  sortedMembers(): PathElement[] {
    return [...this.members.values()].sort(comparePE);
  }

  sortedChildren(): Child[] {
    return [...this.children.values()].sort((a, b) => comparePE(a.pe, b.pe));
  }

  /** Set.Iterate: every member path, members of a node before its subtrees, each sorted. */
  paths(prefix: PathElement[] = []): Path[] {
    const out: Path[] = [];
    for (const pe of this.sortedMembers()) out.push([...prefix, pe]);
    for (const c of this.sortedChildren()) out.push(...c.set.paths([...prefix, c.pe]));
    return out;
  }

  /** SetToFields: the FieldsV1 JSON object. */
  toFieldsV1(): JsonMap {
    return this.emit(false);
  }

  private emit(includeSelf: boolean): JsonMap {
    const out: JsonMap = {};
    const entries: { pe: PathElement; member: boolean; child?: FieldSet }[] = [];
    for (const [k, pe] of this.members) {
      const c = this.children.get(k);
      entries.push({ pe, member: true, child: c?.set });
    }
    for (const [k, c] of this.children) if (!this.members.has(k)) entries.push({ pe: c.pe, member: false, child: c.set });
    if (includeSelf && entries.length > 0) out['.'] = {};
    entries.sort((a, b) => comparePE(a.pe, b.pe));
    for (const e of entries) out[serializePE(e.pe)] = e.child ? e.child.emit(e.member) : {};
    return out;
  }

  /** FieldsToSet. Throws on a malformed element or a non-object node. */
  static fromFieldsV1(fields: unknown): FieldSet {
    if (fields === null || fields === undefined) return new FieldSet();
    if (!isMap(fields)) throw new Error('expected a JSON object for FieldsV1');
    return readNode(fields).children ?? new FieldSet();
  }
}

/** readIterV1: returns the node's children and whether the node itself is a member. */
function readNode(node: JsonMap): { children: FieldSet | undefined; isMember: boolean } {
  let children: FieldSet | undefined;
  let isMember = false;
  for (const [key, value] of Object.entries(node)) {
    if (key === '.') {
      isMember = true;
      continue;
    }
    let pe: PathElement;
    try {
      pe = parsePE(key);
    } catch (e) {
      if (e instanceof UnknownPathElementType) continue;
      throw new Error(`parsing key as path element: ${(e as Error).message}`);
    }
    if (!isMap(value)) throw new Error(`expected an object under ${JSON.stringify(key)}`);
    const sub = readNode(value);
    children ??= new FieldSet();
    if (sub.isMember) children.insert([pe]);
    if (sub.children) for (const p of sub.children.paths()) children.insert([pe, ...p]);
  }
  if (!children) isMember = true;
  return { children, isMember };
}
