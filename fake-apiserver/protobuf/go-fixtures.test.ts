/**
 * Differential tests against the real Go serializers (fixtures from gen/fixtures, see
 * scripts/build-protobuf.ts --fixtures): decoding Go's protobuf gives Go's JSON, encoding Go's
 * JSON gives Go's protobuf byte for byte, and mutated bodies fail or succeed as Go's do.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status.js';
import { decodeK8sProtobuf } from './decode.js';
import { encodeK8sProtobuf, encodeWatchEventFrame } from './encode.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'testdata/go');
const names = readdirSync(join(DIR, 'objects'))
  .filter((f) => f.endsWith('.pb'))
  .map((f) => f.slice(0, -3))
  .sort();

const pb = (name: string) => readFileSync(join(DIR, 'objects', `${name}.pb`));
const json = (name: string, suffix = '.json') =>
  JSON.parse(readFileSync(join(DIR, 'objects', `${name}${suffix}`), 'utf8')) as Record<string, unknown>;
/** Go's JSON of the object decoded from the bytes, where it differs from the original's. */
const decodedJson = (name: string) => (existsSync(join(DIR, 'objects', `${name}.decoded.json`)) ? json(name, '.decoded.json') : json(name));

describe('Go fixtures', () => {
  it('cover the kinds the brief names', () => {
    for (const n of ['configmap', 'secret', 'namespace', 'pod', 'deployment', 'deleteoptions', 'status', 'crd', 'event', 'configmaplist']) {
      expect(names).toContain(n);
    }
  });

  describe.each(names)('%s', (name) => {
    it('decodes to the JSON encoding/json writes', () => {
      const decoded = decodeK8sProtobuf(pb(name));
      expect(decoded.object).toEqual(decodedJson(name));
      expect(JSON.stringify(decoded.object)).toEqual(JSON.stringify(decodedJson(name)));
      expect(decoded.kind).toBe(json(name).kind);
    });

    it('encodes the JSON to the same bytes', () => {
      expect(encodeK8sProtobuf(json(name)).toString('hex')).toBe(pb(name).toString('hex'));
    });
  });

  it('watch frames match the RawSerializer with the length-delimited framer', () => {
    const events = JSON.parse(readFileSync(join(DIR, 'watch.json'), 'utf8')) as { type: string; object: Record<string, unknown> }[];
    const frames = Buffer.concat(events.map((e) => encodeWatchEventFrame(e.type, e.object)));
    expect(frames.toString('hex')).toBe(readFileSync(join(DIR, 'watch.pb')).toString('hex'));
  });

  it('mutated bodies fail with the real decoder error or decode to the same JSON', () => {
    const cases = JSON.parse(gunzipSync(readFileSync(join(DIR, 'mutations.json.gz'))).toString('utf8')) as {
      name: string;
      kind: string;
      hex: string;
      error?: string;
      json?: Record<string, unknown>;
    }[];
    expect(cases.length).toBeGreaterThan(1000);
    const apiVersion = (kind: string) => (kind === 'Deployment' ? 'apps/v1' : 'v1');
    const mismatches: string[] = [];
    for (const c of cases) {
      let got: { error?: string; json?: unknown };
      try {
        got = { json: decodeK8sProtobuf(Buffer.from(c.hex, 'hex'), { apiVersion: apiVersion(c.kind), kind: c.kind }).object };
      } catch (e) {
        if (!(e instanceof StatusError) || e.code !== 400) throw e;
        got = { error: e.message };
      }
      // Go fails some bodies only when writing the JSON (json: error calling MarshalJSON ...);
      // the decoder rejects them up front, with its own words.
      const ok = c.error?.startsWith('json: ')
        ? got.error !== undefined
        : c.error !== undefined
          ? got.error === c.error
          : got.json !== undefined && JSON.stringify(got.json) === JSON.stringify(c.json);
      if (!ok) mismatches.push(`${c.name}: want ${c.error ?? JSON.stringify(c.json)}\n      got ${got.error ?? JSON.stringify(got.json)}`);
    }
    expect(mismatches.slice(0, 10).join('\n')).toBe('');
  });
});
