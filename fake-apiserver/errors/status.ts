/**
 * metav1.Status errors, built in one place so that every failure the fake answers has the exact
 * shape of the real server's (apimachinery/pkg/api/errors/errors.go).
 *
 * Invariants:
 * - `kind: Status`, `apiVersion: v1`, `metadata: {}` and `status: Failure` are always present.
 * - Empty detail fields are omitted, as Go's `omitempty` does.
 * - A cause's type is serialised as `reason` (Go: `Type CauseType json:"reason"`).
 * - `details.retryAfterSeconds > 0` makes the HTTP layer send a `Retry-After` header.
 */

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'Invalid'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServerTimeout'
  | 'ServiceUnavailable'
  | 'Timeout'
  | '';

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
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code?: number;
}

/** An error that the HTTP layer turns into a `metav1.Status` response. */
export class StatusError extends Error {
  readonly status: Status;

  constructor(code: number, reason: StatusReason, message: string, details?: StatusDetails, metadata?: Status['metadata']) {
    super(message);
    this.name = 'StatusError';
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: metadata ?? {},
      status: 'Failure',
      message,
      reason,
      details: compactDetails(details),
      code,
    };
    if (this.status.details === undefined) delete this.status.details;
    if (reason === '') delete this.status.reason;
  }

  get code(): number {
    return this.status.code ?? 500;
  }
}

function compactDetails(details: StatusDetails | undefined): StatusDetails | undefined {
  if (!details) return undefined;
  const out: StatusDetails = {};
  if (details.name) out.name = details.name;
  if (details.group) out.group = details.group;
  if (details.kind) out.kind = details.kind;
  if (details.uid) out.uid = details.uid;
  if (details.causes && details.causes.length > 0) out.causes = details.causes;
  if (details.retryAfterSeconds && details.retryAfterSeconds > 0) out.retryAfterSeconds = details.retryAfterSeconds;
  return out;
}

/** A group-qualified resource, as apimachinery's `schema.GroupResource` prints it. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** `configmaps` for core, `deployments.apps` otherwise. */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export function notFound(gr: GroupResource, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

export function alreadyExists(gr: GroupResource, name: string, prefix = ''): StatusError {
  return new StatusError(409, 'AlreadyExists', `${prefix}${qualifiedResource(gr)} "${name}" already exists`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** `Operation cannot be fulfilled on <resource> "<name>": <why>`. */
export function conflict(gr: GroupResource, name: string, why: string): StatusError {
  return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

export const OPTIMISTIC_LOCK_ERROR_MSG = 'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function methodNotSupported(gr: GroupResource, verb: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualifiedResource(gr)}"`, {
    group: gr.group,
    kind: gr.resource,
  });
}

export function forbidden(gr: GroupResource, name: string, why: string, causes?: StatusCause[]): StatusError {
  const subject = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
  return new StatusError(403, 'Forbidden', `${subject} is forbidden: ${why}`, {
    name,
    group: gr.group,
    kind: gr.resource,
    causes,
  });
}

export function expired(message: string, metadata?: Status['metadata']): StatusError {
  return new StatusError(410, 'Expired', message, undefined, metadata);
}

export function internalError(message: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

/** The generic 404 that go-restful answers for an unknown route under a known group-version. */
export function routeNotFound(): StatusError {
  const err = new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  err.status.details = {};
  return err;
}

export function methodNotAllowedRoute(): StatusError {
  return new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function isStatusError(err: unknown): err is StatusError {
  return err instanceof StatusError;
}
