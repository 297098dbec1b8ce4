import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call, WatchReader } from '../testing/http-client.js';

let server: FakeApiServer;
const cms = '/api/v1/namespaces/default/configmaps';
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);

beforeAll(async () => {
  server = await startFakeApiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('delete', () => {
  it('a ConfigMap delete answers a Success Status without code', async () => {
    const c = await req('POST', cms, { metadata: { name: 'a' } });
    const r = await req('DELETE', `${cms}/a`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'a', kind: 'configmaps', uid: c.json.metadata.uid },
    });
    expect((await req('GET', `${cms}/a`)).status).toBe(404);
  });

  it('stores with ReturnDeletedObject answer the object (services)', async () => {
    await req('POST', '/api/v1/namespaces/default/services', { metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } });
    const r = await req('DELETE', '/api/v1/namespaces/default/services/s');
    expect(r.status).toBe(200);
    expect(r.json.kind).toBe('Service');
  });

  it('404 for a missing object', async () => {
    const r = await req('DELETE', `${cms}/missing`);
    expect(r.status).toBe(404);
    expect(r.json.message).toBe('configmaps "missing" not found');
  });

  it('preconditions on uid and resourceVersion are 409 with the Kind in the message', async () => {
    const c = await req('POST', cms, { metadata: { name: 'a' } });
    const uid = await req('DELETE', `${cms}/a`, { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'wrong' } });
    expect(uid.status).toBe(409);
    expect(uid.json.message).toBe(
      `Operation cannot be fulfilled on ConfigMap "a": the UID in the precondition (wrong) does not match the UID in record (${c.json.metadata.uid}). The object might have been deleted and then recreated`,
    );
    const rv = await req('DELETE', `${cms}/a`, { preconditions: { resourceVersion: '1' } });
    expect(rv.status).toBe(409);
    expect(rv.json.message).toMatch(/the ResourceVersion in the precondition \(1\) does not match the ResourceVersion in record/);
    const ok = await req('DELETE', `${cms}/a`, {
      preconditions: { uid: c.json.metadata.uid, resourceVersion: c.json.metadata.resourceVersion },
    });
    expect(ok.status).toBe(200);
  });

  it('an invalid propagationPolicy is 422 DeleteOptions', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    const r = await req('DELETE', `${cms}/a?propagationPolicy=Sideways`);
    expect(r.status).toBe(422);
    expect(r.json.details.kind).toBe('DeleteOptions');
    expect((await req('GET', `${cms}/a`)).status).toBe(200);
  });

  it('finalizers keep the object with a deletionTimestamp (MODIFIED); removing the last one deletes it', async () => {
    await req('POST', cms, { metadata: { name: 'a', finalizers: ['example.com/hold'] } });
    const w = await WatchReader.open(server.url, `${cms}?watch=true&resourceVersion=${server.store.revision}`);
    try {
      const d = await req('DELETE', `${cms}/a`);
      expect(d.status).toBe(200);
      expect(d.json.kind).toBe('ConfigMap');
      expect(d.json.metadata.deletionTimestamp).toBeDefined();
      expect(d.json.metadata.deletionGracePeriodSeconds).toBe(0);
      expect((await req('GET', `${cms}/a`)).status).toBe(200);
      const again = await req('DELETE', `${cms}/a`);
      expect(again.json.metadata.resourceVersion).toBe(d.json.metadata.resourceVersion);
      const adding = await req('PATCH', `${cms}/a`, { metadata: { finalizers: ['example.com/hold', 'example.com/more'] } });
      expect(adding.status).toBe(422);
      expect(adding.json.message).toContain('no new finalizers can be added if the object is being deleted');
      const removed = await req('PATCH', `${cms}/a`, { metadata: { finalizers: null } });
      expect(removed.status).toBe(200);
      expect((await req('GET', `${cms}/a`)).status).toBe(404);
      const events = await w.waitFor(2);
      expect(events.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
    } finally {
      w.close();
    }
  });

  it('deletecollection deletes the selected items and answers the list', async () => {
    await req('POST', cms, { metadata: { name: 'a', labels: { x: '1' } } });
    await req('POST', cms, { metadata: { name: 'b', labels: { x: '1' } } });
    await req('POST', cms, { metadata: { name: 'c' } });
    const r = await req('DELETE', `${cms}?labelSelector=x%3D1`);
    expect(r.status).toBe(200);
    expect(r.json.kind).toBe('ConfigMapList');
    expect(r.json.items.map((i: any) => i.metadata.name)).toEqual(['a', 'b']);
    expect((await req('GET', cms)).json.items.map((i: any) => i.metadata.name)).toEqual(['c']);
  });

  it('deletecollection is not supported on namespaces (405)', async () => {
    const r = await req('DELETE', '/api/v1/namespaces');
    expect(r.status).toBe(405);
    expect(r.json.reason).toBe('MethodNotAllowed');
  });

  it('pods without a node are deleted at once; bound pods get a grace period', async () => {
    const pods = '/api/v1/namespaces/default/pods';
    const spec = { containers: [{ name: 'c', image: 'i' }] };
    await req('POST', pods, { metadata: { name: 'free' }, spec });
    const free = await req('DELETE', `${pods}/free`);
    expect(free.json.kind).toBe('Pod');
    expect((await req('GET', `${pods}/free`)).status).toBe(404);
    await req('POST', pods, { metadata: { name: 'bound' }, spec: { ...spec, nodeName: 'n1' } });
    const bound = await req('DELETE', `${pods}/bound`);
    expect(bound.json.metadata.deletionGracePeriodSeconds).toBe(30);
    expect((await req('GET', `${pods}/bound`)).status).toBe(200);
    const now = await req('DELETE', `${pods}/bound?gracePeriodSeconds=0`);
    expect(now.status).toBe(200);
    expect((await req('GET', `${pods}/bound`)).status).toBe(404);
  });
});

describe('namespaces', () => {
  it('new namespaces get the kubernetes finalizer, phase Active and the name label', async () => {
    const r = await req('POST', '/api/v1/namespaces', { metadata: { name: 'team' } });
    expect(r.status).toBe(201);
    expect(r.json.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(r.json.status).toEqual({ phase: 'Active' });
    expect(r.json.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team' });
  });

  it('default namespaces exist at start', async () => {
    const names = (await req('GET', '/api/v1/namespaces')).json.items.map((i: any) => i.metadata.name);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('deleting a namespace terminates it, removes its content, then removes it', async () => {
    await req('POST', '/api/v1/namespaces', { metadata: { name: 'team' } });
    await req('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: 'a' } });
    await req('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: 'held', finalizers: ['example.com/x'] } });
    const d = await req('DELETE', '/api/v1/namespaces/team');
    expect(d.status).toBe(200);
    expect(d.json.status.phase).toBe('Terminating');
    expect(d.json.metadata.deletionTimestamp).toBeDefined();
    await server.waitForIdle();
    const create = await req('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: 'late' } });
    expect(create.status).toBe(403);
    expect(create.json).toMatchObject({
      reason: 'Forbidden',
      message: 'configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated',
      details: {
        name: 'late',
        kind: 'configmaps',
        causes: [{ reason: 'NamespaceTerminating', message: 'namespace team is being terminated', field: 'metadata.namespace' }],
      },
    });
    const ns = await req('GET', '/api/v1/namespaces/team');
    const conds = Object.fromEntries(ns.json.status.conditions.map((c: any) => [c.type, c]));
    expect(conds.NamespaceContentRemaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain' });
    expect(conds.NamespaceFinalizersRemaining).toMatchObject({ status: 'True', reason: 'SomeFinalizersRemain' });
    expect((await req('GET', '/api/v1/namespaces/team/configmaps/a')).status).toBe(404);
    await req('PATCH', '/api/v1/namespaces/team/configmaps/held', { metadata: { finalizers: null } });
    await server.waitForIdle();
    expect((await req('GET', '/api/v1/namespaces/team')).status).toBe(404);
  });

  it('the immortal namespaces cannot be deleted (403)', async () => {
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const r = await req('DELETE', `/api/v1/namespaces/${name}`);
      expect(r.status).toBe(403);
      expect(r.json.message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
  });

  it('spec.finalizers and status cannot be changed through the main resource', async () => {
    await req('POST', '/api/v1/namespaces', { metadata: { name: 'team' } });
    const r = await req('PUT', '/api/v1/namespaces/team', {
      metadata: { name: 'team' },
      spec: { finalizers: [] },
      status: { phase: 'Terminating' },
    });
    expect(r.status).toBe(200);
    expect(r.json.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(r.json.status).toEqual({ phase: 'Active' });
  });
});
