import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../../fake-apiserver/index.js';
import { buildConfigFromFlags } from '../config/client-config.js';
import type { RestConfig } from '../config/rest-config.js';
import { json, startHttpStub } from '../testing/http-stub.js';
import { CachedDiscoveryClient, newCachedDiscoveryClientForConfig } from './cached/disk.js';
import { ErrCacheNotFound, MemCacheClient } from './cached/memcache.js';
import { DiscoveryClient, ErrGroupDiscoveryFailed, newDiscoveryClientForConfig } from './discovery-client.js';
import { AGGREGATED_ACCEPT } from './aggregated.js';

const tmp = mkdtempSync(join(tmpdir(), 'kh-discovery-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('discovery against the fake API server', () => {
  let server: FakeApiServer;
  let config: RestConfig;
  beforeAll(async () => {
    server = await startFakeApiServer();
    config = buildConfigFromFlags('', server.kubeconfig.path);
  });
  afterAll(() => server.close());

  it('serverVersion', async () => {
    const v = await newDiscoveryClientForConfig(config).serverVersion();
    expect(v.gitVersion).toMatch(/^v1\.\d+/);
  });

  it('serverGroups: core first, aggregated and legacy agree', async () => {
    const agg = await newDiscoveryClientForConfig(config).serverGroups();
    const legacy = await newDiscoveryClientForConfig(config, { useLegacyDiscovery: true }).serverGroups();
    expect(agg.groups[0]).toEqual({
      name: '',
      versions: [{ groupVersion: 'v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'v1', version: 'v1' },
    });
    expect(agg.groups.map((g) => g.name)).toContain('apps');
    expect(legacy.groups.map((g) => [g.name, g.versions, g.preferredVersion])).toEqual(
      agg.groups.map((g) => [g.name, g.versions, g.preferredVersion]),
    );
  });

  it('serverGroupsAndResources: aggregated and legacy give the same resources', async () => {
    const agg = await newDiscoveryClientForConfig(config).serverGroupsAndResources();
    const legacy = await newDiscoveryClientForConfig(config, { useLegacyDiscovery: true }).serverGroupsAndResources();
    const norm = (lists: typeof agg.resources) =>
      lists.map((l) => ({
        gv: l.groupVersion,
        r: l.resources.map((r) => ({
          name: r.name,
          kind: r.kind,
          namespaced: r.namespaced,
          verbs: [...r.verbs].sort(),
          short: r.shortNames ?? [],
          group: r.group ?? '',
          version: r.version ?? '',
        })),
      }));
    expect(norm(agg.resources)).toEqual(norm(legacy.resources));
    const core = agg.resources.find((l) => l.groupVersion === 'v1')!;
    expect(core.resources.find((r) => r.name === 'pods')).toMatchObject({ kind: 'Pod', namespaced: true, singularName: 'pod' });
    expect(core.resources.map((r) => r.name)).toContain('pods/status');
  });

  it('serverResourcesForGroupVersion and serverPreferredResources', async () => {
    const d = newDiscoveryClientForConfig(config);
    const apps = await d.serverResourcesForGroupVersion('apps/v1');
    expect(apps.groupVersion).toBe('apps/v1');
    expect(apps.resources.map((r) => r.name)).toContain('deployments/scale');
    const preferred = await d.serverPreferredResources();
    const hpa = preferred.filter((l) => l.resources.some((r) => r.name === 'horizontalpodautoscalers'));
    expect(hpa.map((l) => l.groupVersion)).toEqual(['autoscaling/v2']);
    expect(preferred.find((l) => l.groupVersion === 'autoscaling/v1')?.resources).toEqual([]);
    expect(preferred.flatMap((l) => l.resources).some((r) => r.name.includes('/'))).toBe(false);
    const namespaced = await d.serverPreferredNamespacedResources();
    expect(namespaced.flatMap((l) => l.resources).every((r) => r.namespaced)).toBe(true);
  });

  it('disk cache: files under the directory, TTL, fresh(), invalidate(), HTTP ETag cache', async () => {
    const dir = join(tmp, 'disk');
    const first = newCachedDiscoveryClientForConfig(config, join(dir, 'discovery'), join(dir, 'http'), 60_000);
    const live = await first.serverGroupsAndResources();
    expect(first.fresh()).toBe(true);
    expect(existsSync(join(dir, 'discovery/servergroups.json'))).toBe(true);
    expect(existsSync(join(dir, 'discovery/v1/serverresources.json'))).toBe(true);
    expect(existsSync(join(dir, 'discovery/apps/v1/serverresources.json'))).toBe(true);
    expect(statSync(join(dir, 'discovery/servergroups.json')).mode & 0o777).toBe(0o660);

    // A second client reads the files: same answer, but not fresh (the files are not its own).
    const second = newCachedDiscoveryClientForConfig({ ...config, host: 'http://127.0.0.1:1' }, join(dir, 'discovery'), '', 60_000);
    const cached = await second.serverGroupsAndResources();
    expect(cached.resources.map((l) => l.groupVersion)).toEqual(live.resources.map((l) => l.groupVersion));
    expect(second.fresh()).toBe(false);
    second.invalidate();
    expect(second.fresh()).toBe(true);
    await expect(second.serverGroups()).rejects.toThrow(); // after invalidate it must ask the (unreachable) server

    // Past the TTL the files are not used.
    const old = new Date(Date.now() - 120_000);
    utimesSync(join(dir, 'discovery/servergroups.json'), old, old);
    const third = new CachedDiscoveryClient(
      new MemCacheClient(new DiscoveryClient({ ...config, host: 'http://127.0.0.1:1' })),
      join(dir, 'discovery'),
      60_000,
    );
    await expect(third.serverGroups()).rejects.toThrow();
  });
});

describe('discovery against a scripted server', () => {
  const groups = {
    kind: 'APIGroupList',
    groups: [
      {
        name: 'apps',
        versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
        preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
      },
      { name: 'broken.io', versions: [{ groupVersion: 'broken.io/v1', version: 'v1' }] },
    ],
  };
  const resources = (gv: string, names: string[]) => ({
    kind: 'APIResourceList',
    groupVersion: gv,
    resources: names.map((n) => ({ name: n, singularName: '', namespaced: true, kind: 'K', verbs: ['get'] })),
  });

  it('falls back to legacy discovery, asks with the aggregated Accept header, reports partial failures', async () => {
    let brokenCalls = 0;
    await using stub = await startHttpStub((req, res) => {
      if (req.url === '/api') return json(res, 200, { kind: 'APIVersions', versions: ['v1'] });
      if (req.url === '/apis') return json(res, 200, groups);
      if (req.url === '/api/v1') return json(res, 200, resources('v1', ['pods']));
      if (req.url === '/apis/apps/v1') return json(res, 200, resources('apps/v1', ['deployments']));
      brokenCalls++;
      return json(res, 503, { kind: 'Status', status: 'Failure', code: 503, reason: 'ServiceUnavailable', message: 'metrics down' });
    });
    const d = newDiscoveryClientForConfig({ host: stub.url, qps: -1 });
    expect(stub.requests).toHaveLength(0);
    const err = await d.serverGroupsAndResources().catch((e) => e);
    expect(err).toBeInstanceOf(ErrGroupDiscoveryFailed);
    expect([...(err as ErrGroupDiscoveryFailed).groups.keys()]).toEqual(['broken.io/v1']);
    expect((err as ErrGroupDiscoveryFailed).partial.resources.map((l) => l.groupVersion)).toEqual(['v1', 'apps/v1']);
    expect(err.message).toMatch(/^unable to retrieve the complete list of server APIs: broken.io\/v1: metrics down/);
    expect(stub.requests.find((r) => r.url === '/apis')!.headers.accept).toBe(AGGREGATED_ACCEPT);

    // memcache: one fill, a transient failure is retried on demand, unknown GVs are ErrCacheNotFound
    const mem = new MemCacheClient(d);
    const before = stub.requests.length;
    await mem.serverResourcesForGroupVersion('apps/v1');
    const afterFill = stub.requests.length;
    expect(afterFill - before).toBe(5); // /api, /apis, three group versions
    await mem.serverResourcesForGroupVersion('apps/v1');
    expect(stub.requests.length).toBe(afterFill);
    const calls = brokenCalls;
    await expect(mem.serverResourcesForGroupVersion('broken.io/v1')).rejects.toThrow('metrics down');
    expect(brokenCalls).toBe(calls + 1);
    await expect(mem.serverResourcesForGroupVersion('nope/v1')).rejects.toBeInstanceOf(ErrCacheNotFound);
    expect(mem.fresh()).toBe(true);
    mem.invalidate();
    expect(mem.fresh()).toBe(false);
    await mem.serverGroups();
    expect(stub.requests.length).toBeGreaterThan(afterFill + 2);
  });

  it('aggregated: stale versions are failures, the rest is kept', async () => {
    await using stub = await startHttpStub((req, res) => {
      const ct = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
      if (req.url === '/api')
        return json(
          res,
          200,
          {
            kind: 'APIGroupDiscoveryList',
            apiVersion: 'apidiscovery.k8s.io/v2',
            items: [
              {
                versions: [
                  {
                    version: 'v1',
                    resources: [
                      {
                        resource: 'pods',
                        responseKind: { group: '', version: '', kind: 'Pod' },
                        scope: 'Namespaced',
                        singularResource: 'pod',
                        verbs: ['get'],
                      },
                    ],
                  },
                ],
              },
            ],
          },
          { 'content-type': ct },
        );
      return json(
        res,
        200,
        {
          kind: 'APIGroupDiscoveryList',
          apiVersion: 'apidiscovery.k8s.io/v2',
          items: [
            {
              metadata: { name: 'x.io' },
              versions: [
                { version: 'v2', freshness: 'Stale' },
                { version: 'v1', resources: [], freshness: 'Current' },
              ],
            },
          ],
        },
        { 'content-type': ct },
      );
    });
    const d = newDiscoveryClientForConfig({ host: stub.url, qps: -1 });
    const gl = await d.serverGroups();
    expect(gl.groups[1]).toEqual({
      name: 'x.io',
      versions: [{ groupVersion: 'x.io/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'x.io/v1', version: 'v1' },
    });
    const err = (await d.serverGroupsAndResources().catch((e) => e)) as ErrGroupDiscoveryFailed;
    expect([...err.groups.keys()]).toEqual(['x.io/v2']);
    expect(err.partial.resources.map((l) => l.groupVersion)).toEqual(['v1', 'x.io/v1']);
    expect(stub.requests).toHaveLength(4); // two documents per call, no per-group-version requests
  });

  it('HTTP cache: revalidates with If-None-Match and serves a 304 from disk', async () => {
    const doc = { kind: 'APIGroupList', groups: [] };
    await using stub = await startHttpStub((req, res) => {
      if (req.url === '/api') return json(res, 200, { kind: 'APIVersions', versions: ['v1'] });
      if (req.url === '/api/v1') return json(res, 200, resources('v1', ['pods']));
      if (req.headers['if-none-match'] === '"e1"') {
        res.writeHead(304, { etag: '"e1"' });
        return res.end();
      }
      return json(res, 200, doc, { etag: '"e1"' });
    });
    const dir = join(tmp, 'httpcache');
    const mk = (n: number) =>
      newCachedDiscoveryClientForConfig({ host: stub.url, qps: -1 }, join(dir, `discovery-${n}`), join(dir, 'http'), 60_000);
    await mk(1).serverGroupsAndResources();
    const r2 = await mk(2).serverGroupsAndResources();
    expect(r2.resources.map((l) => l.groupVersion)).toEqual(['v1']);
    const apis = stub.requests.filter((r) => r.url === '/apis');
    expect(apis.map((r) => r.headers['if-none-match'] ?? '')).toEqual(['', '"e1"']);
  });
});
