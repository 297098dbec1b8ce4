/**
 * managedFields for Update operations (create, update, patch): every write records its manager,
 * the apiVersion it used and the fields it set, in the FieldsV1 format
 * (`{"f:data":{".":{},"f:key":{}}}`).
 *
 * Ownership follows structured-merge-diff's rule for updates: the writing manager gains the
 * fields whose value it changed (added or modified); those fields leave every other manager;
 * fields removed from the object leave everyone.
 *
 * Known approximation (until schema-aware server-side apply lands): without the OpenAPI schema,
 * every list is treated as atomic (owned as a whole), and a map whose values are all scalars
 * (labels, annotations, data) also records itself (".") like SMD's map types do.
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import { rfc3339 } from '../clock.js';
import { jsonEqual } from '../store/deep-equal.js';
import type { KubeObject } from '../store/types.js';

type Path = string[];
const SEP = '\u0001';
/** Metadata fields a client may own; the rest are server-owned and never recorded. */
const OWNABLE_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'];

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Leaf and map paths of a value; lists and scalars are leaves. */
function collect(value: unknown, prefix: Path, out: Map<string, Path>, isMapNode: boolean): void {
  if (isMap(value) && Object.keys(value).length > 0) {
    if (isMapNode) out.set([...prefix, '.'].join(SEP), [...prefix, '.']);
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const scalarMap = isMap(v) && Object.values(v).every((x) => !isMap(x) && !Array.isArray(x));
      collect(v, [...prefix, `f:${k}`], out, scalarMap);
    }
    return;
  }
  out.set(prefix.join(SEP), prefix);
}

/**
 * The fields a write can own. Writes to `/status` own only status; writes to the main resource
 * of a type with a status subresource never own status (the strategy resets it: ResetFields).
 */
function fieldPaths(obj: KubeObject, subresource: string, statusIsSubresource: boolean): Map<string, Path> {
  const out = new Map<string, Path>();
  const meta: Record<string, unknown> = {};
  for (const k of OWNABLE_METADATA)
    if ((obj.metadata as Record<string, unknown>)[k] !== undefined) meta[k] = (obj.metadata as Record<string, unknown>)[k];
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'kind' || k === 'apiVersion' || k === 'metadata') continue;
    if (subresource === 'status' && k !== 'status') continue;
    if (subresource !== 'status' && statusIsSubresource && k === 'status') continue;
    body[k] = v;
  }
  if (Object.keys(meta).length > 0) collect({ metadata: meta }, [], out, false);
  collect(body, [], out, false);
  out.delete('');
  return out;
}

function pathsToFieldsV1(paths: Iterable<Path>): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const p of paths) {
    let node = root;
    for (const seg of p) node = node[seg] ??= {};
  }
  return root;
}

function fieldsV1ToPaths(fields: unknown, prefix: Path = [], out: Map<string, Path> = new Map()): Map<string, Path> {
  if (!isMap(fields)) return out;
  const keys = Object.keys(fields);
  if (keys.length === 0 && prefix.length > 0) out.set(prefix.join(SEP), prefix);
  for (const k of keys) {
    if (k === '.') out.set([...prefix, '.'].join(SEP), [...prefix, '.']);
    else fieldsV1ToPaths(fields[k], [...prefix, k], out);
  }
  return out;
}

function valueAt(obj: unknown, path: Path): unknown {
  let v: unknown = obj;
  for (const seg of path) {
    if (seg === '.') return v;
    if (!isMap(v)) return undefined;
    v = v[seg.slice(2)];
  }
  return v;
}

/**
 * Updates `obj.metadata.managedFields` for a write by `manager` that turns `old` into `obj`.
 * Leaves the entries untouched when the write changes no field (so no-op writes stay no-ops).
 */
export function recordManagedFields(
  obj: KubeObject,
  old: KubeObject | undefined,
  manager: string,
  apiVersion: string,
  nowMs: number,
  subresource: string,
  statusIsSubresource: boolean,
): void {
  const current = fieldPaths(obj, subresource, statusIsSubresource);
  const previousAll = old ? fieldPaths(old, subresource, statusIsSubresource) : new Map<string, Path>();
  const changed = new Map<string, Path>();
  for (const [k, p] of current) {
    if (!old || !previousAll.has(k) || !jsonEqual(valueAt(obj, p), valueAt(old, p))) changed.set(k, p);
  }
  const removed = [...previousAll.keys()].filter((k) => !current.has(k));
  const entries: ManagedFieldsEntry[] = (old?.metadata.managedFields ?? obj.metadata.managedFields ?? []).map((e) => ({ ...e }));
  if (changed.size === 0 && removed.length === 0) {
    obj.metadata.managedFields = entries.length > 0 ? entries : undefined;
    if (!obj.metadata.managedFields) delete obj.metadata.managedFields;
    return;
  }
  const out: ManagedFieldsEntry[] = [];
  let mine: Map<string, Path> = new Map();
  for (const e of entries) {
    const paths = fieldsV1ToPaths(e.fieldsV1);
    const isMine = e.manager === manager && e.operation === 'Update' && (e.subresource ?? '') === subresource;
    for (const k of removed) paths.delete(k);
    if (isMine) {
      mine = paths;
      continue;
    }
    if (e.operation === 'Update' || e.operation === 'Apply') for (const k of changed.keys()) paths.delete(k);
    if (paths.size > 0) out.push({ ...e, fieldsV1: pathsToFieldsV1(paths.values()) });
  }
  for (const [k, p] of changed) mine.set(k, p);
  if (mine.size > 0) {
    const entry: ManagedFieldsEntry = {
      manager,
      operation: 'Update',
      apiVersion,
      time: rfc3339(nowMs),
      fieldsType: 'FieldsV1',
      fieldsV1: pathsToFieldsV1(mine.values()),
    };
    if (subresource) entry.subresource = subresource;
    out.push(entry);
  }
  if (out.length > 0) obj.metadata.managedFields = out;
  else delete obj.metadata.managedFields;
}
