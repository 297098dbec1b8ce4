/**
 * ObjectMeta validation, ported from Kubernetes v1.35.4:
 * - apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMetaAccessor, ...AccessorUpdate,
 *   ValidateAnnotations, ValidateOwnerReferences, ValidateFinalizers, ValidateNoNewFinalizers),
 * - apimachinery/pkg/apis/meta/v1/validation (ValidateLabels, ValidateManagedFields),
 * - pkg/apis/core/validation ValidateObjectMeta/ValidateObjectMetaUpdate/ValidateObjectMetaWithOpts,
 *   which add the legacy finalizer-name rule (validateKubeFinalizerName),
 * - apiserver/pkg/registry/rest/{create,update}.go, which run a generic pass with
 *   path.ValidatePathSegmentName around the type's own validation.
 *
 * How a registry composes them (this is what the real server does, duplicates included):
 * - create: `errs = strategyValidate(obj)` (= validateObjectMetaCreate + type rules); only if that is
 *   empty, `errs = validateGenericCreate(meta, namespaced)`. Name generation must already have
 *   happened (the name validated is the generated one; generateName is validated too, in prefix mode).
 * - update: `errs = [...validateGenericUpdate(new, old, namespaced), ...strategyValidateUpdate(new, old)]`
 *   where the strategy part usually is validateObjectMetaUpdate + a full create-style validation of
 *   the new object. Identical errors appear more than once in `causes`; upstream's aggregated
 *   message lists each distinct text once (field.ErrorList.ToAggregate).
 *   Before validating, rest.BeforeUpdate copies generation, uid (if empty), creationTimestamp,
 *   deletionTimestamp and (if dropped) deletionGracePeriodSeconds from the old object; the checks
 *   below on those fields only fire if the caller skipped that.
 *
 * Failure modes kept from upstream: labels and annotations are Go maps, so upstream reports their
 * errors in random order; here they follow the object's key order. Every function returns a fresh
 * array and never throws on missing fields (missing = Go zero value).
 */
import { forbiddenField, invalid, required, type FieldError } from '../errors/field-errors.js';
import { goSortStrings, goStringSlice, byteLength } from './go-text.js';
import { isQualifiedName, isValidLabelValue } from './format.js';
import { validateNamespaceName, validatePathSegmentName, type MetaValidationFlavour, type NameValidator } from './names.js';
import { validateFieldManager } from './options.js';
import { tooLongBytes } from './too-long.js';

export interface OwnerReferenceInput {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean | null;
  blockOwnerDeletion?: boolean | null;
}

export interface ManagedFieldsEntryInput {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: unknown;
  subresource?: string;
}

/** The ObjectMeta fields validation reads; kubernetes-types' ObjectMeta is assignable to it. */
export interface ObjectMetaInput {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  deletionGracePeriodSeconds?: number | null;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  ownerReferences?: OwnerReferenceInput[] | null;
  finalizers?: string[] | null;
  managedFields?: ManagedFieldsEntryInput[] | null;
}

export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';
/** objectmeta.go TotalAnnotationSizeLimitB: keys plus values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);
export const MAX_SUBRESOURCE_NAME_LENGTH = 256;
export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';
/** core helper.IsStandardFinalizerName. */
export const STANDARD_FINALIZERS: ReadonlySet<string> = new Set(['kubernetes', FINALIZER_ORPHAN_DEPENDENTS, FINALIZER_DELETE_DEPENDENTS]);

/** v1validation.ValidateLabels: keys are qualified names, values label values; field is the map's path. */
export function validateLabels(labels: Record<string, string> | null | undefined, field = 'metadata.labels'): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(field, k, msg));
    for (const msg of isValidLabelValue(v)) errs.push(invalid(field, v, msg));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names compared lower-cased; keys+values at most 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | null | undefined, field = 'metadata.annotations'): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(field, k, msg));
    total += byteLength(k) + byteLength(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLongBytes(field, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** An OwnerReference as Go's json.Marshal prints it (field order, omitempty on the two pointers). */
function ownerRefJSON(ref: OwnerReferenceInput): Record<string, unknown> {
  const out: Record<string, unknown> = {
    apiVersion: ref.apiVersion ?? '',
    kind: ref.kind ?? '',
    name: ref.name ?? '',
    uid: ref.uid ?? '',
  };
  if (ref.controller != null) out.controller = ref.controller;
  if (ref.blockOwnerDeletion != null) out.blockOwnerDeletion = ref.blockOwnerDeletion;
  return out;
}

/** schema.ParseGroupVersion: "" and "/" are the empty version; more than one '/' is an error. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: '', version: '' };
}

function validateOwnerReference(ref: OwnerReferenceInput, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const gv = parseGroupVersion(ref.apiVersion ?? '');
  const kind = ref.kind ?? '';
  if (gv.version === '') errs.push(invalid(`${field}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
  if (kind === '') errs.push(invalid(`${field}.kind`, kind, 'must not be empty'));
  if (!ref.name) errs.push(invalid(`${field}.name`, '', 'must not be empty'));
  if (!ref.uid) errs.push(invalid(`${field}.uid`, '', 'must not be empty'));
  // BannedOwners: only core/v1 Event. GroupVersionKind.String() is "<group>/<version>, Kind=<kind>".
  if (gv.group === '' && gv.version === 'v1' && kind === 'Event') {
    errs.push(invalid(field, ownerRefJSON(ref), `${gv.group}/${gv.version}, Kind=${kind} is disallowed from being an owner`));
  }
  return errs;
}

/** ValidateOwnerReferences: each reference complete; at most one with `controller: true`. */
export function validateOwnerReferences(refs: OwnerReferenceInput[] | null | undefined, field = 'metadata.ownerReferences'): FieldError[] {
  const errs: FieldError[] = [];
  const list = refs ?? [];
  let firstController = '';
  for (const ref of list) {
    errs.push(...validateOwnerReference(ref, field));
    if (ref.controller === true) {
      const current = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            field,
            list.map(ownerRefJSON),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

/** apimachinery ValidateFinalizers: qualified names; `orphan` and `foregroundDeletion` exclusive. */
export function validateFinalizers(finalizers: string[] | null | undefined, field = 'metadata.finalizers'): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) {
    for (const msg of isQualifiedName(f)) errs.push(invalid(field, f, msg));
  }
  if (list.includes(FINALIZER_DELETE_DEPENDENTS) && list.includes(FINALIZER_ORPHAN_DEPENDENTS)) {
    errs.push(invalid(field, [...list], `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`));
  }
  return errs;
}

/** core validateKubeFinalizerName, per index: a name without '/' must be a standard finalizer. */
export function validateKubeFinalizerNames(finalizers: string[] | null | undefined, field = 'metadata.finalizers'): FieldError[] {
  const errs: FieldError[] = [];
  (finalizers ?? []).forEach((f, i) => {
    if (f.split('/').length === 1 && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(`${field}[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

/** ValidateNoNewFinalizers: the new set may not have members the old one lacks (sorted, Go %#v). */
export function validateNoNewFinalizers(
  newFinalizers: string[] | null | undefined,
  oldFinalizers: string[] | null | undefined,
  field = 'metadata.finalizers',
): FieldError[] {
  const old = new Set(oldFinalizers ?? []);
  const extra = goSortStrings(new Set((newFinalizers ?? []).filter((f) => !old.has(f))));
  if (extra.length === 0) return [];
  return [
    forbiddenField(field, `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`),
  ];
}

/** v1validation.ValidateManagedFields. */
export function validateManagedFields(
  entries: ManagedFieldsEntryInput[] | null | undefined,
  field = 'metadata.managedFields',
): FieldError[] {
  const errs: FieldError[] = [];
  (entries ?? []).forEach((e, i) => {
    const p = `${field}[${i}]`;
    if (e.operation !== 'Apply' && e.operation !== 'Update') {
      errs.push(invalid(`${p}.operation`, e.operation ?? '', 'must be `Apply` or `Update`'));
    }
    if (e.fieldsType && e.fieldsType !== 'FieldsV1') errs.push(invalid(`${p}.fieldsType`, e.fieldsType, 'must be `FieldsV1`'));
    errs.push(...validateFieldManager(e.manager, `${p}.manager`));
    if (byteLength(e.subresource ?? '') > MAX_SUBRESOURCE_NAME_LENGTH)
      errs.push(tooLongBytes(`${p}.subresource`, MAX_SUBRESOURCE_NAME_LENGTH));
  });
  return errs;
}

/** validateObjectMetaAccessorWithOptsCommon: everything but name/generateName. */
function validateMetaCommon(meta: ObjectMetaInput, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ns = meta.namespace ?? '';
  if (namespaced) {
    if (ns === '') errs.push(required('metadata.namespace', ''));
    else for (const msg of validateNamespaceName(ns, false)) errs.push(invalid('metadata.namespace', ns, msg));
  } else if (ns !== '') {
    errs.push(forbiddenField('metadata.namespace', 'not allowed on this type'));
  }
  const generation = meta.generation ?? 0;
  if (generation < 0) errs.push(invalid('metadata.generation', generation, 'must be greater than or equal to 0'));
  errs.push(
    ...validateLabels(meta.labels),
    ...validateAnnotations(meta.annotations),
    ...validateOwnerReferences(meta.ownerReferences),
    ...validateFinalizers(meta.finalizers),
    ...validateManagedFields(meta.managedFields),
  );
  return errs;
}

/** apimachinery ValidateObjectMetaAccessor: generateName (prefix mode), name, then the rest. */
function validateObjectMetaAccessor(meta: ObjectMetaInput, namespaced: boolean, nameValidator: NameValidator): FieldError[] {
  const errs: FieldError[] = [];
  const generateName = meta.generateName ?? '';
  if (generateName !== '') {
    for (const msg of nameValidator(generateName, true)) errs.push(invalid('metadata.generateName', generateName, msg));
  }
  errs.push(...validateName(meta, nameValidator));
  errs.push(...validateMetaCommon(meta, namespaced));
  return errs;
}

function validateName(meta: ObjectMetaInput, nameValidator: NameValidator): FieldError[] {
  const name = meta.name ?? '';
  if (name === '') return [required('metadata.name', 'name or generateName is required')];
  return nameValidator(name, false).map((msg) => invalid('metadata.name', name, msg));
}

export interface ObjectMetaCreateOptions {
  namespaced: boolean;
  nameValidator: NameValidator;
  /**
   * Which upstream function the type's strategy calls (names.ts metaValidationRulesFor).
   * Default 'apimachinery' (the plain upstream function, as for custom resources); built-in types
   * mostly use 'core', which adds the legacy finalizer-name rule.
   */
  flavour?: MetaValidationFlavour;
}

/** The metadata part of a type's create validation (ValidateObjectMeta in the type's flavour). */
export function validateObjectMetaCreate(meta: ObjectMetaInput, opts: ObjectMetaCreateOptions): FieldError[] {
  const flavour = opts.flavour ?? 'apimachinery';
  switch (flavour) {
    case 'none':
      return [];
    case 'apimachinery':
      return validateObjectMetaAccessor(meta, opts.namespaced, opts.nameValidator);
    case 'core':
      return [...validateObjectMetaAccessor(meta, opts.namespaced, opts.nameValidator), ...validateKubeFinalizerNames(meta.finalizers)];
    case 'core-with-opts':
      // ValidateObjectMetaAccessorWithOpts: generateName is not validated, only the generated name.
      return [
        ...validateName(meta, opts.nameValidator),
        ...validateMetaCommon(meta, opts.namespaced),
        ...validateKubeFinalizerNames(meta.finalizers),
      ];
  }
}

/** metav1.Time as JSON: RFC 3339 in UTC with whole seconds; unset is null. */
function timeJSON(t: string | null | undefined): string | null {
  if (!t) return null;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return t;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sameTime(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  const ma = Date.parse(a);
  const mb = Date.parse(b);
  return Number.isNaN(ma) || Number.isNaN(mb) ? a === b : ma === mb;
}

/** apimachinery ValidateObjectMetaAccessorUpdate. */
function validateObjectMetaAccessorUpdate(newMeta: ObjectMetaInput, oldMeta: ObjectMetaInput): FieldError[] {
  const errs: FieldError[] = [];
  if (oldMeta.deletionTimestamp) errs.push(...validateNoNewFinalizers(newMeta.finalizers, oldMeta.finalizers));
  const rv = newMeta.resourceVersion ?? '';
  if (rv === '') errs.push(invalid('metadata.resourceVersion', rv, 'must be specified for an update'));
  const newGen = newMeta.generation ?? 0;
  if (newGen < (oldMeta.generation ?? 0)) errs.push(invalid('metadata.generation', newGen, 'must not be decremented'));

  const immutable = (field: string, changed: boolean, value: unknown) => {
    if (changed) errs.push(invalid(`metadata.${field}`, value, FIELD_IMMUTABLE_ERROR_MSG));
  };
  immutable('name', (newMeta.name ?? '') !== (oldMeta.name ?? ''), newMeta.name ?? '');
  immutable('namespace', (newMeta.namespace ?? '') !== (oldMeta.namespace ?? ''), newMeta.namespace ?? '');
  immutable('uid', (newMeta.uid ?? '') !== (oldMeta.uid ?? ''), newMeta.uid ?? '');
  immutable('creationTimestamp', !sameTime(newMeta.creationTimestamp, oldMeta.creationTimestamp), timeJSON(newMeta.creationTimestamp));
  immutable('deletionTimestamp', !sameTime(newMeta.deletionTimestamp, oldMeta.deletionTimestamp), timeJSON(newMeta.deletionTimestamp));
  const newGrace = newMeta.deletionGracePeriodSeconds ?? null;
  immutable('deletionGracePeriodSeconds', newGrace !== (oldMeta.deletionGracePeriodSeconds ?? null), newGrace);

  errs.push(
    ...validateLabels(newMeta.labels),
    ...validateAnnotations(newMeta.annotations),
    ...validateOwnerReferences(newMeta.ownerReferences),
    ...validateManagedFields(newMeta.managedFields),
  );
  return errs;
}

/**
 * The metadata part of a type's update validation (ValidateObjectMetaUpdate in the type's
 * flavour; 'core' and 'core-with-opts' add the legacy finalizer-name rule). Note that upstream
 * does not re-check finalizer formats here; type validators usually also run the create-style
 * validation on the new object, which does.
 */
export function validateObjectMetaUpdate(
  newMeta: ObjectMetaInput,
  oldMeta: ObjectMetaInput,
  opts: { flavour?: MetaValidationFlavour } = {},
): FieldError[] {
  const flavour = opts.flavour ?? 'apimachinery';
  if (flavour === 'none') return [];
  const errs = validateObjectMetaAccessorUpdate(newMeta, oldMeta);
  if (flavour === 'core' || flavour === 'core-with-opts') errs.push(...validateKubeFinalizerNames(newMeta.finalizers));
  return errs;
}

/** rest.BeforeCreate's generic pass, run only when the strategy's validation found nothing. */
export function validateGenericCreate(meta: ObjectMetaInput, namespaced: boolean): FieldError[] {
  return validateObjectMetaAccessor(meta, namespaced, validatePathSegmentName);
}

/** rest.BeforeUpdate's validateCommonFields, run before (and in addition to) the strategy's. */
export function validateGenericUpdate(newMeta: ObjectMetaInput, oldMeta: ObjectMetaInput, namespaced: boolean): FieldError[] {
  return [
    ...validateObjectMetaAccessor(newMeta, namespaced, validatePathSegmentName),
    ...validateObjectMetaAccessorUpdate(newMeta, oldMeta),
  ];
}
