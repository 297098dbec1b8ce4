/**
 * Strategic merge patch, applied as the apiserver applies it: a port of
 * apimachinery/pkg/util/strategicpatch/patch.go StrategicMergeMapPatch (mergeMap with
 * MergeParallelList and IgnoreUnmatchedNulls), driven by a SchemaNode's
 * `x-kubernetes-patch-strategy` and `x-kubernetes-patch-merge-key` (the OpenAPI form of the Go
 * struct tags upstream reads), or by a hand table when no schema is given.
 *
 * - Maps merge key by key; `null` deletes a key; a map with `$patch: replace` replaces, with
 *   `$patch: delete` becomes `{}`; `$retainKeys` drops the original's keys it does not list (and
 *   every non-null patch key must be listed).
 * - Lists with strategy `merge` merge: lists of maps by merge key (`$patch: delete` elements remove
 *   matches, a `$patch: replace` element replaces the list), lists of scalars as sets;
 *   `$deleteFromPrimitiveList/<f>` removes scalars; `$setElementOrder/<f>` orders the result.
 *   Other lists, and maps with strategy `replace`, are replaced. Ordering follows upstream exactly
 *   (new patch items come before server-only items they cannot be ordered against).
 * - Errors: see smp/errors.ts (400 format errors, 422 list of lists, 500 the rest).
 *
 * The inputs are not mutated. After the merge, directive keys left in values that were inserted
 * whole (`$patch`, `$retainKeys`, `$setElementOrder/...`, `$deleteFromPrimitiveList/...`) are
 * dropped, as the apiserver's conversion to the typed object drops them.
 */
import type { SchemaNode } from '../schema/types.js';
import {
  badArgType,
  badPatchType,
  badPrimitiveListFormat,
  badRetainKeysFormat,
  badSetElementOrderFormat,
  internal,
  MAP,
  noListOfLists,
  noMergeKey,
  notAnObject,
  SLICE,
} from './smp/errors.js';
import { goValue } from './smp/go-format.js';
import { LegacyPatchMeta, SchemaPatchMeta, type LookupPatchMeta, type PatchMeta } from './smp/meta.js';
import {
  deduplicateScalars,
  findByKey,
  goEqual,
  isMap,
  normalizeElementOrder,
  partition,
  splitDeletes,
  type JsonMap,
} from './smp/order.js';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

/**
 * Applies `patch` to `target` (a stored object, or anything: non-objects count as `{}`).
 * `schema` is the schema of the object's kind; without it the hand table is used.
 */
export function applyStrategicMergePatch(target: unknown, patch: unknown, schema?: SchemaNode): unknown {
  if (patch === null) return isMap(target) ? structuredClone(target) : {};
  if (!isMap(patch)) throw notAnObject(patch);
  const lookup: LookupPatchMeta = schema ? new SchemaPatchMeta(schema) : new LegacyPatchMeta();
  const original = isMap(target) ? (structuredClone(target) as JsonMap) : {};
  const merged = mergeMap(original, structuredClone(patch) as JsonMap, lookup);
  return stripDirectiveKeys(merged);
}

/** extractRetainKeysPatchStrategy: the non-retainKeys strategy of a field. */
function strategyOf(meta: PatchMeta): string {
  const s = meta.strategies;
  if (s.length === 0) return '';
  if (s.length === 1) return s[0] === 'retainKeys' ? '' : s[0]!;
  if (s.length === 2 && s[0] === 'retainKeys') return s[1]!;
  if (s.length === 2 && s[1] === 'retainKeys') return s[0]!;
  throw internal(`unexpected patch strategy: [${s.join(' ')}]`);
}

/** handleDirectiveInMergeMap. */
function mapDirective(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw badPatchType(directive, patch);
}

/** applyRetainKeysDirective (MergeParallelList). */
function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!(RETAIN_KEYS in patch)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw badRetainKeysFormat();
  const keep = (k: string) => list.some((x) => goEqual(x, k));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep(k)) throw badRetainKeysFormat();
  }
  for (const k of Object.keys(original)) if (!keep(k)) delete original[k];
}

/** extractKey: `<prefix>/<key>` → key. */
function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    throw prefix === DELETE_FROM_PRIMITIVE_LIST ? badPrimitiveListFormat() : badSetElementOrderFormat();
  }
  return s.slice(slash + 1);
}

/** Go kinds of decoded JSON, as reflect.TypeOf compares them. */
function kindOf(v: unknown): 'map' | 'slice' | 'scalar' | 'nil' {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  return typeof v === 'object' ? 'map' : 'scalar';
}

/** reflect.TypeOf equality: numbers are int64 when integral, float64 otherwise. */
function sameGoType(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  if (ka !== 'scalar') return true;
  if (typeof a !== typeof b) return false;
  return typeof a !== 'number' || Number.isInteger(a) === Number.isInteger(b as number);
}

/** sliceElementType: all elements of the lists have one type, and it is not a list. Returns 'map' or 'scalar'. */
function elementKind(...lists: unknown[][]): 'map' | 'scalar' {
  let first: unknown;
  let seen = false;
  for (const list of lists) {
    for (const v of list) {
      if (!seen) {
        seen = true;
        first = v;
        if (Array.isArray(v)) throw noListOfLists();
      } else if (!sameGoType(first, v)) {
        throw internal(`list element types are not identical: ${goValue(lists)}`);
      }
    }
  }
  if (!seen) throw internal('no elements in any of the given slices');
  return isMap(first) ? 'map' : 'scalar';
}

/** removeDirectives: drops maps carrying `$patch` (and the fields holding them). */
function removeDirectives(v: unknown): [unknown, boolean] {
  if (isMap(v)) {
    if (DIRECTIVE in v) return [undefined, false];
    for (const [k, x] of Object.entries(v)) {
      const [nx, keep] = removeDirectives(x);
      if (keep) v[k] = nx;
      else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const [nx, keep] = removeDirectives(x);
      if (keep) out.push(nx);
    }
    return [out, true];
  }
  return [v, true];
}

function discardNulls(v: unknown): void {
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete v[k];
      else discardNulls(x);
    }
  } else if (Array.isArray(v)) v.forEach(discardNulls);
}

/** Sets original[k] to the directive-free patch value, or deletes it if the value is a directive. */
function takePatchValue(original: JsonMap, k: string, v: unknown): void {
  discardNulls(v);
  const [nv, keep] = removeDirectives(v);
  if (keep) original[k] = nv;
  else delete original[k];
}

function mergeMap(original: JsonMap | null, patch: JsonMap, schema: LookupPatchMeta): JsonMap {
  if (DIRECTIVE in patch) return mapDirective(patch[DIRECTIVE], patch);
  const out = original ?? {};
  applyRetainKeys(out, patch);
  mergeSetElementOrder(out, patch, schema);

  for (const key of Object.keys(patch)) {
    const patchV = patch[key];
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      k = extractKey(key, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[k];
      continue;
    }
    if (!(k in out)) {
      if (!isDeleteList) takePatchValue(out, k, patchV);
      continue;
    }
    if (!sameGoType(out[k], patchV)) {
      if (!isDeleteList) takePatchValue(out, k, patchV);
      continue;
    }
    switch (kindOf(patchV)) {
      case 'map': {
        const [sub, meta] = schema.forStruct(k);
        const strategy = strategyOf(meta);
        out[k] = strategy === 'replace' ? patchV : mergeMap(out[k] as JsonMap, patchV as JsonMap, sub);
        break;
      }
      case 'slice': {
        const [sub, meta] = schema.forSlice(k);
        out[k] = mergeSliceHandler(out[k] as unknown[], patchV as unknown[], sub, strategyOf(meta), meta.mergeKey, isDeleteList);
        break;
      }
      default: {
        const [nv, keep] = removeDirectives(patchV);
        if (keep) out[k] = nv;
        else delete out[k];
      }
    }
  }
  return out;
}

/** mergePatchIntoOriginal: merges each `$setElementOrder/<f>` list with its field, in order. */
function mergeSetElementOrder(original: JsonMap, patch: JsonMap, schema: LookupPatchMeta): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType(SLICE, order);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = field in original;
    const foundPatch = field in patch;
    const originalList = original[field];
    const patchList = patch[field];
    if (foundOriginal && !Array.isArray(originalList)) throw badArgType(SLICE, originalList);
    if (foundPatch && !Array.isArray(patchList)) throw badArgType(SLICE, patchList);
    const origValue = (foundOriginal ? [...(originalList as unknown[])] : []) as unknown[];
    const patchValue = (foundPatch ? patchList : []) as unknown[];
    const [sub, meta] = schema.forSlice(field);
    const strategy = strategyOf(meta);
    validatePatchWithSetOrderList(patchValue, order, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = origValue;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchValue)[0] as unknown[];
    // `view` stands for Go's originalFieldValue, whose backing array mergeSlice mutates in place.
    else if (foundOriginal && foundPatch)
      merged = mergeSliceHandler([...origValue], patchValue, sub, strategy, meta.mergeKey, false, origValue);
    else continue;

    const [inPatch, serverOnly] = partition(merged, order, meta.mergeKey);
    const kind = elementKind(origValue, patchValue);
    original[field] = normalizeElementOrder(inPatch, serverOnly, order, origValue, meta.mergeKey, kind === 'map');
    delete patch[field];
  }
}

/** validatePatchWithSetOrderList: the patch list's order must agree with the order list. */
function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? splitDeletes(patchList)[0] : patchList;
  let p = 0;
  let o = 0;
  while (p < nonDelete.length && o < order.length) {
    if (isMap(nonDelete[p]) && DIRECTIVE in (nonDelete[p] as JsonMap)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], order[o], mergeKey)) p++;
    o++;
  }
  if (p < nonDelete.length && o >= order.length) {
    throw internal(`The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goValue(order)}\n`);
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return goEqual(left, right);
  if (!isMap(left)) throw badArgType(MAP, left);
  if (!isMap(right)) throw badArgType(MAP, right);
  if (!(mergeKey in left)) throw noMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw noMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

/** mergeSliceHandler: merge strategy (or a deletion list) merges; anything else replaces. */
function mergeSliceHandler(
  original: unknown[],
  patch: unknown[],
  schema: LookupPatchMeta,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  view?: unknown[],
): unknown[] {
  if (strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, isDeleteList, view);
  return patch;
}

/**
 * mergeSlice. `view`, when given, is mutated as Go mutates the backing array of the caller's
 * `original` slice: deletions shift elements left in place (the last slot keeps its old value),
 * and appended elements fill the freed slots. $setElementOrder then orders by that array, which
 * upstream's results depend on.
 */
function mergeSlice(
  original: unknown[],
  patch: unknown[],
  schema: LookupPatchMeta,
  mergeKey: string,
  isDeleteList: boolean,
  view?: unknown[],
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: unknown[];
  let orig = original;
  let pat: unknown[] = patch;
  if (kind !== 'map') {
    if (isDeleteList) return original.filter((v) => !patch.some((d) => goEqual(d, v)));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw internal(`cannot merge lists without merge key for ${schema.name()}`);
    [orig, pat] = mergeSliceWithSpecialElements(original, patch, mergeKey, view);
    merged = mergeSliceWithoutSpecialElements(orig, pat, mergeKey, schema, view);
  }
  const [inPatch, serverOnly] = partition(merged, pat, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, pat, orig, mergeKey, kind === 'map');
}

/** Applies `$patch: delete` elements and detects `$patch: replace`; returns [original, patch]. */
function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, view?: unknown[]): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  let orig = original;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!(DIRECTIVE in m)) {
      plain.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
      for (let i = findByKey(orig, mergeKey, m[mergeKey]); i >= 0; i = findByKey(orig, mergeKey, m[mergeKey])) {
        if (view) for (let j = i; j < orig.length - 1; j++) view[j] = view[j + 1];
        orig = [...orig.slice(0, i), ...orig.slice(i + 1)];
      }
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') throw internal('merging lists cannot yet be specified in the patch');
    else throw badPatchType(directive, m);
  }
  return replace ? [plain, []] : [orig, plain];
}

function mergeSliceWithoutSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  schema: LookupPatchMeta,
  view?: unknown[],
): unknown[] {
  const out = [...original];
  const write = (i: number, v: unknown) => {
    out[i] = v;
    if (view && i < view.length) view[i] = v;
  };
  for (const v of patch) {
    const m = v as JsonMap;
    if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
    const i = findByKey(out, mergeKey, m[mergeKey]);
    if (i >= 0) write(i, mergeMap(out[i] as JsonMap, m, schema));
    else write(out.length, v);
  }
  return out;
}

function isDirectiveKey(k: string): boolean {
  return k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(`${SET_ELEMENT_ORDER}/`) || k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`);
}

/** Drops directive keys that survived the merge inside inserted values (see the header). */
function stripDirectiveKeys<T>(v: T): T {
  if (Array.isArray(v)) v.forEach(stripDirectiveKeys);
  else if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (isDirectiveKey(k)) delete v[k];
      else stripDirectiveKeys(x);
    }
  }
  return v;
}
