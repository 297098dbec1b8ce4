import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call, WatchReader } from '../testing/http-client.js';

let server: FakeApiServer;
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);
const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const crontabs = '/apis/stable.example.com/v1/namespaces/default/crontabs';

function crontabCrd(extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'], categories: ['all'] },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
                    image: { type: 'string' },
                    replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
                  },
                  required: ['image'],
                },
                status: { type: 'object', properties: { replicas: { type: 'integer' } } },
              },
            },
          },
        },
        {
          name: 'v1beta1',
          served: true,
          storage: false,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
      ...extra,
    },
  };
}

async function establish(): Promise<any> {
  const r = await req('POST', CRDS, crontabCrd());
  expect(r.status).toBe(201);
  await server.waitForIdle();
  return (await req('GET', `${CRDS}/crontabs.stable.example.com`)).json;
}

beforeAll(async () => {
  server = await startFakeApiServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
});

describe('custom resource definitions', () => {
  it('are established and accepted, with defaults applied', async () => {
    const crd = await establish();
    const conds = Object.fromEntries(crd.status.conditions.map((c: any) => [c.type, c]));
    expect(conds.NamesAccepted).toMatchObject({ status: 'True', reason: 'NoConflicts', message: 'no conflicts found' });
    expect(conds.Established).toMatchObject({
      status: 'True',
      reason: 'InitialNamesAccepted',
      message: 'the initial names have been accepted',
    });
    expect(crd.status.acceptedNames).toMatchObject({ plural: 'crontabs', kind: 'CronTab', listKind: 'CronTabList', singular: 'crontab' });
    expect(crd.status.storedVersions).toEqual(['v1']);
    expect(crd.spec.conversion).toEqual({ strategy: 'None' });
    expect(crd.metadata.generation).toBe(1);
  });

  it('appear in legacy and aggregated discovery with the CR verb order', async () => {
    await establish();
    const legacy = await req('GET', '/apis/stable.example.com/v1');
    const ct = legacy.json.resources.find((r: any) => r.name === 'crontabs');
    expect(ct).toMatchObject({
      kind: 'CronTab',
      namespaced: true,
      shortNames: ['ct'],
      categories: ['all'],
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
    });
    expect(legacy.json.resources.map((r: any) => r.name)).toEqual(['crontabs', 'crontabs/status', 'crontabs/scale']);
    const groups = await req('GET', '/apis');
    expect(groups.json.groups.find((g: any) => g.name === 'stable.example.com').preferredVersion.version).toBe('v1');
    const agg = await req('GET', '/apis', undefined, { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' });
    const item = agg.json.items.find((i: any) => i.metadata.name === 'stable.example.com');
    expect(item.versions.map((v: any) => v.version)).toEqual(['v1', 'v1beta1']);
  });

  it('a name that is not plural.group is 422', async () => {
    const bad = crontabCrd();
    bad.metadata.name = 'wrong.stable.example.com';
    const r = await req('POST', CRDS, bad);
    expect(r.status).toBe(422);
    expect(r.json.message).toContain('metadata.name: Invalid value: "wrong.stable.example.com": must be spec.names.plural+"."+spec.group');
  });

  it('serves custom objects: create, get, list with kind on items, update requires a resourceVersion', async () => {
    await establish();
    const c = await req('POST', crontabs, {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'ct1' },
      spec: { image: 'busybox', cronSpec: '* * * * */5' },
    });
    expect(c.status).toBe(201);
    expect(c.json.spec.replicas).toBe(1); // schema default
    expect(c.json.metadata.generation).toBe(1);
    const list = await req('GET', crontabs);
    expect(list.json.kind).toBe('CronTabList');
    expect(list.json.items[0]).toMatchObject({ apiVersion: 'stable.example.com/v1', kind: 'CronTab' });
    const put = await req('PUT', `${crontabs}/ct1`, {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'ct1' },
      spec: { image: 'x' },
    });
    expect(put.status).toBe(422);
    expect(put.json.message).toBe(
      'crontabs.stable.example.com "ct1" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update',
    );
    const missing = await req('PUT', `${crontabs}/nope`, {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'nope', resourceVersion: '1' },
      spec: { image: 'x' },
    });
    expect(missing.status).toBe(404);
  });

  it('validates against the structural schema and prunes unknown fields', async () => {
    await establish();
    const bad = await req('POST', crontabs, {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'bad' },
      spec: { image: 'x', replicas: 'many' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.message).toBe(
      'CronTab.stable.example.com "bad" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    );
    const missing = await req('POST', crontabs, {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'bad' },
      spec: {},
    });
    expect(missing.status).toBe(422);
    expect(missing.json.details.causes).toContainEqual({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.image' });
    const tooMany = await req('POST', crontabs, {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'bad' },
      spec: { image: 'x', replicas: 11 },
    });
    expect(tooMany.json.message).toContain('spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10');
    const pruned = await req('POST', crontabs, {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'p' },
      spec: { image: 'x', unknown: true },
      extra: 1,
    });
    expect(pruned.status).toBe(201);
    expect(pruned.json.spec.unknown).toBeUndefined();
    expect(pruned.json.extra).toBeUndefined();
  });

  it('status subresource: main writes keep status, /status writes keep the rest; strategic merge is 415', async () => {
    await establish();
    const c = await req('POST', crontabs, {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'ct' },
      spec: { image: 'x' },
      status: { replicas: 3 },
    });
    expect(c.json.status).toBeUndefined();
    const st = await req('PATCH', `${crontabs}/ct/status`, { status: { replicas: 2 }, spec: { image: 'ignored' } });
    expect(st.json.status).toEqual({ replicas: 2 });
    expect(st.json.spec.image).toBe('x');
    const smp = await req(
      'PATCH',
      `${crontabs}/ct`,
      { spec: { image: 'y' } },
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    expect(smp.status).toBe(415);
    expect(smp.json.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
  });

  it('scale subresource uses the CRD paths', async () => {
    await establish();
    await req('POST', crontabs, {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'ct' },
      spec: { image: 'x', replicas: 2 },
    });
    const s = await req('GET', `${crontabs}/ct/scale`);
    expect(s.json).toMatchObject({ kind: 'Scale', spec: { replicas: 2 }, status: { replicas: 0 } });
    const up = await req('PATCH', `${crontabs}/ct/scale`, { spec: { replicas: 4 } });
    expect(up.json.spec.replicas).toBe(4);
    expect((await req('GET', `${crontabs}/ct`)).json.spec.replicas).toBe(4);
  });

  it('serves other versions by rewriting apiVersion (conversion None)', async () => {
    await establish();
    await req('POST', crontabs, { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'ct' }, spec: { image: 'x' } });
    const beta = await req('GET', '/apis/stable.example.com/v1beta1/namespaces/default/crontabs/ct');
    expect(beta.json.apiVersion).toBe('stable.example.com/v1beta1');
    expect(beta.json.spec.image).toBe('x');
  });

  it('watch delivers ADDED/MODIFIED/DELETED for custom objects', async () => {
    await establish();
    const w = await WatchReader.open(server.url, `${crontabs}?watch=true&resourceVersion=${server.store.revision}`);
    try {
      await req('POST', crontabs, { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'ct' }, spec: { image: 'x' } });
      await req('PATCH', `${crontabs}/ct`, { spec: { image: 'y' } });
      await req('DELETE', `${crontabs}/ct`);
      expect((await w.waitFor(3)).map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    } finally {
      w.close();
    }
  });

  it('deleting a CRD removes its objects and stops serving', async () => {
    await establish();
    await req('POST', crontabs, { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'ct' }, spec: { image: 'x' } });
    const d = await req('DELETE', `${CRDS}/crontabs.stable.example.com`);
    expect(d.status).toBe(200);
    expect(d.json.metadata.finalizers).toContain('customresourcecleanup.apiextensions.k8s.io');
    expect(d.json.status.conditions.find((c: any) => c.type === 'Terminating')).toMatchObject({ status: 'True' });
    await server.waitForIdle();
    expect((await req('GET', `${CRDS}/crontabs.stable.example.com`)).status).toBe(404);
    expect((await req('GET', crontabs)).status).toBe(404);
    expect((await req('GET', '/apis/stable.example.com')).status).toBe(404);
    expect(server.store.count('stable.example.com/crontabs')).toBe(0);
  });

  it('a second CRD whose plural is taken in the group is not accepted', async () => {
    await establish();
    const other = crontabCrd();
    other.metadata.name = 'crontabs2.stable.example.com';
    (other.spec.names as Record<string, unknown>).plural = 'crontabs2';
    (other.spec.names as Record<string, unknown>).kind = 'CronTab';
    const r = await req('POST', CRDS, other);
    expect(r.status).toBe(201);
    await server.waitForIdle();
    const got = await req('GET', `${CRDS}/crontabs2.stable.example.com`);
    const accepted = got.json.status.conditions.find((c: any) => c.type === 'NamesAccepted');
    expect(accepted).toMatchObject({ status: 'False', reason: 'SingularConflict', message: '"crontab" is already in use' });
  });
});
