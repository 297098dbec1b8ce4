import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status.js';
import { decodeK8sProtobuf } from './decode.js';
import { canEncodeProtobuf, encodeK8sProtobuf, encodeWatchEventFrame } from './encode.js';
import { Reader } from './wire.js';

const roundTrip = (obj: Record<string, unknown>) => decodeK8sProtobuf(encodeK8sProtobuf(obj)).object;

const meta = {
  name: 'x',
  namespace: 'ns',
  uid: 'u-1',
  resourceVersion: '5',
  creationTimestamp: '2024-01-02T03:04:05Z',
  labels: { a: 'b' },
};

describe('encodeK8sProtobuf → decodeK8sProtobuf round trips (objects as the fake stores them)', () => {
  it('ConfigMap with data and binaryData', () => {
    const cm = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: meta,
      data: { k: 'v', empty: '' },
      binaryData: { b: Buffer.from([0, 255]).toString('base64') },
    };
    expect(roundTrip(cm)).toEqual({ ...cm, data: { empty: '', k: 'v' } });
  });

  it('Secret bytes and stringData', () => {
    const s = { kind: 'Secret', apiVersion: 'v1', metadata: meta, type: 'Opaque', data: { p: 'czNjcjN0', none: '' }, immutable: false };
    expect(roundTrip(s)).toEqual({
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: meta,
      immutable: false,
      data: { none: '', p: 'czNjcjN0' },
      type: 'Opaque',
    });
  });

  it('Namespace', () => {
    const ns = {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'team' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
    expect(roundTrip(ns)).toEqual(ns);
  });

  it('Pod: int32 ports, Quantity maps, IntOrString probes, inline volume sources, times, negative int32', () => {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { ...meta, deletionTimestamp: '2024-01-02T03:04:06Z', deletionGracePeriodSeconds: 30 },
      spec: {
        volumes: [{ name: 'cfg', configMap: { name: 'cm', defaultMode: 420 } }],
        containers: [
          {
            name: 'app',
            image: 'nginx',
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: 1 } },
            livenessProbe: { httpGet: { path: '/', port: 'http' }, initialDelaySeconds: 3 },
            readinessProbe: { tcpSocket: { port: 8080 } },
          },
        ],
        priority: -5,
      },
      status: {
        phase: 'Running',
        startTime: '2024-01-02T03:04:05Z',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-02T03:04:05+01:00' }],
      },
    };
    const back = roundTrip(pod) as any;
    expect(back.spec.volumes).toEqual([{ name: 'cfg', configMap: { name: 'cm', defaultMode: 420 } }]);
    expect(back.spec.containers[0].ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(back.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '1' } });
    expect(back.spec.containers[0].livenessProbe).toEqual({ httpGet: { path: '/', port: 'http' }, initialDelaySeconds: 3 });
    expect(back.spec.containers[0].readinessProbe).toEqual({ tcpSocket: { port: 8080 } });
    expect(back.spec.priority).toBe(-5);
    expect(back.metadata.deletionTimestamp).toBe('2024-01-02T03:04:06Z');
    // A time with an offset is the same instant, written in UTC as Go writes it.
    expect(back.status.conditions[0].lastTransitionTime).toBe('2024-01-02T02:04:05Z');
  });

  it('Deployment: LabelSelector, IntOrString maxSurge', () => {
    const d = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: meta,
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i', resources: {} }] } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      },
      status: {},
    };
    const back = roundTrip(d) as any;
    expect(back.spec.selector).toEqual(d.spec.selector);
    expect(back.spec.strategy).toEqual(d.spec.strategy);
    expect(back.spec.template.spec.containers).toEqual([{ name: 'c', image: 'i', resources: {} }]);
  });

  it('DeleteOptions and Status', () => {
    const del = {
      kind: 'DeleteOptions',
      apiVersion: 'meta.k8s.io/v1',
      gracePeriodSeconds: 5,
      preconditions: { uid: 'u' },
      propagationPolicy: 'Orphan',
      dryRun: ['All'],
    };
    expect(roundTrip(del)).toEqual(del);
    const st = new StatusError(404, 'NotFound', 'configmaps "x" not found', { name: 'x', kind: 'configmaps' }).status;
    expect(roundTrip(st as unknown as Record<string, unknown>)).toEqual(st);
  });

  it('drops keys the Go type lacks and writes Go zero values for absent ones', () => {
    const back = roundTrip({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x', bogus: 1 }, extra: true }) as any;
    expect(back).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x' } });
  });

  it('MicroTime keeps microseconds; Time keeps seconds', () => {
    const lease = {
      kind: 'Lease',
      apiVersion: 'coordination.k8s.io/v1',
      metadata: { name: 'l', creationTimestamp: '2024-01-02T03:04:05.999Z' },
      spec: { acquireTime: '2024-01-02T03:04:05.123456Z', renewTime: '2024-01-02T03:04:05.000001Z' },
    };
    const back = roundTrip(lease) as any;
    expect(back.metadata.creationTimestamp).toBe('2024-01-02T03:04:05Z');
    expect(back.spec).toEqual({ acquireTime: '2024-01-02T03:04:05.123456Z', renewTime: '2024-01-02T03:04:05.000001Z' });
  });

  it('lists, with item bytes cached per stored object', () => {
    const item = { metadata: { name: 'a', namespace: 'ns' }, data: { k: 'v' } };
    const list = {
      kind: 'ConfigMapList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '9', continue: 'c', remainingItemCount: 3 },
      items: [item, item],
    };
    const first = encodeK8sProtobuf(list, { cacheItems: true });
    expect(encodeK8sProtobuf(list, { cacheItems: true })).toEqual(first);
    expect(encodeK8sProtobuf(list)).toEqual(first);
    expect(decodeK8sProtobuf(first).object).toEqual({
      kind: 'ConfigMapList',
      apiVersion: 'v1',
      metadata: list.metadata,
      items: [item, item],
    });
  });

  it('kinds without a protobuf form are a 406, as errNotMarshalable is', () => {
    expect(canEncodeProtobuf({ kind: 'Widget', apiVersion: 'example.com/v1' })).toBe(false);
    expect(canEncodeProtobuf({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' })).toBe(false);
    expect(canEncodeProtobuf({ kind: 'Pod', apiVersion: 'v1' })).toBe(true);
    let err: unknown;
    try {
      encodeK8sProtobuf({ kind: 'Widget', apiVersion: 'example.com/v1', metadata: { name: 'w' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(406);
    expect((err as StatusError).message).toBe(
      'object *unstructured.Unstructured does not implement the protobuf marshalling interface and cannot be encoded to a protobuf message',
    );
  });

  it('a value of the wrong JSON type is an Error naming the path', () => {
    expect(() => encodeK8sProtobuf({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 1 } })).toThrow(
      'metadata.name: expected string, got 1',
    );
    expect(() => encodeK8sProtobuf({ kind: 'Pod', apiVersion: 'v1', spec: { containers: {} } })).toThrow(
      'spec.containers: expected an array',
    );
  });
});

describe('encodeWatchEventFrame', () => {
  it('is a 4-byte big-endian length and a WatchEvent whose object.raw is the full protobuf body', () => {
    const cm = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x', resourceVersion: '3' } };
    const frame = encodeWatchEventFrame('ADDED', cm);
    expect(frame.readUInt32BE(0)).toBe(frame.length - 4);
    const r = new Reader(frame.subarray(4));
    expect(r.varint()).toBe(0x0a);
    expect(Buffer.from(r.bytes()).toString()).toBe('ADDED');
    expect(r.varint()).toBe(0x12);
    const ext = new Reader(r.bytes());
    expect(ext.varint()).toBe(0x0a);
    const raw = ext.bytes();
    expect(Buffer.from(raw)).toEqual(encodeK8sProtobuf(cm));
    expect(decodeK8sProtobuf(Buffer.from(raw)).object).toEqual(cm);
    expect(r.done).toBe(true);
  });
});
