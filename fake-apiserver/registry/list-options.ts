/**
 * ListOptions as the REST layer decodes and validates them
 * (apimachinery/pkg/apis/meta/internalversion: validation.go, defaults.go), for list and watch.
 */
import { badRequest } from '../errors/status.js';
import { forbiddenField, invalidOptions, notSupported, type FieldError } from '../errors/field-errors.js';
import { queryBool, queryInt, queryString, type Query } from '../http/query.js';

export interface ListOptions {
  labelSelector: string;
  fieldSelector: string;
  resourceVersion: string;
  resourceVersionMatch: string;
  limit: number;
  continue: string;
  watch: boolean;
  allowWatchBookmarks: boolean;
  /** undefined when the parameter was absent (a *bool in Go). */
  sendInitialEvents: boolean | undefined;
  timeoutSeconds: number | undefined;
}

export function decodeListOptions(query: Query, watchPath: boolean): ListOptions {
  return {
    labelSelector: queryString(query, 'labelSelector') ?? '',
    fieldSelector: queryString(query, 'fieldSelector') ?? '',
    resourceVersion: queryString(query, 'resourceVersion') ?? '',
    resourceVersionMatch: queryString(query, 'resourceVersionMatch') ?? '',
    limit: queryInt(query, 'limit') ?? 0,
    continue: queryString(query, 'continue') ?? '',
    watch: watchPath || (queryBool(query, 'watch') ?? false),
    allowWatchBookmarks: queryBool(query, 'allowWatchBookmarks') ?? false,
    sendInitialEvents: queryBool(query, 'sendInitialEvents'),
    timeoutSeconds: queryInt(query, 'timeoutSeconds'),
  };
}

/**
 * WatchList defaulting (on by default since 1.34): a watch from "" or "0" without
 * sendInitialEvents/resourceVersionMatch becomes a streaming list, so with allowWatchBookmarks it
 * also receives the initial-events-end bookmark.
 */
export function applyWatchListDefaults(opts: ListOptions, watchListEnabled: boolean): void {
  if (!watchListEnabled || !opts.watch) return;
  if (opts.sendInitialEvents !== undefined || opts.resourceVersionMatch !== '') return;
  if (opts.resourceVersion === '' || opts.resourceVersion === '0') {
    opts.sendInitialEvents = true;
    opts.resourceVersionMatch = 'NotOlderThan';
  }
}

export function validateListOptions(opts: ListOptions, watchListEnabled: boolean): void {
  const errs: FieldError[] = opts.watch ? watchErrors(opts, watchListEnabled) : listErrors(opts);
  if (errs.length > 0) throw invalidOptions('ListOptions', errs);
  // Storage-level checks (apiserver/pkg/storage/interfaces.go ValidateListOptions) answer 400.
  if (opts.resourceVersion !== '' && parseResourceVersion(opts.resourceVersion) === undefined) {
    throw badRequest(`invalid resource version: ${opts.resourceVersion}`);
  }
  if (!opts.watch && opts.continue !== '' && opts.resourceVersion !== '' && opts.resourceVersion !== '0') {
    throw badRequest('specifying resource version is not allowed when using continue');
  }
}

function listErrors(opts: ListOptions): FieldError[] {
  const errs: FieldError[] = [];
  const match = opts.resourceVersionMatch;
  if (match !== '') {
    if (opts.resourceVersion === '')
      errs.push(forbiddenField('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (opts.continue !== '')
      errs.push(forbiddenField('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan')
      errs.push(notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && opts.resourceVersion === '0')
      errs.push(forbiddenField('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (opts.sendInitialEvents !== undefined) errs.push(forbiddenField('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  return errs;
}

function watchErrors(opts: ListOptions, watchListEnabled: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const match = opts.resourceVersionMatch;
  if (opts.sendInitialEvents !== undefined) {
    if (match !== 'NotOlderThan')
      errs.push(forbiddenField('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    if (!watchListEnabled)
      errs.push(
        forbiddenField('sendInitialEvents', 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled'),
      );
  }
  if (match !== '') {
    if (opts.sendInitialEvents === undefined)
      errs.push(forbiddenField('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
    if (match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['NotOlderThan']));
    if (opts.continue !== '')
      errs.push(forbiddenField('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
  }
  return errs;
}

/** A resourceVersion as the store's revision; undefined when it is not a decimal uint64. */
export function parseResourceVersion(rv: string): number | undefined {
  if (!/^\d+$/.test(rv)) return undefined;
  const n = Number(rv);
  return Number.isSafeInteger(n) ? n : undefined;
}
