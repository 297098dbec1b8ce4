/**
 * Server-side apply and managedFields: the public surface of fake-apiserver/apply.
 */
export { apply, update, type ApplyOptions, type ApplyResult, type FieldManagerOptions, type FieldManagerResult } from './field-manager.js';
export { decodeApplyPatch } from './apply-patch.js';
export { ignoreManagedFieldsTimestamps } from './timestamps.js';
export { goZeroObject } from './zero-value.js';
export { FieldSet, pathToString, type Path, type PathElement } from './fieldpath.js';
export { LAST_APPLIED_ANNOTATION } from './last-applied.js';
