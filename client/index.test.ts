/**
 * The public surface of kubeharness/client, used only through client/index.ts: a program builds
 * its config and clientset, runs informers, a workqueue, events and retries from one import.
 */
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { startFakeApiServer } from '../fake-apiserver/index.js';
import * as client from './index.js';
import {
  buildConfigFromFlags,
  cache,
  DEFAULT_RETRY,
  newBroadcaster,
  newDynamicSharedInformerFactory,
  newDynamicClient,
  newEventSink,
  newForConfig,
  newRateLimitingQueue,
  newSharedInformerFactory,
  retryOnConflict,
  workqueue,
} from './index.js';

describe('kubeharness/client public API', () => {
  it('exports every package, flat and as namespaces', () => {
    const flat = [
      'newForConfig',
      'buildConfigFromFlags',
      'restClientFor',
      'newDynamicClient',
      'newDiscoveryClientForConfig',
      'listPager',
      'newSharedInformerFactory',
      'newSharedInformerFactoryWithOptions',
      'newDynamicSharedInformerFactory',
      'newFilteredDynamicSharedInformerFactory',
      'listWatchFor',
      'newListWatchFromClient',
      'Reflector',
      'RealFIFO',
      'DeltaFIFO',
      'newIndexer',
      'newSharedIndexInformer',
      'waitForCacheSync',
      'newLister',
      'parseSelector',
      'newQueue',
      'newDelayingQueue',
      'newRateLimitingQueue',
      'defaultControllerRateLimiter',
      'Queue',
      'FakeClock',
      'exponentialBackoff',
      'LeaderElector',
      'LeaseLock',
      'newBroadcaster',
      'newEventSink',
      'EventCorrelator',
      'FakeRecorder',
      'retryOnConflict',
      'onError',
      'DEFAULT_RETRY',
      'DEFAULT_BACKOFF',
    ];
    expect(flat.filter((n) => !(n in client))).toEqual([]);
    for (const ns of ['cache', 'informers', 'listers', 'workqueue', 'tools', 'leaderelection', 'record', 'retry', 'dynamic'] as const) {
      expect(typeof client[ns], ns).toBe('object');
    }
    expect(client.Queue).toBe(workqueue.Queue);
    expect(client.leaderelection.LeaseLock).toBe(client.LeaseLock);
  });

  it('config → clientset → informers, dynamic informers, workqueue, events and retries in one program', async () => {
    await using server = await startFakeApiServer();
    const config = buildConfigFromFlags('', server.kubeconfig.path);
    const clientset = newForConfig(config);
    const cms = clientset.coreV1().configMaps('default');
    await cms.create({ metadata: { name: 'app', labels: { tier: 'web' } }, data: { v: '1' } });

    await using factory = newSharedInformerFactory(clientset, 0);
    await using dynamicFactory = newDynamicSharedInformerFactory(newDynamicClient(config), 0);
    const queue = newRateLimitingQueue<string>();
    const informer = factory.core().v1().configMaps().informer();
    informer.addEventHandler({ onAdd: (cm) => queue.add(cache.metaNamespaceKeyFunc(cm)) });
    const generic = dynamicFactory.forResource({ group: '', version: 'v1', resource: 'configmaps' });
    factory.start();
    dynamicFactory.start();
    expect(await factory.waitForCacheSync(AbortSignal.timeout(10_000))).toEqual({ 'v1/configmaps': true });
    expect(await dynamicFactory.waitForCacheSync(AbortSignal.timeout(10_000))).toEqual({ 'v1/configmaps': true });
    expect(generic.lister().byNamespace('default').get('app')?.kind).toBe('ConfigMap');

    const broadcaster = newBroadcaster();
    broadcaster.startRecordingToSink(newEventSink(clientset.coreV1()));
    const recorder = broadcaster.newRecorder({ component: 'example' });

    const got = await queue.get();
    expect(got).toEqual({ item: 'default/app', shutdown: false });
    const key = got.item!;
    const cached = factory.core().v1().configMaps().lister().configMaps('default').get('app') as ConfigMap;
    await retryOnConflict(DEFAULT_RETRY, async () => {
      const cm = await cms.get('app');
      await cms.update({ ...cm, data: { v: '2' } });
    });
    recorder.event(cached, 'Normal', 'Updated', 'bumped v');
    queue.forget(key);
    queue.done(key);
    queue.shutDown();
    await broadcaster.shutdown();
    expect((await cms.get('app')).data).toEqual({ v: '2' });
    const events = (await clientset.coreV1().events('default').list()).items;
    expect(events.map((e) => [e.reason, e.involvedObject.name])).toEqual([['Updated', 'app']]);
  });
});
