import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1.js';
import { startFakeApiServer, type FakeApiServer } from '../../fake-apiserver/index.js';
import { ResourceCatalog } from '../../fake-apiserver/catalog/catalog.js';
import { existingTypedFiles, generateClientset } from '../../scripts/generate-clientset.js';
import { buildConfigFromFlags } from '../config/client-config.js';
import { isAlreadyExists, isNotFound, isUnsupportedMediaType } from '../errors.js';
import { json, startHttpStub } from '../testing/http-stub.js';
import { newForConfig, type Clientset } from './clientset.js';

const ROOT = join(import.meta.dirname, '../..');

describe('generated clientset', () => {
  it('matches the generator output byte for byte, with no stale files', async () => {
    const files = await generateClientset();
    for (const [path, text] of files) expect(readFileSync(join(ROOT, path), 'utf8'), path).toBe(text);
    expect(existingTypedFiles().filter((f) => !files.has(f))).toEqual([]);
  });

  it('has an accessor for every group version of the catalog', () => {
    const cs = newForConfig({ host: 'http://127.0.0.1:1' });
    const methods = ResourceCatalog.builtin({ groupVersions: 'all' })
      .groups()
      .flatMap((g) => g.versions.map((v) => `${g.name === '' ? 'core' : g.name.split('.')[0]}${v[0].toUpperCase()}${v.slice(1)}`));
    for (const m of methods) expect(typeof (cs as unknown as Record<string, unknown>)[m], m).toBe('function');
    for (const m of [
      'coreV1',
      'appsV1',
      'batchV1',
      'coordinationV1',
      'rbacV1',
      'rbacAuthorizationV1',
      'networkingV1',
      'policyV1',
      'autoscalingV2',
      'storageV1',
      'eventsV1',
      'discoveryV1',
      'apiextensionsV1',
    ]) {
      expect(typeof (cs as unknown as Record<string, unknown>)[m], m).toBe('function');
    }
  });
});

describe('typed clients against the fake API server', () => {
  let server: FakeApiServer;
  let cs: Clientset;
  beforeAll(async () => {
    server = await startFakeApiServer();
    cs = newForConfig({ ...buildConfigFromFlags('', server.kubeconfig.path), qps: -1 });
  });
  afterAll(() => server.close());

  it('create, get, update, list, patch, delete, deleteCollection', async () => {
    const cms = cs.coreV1().configMaps('default');
    const created = await cms.create({ metadata: { name: 'c1', labels: { app: 'x' } }, data: { k: 'v' } });
    expect(created.metadata?.resourceVersion).toBeTruthy();
    await expect(cms.create({ metadata: { name: 'c1' } })).rejects.toSatisfy(isAlreadyExists);
    const got = await cms.get('c1');
    const updated = await cms.update({ ...got, data: { k: 'v2' } });
    expect(updated.data).toEqual({ k: 'v2' });
    const patched = await cms.patch('c1', 'application/merge-patch+json', { data: { extra: '1' } });
    expect(patched.data).toEqual({ k: 'v2', extra: '1' });
    const jp = await cms.patch('c1', 'application/json-patch+json', [{ op: 'remove', path: '/data/extra' }]);
    expect(jp.data).toEqual({ k: 'v2' });
    await cms.create({ metadata: { name: 'c2', labels: { app: 'x' } } });
    expect((await cms.list({ labelSelector: 'app=x' })).items.map((i: ConfigMap) => i.metadata?.name).sort()).toEqual(['c1', 'c2']);
    await cms.delete('c2');
    await expect(cms.get('c2')).rejects.toSatisfy(isNotFound);
    await cms.deleteCollection({}, { labelSelector: 'app=x' });
    expect((await cms.list()).items).toEqual([]);
  });

  it('deployments: updateStatus, getScale/updateScale; cluster-scoped namespaces', async () => {
    const deps = cs.appsV1().deployments('default');
    const d: Deployment = {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    };
    const created = await deps.create(d);
    const scale = await deps.getScale('web');
    expect(scale.spec?.replicas).toBe(2);
    const scaled = await deps.updateScale('web', { ...scale, spec: { replicas: 5 } });
    expect(scaled.spec?.replicas).toBe(5);
    const withStatus = await deps.updateStatus({
      ...(await deps.get('web')),
      status: { observedGeneration: created.metadata?.generation, replicas: 1 },
    });
    expect(withStatus.status?.replicas).toBe(1);
    const nss = await cs.coreV1().namespaces().list();
    expect(nss.items.map((n) => n.metadata?.name)).toContain('kube-system');
  });

  it('pods: bind and evict', async () => {
    const pods = cs.coreV1().pods('default');
    const pod: Pod = { metadata: { name: 'p1' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    await pods.create(pod);
    await pods.bind({ metadata: { name: 'p1' }, target: { kind: 'Node', name: 'node-1' } });
    expect((await pods.get('p1')).spec?.nodeName).toBe('node-1');
    await pods.evict({ metadata: { name: 'p1', namespace: 'default' } });
    // A bound pod is deleted gracefully: it stays, with a deletionTimestamp, until the kubelet lets go.
    expect((await pods.get('p1')).metadata?.deletionTimestamp).toBeTruthy();
  });

  it('watch yields typed events', async () => {
    const cms = cs.coreV1().configMaps('default');
    const ac = new AbortController();
    const w = await cms.watch({ resourceVersion: String(server.store.revision), signal: ac.signal });
    await cms.create({ metadata: { name: 'watched' } });
    for await (const e of w) {
      expect(e.type).toBe('ADDED');
      expect(e.type !== 'ERROR' && e.object.metadata?.name).toBe('watched');
      ac.abort();
    }
  });

  it('apply reaches the server as an apply patch (a fake without server-side apply answers 415)', async () => {
    const apply = cs
      .coreV1()
      .configMaps('default')
      .apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: '1' } }, { fieldManager: 'me' });
    const outcome = await apply.then(
      (cm) => cm.data,
      (e: unknown) => (isUnsupportedMediaType(e) ? 'unsupported' : Promise.reject(e)),
    );
    expect([{ x: '1' }, 'unsupported']).toContainEqual(outcome);
  });
});

describe('typed clients: request shapes', () => {
  it('apply and applyStatus send apply-patch+yaml with fieldManager and force', async () => {
    await using stub = await startHttpStub((req, res) => json(res, 200, JSON.parse(req.body)));
    const cs = newForConfig({ host: stub.url, qps: -1 });
    const deps = cs.appsV1().deployments('ns');
    await deps.apply(
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 3 } },
      { fieldManager: 'mgr', force: true },
    );
    await deps.applyStatus(
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, status: { replicas: 1 } },
      { fieldManager: 'mgr' },
    );
    expect(stub.requests.map((r) => `${r.method} ${r.url} ${r.headers['content-type']}`)).toEqual([
      'PATCH /apis/apps/v1/namespaces/ns/deployments/d?fieldManager=mgr&force=true application/apply-patch+yaml',
      'PATCH /apis/apps/v1/namespaces/ns/deployments/d/status?fieldManager=mgr application/apply-patch+yaml',
    ]);
    await expect(deps.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: '' } }, { fieldManager: 'm' })).rejects.toThrow(
      'metadata.name must be provided',
    );
  });

  it('list timeoutSeconds, delete options body, dryRun arrays, getLogs request', async () => {
    await using stub = await startHttpStub((req, res) =>
      req.url.includes('/log')
        ? (res.writeHead(200, { 'content-type': 'text/plain' }), res.end('line1\n'))
        : json(res, 200, { kind: 'List', items: [] }),
    );
    const cs = newForConfig({ host: stub.url, qps: -1 });
    const pods = cs.coreV1().pods('ns');
    await pods.list({ timeoutSeconds: 30, labelSelector: 'a=b' });
    await pods.delete('p', { gracePeriodSeconds: 0, propagationPolicy: 'Foreground', dryRun: ['All'] });
    const logs = await pods.getLogs('p', { container: 'c', tailLines: 10 }).doRaw();
    expect(logs.toString()).toBe('line1\n');
    expect(stub.requests[0].url).toBe('/api/v1/namespaces/ns/pods?labelSelector=a%3Db&timeout=30s&timeoutSeconds=30');
    expect(stub.requests[1].method).toBe('DELETE');
    expect(JSON.parse(stub.requests[1].body)).toEqual({ gracePeriodSeconds: 0, propagationPolicy: 'Foreground', dryRun: ['All'] });
    expect(stub.requests[2].url).toBe('/api/v1/namespaces/ns/pods/p/log?container=c&tailLines=10');
  });
});
