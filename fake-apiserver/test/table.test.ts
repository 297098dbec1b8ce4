import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call, WatchReader } from '../testing/http-client.js';

let server: FakeApiServer;
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);

beforeAll(async () => {
  server = await startFakeApiServer();
  await req('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'cm' }, data: { a: '1', b: '2', c: '3' } });
  await req('POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
});
afterAll(() => server.close());

describe('Table output', () => {
  it('configmaps use the real printer: Name, Data, Age', async () => {
    const r = await req('GET', '/api/v1/namespaces/default/configmaps', undefined, { accept: TABLE });
    expect(r.json.kind).toBe('Table');
    expect(r.json.apiVersion).toBe('meta.k8s.io/v1');
    expect(r.json.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Data', 'Age']);
    const row = r.json.rows.find((x: any) => x.cells[0] === 'cm');
    expect(row.cells[1]).toBe(3);
    expect(row.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'cm' } });
  });

  it('pods print Ready, Status, Restarts, Age and the wide columns', async () => {
    const r = await req('GET', '/api/v1/namespaces/default/pods/p', undefined, { accept: TABLE });
    expect(r.json.columnDefinitions.map((c: any) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    expect(r.json.rows).toHaveLength(1);
    expect(r.json.rows[0].cells.slice(0, 4)).toEqual(['p', '0/1', 'Pending', '0']);
  });

  it('resources without a printer get Name and Created At', async () => {
    const r = await req('GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles', undefined, { accept: TABLE });
    expect(r.json.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Created At']);
  });

  it('includeObject=Object embeds the object; None gives null; junk is 400', async () => {
    const obj = await req('GET', '/api/v1/namespaces/default/configmaps/cm?includeObject=Object', undefined, { accept: TABLE });
    expect(obj.json.rows[0].object.kind).toBe('ConfigMap');
    const none = await req('GET', '/api/v1/namespaces/default/configmaps/cm?includeObject=None', undefined, { accept: TABLE });
    expect(none.json.rows[0].object).toBeNull();
    expect((await req('GET', '/api/v1/namespaces/default/configmaps/cm?includeObject=x', undefined, { accept: TABLE })).status).toBe(400);
  });

  it('an unsupported Table version is 406 unless another type is acceptable', async () => {
    const r = await req('GET', '/api/v1/namespaces/default/configmaps', undefined, {
      accept: 'application/json;as=Table;v=v1alpha1;g=meta.k8s.io',
    });
    expect(r.status).toBe(406);
    const fallback = await req('GET', '/api/v1/namespaces/default/configmaps', undefined, {
      accept: `application/json;as=Table;v=v1alpha1;g=meta.k8s.io,application/json`,
    });
    expect(fallback.json.kind).toBe('ConfigMapList');
  });

  it('watch with Table: one-row tables, column definitions only in the first event', async () => {
    const w = await WatchReader.open(server.url, '/api/v1/namespaces/default/configmaps?watch=true', { accept: TABLE });
    try {
      await w.waitFor(1);
      await req('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'cm2' } });
      const events = await w.waitFor(2);
      expect(events[0].object.kind).toBe('Table');
      expect(events[0].object.columnDefinitions).toHaveLength(3);
      expect(events[1].object.columnDefinitions).toBeUndefined();
      expect(events[1].object.rows[0].cells[0]).toBe('cm2');
    } finally {
      w.close();
    }
  });
});
