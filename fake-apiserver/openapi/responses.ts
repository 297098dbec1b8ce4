/**
 * HTTP semantics of /openapi/v2, /openapi/v3 and /openapi/v3/<key>, without an HTTP framework:
 * each function maps a request to `{status, headers, body}` for the route layer to send.
 *
 * Mirrors a real v1.35 kube-apiserver (kube-openapi pkg/handler and pkg/handler3, and
 * kube-aggregator's openapiv3 specProxier, which serves /openapi/v3 in front of handler3):
 * - Accept is negotiated over JSON and the gnostic protobuf types; an empty Accept means `*\/*`;
 *   nothing acceptable gives 406 with an empty body. The fake serves JSON only: clauses asking
 *   for protobuf are skipped (the real server would answer protobuf), so a protobuf-only Accept
 *   gets 406 here.
 * - v2 and v3 documents carry `ETag: "<SHA-512 upper-case hex>"` and `Vary: Accept`, and are
 *   conditional (If-None-Match, then If-Modified-Since) as Go's http.ServeContent makes them: 304
 *   without a body, Content-Type or Last-Modified.
 * - v3 with `?hash=`: a hash other than the current one is a 301 to the current serverRelativeURL
 *   (empty body, Content-Type application/json, the current ETag); the current hash adds
 *   `Cache-Control: public, immutable` and `Expires` one year ahead. Without `hash` the document is
 *   served with the default `Cache-Control: no-cache, private`.
 * - An unknown v3 key is a 404 with an empty body (not a Status).
 * - The discovery document /openapi/v3 has no ETag and is sniffed by ServeContent as
 *   `text/plain; charset=utf-8`, with Last-Modified = the time of the request.
 * Every response carries `Cache-Control: no-cache, private` unless stated (the generic apiserver
 * filter's default). Range requests are not supported (no Accept-Ranges is sent).
 */
import { serverRelativeURL } from './etag.js';

export interface OpenAPIRequest {
  /** The Accept header, if any. */
  accept?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  /** v3 only: the `hash` query parameter. */
  hash?: string;
  /** Defaults to GET; HEAD behaves the same (the route layer drops the body). */
  method?: string;
}

export interface OpenAPIResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A document as served: its bytes, ETag (unquoted) and modification time. */
export interface ServedDocument {
  readonly bytes: Buffer;
  readonly etag: string;
  readonly lastModified: Date;
}

const EMPTY = Buffer.alloc(0);
const NO_CACHE = 'no-cache, private';
const PROTOBUF_SUBTYPES = new Set([
  'com.github.proto-openapi.spec.v2@v1.0+protobuf',
  'com.github.proto-openapi.spec.v2.v1.0+protobuf',
  'com.github.proto-openapi.spec.v3@v1.0+protobuf',
  'com.github.proto-openapi.spec.v3.v1.0+protobuf',
]);

interface Clause {
  type: string;
  subType: string;
  q: number;
}

/** goautoneg.ParseAccept: clauses by descending q, then concrete types before wildcards. */
export function parseAccept(header: string): Clause[] {
  const out: Clause[] = [];
  for (const part of header.split(',')) {
    const [media, ...params] = part.trim().split(';');
    const pieces = (media ?? '').split('/');
    const type = (pieces[0] ?? '').trim();
    if (pieces.length > 2) continue;
    let subType: string;
    if (pieces.length === 1) {
      if (type !== '*') continue;
      subType = '*';
    } else subType = (pieces[1] ?? '').trim();
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=').map((s) => s.trim());
      if (k === 'q' && v !== undefined && !Number.isNaN(Number(v))) q = Number(v);
    }
    out.push({ type, subType, q });
  }
  const rank = (c: Clause) => (c.type === '*' ? 2 : c.subType === '*' ? 1 : 0);
  return out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.q - a.c.q || rank(a.c) - rank(b.c) || a.i - b.i)
    .map((x) => x.c);
}

/** True when the first acceptable clause the fake can honour selects JSON. */
export function acceptsJSON(accept: string | undefined): boolean {
  for (const c of parseAccept(accept || '*/*')) {
    if (c.type !== 'application' && c.type !== '*') continue;
    if (c.subType === 'json' || c.subType === '*') return true;
    if (PROTOBUF_SUBTYPES.has(c.subType)) continue;
  }
  return false;
}

/** Go's http.TimeFormat. */
function httpDate(d: Date): string {
  return d.toUTCString();
}

function etagMatches(header: string, etag: string): boolean {
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === `"${etag}"`;
  });
}

/** http.ServeContent: 304 for a matching If-None-Match, else for a not-newer If-Modified-Since. */
function serveContent(
  req: OpenAPIRequest,
  headers: Record<string, string>,
  doc: { bytes: Buffer; etag?: string; lastModified: Date },
): OpenAPIResponse {
  const method = (req.method ?? 'GET').toUpperCase();
  let notModified = false;
  if (req.ifNoneMatch !== undefined && doc.etag !== undefined)
    notModified = (method === 'GET' || method === 'HEAD') && etagMatches(req.ifNoneMatch, doc.etag);
  else if (req.ifNoneMatch === undefined && req.ifModifiedSince !== undefined && (method === 'GET' || method === 'HEAD')) {
    const since = Date.parse(req.ifModifiedSince);
    if (!Number.isNaN(since) && Math.floor(doc.lastModified.getTime() / 1000) * 1000 <= since) notModified = true;
  }
  if (notModified) {
    const h = { ...headers };
    delete h['Content-Type'];
    if (h['ETag'] !== undefined) delete h['Last-Modified'];
    else h['Last-Modified'] = httpDate(doc.lastModified);
    return { status: 304, headers: h, body: EMPTY };
  }
  return { status: 200, headers: { ...headers, 'Last-Modified': httpDate(doc.lastModified) }, body: doc.bytes };
}

/** GET /openapi/v2 (JSON only). */
export function respondV2(doc: ServedDocument, req: OpenAPIRequest): OpenAPIResponse {
  const headers: Record<string, string> = { 'Cache-Control': NO_CACHE, Vary: 'Accept' };
  if (!acceptsJSON(req.accept)) return { status: 406, headers, body: EMPTY };
  return serveContent(req, { ...headers, 'Content-Type': 'application/json', ETag: `"${doc.etag}"` }, doc);
}

/** GET /openapi/v3: the discovery document, built by the caller from the current documents. */
export function respondV3Index(indexBytes: Buffer, req: OpenAPIRequest, now: Date): OpenAPIResponse {
  return serveContent(
    req,
    { 'Cache-Control': NO_CACHE, 'Content-Type': 'text/plain; charset=utf-8' },
    { bytes: indexBytes, lastModified: now },
  );
}

/**
 * GET /openapi/v3/<key>. `doc` is undefined for an unknown key. `base` is where v3 is mounted,
 * for the redirect's Location.
 */
export function respondV3(
  key: string,
  doc: ServedDocument | undefined,
  req: OpenAPIRequest,
  now: Date,
  base = '/openapi/v3',
): OpenAPIResponse {
  if (!doc) return { status: 404, headers: { 'Cache-Control': NO_CACHE }, body: EMPTY };
  const headers: Record<string, string> = { 'Cache-Control': NO_CACHE, Vary: 'Accept' };
  if (!acceptsJSON(req.accept)) return { status: 406, headers, body: EMPTY };
  headers['Content-Type'] = 'application/json';
  headers['ETag'] = `"${doc.etag}"`;
  if (req.hash) {
    if (req.hash !== doc.etag) {
      return { status: 301, headers: { ...headers, Location: serverRelativeURL(key, doc.etag, base) }, body: EMPTY };
    }
    headers['Cache-Control'] = 'public, immutable';
    const expires = new Date(now.getTime());
    expires.setUTCFullYear(expires.getUTCFullYear() + 1);
    // Go formats time.RFC1123 with the zone name, which is UTC on a server, not GMT.
    headers['Expires'] = expires.toUTCString().replace(/GMT$/, 'UTC');
  }
  return serveContent(req, headers, doc);
}
