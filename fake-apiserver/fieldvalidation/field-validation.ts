/**
 * Field validation of request bodies (fieldValidation=Strict|Warn|Ignore, default Warn), as the
 * real server's decoding does it:
 * - type mismatches against the typed schema are always a 400
 *   (`Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal ...`);
 * - duplicate and unknown fields are a 400 `strict decoding error: duplicate field "metadata.name",
 *   unknown field "foo"` with Strict, `Warning: 299 - "unknown field \"foo\""` headers with Warn,
 *   and nothing with Ignore. Patches with Strict answer 422 on field `patch`.
 * Custom resources: unknown fields are those pruning would drop.
 */
import { badRequest, StatusError } from '../errors/status.js';
import { builtinSchemas } from '../schema/openapi-source.js';
import type { SchemaNode } from '../schema/types.js';
import type { Strategy } from '../registry/strategy.js';
import type { KubeObject } from '../store/types.js';
import { duplicateFields } from './duplicate-fields.js';
import { firstTypeMismatch, typeMismatchMessage } from './type-check.js';
import { pruneUnknown, unknownFields } from './unknown-fields.js';

export type FieldValidationMode = 'Strict' | 'Warn' | 'Ignore';

function schemaOf(s: Strategy): SchemaNode | undefined {
  if (s.custom) return undefined;
  try {
    return builtinSchemas().forKind(s.info.group, s.info.version, s.info.kind);
  } catch {
    return undefined; // no schema data: validate nothing rather than fail the request
  }
}

function unknownOf(s: Strategy, obj: Record<string, unknown>, schema: SchemaNode | undefined): string[] {
  if (s.customMeta) return s.customMeta.schema.prune(structuredClone(obj));
  return unknownFields(obj, schema);
}

/**
 * Checks a create/update body and drops what typed decoding would drop (unknown fields, nulls);
 * returns the Warning texts to send. `rawJson` is the request text when it was JSON (duplicates
 * can only be seen in the text).
 */
export function checkObjectBody(
  s: Strategy,
  obj: Record<string, unknown>,
  rawJson: string | undefined,
  mode: FieldValidationMode,
): string[] {
  const warnings = problemsOf(s, obj, rawJson, mode);
  pruneUnknown(obj, schemaOf(s));
  return warnings;
}

function problemsOf(s: Strategy, obj: Record<string, unknown>, rawJson: string | undefined, mode: FieldValidationMode): string[] {
  const kind = s.info.kind;
  const schema = schemaOf(s);
  const prefix = `${kind} in version "${s.info.version}" cannot be handled as a ${kind}`;
  if (schema) {
    const mismatch = firstTypeMismatch(obj, schema, kind);
    if (mismatch) throw badRequest(`${prefix}: ${typeMismatchMessage(mismatch)}`);
  }
  if (mode === 'Ignore') return [];
  const problems = [
    ...(rawJson ? duplicateFields(rawJson).map((f) => `duplicate field "${f}"`) : []),
    ...unknownOf(s, obj, schema).map((f) => `unknown field "${f}"`),
  ];
  if (problems.length === 0) return [];
  if (mode === 'Strict') throw badRequest(`${prefix}: strict decoding error: ${problems.join(', ')}`);
  return problems;
}

/** Checks the result of a JSON/merge/strategic patch; returns Warning texts. */
export function checkPatchedObject(s: Strategy, obj: KubeObject, mode: FieldValidationMode): string[] {
  const warnings = patchProblems(s, obj, mode);
  pruneUnknown(obj, schemaOf(s));
  return warnings;
}

function patchProblems(s: Strategy, obj: KubeObject, mode: FieldValidationMode): string[] {
  const schema = schemaOf(s);
  if (schema) {
    const mismatch = firstTypeMismatch(obj, schema, s.info.kind);
    if (mismatch) throw invalidPatch(obj, typeMismatchMessage(mismatch), true);
  }
  if (mode === 'Ignore') return [];
  const problems = unknownOf(s, obj as Record<string, unknown>, schemaOf(s)).map((f) => `unknown field "${f}"`);
  if (problems.length === 0) return [];
  if (mode === 'Strict') throw invalidPatch(obj, `strict decoding error: ${problems.join(', ')}`, false);
  return problems;
}

/**
 * The 422 a patch whose result cannot be decoded gets: field `patch`, the patched object as JSON
 * (top-level keys sorted, as Go marshals the unstructured map; observed with managedFields for
 * type errors and without for strict-decoding errors).
 */
function invalidPatch(obj: KubeObject, detail: string, withManagedFields: boolean): StatusError {
  const { managedFields, ...meta } = obj.metadata;
  const top = { ...obj, metadata: withManagedFields && managedFields ? { ...meta, managedFields } : meta } as Record<string, unknown>;
  const sorted = Object.keys(top)
    .filter((k) => top[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(top[k])}`);
  const message = `Invalid value: ${JSON.stringify(`{${sorted.join(',')}}`)}: ${detail}`;
  return new StatusError(422, 'Invalid', ` "" is invalid: patch: ${message}`, {
    causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }],
  });
}
