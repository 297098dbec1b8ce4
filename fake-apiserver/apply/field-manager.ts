/**
 * The field manager: managedFields for every write, and server-side apply. A port of the
 * managedfields/internal manager chain, outermost first:
 *
 *   versionCheck → lastAppliedUpdater → lastAppliedManager → skipNonApplied → capManagers →
 *   buildManagerInfo → managedFieldsUpdater → stripMeta → structuredMerge (SMD Updater)
 *
 * `update` is FieldManager.UpdateNoErrors (create, update, and non-apply patches); `apply` is
 * FieldManager.Apply. Both take and return plain JSON objects and never mutate their inputs.
 *
 * What the caller (registry) still owns: defaulting the applied result (structuredMerge runs the
 * defaulter after merging), resetting the values of reset fields (the strategy's
 * PrepareForUpdate), RV/uid preconditions, and skipping no-op writes.
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import { rfc3339 } from '../clock.js';
import { invalidOptions, required } from '../errors/field-errors.js';
import { badRequest, StatusError } from '../errors/status.js';
import type { SchemaNode } from '../schema/types.js';
import type { KubeObject } from '../store/types.js';
import { capUpdateManagers } from './cap-managers.js';
import { conflictError } from './conflict.js';
import { fieldPE, FieldSet } from './fieldpath.js';
import { allowedConflictsFromLastApplied, buildLastApplied, hasLastApplied, setLastApplied } from './last-applied.js';
import {
  cloneManaged,
  decodeManagedFields,
  emptyManaged,
  encodeManagedFields,
  isResetManagedFields,
  managerIdentifier,
  type Managed,
} from './managed.js';
import { rootType } from './schema-nodes.js';
import { stripMeta } from './strip-meta.js';
import { ConflictsError, Updater } from './updater.js';
import { validate, validationErrorString } from './validate.js';
import { isMap, withoutNullFields, type JsonMap } from './value.js';
import { fillZero } from './zero-value.js';

export interface FieldManagerOptions {
  /** The endpoint's group/version: `v1`, `apps/v1`. Recorded as the entry's apiVersion. */
  readonly apiVersion: string;
  /** `''` (or absent) for the main resource; `status`, `scale` for subresources. */
  readonly subresource?: string;
  /** Wall clock in milliseconds; entries record it in whole seconds. */
  readonly now: number;
  /** The kind's schema at this version. Absent: SMD's deduced type, with metadata as ObjectMeta. */
  readonly schema?: SchemaNode;
  /**
   * The strategy's reset fields for this endpoint (GetResetFields), as field-name paths:
   * typically `[['status']]` for the main resource and `[['spec']]` (plus e.g.
   * `['metadata','labels']`) for `/status`. Writes never gain ownership of them and never
   * conflict on them.
   */
  readonly resetFields?: readonly (readonly string[])[];
  /** The Go zero value of the kind (`goZeroObject`); omit for custom resources. */
  readonly zero?: unknown;
}

export interface ApplyOptions extends FieldManagerOptions {
  /** The endpoint's kind; the patch must have this apiVersion and kind. */
  readonly kind: string;
  /** `?force=true`: take conflicting fields instead of failing. */
  readonly force?: boolean;
}

export interface FieldManagerResult {
  /** A copy of the object with `metadata.managedFields` set, or removed when there are none. */
  readonly object: KubeObject;
  readonly managedFields: ManagedFieldsEntry[] | undefined;
}

export interface ApplyResult extends FieldManagerResult {
  /** False when the apply left the object's content unchanged (managedFields may still change). */
  readonly changed: boolean;
}

const CURRENT_OPERATION = 'current-operation';
const BEFORE_FIRST_APPLY = 'before-first-apply';

interface Ctx {
  readonly updater: Updater;
  readonly type: SchemaNode;
  readonly apiVersion: string;
  readonly subresource: string;
  readonly time: string;
  readonly zero: unknown;
}

function context(o: FieldManagerOptions): Ctx {
  const type = rootType(o.schema);
  const ignored = o.resetFields?.length ? FieldSet.of(...o.resetFields.map((p) => p.map(fieldPE))) : undefined;
  const zero = o.zero;
  return {
    updater: new Updater({ type, ignored, compareView: zero === undefined ? undefined : (v) => fillZero(v, zero) }),
    type,
    apiVersion: o.apiVersion,
    subresource: o.subresource ?? '',
    time: rfc3339(o.now),
    zero,
  };
}

function withoutManagedFields(obj: JsonMap): JsonMap {
  if (!isMap(obj.metadata) || !('managedFields' in obj.metadata)) return obj;
  const meta = { ...obj.metadata };
  delete meta.managedFields;
  return { ...obj, metadata: meta };
}

function withManagedFields(obj: JsonMap, entries: ManagedFieldsEntry[] | undefined): KubeObject {
  const meta: JsonMap = isMap(obj.metadata) ? { ...obj.metadata } : {};
  if (entries) meta.managedFields = entries;
  else delete meta.managedFields;
  return { ...obj, metadata: meta } as KubeObject;
}

function decodeOrEmpty(entries: unknown): Managed {
  try {
    return decodeManagedFields(entries as ManagedFieldsEntry[] | undefined);
  } catch {
    return emptyManaged();
  }
}

/**
 * The Update chain below skipNonApplied: capManagers → buildManagerInfo → managedFieldsUpdater →
 * stripMeta → structuredMerge. The writer gains the fields it changed; its entry's time moves to
 * now only when it changed something.
 */
function updateChain(ctx: Ctx, live: unknown, next: unknown, managedIn: Managed, manager: string): Managed {
  const id = managerIdentifier({
    manager: manager || 'unknown',
    operation: 'Update',
    apiVersion: ctx.apiVersion,
    subresource: ctx.subresource,
  });
  const managed = cloneManaged(managedIn);
  const fields = ctx.updater.Update(live ?? {}, next, ctx.apiVersion, managed.fields, CURRENT_OPERATION);
  const out: Managed = { fields, times: managed.times };
  stripMeta(out, CURRENT_OPERATION);
  const vs = fields.get(CURRENT_OPERATION);
  if (vs) {
    fields.delete(CURRENT_OPERATION);
    const prev = fields.get(id);
    fields.set(id, prev ? { set: vs.set.union(prev.set), apiVersion: vs.apiVersion, applied: vs.applied } : vs);
    out.times.set(id, ctx.time);
  }
  capUpdateManagers(out);
  return out;
}

/**
 * managedFields for a create, update or non-apply patch: `live` is the stored object (undefined
 * for a create), `next` the object about to be stored. Never throws: on an internal error the
 * live object's managedFields are kept (UpdateNoErrors).
 *
 * managedFields in `next` are honoured for the main resource (a client may rewrite or, with
 * `[]` or `[{}]`, clear them); subresource writes always start from the live entries.
 */
export function update(live: KubeObject | undefined, next: KubeObject, manager: string, opts: FieldManagerOptions): FieldManagerResult {
  try {
    const ctx = context(opts);
    let managed: Managed;
    if (ctx.subresource) managed = decodeOrEmpty(live?.metadata.managedFields);
    else if (isResetManagedFields(next.metadata?.managedFields)) managed = emptyManaged();
    else {
      managed = decodeOrEmpty(next.metadata?.managedFields);
      if (managed.fields.size === 0) managed = decodeOrEmpty(live?.metadata.managedFields);
    }
    const nextObj = withoutManagedFields(next);
    // skipNonApplied: an existing object without managedFields stays untracked.
    if (managed.fields.size === 0 && live?.metadata.uid) return { object: withManagedFields(nextObj, undefined), managedFields: undefined };
    const liveObj = live ? withoutManagedFields(live) : ctx.zero;
    const entries = encodeManagedFields(updateChain(ctx, liveObj, nextObj, managed, manager));
    return { object: withManagedFields(nextObj, entries), managedFields: entries };
  } catch {
    const entries = live?.metadata.managedFields as ManagedFieldsEntry[] | undefined;
    return { object: withManagedFields(next, entries), managedFields: entries };
  }
}

/** schema.ParseGroupVersion, lenient: an invalid string yields an empty group/version. */
function parseGroupVersion(gv: string): { group: string; version: string } {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: '', version: '' };
}

function gvString(gv: { group: string; version: string }): string {
  return gv.group ? `${gv.group}/${gv.version}` : gv.version;
}

function gvkString(apiVersion: string, kind: string): string {
  const gv = parseGroupVersion(apiVersion);
  return `${gv.group}/${gv.version}, Kind=${kind}`;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * structuredMergeManager.Apply plus the wrappers between it and skipNonApplied. Throws
 * ConflictsError, or a StatusError for a bad patch.
 */
function applyChain(
  ctx: Ctx,
  live: JsonMap,
  patch: JsonMap,
  managedIn: Managed,
  manager: string,
  force: boolean,
): { object: JsonMap; managed: Managed; changed: boolean } {
  let managed = managedIn;
  let liveObj = live;
  // skipNonApplied: an object nobody manages yet gets its current fields recorded first.
  if (managed.fields.size === 0) {
    managed = updateChain(ctx, ctx.zero ?? { apiVersion: patch.apiVersion, kind: patch.kind }, liveObj, managed, BEFORE_FIRST_APPLY);
  }
  const id = managerIdentifier({ manager, operation: 'Apply', apiVersion: ctx.apiVersion, subresource: ctx.subresource });

  // structuredMergeManager.Apply
  const patchGV = gvString(parseGroupVersion(str(patch.apiVersion)));
  const expected = gvString(parseGroupVersion(ctx.apiVersion));
  if (patchGV !== expected) {
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${patchGV}, expected: ${expected}`);
  }
  const patchMeta = isMap(patch.metadata) ? patch.metadata : {};
  if (Array.isArray(patchMeta.managedFields)) throw badRequest('metadata.managedFields must be nil');
  const errs = validate(patch, ctx.type);
  if (errs.length > 0) {
    const where = `${str(patchMeta.namespace)}/${str(patchMeta.name)}; ${gvkString(str(patch.apiVersion), str(patch.kind))}`;
    throw new StatusError(500, '', `failed to create typed patch object (${where}): ${validationErrorString(errs)}`);
  }
  const result = ctx.updater.Apply(liveObj, patch, ctx.apiVersion, managed.fields, id, force);
  const out: Managed = { fields: result.managers, times: new Map(managed.times) };
  stripMeta(out, id);

  // managedFieldsUpdater.Apply: the applier's time moves only when the object changed.
  if (result.object !== undefined) {
    out.times.set(id, ctx.time);
    liveObj = result.object as JsonMap;
  }
  return { object: withoutNullFields(liveObj), managed: out, changed: result.object !== undefined };
}

/**
 * Server-side apply of `patch` (the decoded apply-patch+yaml body) by `manager` onto `live`
 * (undefined: the object does not exist and the apply creates it).
 *
 * Throws StatusError: 422 without a manager; 400 `invalid object type: <gvk>` when the patch's
 * apiVersion/kind is not the endpoint's; 400 `metadata.managedFields must be nil`; 500
 * `failed to create typed patch object (...)` for a patch that does not fit the schema; 409 with
 * FieldManagerConflict causes on conflicts unless `force`.
 */
export function apply(live: KubeObject | undefined, patch: Record<string, unknown>, manager: string, opts: ApplyOptions): ApplyResult {
  if (!manager) throw invalidOptions('PatchOptions', [required('fieldManager', 'is required for apply patch')]);
  const ctx = context(opts);

  // versionCheckManager: the applied object must be of the endpoint's group/version/kind.
  const patchGVK = gvkString(str(patch.apiVersion), str(patch.kind));
  if (patchGVK !== gvkString(opts.apiVersion, opts.kind)) throw badRequest(`invalid object type: ${patchGVK}`);

  let managed: Managed;
  try {
    managed = decodeManagedFields(live?.metadata.managedFields);
  } catch (e) {
    throw new StatusError(500, '', `failed to decode managed fields: ${(e as Error).message}`);
  }
  const liveObj = live ? withoutManagedFields(live) : {};

  let result: ReturnType<typeof applyChain>;
  try {
    result = applyChain(ctx, liveObj, patch, managed, manager, !!opts.force);
  } catch (e) {
    if (!(e instanceof ConflictsError)) throw e;
    // lastAppliedManager: "kubectl" may take over what it owned through client-side apply.
    const allowed = manager === 'kubectl' && live ? allowedConflictsFromLastApplied(live, opts.apiVersion, ctx.type) : undefined;
    if (!allowed) throw conflictError(e.conflicts);
    const remaining = e.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw conflictError(remaining);
    result = applyChain(ctx, liveObj, patch, managed, manager, true);
  }

  // lastAppliedUpdater: keep kubectl's client-side annotation in step with what it applied.
  let object = result.object;
  if (manager === 'kubectl' && hasLastApplied(object)) object = setLastApplied(object, buildLastApplied(patch));

  const entries = encodeManagedFields(result.managed);
  return { object: withManagedFields(object, entries), managedFields: entries, changed: result.changed };
}
