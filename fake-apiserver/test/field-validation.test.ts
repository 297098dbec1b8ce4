import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call } from '../testing/http-client.js';

let server: FakeApiServer;
const cms = '/api/v1/namespaces/default/configmaps';
const deps = '/apis/apps/v1/namespaces/default/deployments';
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);
const deployment = (spec: Record<string, unknown>) => ({
  metadata: { name: 'd' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
    ...spec,
  },
});

beforeAll(async () => {
  server = await startFakeApiServer();
});
afterAll(() => server.close());

// Expected texts observed on the reference cluster (kube-apiserver v1.35.4).
describe('field validation', () => {
  it('Strict: unknown fields are a 400 strict decoding error at the first undeclared level', async () => {
    const r = await req('POST', `${cms}?fieldValidation=Strict`, { metadata: { name: 'fv1' }, data: { a: 'b' }, foo: 1, spec: { x: 1 } });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "foo", unknown field "spec"',
    );
    const d = await req('POST', `${deps}?fieldValidation=Strict`, deployment({ replica: 2 }));
    expect(d.json.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    );
  });

  it('Strict: duplicate fields are reported before unknown ones', async () => {
    const r = await req('POST', `${cms}?fieldValidation=Strict`, '{"metadata":{"name":"fv9","name":"x"},"data":{"a":"b"},"foo":1}');
    expect(r.status).toBe(400);
    expect(r.json.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "metadata.name", unknown field "foo"',
    );
  });

  it('Warn (the default): the object is stored and each problem is a Warning header', async () => {
    const r = await req('POST', cms, '{"metadata":{"name":"fv2","name":"fv2b"},"data":{"a":"b"},"foo":1}');
    expect(r.status).toBe(201);
    expect(r.json.metadata.name).toBe('fv2b');
    expect(r.headers.get('warning')).toBe('299 - "duplicate field \\"metadata.name\\"", 299 - "unknown field \\"foo\\""');
    expect(r.json.foo).toBeUndefined();
  });

  it('Ignore: no warnings', async () => {
    const r = await req('POST', `${cms}?fieldValidation=Ignore`, { metadata: { name: 'fv3' }, foo: 1 });
    expect(r.status).toBe(201);
    expect(r.headers.get('warning')).toBeNull();
  });

  it('an unsupported value is 422', async () => {
    const r = await req('POST', `${cms}?fieldValidation=Bogus`, { metadata: { name: 'fv4' } });
    expect(r.status).toBe(422);
    expect(r.json.message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Bogus": supported values: "", "Ignore", "Strict", "Warn"',
    );
  });

  it('patches: Warn adds a header, Strict answers 422 on field patch', async () => {
    await req('POST', cms, { metadata: { name: 'fv5' } });
    const warn = await req('PATCH', `${cms}/fv5`, { foo: 1 });
    expect(warn.status).toBe(200);
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"foo\\""');
    const strict = await req('PATCH', `${cms}/fv5?fieldValidation=Strict`, { foo: 1 });
    expect(strict.status).toBe(422);
    expect(strict.json.message).toMatch(
      /^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"v1\\",\\"foo\\":1,\\"kind\\":\\"ConfigMap\\".*": strict decoding error: unknown field "foo"$/,
    );
  });

  it('type mismatches are a 400 in Go encoding/json words, whatever the mode', async () => {
    const cm = await req('POST', `${cms}?fieldValidation=Ignore`, { metadata: { name: 't1' }, data: { a: 1 } });
    expect(cm.status).toBe(400);
    expect(cm.json.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
    );
    const d = await req('POST', deps, deployment({ replicas: 'x' }));
    expect(d.json.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    const name = await req('POST', cms, { metadata: { name: 5 } });
    expect(name.json.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
    );
    const labels = await req('POST', cms, { metadata: { name: 't3', labels: 'x' } });
    expect(labels.json.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal string into Go struct field ObjectMeta.metadata.labels of type map[string]string',
    );
    const fin = await req('POST', cms, { metadata: { name: 't4', finalizers: 'x' } });
    expect(fin.json.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal string into Go struct field ObjectMeta.metadata.finalizers of type []string',
    );
    const port = await req('POST', '/api/v1/namespaces/default/pods', {
      metadata: { name: 't5' },
      spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: '80' }] }] },
    });
    expect(port.json.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
    const nullData = await req('POST', cms, { metadata: { name: 't6' }, data: null });
    expect(nullData.status).toBe(201);
  });
});
