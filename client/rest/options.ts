/**
 * metav1 option types (ListOptions, GetOptions, ...) with their JSON field names, and their
 * encoding as query parameters (client-go's ParameterCodec): undefined, null, '' and false are
 * omitted, as Go's `omitempty` does, except for the pointer fields where false means something
 * (sendInitialEvents); arrays become repeated parameters.
 */

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  watch?: boolean;
  allowWatchBookmarks?: boolean;
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact' | '';
  timeoutSeconds?: number;
  limit?: number;
  continue?: string;
  sendInitialEvents?: boolean;
}

export interface GetOptions {
  resourceVersion?: string;
}

export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

export interface CreateOptions {
  dryRun?: string[];
  fieldManager?: string;
  fieldValidation?: FieldValidation;
}

export type UpdateOptions = CreateOptions;

export interface PatchOptions extends CreateOptions {
  force?: boolean;
}

export interface ApplyOptions {
  fieldManager: string;
  force?: boolean;
  dryRun?: string[];
}

export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: Preconditions;
  orphanDependents?: boolean;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  dryRun?: string[];
  ignoreStoreReadErrorWithClusterBreakingPotential?: boolean;
}

/** Fields that are *bool in Go: false is sent. */
const POINTER_BOOLS = new Set(['sendInitialEvents']);

export type QueryValue = string | number | boolean | string[] | undefined | null;

/** Encodes an options object as [key, value] pairs, in the object's key order. */
export function encodeParams(opts: object | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!opts) return out;
  for (const [k, v] of Object.entries(opts as Record<string, QueryValue>)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      for (const item of v) out.push([k, String(item)]);
    } else if (typeof v === 'boolean') {
      if (v || POINTER_BOOLS.has(k)) out.push([k, String(v)]);
    } else if (typeof v === 'number') {
      if (v !== 0 || k === 'timeoutSeconds' || k === 'gracePeriodSeconds') out.push([k, String(v)]);
    } else if (typeof v === 'string') {
      out.push([k, v]);
    } else {
      throw new TypeError(`option ${k}: cannot encode a ${typeof v} as a query parameter`);
    }
  }
  return out;
}

/** ApplyOptions → PatchOptions (metav1.ApplyOptions.ToPatchOptions). */
export function applyToPatchOptions(opts: ApplyOptions): PatchOptions {
  const p: PatchOptions = { fieldManager: opts.fieldManager };
  if (opts.force) p.force = true;
  if (opts.dryRun) p.dryRun = opts.dryRun;
  return p;
}

/** time.Duration.String() for whole milliseconds: 30s, 1m30s, 1.5s, 250ms, 0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let rest = ms;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  let out = '';
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  out += `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  return out;
}
