/**
 * Field validation errors (apimachinery/pkg/util/validation/field), and the 422 Invalid Status
 * they aggregate into: `<Kind>[.<group>] "<name>" is invalid: <field>: <Type>: <detail>`, or for
 * several errors `... is invalid: [e1, e2]`.
 */
import { goQuote } from '../validation/go-text.js';
import { StatusError } from './status.js';

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotFound';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value, rendered like Go's `%#v` subset: strings quoted, numbers and bools bare. */
  value?: unknown;
  hasValue?: boolean;
  detail: string;
  /** For NotSupported: the allowed values. */
  supported?: string[];
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueNotFound: 'Not found',
};

export function required(field: string, detail: string): FieldError {
  return { type: 'FieldValueRequired', field, detail };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value, hasValue: true, detail };
}

export function forbiddenField(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail };
}

export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  return { type: 'FieldValueNotSupported', field, value, hasValue: true, detail: '', supported };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, value, hasValue: true, detail: '' };
}

/** Too long never prints the value (field.TooLong); the detail says "byte" for a limit of 1. */
export function tooLong(field: string, max: number): FieldError {
  return { type: 'FieldValueTooLong', field, detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` };
}

/** Go's rendering of a value in a field error: `%q` for strings, bare numbers and bools, JSON otherwise. */
function renderValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The body of one field error, as `field.Error.ErrorBody()` renders it. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (e.type === 'FieldValueNotSupported') {
    s += `: ${renderValue(e.value)}`;
    if (e.supported && e.supported.length > 0) s += `: supported values: ${e.supported.map((v) => JSON.stringify(v)).join(', ')}`;
    return s;
  }
  if (e.hasValue && e.type !== 'FieldValueRequired' && e.type !== 'FieldValueForbidden') {
    s += `: ${renderValue(e.value)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function fieldErrorString(e: FieldError): string {
  return e.field ? `${e.field}: ${errorBody(e)}` : errorBody(e);
}

/**
 * `errors.NewInvalid(qualifiedKind, name, errs)`: 422 with `details.kind` = the Kind (or whatever
 * the caller passes, e.g. the plural for custom resources), and one cause per field error.
 */
export function invalidError(kindForMessage: string, group: string, kindForDetails: string, name: string, errs: FieldError[]): StatusError {
  const qualified = group ? `${kindForMessage}.${group}` : kindForMessage;
  // utilerrors.NewAggregate prints each distinct message once; causes keep every entry.
  const rendered = [...new Set(errs.map(fieldErrorString))];
  const agg = rendered.length === 0 ? '' : rendered.length === 1 ? `: ${rendered[0]}` : `: [${rendered.join(', ')}]`;
  return new StatusError(422, 'Invalid', `${qualified} "${name}" is invalid${agg}`, {
    name,
    group,
    kind: kindForDetails,
    causes: errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })),
  });
}

/** ListOptions/CreateOptions/... validation: `ListOptions.meta.k8s.io "" is invalid: ...`. */
export function invalidOptions(optionsKind: string, errs: FieldError[]): StatusError {
  return invalidError(optionsKind, 'meta.k8s.io', optionsKind, '', errs);
}
