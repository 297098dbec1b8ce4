/**
 * Schema-driven operations on JSON values (SMD typed/): one import for the field manager.
 *
 * Every operation takes a `TypeRef`: a SchemaNode, or undefined / DEDUCED for SMD's deduced
 * type (maps granular, lists atomic). Values are plain JSON; `undefined` means absent.
 */
export { DEDUCED, resolveAtom, type TypeRef } from './atoms.js';
export { compare, excludeFields, isSame, type Comparison } from './compare.js';
export { merge } from './merge.js';
export { removeItems } from './remove.js';
export { rootType } from './schema-nodes.js';
export { ensureNamedFieldsAreMembers, toFieldSet } from './to-field-set.js';
export { validate, validationErrorString } from './validate.js';
