/**
 * Turning an HTTP answer into a StatusError, as client-go's transformResponse /
 * newUnstructuredResponseError / errors.NewGenericServerResponse do:
 *
 * - A JSON body that is a metav1.Status with status != Success is the error, as sent.
 * - Anything else gets a synthesised Status: the reason and message NewGenericServerResponse
 *   picks for the code, qualified with "(verb group/resource name)" when the request named them,
 *   and one cause of type UnexpectedServerResponse.
 * - A text/plain body (or no content type) is short server prose ("404 page not found") and is
 *   kept, capped at 512 characters. Any other body (HTML from a proxy, a JSON document that is not
 *   a Status, binary) is NEVER copied into the message: it is described by its content type and
 *   size. Headers are never copied. (client-node pain point 12: bodies and headers in messages.)
 * - `Retry-After` seconds land in details.retryAfterSeconds.
 */
import { StatusError, type Status } from '../errors.js';

const MAX_TEXT = 512;

export interface ResponseFacts {
  statusCode: number;
  contentType: string;
  body: Buffer;
  method: string;
  retryAfterSeconds?: number;
  /** group/resource and name the request addressed, for the message qualifier. */
  group?: string;
  resource?: string;
  name?: string;
}

/** The media type without parameters, lower-cased. */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

export function isJsonMedia(mt: string): boolean {
  return mt === 'application/json' || (mt.startsWith('application/') && mt.endsWith('+json'));
}

/** A Status decoded from the body, if the body is one. */
export function decodeStatus(facts: Pick<ResponseFacts, 'contentType' | 'body'>): Status | undefined {
  if (!isJsonMedia(mediaType(facts.contentType)) || facts.body.length === 0) return undefined;
  try {
    const v = JSON.parse(facts.body.toString('utf8')) as Status;
    if (
      v &&
      typeof v === 'object' &&
      v.kind === 'Status' &&
      (v.apiVersion === 'v1' || v.apiVersion === undefined || v.apiVersion === 'meta.k8s.io/v1')
    )
      return v;
  } catch {
    // not JSON after all
  }
  return undefined;
}

function serverMessage(facts: ResponseFacts): string {
  const mt = mediaType(facts.contentType);
  if (mt === '' || mt === 'text/plain') {
    const text = facts.body.toString('utf8').trim();
    return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}...` : text;
  }
  return `the server answered with a ${mt} body of ${facts.body.length} bytes instead of a Kubernetes Status`;
}

/** errors.NewGenericServerResponse, with the body described rather than copied (see above). */
export function genericServerResponse(facts: ResponseFacts): StatusError {
  const code = facts.statusCode;
  const text = serverMessage(facts);
  let reason = '';
  let message = `the server responded with the status code ${code} but did not return more information`;
  switch (code) {
    case 409:
      reason = facts.method === 'POST' ? 'AlreadyExists' : 'Conflict';
      message = 'the server reported a conflict';
      break;
    case 404:
      reason = 'NotFound';
      message = 'the server could not find the requested resource';
      break;
    case 400:
      reason = 'BadRequest';
      message = 'the server rejected our request for an unknown reason';
      break;
    case 401:
      reason = 'Unauthorized';
      message = 'the server has asked for the client to provide credentials';
      break;
    case 403:
      reason = 'Forbidden';
      message = text || 'the server does not allow access to the requested resource';
      break;
    case 405:
      reason = 'MethodNotAllowed';
      message = 'the server does not allow this method on the requested resource';
      break;
    case 406:
      reason = 'NotAcceptable';
      message = text || 'the server was unable to respond with a content type that the client supports';
      break;
    case 415:
      reason = 'UnsupportedMediaType';
      message = text;
      break;
    case 422:
      reason = 'Invalid';
      message = 'the server rejected our request due to an error in our request';
      break;
    case 429:
      reason = 'TooManyRequests';
      message = 'the server has received too many requests and has asked us to try again later';
      break;
    case 503:
      reason = 'ServiceUnavailable';
      message = 'the server is currently unable to handle the request';
      break;
    case 504:
      reason = 'Timeout';
      message = 'the server was unable to return a response in the time allotted, but may still be processing the request';
      break;
    default:
      if (code >= 500) {
        reason = 'InternalError';
        message = `an error on the server (${JSON.stringify(text)}) has prevented the request from succeeding`;
      }
  }
  const gr = facts.resource ? (facts.group ? `${facts.resource}.${facts.group}` : facts.resource) : '';
  if (gr && facts.name) message = `${message} (${facts.method.toLowerCase()} ${gr} ${facts.name})`;
  else if (gr) message = `${message} (${facts.method.toLowerCase()} ${gr})`;
  const details: NonNullable<Status['details']> = { causes: [{ reason: 'UnexpectedServerResponse', message: text }] };
  if (facts.group) details.group = facts.group;
  if (facts.resource) details.kind = facts.resource;
  if (facts.name) details.name = facts.name;
  if (facts.retryAfterSeconds) details.retryAfterSeconds = facts.retryAfterSeconds;
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message, details });
}

/** The error for a non-2xx answer: the server's Status when it sent one, a synthesised one otherwise. */
export function errorForResponse(facts: ResponseFacts): StatusError {
  const s = decodeStatus(facts);
  if (s && s.status !== 'Success') {
    if (s.code === undefined || s.code === 0) s.code = facts.statusCode;
    if (facts.retryAfterSeconds && !s.details?.retryAfterSeconds) s.details = { ...s.details, retryAfterSeconds: facts.retryAfterSeconds };
    return new StatusError(s);
  }
  return genericServerResponse(facts);
}

/** retryAfterSeconds: the Retry-After header as whole seconds, if it is an integer. */
export function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  if (h === undefined || !/^\s*-?\d+\s*$/.test(h)) return undefined;
  return Number.parseInt(h, 10);
}
