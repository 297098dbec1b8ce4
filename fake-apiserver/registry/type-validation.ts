/**
 * Type-specific validation of the built-ins whose rules tests commonly hit (pkg/apis/core/validation).
 * A type validator includes the ObjectMeta validation, as upstream's ValidateConfigMap does;
 * `undefined` means the type has none here and only ObjectMeta is validated.
 */
import type { FieldError } from '../errors/field-errors.js';
import type { KubeObject } from '../store/types.js';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from '../validation/configmap-secret.js';
import type { Strategy } from './strategy.js';
import { validateCrd, validateCrdUpdate } from '../crd/crd-validation.js';
import { nameIsDNSSubdomain } from '../validation/names.js';
import { validateObjectMetaCreate, validateObjectMetaUpdate, type ObjectMetaInput } from '../validation/object-meta.js';

export function typeValidationErrors(s: Strategy, obj: KubeObject, old: KubeObject | undefined): FieldError[] | undefined {
  if (s.custom) return undefined;
  if (s.info.group === 'apiextensions.k8s.io' && s.info.resource === 'customresourcedefinitions') {
    const meta = old
      ? validateObjectMetaUpdate(obj.metadata as ObjectMetaInput, old.metadata as ObjectMetaInput, { flavour: 'apimachinery' })
      : validateObjectMetaCreate(obj.metadata as ObjectMetaInput, {
          namespaced: false,
          nameValidator: nameIsDNSSubdomain,
          flavour: 'apimachinery',
        });
    return [...meta, ...(old ? validateCrdUpdate(obj, old) : validateCrd(obj))];
  }
  if (s.info.group !== '') return undefined;
  switch (s.info.resource) {
    case 'configmaps':
      return old ? validateConfigMapUpdate(obj as any, old as any) : validateConfigMap(obj as any);
    case 'secrets':
      return old ? validateSecretUpdate(obj as any, old as any) : validateSecret(obj as any);
    default:
      return undefined;
  }
}
