import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call } from '../testing/http-client.js';

let server: FakeApiServer;
const deps = '/apis/apps/v1/namespaces/default/deployments';
const APPLY = { 'content-type': 'application/apply-patch+yaml' };
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);
const applyAs = (manager: string, body: unknown, extra = '') => req('PATCH', `${deps}/web?fieldManager=${manager}${extra}`, body, APPLY);

function deployment(replicas: number, image = 'nginx:1.25') {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
    },
  };
}

beforeAll(async () => {
  server = await startFakeApiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('server-side apply', () => {
  it('creates a missing object (201) and records an Apply entry', async () => {
    const r = await applyAs('alice', deployment(2));
    expect(r.status).toBe(201);
    const entry = r.json.metadata.managedFields.find((m: any) => m.manager === 'alice');
    expect(entry).toMatchObject({ operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
    expect(entry.fieldsV1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']).toEqual({
      '.': {},
      'f:image': {},
      'f:name': {},
    });
    const again = await applyAs('alice', deployment(2));
    expect(again.status).toBe(200);
    expect(again.json.metadata.resourceVersion).toBe(r.json.metadata.resourceVersion);
  });

  it('accepts YAML bodies', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n';
    const r = await req('PATCH', '/api/v1/namespaces/default/configmaps/cfg?fieldManager=m', yaml, APPLY);
    expect(r.status).toBe(201);
    expect(r.json.data).toEqual({ a: 'b' });
  });

  it('requires a fieldManager (422)', async () => {
    const r = await req('PATCH', `${deps}/web`, deployment(1), APPLY);
    expect(r.status).toBe(422);
    expect(r.json.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });

  it('conflicts with another manager (409 FieldManagerConflict); force takes ownership', async () => {
    await applyAs('alice', deployment(2));
    const r = await applyAs('bob', deployment(5));
    expect(r.status).toBe(409);
    expect(r.json.reason).toBe('Conflict');
    expect(r.json.message).toBe('Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
    expect(r.json.details.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.replicas' }]);
    const forced = await applyAs('bob', deployment(5), '&force=true');
    expect(forced.status).toBe(200);
    expect(forced.json.spec.replicas).toBe(5);
    const bobs = forced.json.metadata.managedFields.find((m: any) => m.manager === 'bob');
    expect(bobs.fieldsV1['f:spec']['f:replicas']).toEqual({});
    const alices = forced.json.metadata.managedFields.find((m: any) => m.manager === 'alice');
    expect(alices.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
  });

  it('conflicts with an Update manager name the API version', async () => {
    await applyAs('alice', deployment(2));
    await req(
      'PATCH',
      `${deps}/web`,
      { spec: { replicas: 3 } },
      { 'content-type': 'application/merge-patch+json', 'user-agent': 'scaler/1' },
    );
    const r = await applyAs('alice', deployment(4));
    expect(r.status).toBe(409);
    expect(r.json.message).toBe('Apply failed with 1 conflict: conflict with "scaler" using apps/v1: .spec.replicas');
  });

  it('two managers applying the same value share it; a field one stops applying stays', async () => {
    const withLabel = { ...deployment(2), metadata: { name: 'web', labels: { team: 'a' } } };
    await applyAs('alice', withLabel);
    await applyAs('bob', withLabel);
    const r = await applyAs('alice', deployment(2));
    expect(r.json.metadata.labels).toEqual({ team: 'a' });
    const s = await applyAs('bob', deployment(2));
    expect(s.json.metadata.labels).toBeUndefined();
  });

  it('applies to /status own status only', async () => {
    await applyAs('alice', deployment(2));
    const r = await req(
      'PATCH',
      `${deps}/web/status?fieldManager=ctrl`,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, status: { replicas: 2 } },
      APPLY,
    );
    expect(r.status).toBe(200);
    expect(r.json.status.replicas).toBe(2);
    const entry = r.json.metadata.managedFields.find((m: any) => m.manager === 'ctrl');
    expect(entry).toMatchObject({ operation: 'Apply', subresource: 'status' });
  });

  it('managedFields in the body are rejected (400)', async () => {
    const body = { ...deployment(1), metadata: { name: 'web', managedFields: [{ manager: 'x' }] } };
    const r = await applyAs('alice', body);
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('metadata.managedFields must be nil');
  });

  it('force on a non-apply patch is 422', async () => {
    await applyAs('alice', deployment(1));
    const r = await req('PATCH', `${deps}/web?force=true`, { spec: { replicas: 2 } }, { 'content-type': 'application/merge-patch+json' });
    expect(r.status).toBe(422);
    expect(r.json.message).toBe('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  });
});
