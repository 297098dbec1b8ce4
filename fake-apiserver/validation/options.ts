/**
 * Validation of the write options (query parameters or DeleteOptions body), ported from Kubernetes
 * v1.35.4 apimachinery/pkg/apis/meta/v1/validation/validation.go. The handlers
 * (apiserver/pkg/endpoints/handlers/{create,update,patch,delete}.go) turn a non-empty list into
 * `invalidOptions('<Create|Update|Patch|Delete>Options', errs)`, i.e.
 * `CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["x"]: supported values: "All"`.
 *
 * Order of the returned errors is upstream's, so the aggregated message matches.
 * `undefined` and `null` both mean "not set" (Go nil pointer / nil slice / empty string).
 */
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../errors/field-errors.js';
import { byteLength, goRuneU, isGoPrint, runesWithByteOffsets } from './go-text.js';
import { tooLongBytes } from './too-long.js';

export const FIELD_MANAGER_MAX_LENGTH = 128;

/** ValidateFieldManager: at most 128 bytes, every rune printable (position is a byte offset). */
export function validateFieldManager(fieldManager: string | undefined | null, field = 'fieldManager'): FieldError[] {
  const fm = fieldManager ?? '';
  const errs: FieldError[] = [];
  if (byteLength(fm) > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLongBytes(field, FIELD_MANAGER_MAX_LENGTH));
  for (const { rune, offset } of runesWithByteOffsets(fm)) {
    if (!isGoPrint(rune)) errs.push(invalid(field, fm, `invalid character ${goRuneU(rune)} (at position ${offset})`));
  }
  return errs;
}

/** ValidateDryRun: every value must be "All"; the whole list is the reported value. */
export function validateDryRun(dryRun: readonly string[] | undefined | null, field = 'dryRun'): FieldError[] {
  const values = dryRun ?? [];
  if (values.every((v) => v === 'All')) return [];
  return [notSupported(field, [...values], ['All'])];
}

/** `sets.NewString("", "Ignore", "Warn", "Strict").List()`: sorted. */
const FIELD_VALIDATION_VALUES = ['', 'Ignore', 'Strict', 'Warn'];

/** ValidateFieldValidation. */
export function validateFieldValidation(value: string | undefined | null, field = 'fieldValidation'): FieldError[] {
  const v = value ?? '';
  if (FIELD_VALIDATION_VALUES.includes(v)) return [];
  return [notSupported(field, v, FIELD_VALIDATION_VALUES)];
}

export interface WriteOptionsInput {
  fieldManager?: string | null;
  dryRun?: string[] | null;
  fieldValidation?: string | null;
}

/** ValidateCreateOptions. */
export function validateCreateOptions(opts: WriteOptionsInput): FieldError[] {
  return [...validateFieldManager(opts.fieldManager), ...validateDryRun(opts.dryRun), ...validateFieldValidation(opts.fieldValidation)];
}

/** ValidateUpdateOptions (same rules as create). */
export function validateUpdateOptions(opts: WriteOptionsInput): FieldError[] {
  return validateCreateOptions(opts);
}

export interface PatchOptionsInput extends WriteOptionsInput {
  force?: boolean | null;
}

/** types.ApplyYAMLPatchType and types.ApplyCBORPatchType. */
const APPLY_PATCH_TYPES = new Set(['application/apply-patch+yaml', 'application/apply-patch+cbor']);

/**
 * ValidatePatchOptions. `patchType` is the request Content-Type's media type. Apply requires a
 * fieldManager; any other patch may not set `force`.
 */
export function validatePatchOptions(opts: PatchOptionsInput, patchType: string): FieldError[] {
  const errs: FieldError[] = [];
  if (APPLY_PATCH_TYPES.has(patchType)) {
    if (!opts.fieldManager) errs.push(required('fieldManager', 'is required for apply patch'));
  } else if (opts.force != null) {
    errs.push(forbiddenField('force', 'may not be specified for non-apply patch'));
  }
  errs.push(...validateFieldManager(opts.fieldManager), ...validateDryRun(opts.dryRun), ...validateFieldValidation(opts.fieldValidation));
  return errs;
}

export interface DeleteOptionsInput {
  propagationPolicy?: string | null;
  orphanDependents?: boolean | null;
  dryRun?: string[] | null;
  gracePeriodSeconds?: number | null;
  preconditions?: { uid?: string | null; resourceVersion?: string | null } | null;
  ignoreStoreReadErrorWithClusterBreakingPotential?: boolean | null;
}

export interface DeleteOptionsValidationConfig {
  /**
   * The alpha gate AllowUnsafeMalformedObjectDeletion (default off in 1.35). While off, the
   * handler clears `ignoreStoreReadErrorWithClusterBreakingPotential` before validating, so its
   * rules never fire.
   */
  allowUnsafeMalformedObjectDeletion?: boolean;
}

const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan'];

/**
 * ValidateDeleteOptions. `gracePeriodSeconds` is not validated here: a negative value is later
 * treated as 1 (apiserver/pkg/registry/rest/delete.go BeforeDelete).
 */
export function validateDeleteOptions(opts: DeleteOptionsInput, config: DeleteOptionsValidationConfig = {}): FieldError[] {
  const errs: FieldError[] = [];
  const policy = opts.propagationPolicy;
  if (opts.orphanDependents != null && policy != null) {
    errs.push(invalid('propagationPolicy', policy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (policy != null && !PROPAGATION_POLICIES.includes(policy)) {
    errs.push(notSupported('propagationPolicy', policy, [...PROPAGATION_POLICIES, 'nil']));
  }
  errs.push(...validateDryRun(opts.dryRun));
  if (config.allowUnsafeMalformedObjectDeletion && opts.ignoreStoreReadErrorWithClusterBreakingPotential === true) {
    const field = 'ignoreStoreReadErrorWithClusterBreakingPotential';
    if ((opts.dryRun ?? []).length > 0) errs.push(invalid(field, true, 'cannot be set together with .dryRun'));
    if (policy != null) errs.push(invalid(field, true, 'cannot be set together with .propagationPolicy'));
    if (opts.orphanDependents != null) errs.push(invalid(field, true, 'cannot be set together with .orphanDependents'));
    if (opts.gracePeriodSeconds != null) errs.push(invalid(field, true, 'cannot be set together with .gracePeriodSeconds'));
    if (opts.preconditions != null) errs.push(invalid(field, true, 'cannot be set together with .preconditions'));
  }
  return errs;
}

/**
 * ValidateTableOptions. Unlike the others this surfaces as a 400, built by the response writer:
 * `Unable to convert to Table as requested: <fieldErrorString(errs[0])>` (one error is all it can
 * produce).
 */
export function validateTableOptions(opts: { includeObject?: string | null }): FieldError[] {
  const v = opts.includeObject ?? '';
  if (v === '' || v === 'None' || v === 'Metadata' || v === 'Object') return [];
  return [invalid('includeObject', v, "must be 'Metadata', 'Object', 'None', or empty")];
}
