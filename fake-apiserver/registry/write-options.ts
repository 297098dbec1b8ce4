/**
 * Options shared by write verbs (Create/Update/Patch/DeleteOptions query parameters) and the
 * field manager name rule (endpoints/handlers/create.go managerOrUserAgent).
 */
import { invalidOptions, type FieldError } from '../errors/field-errors.js';
import { validateDryRun, validateFieldManager, validateFieldValidation } from '../validation/options.js';
import { queryString, type Query } from '../http/query.js';

export interface WriteOptions {
  dryRun: boolean;
  /** The explicit fieldManager parameter, if any. */
  fieldManager: string | undefined;
  /** The manager recorded in managedFields: fieldManager, else the User-Agent prefix. */
  manager: string;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
  /** Server-side apply has computed managedFields already; the registry stores them as they are. */
  managedFieldsPrepared?: boolean;
}

export type OptionsKind = 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions';

export function decodeWriteOptions(query: Query, userAgent: string | undefined, kind: OptionsKind): WriteOptions {
  const dryRun = ([] as string[]).concat(query.dryRun ?? []);
  const fieldManager = queryString(query, 'fieldManager');
  const fieldValidation = queryString(query, 'fieldValidation') ?? '';
  // The upstream validators (apimachinery meta/v1/validation), in their order.
  const errs: FieldError[] = [
    ...validateDryRun(dryRun),
    ...validateFieldManager(fieldManager),
    ...validateFieldValidation(fieldValidation),
  ];
  if (errs.length > 0) throw invalidOptions(kind, errs);
  return {
    dryRun: dryRun.length > 0,
    fieldManager,
    manager: fieldManager ?? managerFromUserAgent(userAgent),
    fieldValidation: fieldValidation === '' ? 'Warn' : (fieldValidation as WriteOptions['fieldValidation']),
  };
}

/** The User-Agent up to the first '/', printable characters only, at most 128 characters. */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const prefix = (userAgent ?? '').split('/')[0];
  return prefix.replace(/[^\x20-\x7e]/g, '').slice(0, 128);
}

/** The manager name of writes the fake makes itself (deletion marks, control loops): not recorded. */
export const SYSTEM_MANAGER = '\u0000system';

export const SYSTEM_WRITE: WriteOptions = { dryRun: false, fieldManager: undefined, manager: SYSTEM_MANAGER, fieldValidation: 'Ignore' };
