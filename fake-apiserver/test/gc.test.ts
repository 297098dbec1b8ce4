import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call } from '../testing/http-client.js';

let server: FakeApiServer;
const cms = '/api/v1/namespaces/default/configmaps';
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);

async function owner(name: string): Promise<{ apiVersion: string; kind: string; name: string; uid: string }> {
  const r = await req('POST', cms, { metadata: { name } });
  return { apiVersion: 'v1', kind: 'ConfigMap', name, uid: r.json.metadata.uid };
}

async function dependent(name: string, refs: object[]): Promise<void> {
  const r = await req('POST', cms, { metadata: { name, ownerReferences: refs } });
  expect(r.status).toBe(201);
}

const exists = async (name: string) => (await req('GET', `${cms}/${name}`)).status === 200;

beforeAll(async () => {
  server = await startFakeApiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('garbage collector', () => {
  it('background: deleting the owner deletes its dependents', async () => {
    const o = await owner('owner');
    await dependent('dep1', [o]);
    await dependent('dep2', [o]);
    await req('DELETE', `${cms}/owner`);
    await server.waitForIdle();
    expect(await exists('owner')).toBe(false);
    expect(await exists('dep1')).toBe(false);
    expect(await exists('dep2')).toBe(false);
  });

  it('orphan: dependents lose the reference and survive; the owner goes', async () => {
    const o = await owner('owner');
    await dependent('dep', [o]);
    const d = await req('DELETE', `${cms}/owner?propagationPolicy=Orphan`);
    expect(d.json.metadata.finalizers).toEqual(['orphan']);
    await server.waitForIdle();
    expect(await exists('owner')).toBe(false);
    const dep = await req('GET', `${cms}/dep`);
    expect(dep.status).toBe(200);
    expect(dep.json.metadata.ownerReferences).toBeUndefined();
  });

  it('foreground: the owner stays until blocking dependents are gone', async () => {
    const o = await owner('owner');
    await req('POST', cms, {
      metadata: { name: 'held', finalizers: ['example.com/x'], ownerReferences: [{ ...o, blockOwnerDeletion: true }] },
    });
    const d = await req('DELETE', `${cms}/owner`, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' });
    expect(d.json.metadata.finalizers).toEqual(['foregroundDeletion']);
    await server.waitForIdle();
    expect(await exists('owner')).toBe(true);
    const held = await req('GET', `${cms}/held`);
    expect(held.json.metadata.deletionTimestamp).toBeDefined();
    await req('PATCH', `${cms}/held`, { metadata: { finalizers: null } });
    await server.waitForIdle();
    expect(await exists('held')).toBe(false);
    expect(await exists('owner')).toBe(false);
  });

  it('a dependent with another live owner survives and drops the dangling reference', async () => {
    const a = await owner('a');
    const b = await owner('b');
    await dependent('dep', [a, b]);
    await req('DELETE', `${cms}/a`);
    await server.waitForIdle();
    const dep = await req('GET', `${cms}/dep`);
    expect(dep.status).toBe(200);
    expect(dep.json.metadata.ownerReferences.map((r: any) => r.name)).toEqual(['b']);
  });

  it('cascades through a chain and tolerates a dependency cycle', async () => {
    const a = await owner('a');
    const b = await req('POST', cms, { metadata: { name: 'b', ownerReferences: [a] } });
    await dependent('c', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: b.json.metadata.uid }]);
    await req('DELETE', `${cms}/a`);
    await server.waitForIdle();
    expect(await exists('b')).toBe(false);
    expect(await exists('c')).toBe(false);
  });

  it('an owner reference across namespaces does not resolve (the dependent is collected)', async () => {
    await req('POST', '/api/v1/namespaces', { metadata: { name: 'other' } });
    const o = await owner('owner');
    await req('POST', '/api/v1/namespaces/other/configmaps', { metadata: { name: 'dep', ownerReferences: [o] } });
    await server.waitForIdle();
    expect((await req('GET', '/api/v1/namespaces/other/configmaps/dep')).status).toBe(404);
    expect(await exists('owner')).toBe(true);
  });

  it('cluster-scoped owners own namespaced dependents', async () => {
    const ns = await req('POST', '/api/v1/namespaces', { metadata: { name: 'owner-ns' } });
    await dependent('dep', [{ apiVersion: 'v1', kind: 'Namespace', name: 'owner-ns', uid: ns.json.metadata.uid }]);
    await server.waitForIdle();
    expect(await exists('dep')).toBe(true);
    await req('DELETE', '/api/v1/namespaces/owner-ns');
    await server.waitForIdle();
    expect(await exists('dep')).toBe(false);
  });
});
