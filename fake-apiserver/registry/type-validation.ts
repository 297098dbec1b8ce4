/**
 * Type-specific validation of the built-ins whose rules tests commonly hit (pkg/apis/core/validation).
 * Everything else is accepted as sent: the fake validates object metadata for every type.
 */
import type { FieldError } from '../errors/field-errors.js';
import type { KubeObject } from '../store/types.js';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from '../validation/configmap-secret.js';
import type { Strategy } from './strategy.js';

export function typeValidationErrors(s: Strategy, obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  if (s.info.group !== '') return [];
  switch (s.info.resource) {
    case 'configmaps':
      return old ? validateConfigMapUpdate(obj as any, old as any) : validateConfigMap(obj as any);
    case 'secrets':
      return old ? validateSecretUpdate(obj as any, old as any) : validateSecret(obj as any);
    default:
      return [];
  }
}
