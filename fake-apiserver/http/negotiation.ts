/**
 * Content negotiation (apiserver endpoints/handlers/negotiation):
 * - Accept: JSON by default; YAML on request; `as=Table` (v1, v1beta1) and
 *   `as=PartialObjectMetadata[List]` (v1) transforms on JSON; protobuf and CBOR are not served, so a
 *   request that accepts only those gets 406 NotAcceptable.
 * - Content-Type of a body: JSON when absent, JSON or YAML otherwise; anything else is 415.
 */
import { StatusError } from '../errors/status.js';

export interface MediaRange {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
}

export function parseMediaRanges(header: string | undefined): MediaRange[] {
  if (!header || header.trim() === '') return [];
  const out: MediaRange[] = [];
  for (const clause of header.split(',')) {
    const [typePart, ...paramParts] = clause.split(';');
    const [type, subtype] = typePart.trim().toLowerCase().split('/');
    if (!type || subtype === undefined) continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const p of paramParts) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const k = p.slice(0, eq).trim().toLowerCase();
      const v = p
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, '');
      if (k === 'q') q = Number(v);
      else params[k] = v;
    }
    out.push({ type, subtype: subtype.trim(), params, q: Number.isFinite(q) ? q : 0 });
  }
  // Stable sort by quality: equal q keeps the client's order.
  return out
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.q - a.m.q || a.i - b.i)
    .map(({ m }) => m)
    .filter((m) => m.q > 0);
}

export type OutputFormat =
  | { encoding: 'json' | 'yaml'; transform: 'none' }
  | { encoding: 'json'; transform: 'table'; version: 'v1' | 'v1beta1' }
  | { encoding: 'json'; transform: 'partial-metadata'; list: boolean };

export const ACCEPTED_OUTPUT_TYPES = 'application/json, application/yaml';

/**
 * Picks the response format for a resource request. Throws 406 when nothing acceptable is asked
 * for. `single` tells whether the response is one object (PartialObjectMetadata) or a list.
 */
export function negotiateOutput(accept: string | undefined, single: boolean): OutputFormat {
  const ranges = parseMediaRanges(accept);
  if (ranges.length === 0) return { encoding: 'json', transform: 'none' };
  for (const r of ranges) {
    const as = r.params['as'];
    if (as !== undefined) {
      if (r.type !== 'application' || r.subtype !== 'json') continue;
      if (r.params['g'] !== 'meta.k8s.io') continue;
      if (as === 'Table' && (r.params['v'] === 'v1' || r.params['v'] === 'v1beta1')) {
        return { encoding: 'json', transform: 'table', version: r.params['v'] };
      }
      if ((as === 'PartialObjectMetadata' && single) || (as === 'PartialObjectMetadataList' && !single)) {
        if (r.params['v'] === 'v1' || r.params['v'] === 'v1beta1')
          return { encoding: 'json', transform: 'partial-metadata', list: !single };
      }
      continue;
    }
    if ((r.type === 'application' || r.type === '*') && (r.subtype === 'json' || r.subtype === '*')) {
      return { encoding: 'json', transform: 'none' };
    }
    if (r.type === 'application' && r.subtype === 'yaml') return { encoding: 'yaml', transform: 'none' };
  }
  throw notAcceptable(!single);
}

/** The go-restful 406 text; collection routes also offer the watch stream types. */
export function notAcceptable(collection = false): StatusError {
  const types = 'application/json, application/yaml, application/vnd.kubernetes.protobuf';
  const stream = collection ? ', application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch' : '';
  return new StatusError(406, 'NotAcceptable', `406: Not Acceptable\n\nAvailable representations: ${types}${stream}`);
}

/** For non-resource JSON endpoints (discovery, version): anything JSON-compatible is fine. */
export function acceptsJson(accept: string | undefined): boolean {
  const ranges = parseMediaRanges(accept);
  if (ranges.length === 0) return true;
  return ranges.some((r) => (r.type === 'application' || r.type === '*') && (r.subtype === 'json' || r.subtype === '*'));
}

export type BodyFormat = 'json' | 'yaml';

export const ACCEPTED_BODY_TYPES = 'application/json, application/yaml, application/vnd.kubernetes.protobuf';

/** The media type of a request body without parameters (`; charset=utf-8` is dropped). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function unsupportedMediaType(accepted: string): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted}`,
  );
}

/** The body format of a create/update request; an absent Content-Type is JSON. */
export function bodyFormatOf(contentType: string | undefined): BodyFormat {
  const mt = mediaTypeOf(contentType);
  if (mt === '' || mt === 'application/json') return 'json';
  if (mt === 'application/yaml') return 'yaml';
  throw unsupportedMediaType(ACCEPTED_BODY_TYPES);
}
