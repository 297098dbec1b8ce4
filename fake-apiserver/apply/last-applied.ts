/**
 * Interop with kubectl's client-side apply annotation, for the manager named exactly "kubectl"
 * (managedfields/internal lastappliedmanager.go, lastappliedupdater.go, lastapplied.go):
 *
 * - Upgrade: a conflicting apply by "kubectl" is forced when every conflicting field was in the
 *   last-applied configuration with the value the live object still has (kubectl owned it
 *   client-side). Other conflicts are still reported.
 * - Sync: after a successful apply by "kubectl" on an object that carries the annotation, the
 *   annotation is rewritten to the applied configuration (without the annotation itself),
 *   encoded like Go's json.Encoder (sorted keys, trailing newline). If that would push the
 *   object's annotations over 256 KiB, the annotation is dropped instead.
 */
import type { TypeRef } from './atoms.js';
import { compare } from './compare.js';
import type { FieldSet } from './fieldpath.js';
import { goMarshal } from './go-json.js';
import { toFieldSet } from './to-field-set.js';
import { validate } from './validate.js';
import { cloneValue, isMap, type JsonMap } from './value.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10);

function annotations(obj: unknown): JsonMap | undefined {
  const meta = isMap(obj) ? obj.metadata : undefined;
  const a = isMap(meta) ? meta.annotations : undefined;
  return isMap(a) ? a : undefined;
}

export function hasLastApplied(obj: unknown): boolean {
  const v = annotations(obj)?.[LAST_APPLIED_ANNOTATION];
  return typeof v === 'string' && v.length > 0;
}

/** buildLastApplied: the configuration without the annotation, as json.Encoder writes it. */
export function buildLastApplied(config: JsonMap): string {
  const copy = cloneValue(config);
  const a = annotations(copy);
  if (a) delete a[LAST_APPLIED_ANNOTATION];
  return goMarshal(copy) + '\n';
}

/** SetLastApplied, on a copy of `obj`. */
export function setLastApplied(obj: JsonMap, value: string): JsonMap {
  const meta = isMap(obj.metadata) ? { ...obj.metadata } : {};
  const a: JsonMap = { ...(annotations(obj) ?? {}) };
  a[LAST_APPLIED_ANNOTATION] = value;
  let size = 0;
  for (const [k, v] of Object.entries(a)) size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) delete a[LAST_APPLIED_ANNOTATION];
  meta.annotations = a;
  return { ...obj, metadata: meta };
}

/**
 * allowedConflictsFromLastApplied: the fields of the last-applied configuration whose value the
 * live object still has. Undefined when there is no usable annotation (then nothing is allowed).
 */
export function allowedConflictsFromLastApplied(live: JsonMap, groupVersion: string, type: TypeRef): FieldSet | undefined {
  const raw = annotations(live)?.[LAST_APPLIED_ANNOTATION];
  if (typeof raw !== 'string' || raw === '') return undefined;
  let last: unknown;
  try {
    last = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isMap(last) || last.apiVersion !== groupVersion) return undefined;
  if (validate(last, type).length > 0) return undefined;
  const set = toFieldSet(last, type);
  const c = compare(last, live, type);
  return set.difference(c.modified).difference(c.added).difference(c.removed);
}
