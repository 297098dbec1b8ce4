import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status.js';
import { ResourceCatalog } from '../catalog/catalog.js';
import { decodeK8sProtobuf } from './decode.js';
import { encodeK8sProtobuf } from './encode.js';
import { protobufMessageFor } from './schema.js';
import { Writer } from './wire.js';

function status(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('no error');
}

/** magic + Unknown{typeMeta{apiVersion, kind}, raw}. */
function envelope(apiVersion: string, kind: string, raw?: Uint8Array): Buffer {
  const tm = new Writer();
  tm.tag(1, 2);
  tm.string(apiVersion);
  tm.tag(2, 2);
  tm.string(kind);
  const w = new Writer();
  w.raw(Buffer.from('k8s\x00', 'latin1'));
  w.tag(1, 2);
  w.lengthDelimited(tm.view());
  if (raw) {
    w.tag(2, 2);
    w.lengthDelimited(raw);
  }
  return w.finish();
}

const configMap = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x', namespace: 'ns' }, data: { a: 'b' } };

describe('decodeK8sProtobuf: malformed bodies are 400s with the real server text', () => {
  const opts = { apiVersion: 'v1', kind: 'ConfigMap' };

  it('empty body', () => {
    const e = status(() => decodeK8sProtobuf(Buffer.alloc(0), opts));
    expect(e.code).toBe(400);
    expect(e.status.reason).toBe('BadRequest');
    expect(e.message).toBe('the object provided is unrecognized (must be of type ConfigMap): empty data (<empty>)');
  });

  it('wrong magic', () => {
    expect(status(() => decodeK8sProtobuf(Buffer.from('k8s\x01\x0a\x00', 'latin1'), opts)).message).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (6b3873010a00)',
    );
    expect(status(() => decodeK8sProtobuf(Buffer.from('{"kind":"ConfigMap"}'), opts)).message).toMatch(
      /expected prefix \[107 56 115 0\] \(\{"kind":"ConfigMap"\}\)$/,
    );
  });

  it('magic only', () => {
    expect(status(() => decodeK8sProtobuf(Buffer.from('k8s\x00', 'latin1'), opts)).message).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): empty body (6b387300)',
    );
  });

  it('every truncation of a valid body decodes (cut between fields) or is a 400', () => {
    const body = encodeK8sProtobuf(configMap);
    let failures = 0;
    for (let n = 0; n < body.length; n++) {
      try {
        decodeK8sProtobuf(body.subarray(0, n), opts);
      } catch (e) {
        expect(e).toBeInstanceOf(StatusError);
        expect((e as StatusError).code).toBe(400);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(body.length / 2);
  });

  it('a truncated object inside a whole envelope names the kind', () => {
    const raw = encodeK8sProtobuf(configMap).subarray(4);
    const inner = Buffer.from([0x0a, 0x05, 0x0a, 0x03, 0x61]); // ObjectMeta{name: <3 bytes, 1 present>}
    const e = status(() => decodeK8sProtobuf(envelope('v1', 'ConfigMap', inner), opts));
    expect(raw.length).toBeGreaterThan(0);
    expect(e.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: unexpected EOF');
  });

  it('a wrong wire type names the Go field', () => {
    const e = status(() => decodeK8sProtobuf(envelope('v1', 'ConfigMap', Buffer.from([0x10, 0x01])), opts));
    expect(e.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: proto: wrong wireType = 0 for field Data');
  });

  it('an unknown kind', () => {
    const e = status(() => decodeK8sProtobuf(envelope('v1', 'Foo', new Uint8Array(0)), opts));
    expect(e.message).toBe(
      'Foo in version "v1" cannot be handled as a ConfigMap: no kind "Foo" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    );
    expect(status(() => decodeK8sProtobuf(envelope('example.com/v1', 'Widget', new Uint8Array(0)))).message).toBe(
      'Widget in version "v1" cannot be handled as a object: no kind "Widget" is registered for version "example.com/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    );
  });

  it('a missing kind without a default', () => {
    const e = status(() => decodeK8sProtobuf(envelope('v1', '', new Uint8Array(0))));
    expect(e.message).toBe(
      `the object provided is unrecognized (must be of type object): Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"v1", Kind:""}' (6b3873000a060a02763112001200)`,
    );
  });

  it('an invalid quantity', () => {
    const quantity = new Writer();
    quantity.tag(1, 2);
    quantity.string('1.5.x');
    const entry = new Writer();
    entry.tag(1, 2);
    entry.string('cpu');
    entry.tag(2, 2);
    entry.lengthDelimited(quantity.view());
    const hard = new Writer();
    hard.tag(1, 2);
    hard.lengthDelimited(entry.view());
    const spec = new Writer();
    spec.tag(2, 2);
    spec.lengthDelimited(hard.view());
    const e = status(() => decodeK8sProtobuf(envelope('v1', 'ResourceQuota', spec.view())));
    expect(e.message).toBe(
      'ResourceQuota in version "v1" cannot be handled as a object: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
  });

  it('garbage never escapes as anything but a 400', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const valid = encodeK8sProtobuf({ ...configMap, metadata: { ...configMap.metadata, creationTimestamp: '2024-01-01T00:00:00Z' } });
    for (let i = 0; i < 2000; i++) {
      const body = Buffer.from(valid);
      for (let j = 0; j < 3; j++) body[4 + Math.floor(rand() * (body.length - 4))] = Math.floor(rand() * 256);
      try {
        decodeK8sProtobuf(body, opts);
      } catch (e) {
        expect(e).toBeInstanceOf(StatusError);
        expect((e as StatusError).code).toBe(400);
      }
    }
  });

  it("'plain' errors are the decoder's text alone (DELETE bodies)", () => {
    expect(status(() => decodeK8sProtobuf(Buffer.from('k8s\x00', 'latin1'), { errors: 'plain' })).message).toBe('empty body');
    expect(status(() => decodeK8sProtobuf(envelope('v1', 'DeleteOptions', Buffer.from([0x08])), { errors: 'plain' })).message).toBe(
      'unexpected EOF',
    );
  });
});

describe('decodeK8sProtobuf: type information', () => {
  it('fills an empty kind and apiVersion from the endpoint', () => {
    const d = decodeK8sProtobuf(envelope('', '', new Uint8Array(0)), { apiVersion: 'v1', kind: 'Namespace' });
    expect(d).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      object: { kind: 'Namespace', apiVersion: 'v1', metadata: {}, spec: {}, status: {} },
    });
  });

  it('keeps the body kind when it differs from the endpoint (the handler decides)', () => {
    const d = decodeK8sProtobuf(encodeK8sProtobuf({ kind: 'Secret', apiVersion: 'v1', metadata: { name: 's' } }), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
    });
    expect(d.kind).toBe('Secret');
    expect(d.object).toEqual({ kind: 'Secret', apiVersion: 'v1', metadata: { name: 's' } });
  });

  it('accepts DeleteOptions under any group version, as per-group option bodies are', () => {
    for (const apiVersion of ['v1', 'apps/v1', 'meta.k8s.io/v1', 'batch/v1']) {
      const body = encodeK8sProtobuf({ kind: 'DeleteOptions', apiVersion, propagationPolicy: 'Background', gracePeriodSeconds: 0 });
      expect(decodeK8sProtobuf(body, { errors: 'plain' }).object).toEqual({
        kind: 'DeleteOptions',
        apiVersion,
        gracePeriodSeconds: 0,
        propagationPolicy: 'Background',
      });
    }
  });

  it('knows every kind and list kind of the built-in catalog', () => {
    const catalog = ResourceCatalog.builtin({ groupVersions: 'all' });
    const missing: string[] = [];
    for (const g of catalog.groups()) {
      for (const v of g.versions) {
        const apiVersion = g.name ? `${g.name}/${v}` : v;
        for (const r of catalog.resourcesFor(g.name, v)) {
          // Create-only resources (TokenReview, ...) have no list kind.
          const kinds = r.verbs.includes('list') ? [r.kind, r.listKind] : [r.kind];
          for (const kind of kinds) if (!protobufMessageFor(apiVersion, kind)) missing.push(`${apiVersion} ${kind}`);
          for (const s of r.subresources) {
            const sv = s.kind.group ? `${s.kind.group}/${s.kind.version}` : s.kind.version;
            if (s.kind.kind && !protobufMessageFor(sv, s.kind.kind)) missing.push(`${sv} ${s.kind.kind} (${r.resource}/${s.name})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
