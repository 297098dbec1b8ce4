import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigMapList } from 'kubernetes-types/core/v1.js';
import { startFakeApiServer, type FakeApiServer } from '../../fake-apiserver/index.js';
import { buildConfigFromFlags } from '../config/client-config.js';
import { isNotFound } from '../errors.js';
import { newDynamicClient, type DynamicClient } from './dynamic-client.js';
import { fromUnstructured, toUnstructured } from './unstructured.js';

const configmaps = { group: '', version: 'v1', resource: 'configmaps' };
const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };

describe('dynamic client against the fake API server', () => {
  let server: FakeApiServer;
  let dc: DynamicClient;
  beforeAll(async () => {
    server = await startFakeApiServer();
    dc = newDynamicClient({ ...buildConfigFromFlags('', server.kubeconfig.path), qps: -1 });
  });
  afterAll(() => server.close());

  it('create, get, update, patch, list (items get apiVersion/kind), delete', async () => {
    const r = dc.resource(configmaps).namespace('default');
    const created = await r.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd1' }, data: { a: '1' } });
    expect(created.metadata?.uid).toBeTruthy();
    const got = await r.get('d1');
    const updated = await r.update({ ...got, data: { a: '2' } });
    expect(updated.data).toEqual({ a: '2' });
    const patched = await r.patch('d1', 'application/merge-patch+json', { metadata: { labels: { x: 'y' } } });
    expect(patched.metadata?.labels).toEqual({ x: 'y' });
    const list = await r.list({ labelSelector: 'x=y' });
    expect(list.kind).toBe('ConfigMapList');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
    const typed = fromUnstructured<ConfigMapList>(list, { kind: 'ConfigMapList' });
    expect(typed.items[0].data).toEqual({ a: '2' });
    await r.delete('d1');
    await expect(r.get('d1')).rejects.toSatisfy(isNotFound);
  });

  it('named groups, all namespaces, subresources, watch', async () => {
    const r = dc.resource(deployments);
    const dep = toUnstructured({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'dd', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      },
    });
    const ac = new AbortController();
    const w = await r.watch({ resourceVersion: String(server.store.revision), signal: ac.signal });
    await r.namespace('default').create(dep);
    const scale = await r.namespace('default').get('dd', {}, 'scale');
    expect(scale.kind).toBe('Scale');
    const all = await r.list();
    expect(all.items.map((i) => i.metadata?.name)).toContain('dd');
    for await (const e of w) {
      expect(e.type).toBe('ADDED');
      ac.abort();
    }
  });

  it('rejects empty names and bad segments before any request', async () => {
    const r = dc.resource(configmaps).namespace('default');
    await expect(r.get('')).rejects.toThrow('name is required');
    await expect(r.delete('')).rejects.toThrow('name is required');
    await expect(dc.resource(configmaps).namespace('a/b').list()).rejects.toThrow(/invalid namespace/);
    expect(() => dc.resource({ group: '', version: '', resource: 'x' })).toThrow();
  });
});

describe('unstructured conversion', () => {
  it('toUnstructured needs apiVersion and kind and plain JSON', () => {
    expect(() => toUnstructured({ metadata: {} })).toThrow('apiVersion is required');
    expect(() => toUnstructured({ apiVersion: 'v1', kind: 'X', f: () => 1 })).toThrow(/function/);
    const cyclic: Record<string, unknown> = { apiVersion: 'v1', kind: 'X' };
    cyclic.self = cyclic;
    expect(() => toUnstructured(cyclic)).toThrow('cyclic');
    const u = toUnstructured({ apiVersion: 'v1', kind: 'X', when: new Date('2020-01-01T00:00:00.123Z'), gone: undefined });
    expect(u).toEqual({ apiVersion: 'v1', kind: 'X', when: '2020-01-01T00:00:00Z' });
  });
  it('fromUnstructured copies and checks the kind', () => {
    const src = { apiVersion: 'v1', kind: 'Pod', spec: { a: [1] } };
    const copy = fromUnstructured<typeof src>(src);
    expect(copy).toEqual(src);
    expect(copy.spec).not.toBe(src.spec);
    expect(() => fromUnstructured(src, { kind: 'Service' })).toThrow('kind is Pod, expected Service');
  });
});
