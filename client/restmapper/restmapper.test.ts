import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../../fake-apiserver/index.js';
import { buildConfigFromFlags } from '../config/client-config.js';
import { MemCacheClient } from '../discovery/cached/memcache.js';
import { DiscoveryClient, serverGroupsAndResources, type CachedDiscoveryInterface } from '../discovery/discovery-client.js';
import type { APIGroupList, APIResourceList } from '../discovery/types.js';
import { isNoMatchError, newDeferredDiscoveryRESTMapper, NoKindMatchError } from './discovery-mapper.js';

describe('deferred discovery RESTMapper against the fake API server', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer();
  });
  afterAll(() => server.close());

  it('maps kinds and resources, prefers core v1 and preferred versions, knows short names', async () => {
    const m = newDeferredDiscoveryRESTMapper(new MemCacheClient(new DiscoveryClient(buildConfigFromFlags('', server.kubeconfig.path))));
    expect(await m.kindFor({ resource: 'pods' })).toEqual({ group: '', version: 'v1', kind: 'Pod' });
    expect(await m.kindFor({ resource: 'pod' })).toEqual({ group: '', version: 'v1', kind: 'Pod' });
    expect(await m.resourceFor({ resource: 'deploy' })).toEqual({ group: 'apps', version: 'v1', resource: 'deployments' });
    expect(await m.resourceFor({ resource: 'events' })).toEqual({ group: '', version: 'v1', resource: 'events' });
    expect(await m.resourceFor({ group: 'events.k8s.io', resource: 'events' })).toEqual({
      group: 'events.k8s.io',
      version: 'v1',
      resource: 'events',
    });
    expect(await m.resourceFor({ resource: 'hpa' })).toEqual({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' });
    expect((await m.resourcesFor({ resource: 'horizontalpodautoscalers' })).map((r) => r.version)).toEqual(['v2', 'v1']);
    expect(await m.restMapping({ group: 'apps', kind: 'Deployment' })).toEqual({
      resource: { group: 'apps', version: 'v1', resource: 'deployments' },
      groupVersionKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      scope: { name: 'namespace' },
    });
    expect((await m.restMapping({ group: 'autoscaling', kind: 'HorizontalPodAutoscaler' }, 'v1')).resource.version).toBe('v1');
    expect((await m.restMapping({ group: '', kind: 'Namespace' })).scope.name).toBe('root');
    expect(await m.resourceSingularizer('deployments')).toBe('deployment');
    await expect(m.kindFor({ resource: 'pods/status' })).rejects.toSatisfy(isNoMatchError);
    await expect(m.restMapping({ group: 'apps', kind: 'Nope' })).rejects.toBeInstanceOf(NoKindMatchError);
  });
});

/** A cached discovery whose content can change, counting invalidations, with a fresh() flag. */
function fakeCache(): CachedDiscoveryInterface & { resources: APIResourceList[]; invalidations: number; isFresh: boolean } {
  const d = {
    resources: [
      { groupVersion: 'v1', resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: [] }] },
    ] as APIResourceList[],
    invalidations: 0,
    isFresh: false,
    restClient: () => {
      throw new Error('unused');
    },
    serverGroups: async (): Promise<APIGroupList> => ({
      groups: [
        { name: '', versions: [{ groupVersion: 'v1', version: 'v1' }], preferredVersion: { groupVersion: 'v1', version: 'v1' } },
        { name: 'example.com', versions: [{ groupVersion: 'example.com/v1', version: 'v1' }] },
      ],
    }),
    serverResourcesForGroupVersion: async (gv: string) => {
      const l = d.resources.find((r) => r.groupVersion === gv);
      if (!l) throw new Error(`no ${gv}`);
      return l;
    },
    serverGroupsAndResources: () => serverGroupsAndResources(d).catch((e) => e.partial),
    serverPreferredResources: async () => [],
    serverPreferredNamespacedResources: async () => [],
    serverVersion: async () => ({ major: '1', minor: '35', gitVersion: 'v1.35.0' }),
    fresh: () => d.isFresh,
    invalidate: () => {
      d.invalidations++;
      d.isFresh = true;
    },
  };
  return d;
}

describe('deferred RESTMapper reset on a miss', () => {
  it('resets once when the cache is not fresh and finds a resource added since', async () => {
    const cache = fakeCache();
    const m = newDeferredDiscoveryRESTMapper(cache);
    expect((await m.kindFor({ resource: 'pods' })).kind).toBe('Pod');
    cache.resources.push({
      groupVersion: 'example.com/v1',
      resources: [{ name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', verbs: [], shortNames: ['wd'] }],
    });
    expect(await m.resourceFor({ resource: 'wd' })).toEqual({ group: 'example.com', version: 'v1', resource: 'widgets' });
    expect(cache.invalidations).toBe(1);
    // Fresh now: a miss is reported without another reset.
    await expect(m.kindFor({ resource: 'gadgets' })).rejects.toSatisfy(isNoMatchError);
    expect(cache.invalidations).toBe(1);
  });
});
