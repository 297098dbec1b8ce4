import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call } from '../testing/http-client.js';

let server: FakeApiServer;
const cms = '/api/v1/namespaces/default/configmaps';
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);

beforeAll(async () => {
  server = await startFakeApiServer({ seed: 7 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('create', () => {
  it('answers 201 with uid, creationTimestamp, resourceVersion and an Update managedFields entry', async () => {
    const r = await req(
      'POST',
      cms,
      { metadata: { name: 'a' }, data: { k: 'v' } },
      { 'user-agent': 'tester/1.0', 'content-type': 'application/json' },
    );
    expect(r.status).toBe(201);
    expect(r.json.kind).toBe('ConfigMap');
    expect(r.json.apiVersion).toBe('v1');
    expect(r.json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(r.json.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(r.json.metadata.generation).toBeUndefined();
    expect(r.json.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'tester',
        operation: 'Update',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:k': {} } },
      }),
    ]);
  });

  it('wipes client-set system fields and takes the namespace from the URL', async () => {
    const r = await req('POST', cms, {
      metadata: { name: 'a', uid: 'x', creationTimestamp: '2000-01-01T00:00:00Z' },
    });
    expect(r.status).toBe(201);
    expect(r.json.metadata.uid).not.toBe('x');
    expect(r.json.metadata.creationTimestamp).not.toBe('2000-01-01T00:00:00Z');
    expect(r.json.metadata.namespace).toBe('default');
  });

  it("refuses a resourceVersion on create with the real server's 500", async () => {
    const r = await req('POST', cms, { metadata: { name: 'rv', resourceVersion: '999' } });
    expect(r.status).toBe(500);
    expect(r.json.message).toBe('resourceVersion should not be set on objects to be created');
    expect(r.json.reason).toBeUndefined();
    expect((await req('GET', `${cms}/rv`)).status).toBe(404);
  });

  it('rejects a namespace in the body that differs from the URL', async () => {
    const r = await req('POST', cms, { metadata: { name: 'a', namespace: 'kube-system' } });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('the namespace of the provided object does not match the namespace sent on the request');
  });

  it('409 AlreadyExists with details', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    const r = await req('POST', cms, { metadata: { name: 'a' } });
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'AlreadyExists',
      code: 409,
      message: 'configmaps "a" already exists',
      details: { name: 'a', kind: 'configmaps' },
    });
    expect(r.json.details.group).toBeUndefined();
  });

  it('group-qualifies resources of named groups in messages and details', async () => {
    const dep = {
      metadata: { name: 'd' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    };
    await req('POST', '/apis/apps/v1/namespaces/default/deployments', dep);
    const r = await req('POST', '/apis/apps/v1/namespaces/default/deployments', dep);
    expect(r.json).toMatchObject({ message: 'deployments.apps "d" already exists', details: { group: 'apps', kind: 'deployments' } });
  });

  it('generateName uses the real alphabet and a 5-character suffix', async () => {
    const r = await req('POST', cms, { metadata: { generateName: 'gen-' } });
    expect(r.status).toBe(201);
    expect(r.json.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(r.json.metadata.generateName).toBe('gen-');
  });

  it('requires a name or generateName (422)', async () => {
    const r = await req('POST', cms, { metadata: {} });
    expect(r.status).toBe(422);
    expect(r.json.reason).toBe('Invalid');
    expect(r.json.message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    expect(r.json.details.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' },
    ]);
  });

  it('404s a create in a missing namespace with the namespace in details', async () => {
    const r = await req('POST', '/api/v1/namespaces/nope/configmaps', { metadata: { name: 'a' } });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
      details: { name: 'nope', kind: 'namespaces' },
    });
  });

  it('dry-run create validates and answers without storing or taking a revision', async () => {
    const before = server.store.revision;
    const r = await req('POST', `${cms}?dryRun=All`, { metadata: { name: 'dry' } });
    expect(r.status).toBe(201);
    expect(r.json.metadata.uid).toBeDefined();
    expect(r.json.metadata.resourceVersion).toBeUndefined();
    expect(server.store.revision).toBe(before);
    expect((await req('GET', `${cms}/dry`)).status).toBe(404);
    const bad = await req('POST', `${cms}?dryRun=Some`, { metadata: { name: 'dry' } });
    expect(bad.status).toBe(422);
    expect(bad.json.message).toBe('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Some"]: supported values: "All"');
  });

  it('sets generation 1 for types with a generation and a cleared status for deployments', async () => {
    const r = await req('POST', '/apis/apps/v1/namespaces/default/deployments', {
      metadata: { name: 'd' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
      status: { replicas: 5 },
    });
    expect(r.status).toBe(201);
    expect(r.json.metadata.generation).toBe(1);
    expect(r.json.status).toBeUndefined();
    expect(r.json.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    });
  });
});

describe('get', () => {
  it('404 NotFound with the real message', async () => {
    const r = await req('GET', `${cms}/missing`);
    expect(r.status).toBe(404);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "missing" not found',
      reason: 'NotFound',
      details: { name: 'missing', kind: 'configmaps' },
      code: 404,
    });
  });

  it('serves YAML when asked', async () => {
    await req('POST', cms, { metadata: { name: 'y' }, data: { a: 'b' } });
    const r = await req('GET', `${cms}/y`, undefined, { accept: 'application/yaml' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/yaml');
    expect(r.text).toContain('kind: ConfigMap');
  });
});

describe('update', () => {
  it('409 Conflict on a stale resourceVersion with the exact message', async () => {
    const c = await req('POST', cms, { metadata: { name: 'a' }, data: { v: '1' } });
    await req('PUT', `${cms}/a`, { ...c.json, data: { v: '2' } });
    const r = await req('PUT', `${cms}/a`, { ...c.json, data: { v: '3' } });
    expect(r.status).toBe(409);
    expect(r.json.reason).toBe('Conflict');
    expect(r.json.message).toBe(
      'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('is unconditional without a resourceVersion for built-ins', async () => {
    await req('POST', cms, { metadata: { name: 'a' }, data: { v: '1' } });
    const r = await req('PUT', `${cms}/a`, { metadata: { name: 'a' }, data: { v: '2' } });
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual({ v: '2' });
  });

  it('keeps the resourceVersion for a write that changes nothing', async () => {
    const c = await req('POST', cms, { metadata: { name: 'a' }, data: { v: '1' } });
    const before = server.store.revision;
    const r = await req('PUT', `${cms}/a`, c.json);
    expect(r.status).toBe(200);
    expect(r.json.metadata.resourceVersion).toBe(c.json.metadata.resourceVersion);
    expect(server.store.revision).toBe(before);
  });

  it('restores uid-less, creationTimestamp and generation from the stored object', async () => {
    const c = await req('POST', cms, { metadata: { name: 'a' } });
    const r = await req('PUT', `${cms}/a`, {
      metadata: { name: 'a', creationTimestamp: '2001-01-01T00:00:00Z', generation: 9 },
      data: { x: 'y' },
    });
    expect(r.status).toBe(200);
    expect(r.json.metadata.creationTimestamp).toBe(c.json.metadata.creationTimestamp);
    expect(r.json.metadata.uid).toBe(c.json.metadata.uid);
    expect(r.json.metadata.generation).toBeUndefined();
  });

  it('a different uid is a failed precondition (409)', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    const r = await req('PUT', `${cms}/a`, { metadata: { name: 'a', uid: 'other' } });
    expect(r.status).toBe(409);
    expect(r.json.message).toMatch(
      /^Operation cannot be fulfilled on configmaps "a": Precondition failed: UID in precondition: other, UID in object meta: /,
    );
  });

  it('400 when the body name or namespace differs from the URL', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    const n = await req('PUT', `${cms}/a`, { metadata: { name: 'b' } });
    expect(n.status).toBe(400);
    expect(n.json.message).toBe('the name of the object (b) does not match the name on the URL (a)');
    const ns = await req('PUT', `${cms}/a`, { metadata: { name: 'a', namespace: 'kube-system' } });
    expect(ns.status).toBe(400);
    expect(ns.json.message).toBe('the namespace of the object (kube-system) does not match the namespace on the request (default)');
  });

  it('404 for PUT on a missing object of a type without create-on-update', async () => {
    const r = await req('PUT', `${cms}/missing`, { metadata: { name: 'missing' } });
    expect(r.status).toBe(404);
  });

  it('creates on PUT for types that allow it (leases: 201)', async () => {
    const r = await req('PUT', '/apis/coordination.k8s.io/v1/namespaces/default/leases/l', {
      metadata: { name: 'l', resourceVersion: '' },
      spec: { holderIdentity: 'me' },
    });
    expect(r.status).toBe(201);
  });

  it('bumps generation on spec change but not on a label change', async () => {
    const dep = {
      metadata: { name: 'd' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    };
    const c = await req('POST', '/apis/apps/v1/namespaces/default/deployments', dep);
    const p = '/apis/apps/v1/namespaces/default/deployments/d';
    const labelled = await req('PATCH', p, { metadata: { labels: { x: 'y' } } });
    expect(labelled.json.metadata.generation).toBe(1);
    const scaled = await req('PATCH', p, { spec: { replicas: 3 } });
    expect(scaled.json.metadata.generation).toBe(2);
    expect(c.json.metadata.generation).toBe(1);
  });
});

describe('patch', () => {
  it('merge patch merges maps and null deletes', async () => {
    await req('POST', cms, { metadata: { name: 'a' }, data: { a: '1', b: '2' } });
    const r = await req('PATCH', `${cms}/a`, { data: { a: null, c: '3' } }, { 'content-type': 'application/merge-patch+json' });
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual({ b: '2', c: '3' });
  });

  it('JSON patch applies operations; a failed test is 422', async () => {
    await req('POST', cms, { metadata: { name: 'a' }, data: { a: '1' } });
    const ok = await req('PATCH', `${cms}/a`, [{ op: 'add', path: '/data/b', value: '2' }], {
      'content-type': 'application/json-patch+json',
    });
    expect(ok.json.data).toEqual({ a: '1', b: '2' });
    const bad = await req('PATCH', `${cms}/a`, [{ op: 'test', path: '/data/a', value: 'nope' }], {
      'content-type': 'application/json-patch+json',
    });
    expect(bad.status).toBe(422);
    expect(bad.json.reason).toBe('Invalid');
  });

  it('more than 10,000 JSON patch operations is 413', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/metadata/name', value: 'a' }));
    const r = await req('PATCH', `${cms}/a`, ops, { 'content-type': 'application/json-patch+json' });
    expect(r.status).toBe(413);
    expect(r.json.message).toBe('The allowed maximum operations in a JSON patch is 10000, got 10001');
  });

  it('strategic merge patch merges containers by name and unions finalizers', async () => {
    await req('POST', '/api/v1/namespaces/default/pods', {
      metadata: { name: 'p', finalizers: ['a.io/x'] },
      spec: {
        containers: [
          { name: 'a', image: 'one' },
          { name: 'b', image: 'two' },
        ],
      },
    });
    const r = await req(
      'PATCH',
      '/api/v1/namespaces/default/pods/p',
      { metadata: { finalizers: ['b.io/y'] }, spec: { containers: [{ name: 'b', image: 'three' }] } },
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    expect(r.status).toBe(200);
    expect(r.json.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).toEqual(['a=one', 'b=three']);
    // Observed on the real server: new items of a merged list come before the existing ones.
    expect(r.json.metadata.finalizers).toEqual(['b.io/y', 'a.io/x']);
    await req(
      'PATCH',
      '/api/v1/namespaces/default/pods/p',
      { metadata: { finalizers: null } },
      { 'content-type': 'application/merge-patch+json' },
    );
  });

  it('a patch that sets a stale resourceVersion is a conflict; a missing object is 404', async () => {
    const c = await req('POST', cms, { metadata: { name: 'a' } });
    await req('PATCH', `${cms}/a`, { data: { x: '1' } });
    const r = await req('PATCH', `${cms}/a`, { metadata: { resourceVersion: c.json.metadata.resourceVersion }, data: { x: '2' } });
    expect(r.status).toBe(409);
    expect((await req('PATCH', `${cms}/missing`, { data: {} })).status).toBe(404);
  });

  it('an unknown patch content type is 415', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    const r = await req('PATCH', `${cms}/a`, { data: {} }, { 'content-type': 'text/plain' });
    expect(r.status).toBe(415);
    expect(r.json.reason).toBe('UnsupportedMediaType');
  });
});

describe('review resources', () => {
  it('access reviews are answered (allowed) and never stored', async () => {
    const r = await req('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'create', resource: 'pods', namespace: 'default' } },
    });
    expect(r.status).toBe(201);
    expect(r.json.status.allowed).toBe(true);
    expect(r.json.spec.resourceAttributes.resource).toBe('pods');
    const who = await req('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    });
    expect(who.json.status.userInfo.username).toBe('kubeharness-admin');
  });
});
