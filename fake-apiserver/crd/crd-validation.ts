/**
 * Defaulting and validation of CustomResourceDefinitions (apiextensions/v1 defaults.go and
 * validation/validation.go), for the rules clients commonly hit.
 */
import { invalid, notSupported, required, type FieldError } from '../errors/field-errors.js';
import type { KubeObject } from '../store/types.js';

type Obj = Record<string, any>;

export function defaultCrd(crd: KubeObject): void {
  const spec = (crd.spec ??= {}) as Obj;
  const names = (spec.names ??= {}) as Obj;
  if (typeof names.kind === 'string') {
    names.singular ??= names.kind.toLowerCase();
    names.listKind ??= `${names.kind}List`;
  }
  spec.conversion ??= { strategy: 'None' };
  if (Array.isArray(spec.versions)) {
    for (const v of spec.versions) {
      if (v && typeof v === 'object' && Array.isArray(v.additionalPrinterColumns)) {
        for (const c of v.additionalPrinterColumns) if (c && typeof c === 'object') c.priority ??= undefined;
      }
    }
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validateCrd(crd: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = (crd.spec ?? {}) as Obj;
  const names = (spec.names ?? {}) as Obj;
  const group = spec.group;
  if (!group) errs.push(required('spec.group', ''));
  else if (typeof group !== 'string' || !group.includes('.'))
    errs.push(invalid('spec.group', group, 'should be a domain with at least one dot'));
  if (!names.plural) errs.push(required('spec.names.plural', ''));
  else if (!DNS_LABEL.test(names.plural))
    errs.push(
      invalid(
        'spec.names.plural',
        names.plural,
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ),
    );
  if (!names.kind) errs.push(required('spec.names.kind', ''));
  if (names.plural && group && crd.metadata.name !== `${names.plural}.${group}`) {
    errs.push(invalid('metadata.name', crd.metadata.name ?? '', 'must be spec.names.plural+"."+spec.group'));
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
    errs.push(notSupported('spec.scope', spec.scope ?? '', ['Cluster', 'Namespaced']));
  const versions: Obj[] = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0) errs.push(invalid('spec.versions', versions, 'must have exactly one version marked as storage version'));
  else {
    const storage = versions.filter((v) => v?.storage === true).length;
    if (storage !== 1) errs.push(invalid('spec.versions', versions, 'must have exactly one version marked as storage version'));
    const seen = new Set<string>();
    versions.forEach((v, i) => {
      if (!v?.name) errs.push(required(`spec.versions[${i}].name`, ''));
      else if (seen.has(v.name))
        errs.push({ type: 'FieldValueDuplicate', field: `spec.versions[${i}].name`, value: v.name, hasValue: true, detail: '' });
      else seen.add(v.name);
      if (!v?.schema?.openAPIV3Schema) errs.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
    });
    if (!versions.some((v) => v?.served)) errs.push(invalid('spec.versions', versions, 'must have at least one served version'));
  }
  return errs;
}

export function validateCrdUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateCrd(next);
  const nextSpec = (next.spec ?? {}) as Obj;
  const oldSpec = (old.spec ?? {}) as Obj;
  if (nextSpec.group !== oldSpec.group) errs.push(invalid('spec.group', nextSpec.group, 'field is immutable'));
  return errs;
}
