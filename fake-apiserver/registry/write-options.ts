/**
 * Options shared by write verbs (Create/Update/Patch/DeleteOptions query parameters) and the
 * field manager name rule (endpoints/handlers/create.go managerOrUserAgent).
 */
import { invalidOptions, notSupported, invalid, type FieldError } from '../errors/field-errors.js';
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
  const errs: FieldError[] = [];
  const dryRunValues = ([] as string[]).concat(query.dryRun ?? []);
  for (const v of dryRunValues) {
    if (v !== 'All') {
      errs.push(notSupported('dryRun', dryRunValues, ['All']));
      break;
    }
  }
  const fieldManager = queryString(query, 'fieldManager');
  if (fieldManager !== undefined) {
    if (fieldManager.length > 128) errs.push(invalid('fieldManager', fieldManager, 'must be less than 128 characters'));
    else if (!/^[\x20-\x7e]*$/.test(fieldManager))
      errs.push(invalid('fieldManager', fieldManager, 'must only contain printable characters'));
  }
  const fv = queryString(query, 'fieldValidation') ?? '';
  let fieldValidation: WriteOptions['fieldValidation'] = 'Warn';
  if (fv === 'Strict' || fv === 'Warn' || fv === 'Ignore') fieldValidation = fv;
  else if (fv !== '') errs.push(notSupported('fieldValidation', fv, ['', 'Ignore', 'Strict', 'Warn']));
  if (errs.length > 0 && kind !== 'DeleteOptions') throw invalidOptions(kind, errs);
  if (errs.length > 0) throw invalidOptions(kind, errs);
  return {
    dryRun: dryRunValues.length > 0,
    fieldManager,
    manager: fieldManager ?? managerFromUserAgent(userAgent),
    fieldValidation,
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
