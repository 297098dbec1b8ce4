import { describe, expect, it } from 'vitest';
import { computeETag } from './etag.js';
import { acceptsJSON, parseAccept, respondV2, respondV3, respondV3Index, type ServedDocument } from './responses.js';

const bytes = Buffer.from('{"openapi":"3.0.0"}');
const doc: ServedDocument = { bytes, etag: computeETag(bytes), lastModified: new Date('2026-01-02T03:04:05.678Z') };
const now = new Date('2026-06-01T00:00:00Z');

describe('Accept negotiation', () => {
  it('orders clauses like goautoneg and serves JSON only', () => {
    expect(parseAccept('application/json;q=0.5, application/*').map((c) => `${c.type}/${c.subType}`)).toEqual([
      'application/*',
      'application/json',
    ]);
    expect(acceptsJSON(undefined)).toBe(true);
    expect(acceptsJSON('')).toBe(true);
    expect(acceptsJSON('application/json')).toBe(true);
    expect(acceptsJSON('application/com.github.proto-openapi.spec.v3@v1.0+protobuf, application/json')).toBe(true);
    expect(acceptsJSON('application/com.github.proto-openapi.spec.v2@v1.0+protobuf')).toBe(false);
    expect(acceptsJSON('application/xml')).toBe(false);
    expect(acceptsJSON('text/*')).toBe(false);
  });
});

describe('GET /openapi/v3/<gv>', () => {
  it('without hash: 200, ETag, Vary, default Cache-Control', () => {
    const r = respondV3('apis/apps/v1', doc, {}, now);
    expect(r.status).toBe(200);
    expect(r.body).toBe(bytes);
    expect(r.headers).toEqual({
      'Cache-Control': 'no-cache, private',
      Vary: 'Accept',
      'Content-Type': 'application/json',
      ETag: `"${doc.etag}"`,
      'Last-Modified': 'Fri, 02 Jan 2026 03:04:05 GMT',
    });
  });

  it('with the current hash: cacheable for a year', () => {
    const r = respondV3('apis/apps/v1', doc, { hash: doc.etag }, now);
    expect(r.status).toBe(200);
    expect(r.headers['Cache-Control']).toBe('public, immutable');
    expect(r.headers['Expires']).toBe('Tue, 01 Jun 2027 00:00:00 UTC');
  });

  it('with a stale hash: 301 to the current serverRelativeURL, empty body', () => {
    const r = respondV3('apis/apps/v1', doc, { hash: 'ABC' }, now);
    expect(r.status).toBe(301);
    expect(r.body.length).toBe(0);
    expect(r.headers).toMatchObject({
      Location: `/openapi/v3/apis/apps/v1?hash=${doc.etag}`,
      'Content-Type': 'application/json',
      ETag: `"${doc.etag}"`,
      'Cache-Control': 'no-cache, private',
    });
  });

  it('If-None-Match with the ETag: 304 without body or Content-Type', () => {
    const r = respondV3('apis/apps/v1', doc, { ifNoneMatch: `"${doc.etag}"` }, now);
    expect(r.status).toBe(304);
    expect(r.body.length).toBe(0);
    expect(r.headers['Content-Type']).toBeUndefined();
    expect(r.headers['Last-Modified']).toBeUndefined();
    expect(r.headers['ETag']).toBe(`"${doc.etag}"`);
    expect(respondV3('apis/apps/v1', doc, { ifNoneMatch: '"other"' }, now).status).toBe(200);
  });

  it('unknown key: 404 with an empty body; unacceptable Accept: 406', () => {
    expect(respondV3('apis/nope/v1', undefined, {}, now)).toMatchObject({ status: 404, headers: { 'Cache-Control': 'no-cache, private' } });
    const r = respondV3('apis/apps/v1', doc, { accept: 'application/xml', hash: 'ABC' }, now);
    expect(r.status).toBe(406);
    expect(r.headers).toEqual({ 'Cache-Control': 'no-cache, private', Vary: 'Accept' });
  });
});

describe('GET /openapi/v3 and /openapi/v2', () => {
  it('the index is sniffed as text/plain and has no ETag', () => {
    const r = respondV3Index(Buffer.from('{"paths":{}}'), {}, now);
    expect(r.status).toBe(200);
    expect(r.headers).toEqual({
      'Cache-Control': 'no-cache, private',
      'Content-Type': 'text/plain; charset=utf-8',
      'Last-Modified': 'Mon, 01 Jun 2026 00:00:00 GMT',
    });
  });

  it('v2: ETag, 304 on If-None-Match, 406 for protobuf only', () => {
    expect(respondV2(doc, {}).headers).toMatchObject({ 'Content-Type': 'application/json', ETag: `"${doc.etag}"`, Vary: 'Accept' });
    expect(respondV2(doc, { ifNoneMatch: `W/"${doc.etag}"` }).status).toBe(304);
    expect(respondV2(doc, { ifModifiedSince: 'Fri, 02 Jan 2026 03:04:05 GMT' }).status).toBe(304);
    expect(respondV2(doc, { ifModifiedSince: 'Fri, 02 Jan 2026 03:04:04 GMT' }).status).toBe(200);
    expect(respondV2(doc, { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' }).status).toBe(406);
  });
});
