/**
 * managedFields on the wire (metav1.ManagedFieldsEntry[]) and in memory (SMD ManagedFields: a
 * map from manager identifier to a versioned field set), as
 * apimachinery/pkg/util/managedfields/internal/managedfields.go converts between them.
 *
 * The manager identifier is the JSON of the entry without fieldsType, fieldsV1 and time, and
 * without apiVersion for Apply entries: `{"manager":"kubectl-edit","operation":"Update",
 * "apiVersion":"v1"}`. So a manager that updates through two API versions has two entries, while
 * an applier has one per subresource.
 *
 * Encoded entries are sorted by operation ("Apply" < "Update"), then time (whole seconds; an
 * entry without a time sorts as 0), then manager, apiVersion and subresource.
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import { FieldSet } from './fieldpath.js';
import { goCompare, goQuoteJSON } from './go-json.js';
import { isMap } from './value.js';

export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

/** Identifier → versioned set, plus identifier → time (RFC 3339) where the entry had one. */
export interface Managed {
  readonly fields: Map<string, VersionedSet>;
  readonly times: Map<string, string | undefined>;
}

export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

export function cloneManaged(m: Managed): Managed {
  return { fields: new Map(m.fields), times: new Map(m.times) };
}

export interface ManagerInfo {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  subresource?: string;
}

/** BuildManagerIdentifier. */
export function managerIdentifier(e: ManagerInfo): string {
  const parts: string[] = [];
  if (e.manager) parts.push(`"manager":${goQuoteJSON(e.manager)}`);
  if (e.operation) parts.push(`"operation":${goQuoteJSON(e.operation)}`);
  if (e.apiVersion && e.operation !== 'Apply') parts.push(`"apiVersion":${goQuoteJSON(e.apiVersion)}`);
  if (e.subresource) parts.push(`"subresource":${goQuoteJSON(e.subresource)}`);
  return `{${parts.join(',')}}`;
}

/** The identifier's fields; a string that is not an identifier is a bare manager name. */
export function parseIdentifier(id: string): ManagerInfo & { ok: boolean } {
  try {
    const v: unknown = JSON.parse(id);
    if (isMap(v)) {
      const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
      return { ok: true, manager: s('manager'), operation: s('operation'), apiVersion: s('apiVersion'), subresource: s('subresource') };
    }
  } catch {
    // fall through
  }
  return { ok: false, manager: id };
}

/** DecodeManagedFields. Throws with the upstream message on an invalid entry. */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined | null): Managed {
  const m = emptyManaged();
  (entries ?? []).forEach((e, i) => {
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new Error('operation must be `Apply` or `Update`');
    if (!e.apiVersion) throw new Error('apiVersion must not be empty');
    if (!e.fieldsType) throw new Error(`missing fieldsType in managed fields entry ${i}`);
    if (e.fieldsType !== 'FieldsV1') throw new Error(`invalid fieldsType ${goQuoteJSON(e.fieldsType)} in managed fields entry ${i}`);
    const id = managerIdentifier(e);
    let set: FieldSet;
    try {
      set = FieldSet.fromFieldsV1(e.fieldsV1);
    } catch (err) {
      throw new Error(`error decoding versioned set from ${JSON.stringify(e)}: error decoding set: ${(err as Error).message}`);
    }
    m.fields.set(id, { set, apiVersion: e.apiVersion, applied: e.operation === 'Apply' });
    m.times.set(id, e.time);
  });
  return m;
}

function unixSeconds(t: string | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** encodeManagedFields: undefined when there are no managers (the field is then omitted). */
export function encodeManagedFields(m: Managed): ManagedFieldsEntry[] | undefined {
  if (m.fields.size === 0) return undefined;
  const out: ManagedFieldsEntry[] = [];
  for (const [id, vs] of m.fields) {
    const info = parseIdentifier(id);
    const e: Record<string, unknown> = {};
    if (info.manager) e.manager = info.manager;
    const operation = vs.applied ? 'Apply' : info.operation;
    if (operation) e.operation = operation;
    if (vs.apiVersion) e.apiVersion = vs.apiVersion;
    const time = m.times.get(id);
    if (time) e.time = time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = vs.set.toFieldsV1();
    if (info.subresource) e.subresource = info.subresource;
    out.push(e as ManagedFieldsEntry);
  }
  return out.sort(compareEntries);
}

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  if (p.operation !== q.operation) return goCompare(p.operation ?? '', q.operation ?? '');
  const ps = unixSeconds(p.time);
  const qs = unixSeconds(q.time);
  if (ps !== qs) return ps < qs ? -1 : 1;
  if (p.manager !== q.manager) return goCompare(p.manager ?? '', q.manager ?? '');
  if (p.apiVersion !== q.apiVersion) return goCompare(p.apiVersion ?? '', q.apiVersion ?? '');
  return goCompare(p.subresource ?? '', q.subresource ?? '');
}

/**
 * isResetManagedFields: a request that sends `managedFields: []` or `[{}]` asks to clear them.
 * (`null` or an absent field means "keep".)
 */
export function isResetManagedFields(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && isMap(entries[0]) && Object.values(entries[0]).every((v) => v === undefined || v === null || v === '');
}
