import { describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../../fake-apiserver/index.js';
import { silentLogger } from '../cache/log.js';
import { clientsFor } from '../testing/fake-server-clients.js';
import { newDynamicSharedInformerFactory } from './dynamic.js';
import { newSharedInformerFactory, newSharedInformerFactoryWithOptions } from './factory.js';

/** Writes go straight over HTTP, so the factories' own client is the only one under test. */
async function post(url: string, path: string, body: unknown) {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  return res.json();
}

const clientset = (server: FakeApiServer) => clientsFor(server).clientset;

const pod = (name: string, labels: Record<string, string> = {}) => ({
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

describe('SharedInformerFactory', () => {
  it('seed example: newForConfig → factory → pod lister after start + waitForCacheSync', async () => {
    await using server = await startFakeApiServer();
    await post(server.url, '/api/v1/namespaces', { metadata: { name: 'other' } });
    await post(server.url, '/api/v1/namespaces/default/pods', pod('web-0'));
    await post(server.url, '/api/v1/namespaces/other/pods', pod('db-0'));

    await using factory = newSharedInformerFactory(clientset(server), 0);
    const podInformer = factory.core().v1().pods();
    const indexer = podInformer.lister();
    factory.start();
    expect(await factory.waitForCacheSync()).toEqual({ 'v1/pods': true });
    const pods = indexer.list();
    expect(pods.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`).sort()).toEqual(['default/web-0', 'other/db-0']);
    expect(indexer.pods('other').get('db-0')?.spec?.containers[0].image).toBe('nginx');
    expect(indexer.pods('other').get('nope')).toBeUndefined();
    expect(indexer.byNamespace('default').list().length).toBe(1);
  });

  it('shares one informer per type among callers; forResource for the seed GVRs; per-type sync results', async () => {
    await using server = await startFakeApiServer();
    await using factory = newSharedInformerFactory(clientset(server), 60_000);
    expect(factory.core().v1().pods().informer()).toBe(factory.core().v1().pods().informer());
    expect(factory.forResource({ group: '', version: 'v1', resource: 'pods' }).informer()).toBe(factory.core().v1().pods().informer());
    const gvrs = [
      { group: '', version: 'v1', resource: 'pods' },
      { group: '', version: 'v1', resource: 'services' },
      { group: '', version: 'v1', resource: 'namespaces' },
      { group: 'apps', version: 'v1', resource: 'deployments' },
      { group: 'apps', version: 'v1', resource: 'statefulsets' },
      { group: 'apps', version: 'v1', resource: 'daemonsets' },
    ];
    for (const gvr of gvrs) factory.forResource(gvr);
    expect(() => factory.forResource({ group: 'example.com', version: 'v1', resource: 'widgets' })).toThrow('no informer found');
    factory.start();
    const synced = await factory.waitForCacheSync(AbortSignal.timeout(10_000));
    expect(synced).toEqual({
      'v1/pods': true,
      'v1/services': true,
      'v1/namespaces': true,
      'apps/v1/deployments': true,
      'apps/v1/statefulsets': true,
      'apps/v1/daemonsets': true,
    });
    expect(factory.core().v1().namespaces().lister().get('kube-system')?.metadata?.name).toBe('kube-system');
    // A type asked for after start starts on the next start().
    const cms = factory.core().v1().configMaps().informer();
    expect(cms.hasSynced()).toBe(false);
    factory.start();
    expect((await factory.waitForCacheSync())['v1/configmaps']).toBe(true);
  });

  it('options: namespace, tweakListOptions (label selector), transform; label-selector listers', async () => {
    await using server = await startFakeApiServer();
    await post(server.url, '/api/v1/namespaces', { metadata: { name: 'team-a' } });
    await post(server.url, '/api/v1/namespaces/team-a/pods', pod('a1', { app: 'web', tier: 'front' }));
    await post(server.url, '/api/v1/namespaces/team-a/pods', pod('a2', { app: 'web', tier: 'back' }));
    await post(server.url, '/api/v1/namespaces/team-a/pods', pod('a3', { app: 'db' }));
    await post(server.url, '/api/v1/namespaces/default/pods', pod('d1', { app: 'web' }));
    await using factory = newSharedInformerFactoryWithOptions(clientset(server), 0, {
      namespace: 'team-a',
      tweakListOptions: (o) => (o.labelSelector = 'app=web'),
      transform: (o) => ({ ...o, metadata: { ...o.metadata, managedFields: undefined } }),
      informerOptions: { logger: silentLogger },
    });
    const lister = factory.core().v1().pods().lister();
    factory.start();
    await factory.waitForCacheSync();
    expect(
      lister
        .list()
        .map((p) => p.metadata!.name)
        .sort(),
    ).toEqual(['a1', 'a2']);
    expect(lister.list('tier=front').map((p) => p.metadata!.name)).toEqual(['a1']);
    expect(lister.list({ tier: 'back' }).map((p) => p.metadata!.name)).toEqual(['a2']);
    expect(
      lister
        .pods('team-a')
        .list('tier notin (front)')
        .map((p) => p.metadata!.name),
    ).toEqual(['a2']);
    expect(lister.list().every((p) => p.metadata!.managedFields === undefined)).toBe(true);
    expect(() => lister.list('tier in (')).toThrow();
  });

  it('falls back to LIST+WATCH against a server without streaming lists', async () => {
    await using server = await startFakeApiServer({ tuning: { watchListEnabled: false } });
    await post(server.url, '/api/v1/namespaces/default/pods', pod('p'));
    await using factory = newSharedInformerFactoryWithOptions(clientset(server), 0, { informerOptions: { logger: silentLogger } });
    const lister = factory.core().v1().pods().lister();
    factory.start();
    expect(await factory.waitForCacheSync(AbortSignal.timeout(10_000))).toEqual({ 'v1/pods': true });
    expect(lister.list().length).toBe(1);
    await post(server.url, '/api/v1/namespaces/default/pods', pod('q'));
    const deadline = Date.now() + 5000;
    while (lister.list().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(lister.list().length).toBe(2);
  });

  it("lists through the clientset's RESTClient: its rate limiter is consulted, its config is used", async () => {
    await using server = await startFakeApiServer();
    await post(server.url, '/api/v1/namespaces/default/pods', pod('p'));
    let waits = 0;
    const rateLimiter = { wait: async () => void waits++, tryAccept: () => true, qps: () => 1, stop: () => {} };
    const cs = clientsFor(server, { rateLimiter }).clientset;
    await using factory = newSharedInformerFactoryWithOptions(cs, 0, {
      informerOptions: { logger: silentLogger, reflector: { useWatchList: false } },
    });
    const lister = factory.core().v1().pods().lister();
    factory.start();
    expect(await factory.waitForCacheSync(AbortSignal.timeout(10_000))).toEqual({ 'v1/pods': true });
    expect(lister.list().map((p) => [p.kind, p.metadata?.name])).toEqual([['Pod', 'p']]);
    expect(waits).toBeGreaterThan(0);
    expect(factory.client).toBe(cs);
  });

  it('shutdown stops every informer and nothing starts afterwards', async () => {
    await using server = await startFakeApiServer();
    const factory = newSharedInformerFactory(clientset(server));
    const inf = factory.core().v1().pods().informer();
    factory.start();
    await factory.waitForCacheSync();
    await factory.shutdown();
    expect(inf.isStopped()).toBe(true);
    const later = factory.core().v1().services().informer();
    factory.start();
    expect(later.hasSynced()).toBe(false);
  });
});

describe('DynamicSharedInformerFactory', () => {
  it('serves any GVR as untyped objects, shared per GVR', async () => {
    await using server = await startFakeApiServer();
    await post(server.url, '/apis/apps/v1/namespaces/default/deployments', {
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    });
    await using factory = newDynamicSharedInformerFactory(clientsFor(server).dynamic, 0);
    const gvr = { group: 'apps', version: 'v1', resource: 'deployments' };
    const generic = factory.forResource(gvr);
    expect(factory.forResource(gvr).informer()).toBe(generic.informer());
    factory.start();
    await factory.waitForCacheSync();
    const d = generic.lister().byNamespace('default').get('web');
    expect(d?.kind).toBe('Deployment');
    expect((d?.spec as { selector: unknown }).selector).toEqual({ matchLabels: { app: 'web' } });
  });
});
