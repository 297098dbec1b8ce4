import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call } from '../testing/http-client.js';

let server: FakeApiServer;
const get = (path: string, headers?: Record<string, string>) => call(server.url, 'GET', path, undefined, headers);
const AGG = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

beforeAll(async () => {
  server = await startFakeApiServer();
});
afterAll(() => server.close());

describe('discovery', () => {
  it('/version reports a parseable version', async () => {
    const r = await get('/version');
    expect(r.status).toBe(200);
    expect(Number.isInteger(Number(r.json.major))).toBe(true);
    expect(Number.isInteger(Number(r.json.minor))).toBe(true);
    expect(r.json.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
  });

  it('health endpoints answer ok', async () => {
    for (const p of ['/healthz', '/livez', '/readyz']) expect((await get(p)).text).toBe('ok');
  });

  it('/api lists v1 and the server address', async () => {
    const r = await get('/api');
    expect(r.json).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${server.port}` }],
    });
  });

  it('/api/v1 lists core resources with sorted verbs, short names and subresources', async () => {
    const r = await get('/api/v1');
    expect(r.json.kind).toBe('APIResourceList');
    expect(r.json.groupVersion).toBe('v1');
    const byName = Object.fromEntries(r.json.resources.map((x: any) => [x.name, x]));
    expect(byName.configmaps).toMatchObject({
      singularName: 'configmap',
      namespaced: true,
      kind: 'ConfigMap',
      shortNames: ['cm'],
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    });
    expect(byName['pods/status']).toMatchObject({ kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    expect(byName.namespaces.namespaced).toBe(false);
  });

  it('/apis lists groups with preferred versions; the core group is not listed', async () => {
    const r = await get('/apis');
    expect(r.json.kind).toBe('APIGroupList');
    const names = r.json.groups.map((g: any) => g.name);
    expect(names).toContain('apps');
    expect(names).not.toContain('');
    const apps = r.json.groups.find((g: any) => g.name === 'apps');
    expect(apps.preferredVersion).toEqual({ groupVersion: 'apps/v1', version: 'v1' });
  });

  it('/apis/apps and /apis/apps/v1', async () => {
    expect((await get('/apis/apps')).json).toMatchObject({ kind: 'APIGroup', name: 'apps' });
    const r = await get('/apis/apps/v1');
    const scale = r.json.resources.find((x: any) => x.name === 'deployments/scale');
    expect(scale).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
  });

  it('unknown groups and paths are plain-text 404s; unknown resources in a known group are Status 404s', async () => {
    const g = await get('/apis/nope.example.com');
    expect(g.status).toBe(404);
    expect(g.text).toBe('404 page not found\n');
    const r = await get('/api/v1/nopes');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
      details: {},
    });
  });

  it('aggregated discovery v2 with Content-Type echo, ETag and 304', async () => {
    const r = await get('/apis', { accept: `${AGG},application/json` });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(AGG);
    expect(r.json).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
    const apps = r.json.items.find((i: any) => i.metadata.name === 'apps');
    const deploy = apps.versions[0].resources.find((x: any) => x.resource === 'deployments');
    expect(deploy).toMatchObject({
      scope: 'Namespaced',
      singularResource: 'deployment',
      responseKind: { kind: 'Deployment' },
      shortNames: ['deploy'],
      categories: ['all'],
    });
    expect(deploy.subresources.map((s: any) => s.subresource).sort()).toEqual(['scale', 'status']);
    const etag = r.headers.get('etag');
    expect(etag).toMatch(/^"[0-9A-F]+"$/);
    const again = await get('/apis', { accept: AGG, 'if-none-match': etag! });
    expect(again.status).toBe(304);
    const core = await get('/api', { accept: AGG });
    expect(core.json.items).toHaveLength(1);
    expect(core.json.items[0].versions[0].version).toBe('v1');
  });

  it('plain JSON first in Accept gets legacy discovery', async () => {
    const r = await get('/apis', { accept: `application/json,${AGG}` });
    expect(r.json.kind).toBe('APIGroupList');
  });
});
