/**
 * `field.TooLong` as Kubernetes v1.35.4 builds it (apimachinery/pkg/util/validation/field/errors.go):
 * the detail is `may not be more than N bytes` (`byte` when N is 1) and the value is never shown —
 * ErrorBody renders just `Too long: <detail>`.
 *
 * Built here rather than with `tooLong()` from errors/field-errors.ts because that helper marks the
 * error as carrying a value, which its errorBody then renders (`Too long: "": ...`); upstream never
 * does. An error without `hasValue` renders correctly through the shared errorBody.
 */
import type { FieldError } from '../errors/field-errors.js';

export function tooLongBytes(field: string, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return { type: 'FieldValueTooLong', field, detail };
}
