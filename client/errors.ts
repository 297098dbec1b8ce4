/**
 * API errors as apimachinery/pkg/api/errors: one StatusError class carrying the server's
 * metav1.Status, and predicates that check `reason` first and the HTTP code only when the reason
 * is unknown, exactly as apimachinery's ReasonForError/reasonAndCodeForError do.
 */

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind?: 'Status';
  apiVersion?: string;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  status?: 'Success' | 'Failure' | string;
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code?: number;
}

/** An error answered by the API server (or synthesised from its HTTP response). */
export class StatusError extends Error {
  override readonly name = 'StatusError';

  constructor(readonly status: Status) {
    super(status.message || `the server responded with status ${status.code ?? 'unknown'}`);
  }

  get code(): number {
    return this.status.code ?? 0;
  }

  get reason(): string {
    return this.status.reason ?? '';
  }
}

const KNOWN_REASONS = new Set([
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'AlreadyExists',
  'Conflict',
  'Gone',
  'Invalid',
  'ServerTimeout',
  'StoreReadError',
  'Timeout',
  'TooManyRequests',
  'BadRequest',
  'MethodNotAllowed',
  'NotAcceptable',
  'RequestEntityTooLarge',
  'UnsupportedMediaType',
  'InternalError',
  'Expired',
  'ServiceUnavailable',
]);

function statusOf(err: unknown): Status | undefined {
  if (err instanceof StatusError) return err.status;
  const s = (err as { status?: unknown } | null)?.status;
  return s && typeof s === 'object' ? (s as Status) : undefined;
}

/** reasonAndCodeForError: the reason, and the code (0 when not an API error). */
export function reasonAndCode(err: unknown): { reason: string; code: number } {
  const s = statusOf(err);
  return s ? { reason: s.reason ?? '', code: s.code ?? 0 } : { reason: '', code: 0 };
}

function check(err: unknown, reason: string, code: number): boolean {
  const rc = reasonAndCode(err);
  if (rc.reason === reason) return true;
  return !KNOWN_REASONS.has(rc.reason) && rc.code === code;
}

export const isNotFound = (err: unknown) => check(err, 'NotFound', 404);
export const isAlreadyExists = (err: unknown) => check(err, 'AlreadyExists', 409);
export const isConflict = (err: unknown) => check(err, 'Conflict', 409);
export const isInvalid = (err: unknown) => check(err, 'Invalid', 422);
export const isGone = (err: unknown) => check(err, 'Gone', 410);
export const isResourceExpired = (err: unknown) => check(err, 'Expired', 410);
export const isTooManyRequests = (err: unknown) => check(err, 'TooManyRequests', 429);
export const isTimeout = (err: unknown) => check(err, 'Timeout', 504);
export const isServerTimeout = (err: unknown) => reasonAndCode(err).reason === 'ServerTimeout';
export const isForbidden = (err: unknown) => check(err, 'Forbidden', 403);
export const isUnauthorized = (err: unknown) => check(err, 'Unauthorized', 401);
export const isBadRequest = (err: unknown) => check(err, 'BadRequest', 400);
export const isMethodNotSupported = (err: unknown) => check(err, 'MethodNotAllowed', 405);
export const isNotAcceptable = (err: unknown) => check(err, 'NotAcceptable', 406);
export const isUnsupportedMediaType = (err: unknown) => check(err, 'UnsupportedMediaType', 415);
export const isServiceUnavailable = (err: unknown) => check(err, 'ServiceUnavailable', 503);
export const isInternalError = (err: unknown) => check(err, 'InternalError', 500);
export const isRequestEntityTooLarge = (err: unknown) => check(err, 'RequestEntityTooLarge', 413);

/** Either form of "your resourceVersion is too old": Expired (current) or Gone (deprecated). */
export const isExpiredOrGone = (err: unknown) => isResourceExpired(err) || isGone(err);

/** SuggestsClientDelay: the seconds the server asked the client to wait, if it did. */
export function suggestsClientDelay(err: unknown): number | undefined {
  const s = statusOf(err);
  if (!s) return undefined;
  if (
    s.reason === 'ServerTimeout' ||
    s.reason === 'Timeout' ||
    s.reason === 'TooManyRequests' ||
    s.code === 429 ||
    s.code === 504 ||
    s.code === 500
  ) {
    const secs = s.details?.retryAfterSeconds;
    return secs !== undefined && secs > 0 ? secs : undefined;
  }
  return undefined;
}

/** Is this a "too large resource version" answer (504 with cause ResourceVersionTooLarge)? */
export function isTooLargeResourceVersion(err: unknown): boolean {
  const s = statusOf(err);
  return !!s && (s.code === 504 || s.reason === 'Timeout') && (s.details?.causes ?? []).some((c) => c.reason === 'ResourceVersionTooLarge');
}
