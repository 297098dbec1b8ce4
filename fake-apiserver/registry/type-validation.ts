/**
 * Type-specific validation of the built-ins whose rules tests commonly hit (pkg/apis/core/validation).
 * A type validator includes the ObjectMeta validation, as upstream's ValidateConfigMap does;
 * `undefined` means the type has none here and only ObjectMeta is validated.
 */
import type { FieldError } from '../errors/field-errors.js';
import type { KubeObject } from '../store/types.js';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from '../validation/configmap-secret.js';
import type { Strategy } from './strategy.js';

export function typeValidationErrors(s: Strategy, obj: KubeObject, old: KubeObject | undefined): FieldError[] | undefined {
  if (s.info.group !== '' || s.custom) return undefined;
  switch (s.info.resource) {
    case 'configmaps':
      return old ? validateConfigMapUpdate(obj as any, old as any) : validateConfigMap(obj as any);
    case 'secrets':
      return old ? validateSecretUpdate(obj as any, old as any) : validateSecret(obj as any);
    default:
      return undefined;
  }
}
