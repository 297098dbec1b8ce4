import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call } from '../testing/http-client.js';

let server: FakeApiServer;
const deps = '/apis/apps/v1/namespaces/default/deployments';
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);
const deployment = (name: string) => ({
  metadata: { name },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

beforeAll(async () => {
  server = await startFakeApiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('status subresource', () => {
  it('PUT on the main resource ignores status; PUT on /status keeps only status', async () => {
    const c = await req('POST', deps, deployment('d'));
    const main = await req('PUT', `${deps}/d`, { ...c.json, status: { replicas: 7 } });
    expect(main.json.status).toBeUndefined();
    const st = await req('PUT', `${deps}/d/status`, { ...main.json, spec: { ...main.json.spec, replicas: 9 }, status: { replicas: 7 } });
    expect(st.status).toBe(200);
    expect(st.json.status).toEqual({ replicas: 7 });
    expect(st.json.spec.replicas).toBe(2);
    expect(st.json.metadata.generation).toBe(1);
    const got = await req('GET', `${deps}/d/status`);
    expect(got.json.kind).toBe('Deployment');
  });

  it('merge patch on /status', async () => {
    await req('POST', deps, deployment('d'));
    const r = await req('PATCH', `${deps}/d/status`, { status: { readyReplicas: 1 } });
    expect(r.json.status).toEqual({ readyReplicas: 1 });
  });

  it('status writes record a managedFields entry for the status subresource', async () => {
    await req('POST', deps, deployment('d'));
    const r = await req(
      'PATCH',
      `${deps}/d/status`,
      { status: { readyReplicas: 1 } },
      { 'content-type': 'application/merge-patch+json', 'user-agent': 'ctrl/1' },
    );
    const entry = r.json.metadata.managedFields.find((m: any) => m.manager === 'ctrl');
    expect(entry).toMatchObject({ operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': { 'f:readyReplicas': {} } } });
  });
});

describe('scale subresource', () => {
  it('GET returns an autoscaling/v1 Scale', async () => {
    const c = await req('POST', deps, deployment('d'));
    const r = await req('GET', `${deps}/d/scale`);
    expect(r.json).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: 'd',
        namespace: 'default',
        uid: c.json.metadata.uid,
        resourceVersion: c.json.metadata.resourceVersion,
        creationTimestamp: c.json.metadata.creationTimestamp,
      },
      spec: { replicas: 2 },
      status: { replicas: 0, selector: 'app=d' },
    });
  });

  it('PUT and PATCH change spec.replicas (and generation); a stale resourceVersion is a conflict', async () => {
    await req('POST', deps, deployment('d'));
    const s = await req('GET', `${deps}/d/scale`);
    const put = await req('PUT', `${deps}/d/scale`, { ...s.json, spec: { replicas: 5 } });
    expect(put.json.spec.replicas).toBe(5);
    const d = await req('GET', `${deps}/d`);
    expect(d.json.spec.replicas).toBe(5);
    expect(d.json.metadata.generation).toBe(2);
    const stale = await req('PUT', `${deps}/d/scale`, { ...s.json, spec: { replicas: 1 } });
    expect(stale.status).toBe(409);
    const patch = await req('PATCH', `${deps}/d/scale`, { spec: { replicas: 3 } });
    expect(patch.json.spec.replicas).toBe(3);
  });

  it('types without a scale subresource answer 404', async () => {
    await req('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'c' } });
    expect((await req('GET', '/api/v1/namespaces/default/configmaps/c/scale')).status).toBe(404);
  });
});

describe('pod subresources', () => {
  it('binding assigns a node; eviction deletes the pod', async () => {
    const pods = '/api/v1/namespaces/default/pods';
    await req('POST', pods, { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    const b = await req('POST', `${pods}/p/binding`, {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'p' },
      target: { kind: 'Node', name: 'n1' },
    });
    expect(b.status).toBe(201);
    expect((await req('GET', `${pods}/p`)).json.spec.nodeName).toBe('n1');
    const again = await req('POST', `${pods}/p/binding`, { target: { name: 'n2' } });
    expect(again.status).toBe(409);
    const e = await req('POST', `${pods}/p/eviction`, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'p' },
      deleteOptions: { gracePeriodSeconds: 0 },
    });
    expect(e.status).toBe(201);
    expect((await req('GET', `${pods}/p`)).status).toBe(404);
  });
});
