/**
 * The engine on the real OpenAPI v3 schemas (fake-apiserver/schema), checked against managedFields
 * the real server writes.
 */
import { describe, expect, it } from 'vitest';
import { builtinSchemas, schemaFromStructural } from '../schema/index.js';
import { apply, update } from './field-manager.js';
import { goZeroObject } from './zero-value.js';

const schemas = builtinSchemas();
const now = Date.UTC(2025, 0, 1);

describe('with the built-in OpenAPI schemas', () => {
  it('Pod apply: the e2e fieldsV1, and the protocol default in container port keys', () => {
    const schema = schemas.forKind('', 'v1', 'Pod');
    const r = apply(
      undefined,
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'test-container', image: 'test-image', ports: [{ containerPort: 80 }] }] },
      },
      'apply_test',
      { apiVersion: 'v1', kind: 'Pod', now, schema, resetFields: [['status']] },
    );
    expect(JSON.stringify(r.managedFields?.[0].fieldsV1)).toBe(
      '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"test-container\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}',
    );
  });

  it('Service apply: metadata sets and atomic owner references', () => {
    const schema = schemas.forKind('', 'v1', 'Service');
    const r = apply(
      undefined,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's', finalizers: ['a'], ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'n', uid: 'u1' }] },
        spec: { ports: [{ port: 8080, protocol: 'UDP' }] },
      },
      'apply_test',
      { apiVersion: 'v1', kind: 'Service', now, schema },
    );
    expect(r.managedFields?.[0].fieldsV1).toEqual({
      'f:metadata': { 'f:finalizers': { 'v:"a"': {} }, 'f:ownerReferences': { 'k:{"uid":"u1"}': {} } },
      'f:spec': { 'f:ports': { 'k:{"port":8080,"protocol":"UDP"}': { '.': {}, 'f:port': {}, 'f:protocol': {} } } },
    });
  });

  it('Deployment create (kubectl create style Update)', () => {
    const schema = schemas.forKind('apps', 'v1', 'Deployment');
    const u = update(
      undefined,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd', labels: { app: 'x' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'x' } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
          template: {
            metadata: { labels: { app: 'x' } },
            spec: { containers: [{ name: 'c', image: 'i', resources: {} }], securityContext: {} },
          },
        },
      },
      'kubectl-create',
      { apiVersion: 'apps/v1', now, schema, resetFields: [['status']], zero: goZeroObject('apps', 'Deployment', schema) },
    );
    expect(u.managedFields?.[0].fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:resources': {} } },
            'f:securityContext': {},
          },
        },
      },
    });
  });

  it('rejects undeclared fields in a typed apply', () => {
    const schema = schemas.forKind('apps', 'v1', 'Deployment');
    expect(() =>
      apply(undefined, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { foo: 1 } }, 'm', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        now,
        schema,
      }),
    ).toThrow('failed to create typed patch object (/d; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema');
  });

  it('custom resource with the e2e CRD schema: finalizers are a set, ports a list-map', () => {
    const schema = schemaFromStructural({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: {
            cronSpec: { type: 'string' },
            ports: {
              type: 'array',
              'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
              'x-kubernetes-list-type': 'map',
              items: {
                type: 'object',
                required: ['containerPort', 'protocol'],
                properties: { containerPort: { type: 'integer', format: 'int32' }, name: { type: 'string' }, protocol: { type: 'string' } },
              },
            },
          },
        },
      },
    });
    const opts = { apiVersion: 'g.example.com/v1', kind: 'Noxu', now, schema };
    const body = {
      apiVersion: 'g.example.com/v1',
      kind: 'Noxu',
      metadata: { name: 'mytest', finalizers: ['test-finalizer'] },
      spec: { replicas: 1, ports: [{ name: 'x', containerPort: 80, protocol: 'TCP' }] },
    };
    const first = apply(undefined, body, 'apply_test', opts).object;
    const patched = { ...first, metadata: { ...first.metadata, uid: 'u', finalizers: ['test-finalizer', 'another-one'] } };
    const again = apply(patched, body, 'apply_test', opts);
    expect(again.object.metadata.finalizers).toEqual(['test-finalizer', 'another-one']);
    expect(again.managedFields?.[0].fieldsV1).toEqual({
      'f:metadata': { 'f:finalizers': { 'v:"test-finalizer"': {} } },
      'f:spec': {
        'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:name': {}, 'f:protocol': {} } },
        'f:replicas': {},
      },
    });
  });
});
