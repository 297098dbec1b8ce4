/**
 * The event broadcaster and recorder writing core/v1 Events through the clientset to the fake API
 * server: create, count patches, aggregation, the fallback to create after a 404 patch, giving up
 * on a refused write, retrying transport failures, and shutdown.
 */
import type { ConfigMap, Event } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../../../fake-apiserver/index.js';
import { collectingLogger } from '../../cache/log.js';
import { clientsFor } from '../../testing/fake-server-clients.js';
import { newBroadcaster } from './event.js';
import { FakeRecorder } from './fake.js';
import { newEventSink } from './sink.js';

async function setup(server: FakeApiServer) {
  const { clientset } = clientsFor(server, { qps: -1 });
  const cm = (await clientset
    .coreV1()
    .configMaps('default')
    .create({ metadata: { name: 'settings' }, data: { a: '1' } })) as ConfigMap;
  const logger = collectingLogger();
  const broadcaster = newBroadcaster({ logger, sleepDurationMs: 20 });
  broadcaster.startRecordingToSink(newEventSink(clientset.coreV1()));
  const recorder = broadcaster.newRecorder({ component: 'mirror-controller', host: 'node-1' });
  const events = async () =>
    ((await clientset.coreV1().events('default').list()).items as Event[]).sort((a, b) => (a.message ?? '').localeCompare(b.message ?? ''));
  return { clientset, cm, logger, broadcaster, recorder, events };
}

describe('EventBroadcaster → EventSink (clientset) → fake API server', () => {
  it('creates an Event about the object, then counts repeats up with a PATCH', async () => {
    await using server = await startFakeApiServer();
    const { cm, broadcaster, recorder, events } = await setup(server);
    recorder.eventf(cm, 'Normal', 'Synced', 'mirrored %d keys', 1);
    recorder.eventf(cm, 'Normal', 'Synced', 'mirrored %d keys', 1);
    recorder.eventf(cm, 'Normal', 'Synced', 'mirrored %d keys', 1);
    await broadcaster.shutdown();
    const list = await events();
    expect(list.length).toBe(1);
    expect(list[0]).toMatchObject({
      involvedObject: { kind: 'ConfigMap', apiVersion: 'v1', namespace: 'default', name: 'settings', uid: cm.metadata?.uid },
      type: 'Normal',
      reason: 'Synced',
      message: 'mirrored 1 keys',
      count: 3,
      source: { component: 'mirror-controller', host: 'node-1' },
      reportingComponent: 'mirror-controller',
      reportingInstance: 'node-1',
    });
    expect(list[0].metadata?.name).toMatch(/^settings\.[0-9a-f]+$/);
  });

  it('aggregates similar events: after 10 distinct messages one combined event counts up', async () => {
    await using server = await startFakeApiServer();
    const { cm, broadcaster, recorder, events } = await setup(server);
    for (let i = 0; i < 14; i++) recorder.eventf(cm, 'Warning', 'FailedSync', 'attempt %d failed', i);
    await broadcaster.shutdown();
    const list = await events();
    const combined = list.filter((e) => e.message?.startsWith('(combined from similar events)'));
    expect(list.length - combined.length).toBe(9);
    expect(combined.length).toBe(1);
    expect(combined[0].count).toBe(5);
    expect(combined[0].message).toBe('(combined from similar events): attempt 13 failed');
  });

  it('creates the event again when the counted one was deleted (404 on PATCH)', async () => {
    await using server = await startFakeApiServer();
    const { clientset, cm, broadcaster, recorder, events } = await setup(server);
    recorder.event(cm, 'Warning', 'Broken', 'still broken');
    while ((await events()).length === 0) await new Promise((r) => setTimeout(r, 10));
    const [first] = await events();
    await clientset.coreV1().events('default').delete(first.metadata!.name!);
    recorder.event(cm, 'Warning', 'Broken', 'still broken');
    await broadcaster.shutdown();
    const list = await events();
    expect(list.length).toBe(1);
    expect(list[0]).toMatchObject({ metadata: { name: first.metadata?.name }, count: 2, message: 'still broken' });
  });

  it('gives up at once on a refused write; retries transport failures', async () => {
    await using server = await startFakeApiServer();
    const { cm, broadcaster, recorder, events, logger } = await setup(server);
    let posts = 0;
    server.setFaults({
      onRequest: (ctx) => {
        if (ctx.resource !== 'events' || ctx.verb !== 'create') return undefined;
        posts++;
        return posts <= 2 ? { resetConnection: true } : undefined;
      },
    });
    recorder.event(cm, 'Normal', 'Flaky', 'written on the third try');
    recorder.event({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x', namespace: 'missing-ns' } }, 'Normal', 'Lost', 'refused');
    // Wait for the retried write to land before shutting down (shutdown stops retry sleeps).
    while (!(await events()).some((e) => e.reason === 'Flaky')) await new Promise((r) => setTimeout(r, 10));
    await broadcaster.shutdown();
    expect(posts).toBe(4); // 2 resets + 1 success + 1 refused (not retried)
    expect(logger.lines.some((l) => l.msg.includes('Server rejected event') && l.msg.includes('Lost'))).toBe(true);
    expect(logger.lines.filter((l) => l.msg.includes('may retry after sleeping')).length).toBe(2);
  });

  it('drops invalid events, feeds watchers and loggers, and refuses events after shutdown', async () => {
    await using server = await startFakeApiServer();
    const { cm, broadcaster, recorder, events, logger } = await setup(server);
    const seen: string[] = [];
    broadcaster.startEventWatcher((e) => void seen.push(`${e.reason}:${e.involvedObject.name}`));
    const lines: string[] = [];
    broadcaster.startLogging((l) => lines.push(l));
    recorder.event(cm, 'Info', 'BadType', 'not Normal or Warning');
    recorder.event({ metadata: { name: 'no-kind' } }, 'Normal', 'NoKind', 'no reference');
    recorder.annotatedEventf(cm, { team: 'a' }, 'Normal', 'Annotated', 'with %s', 'annotations');
    await broadcaster.shutdown();
    recorder.event(cm, 'Normal', 'Late', 'after shutdown');
    expect(seen).toEqual(['Annotated:settings']);
    expect(lines[0]).toContain("reason: 'Annotated' with annotations");
    const list = await events();
    expect(list.map((e) => [e.reason, e.metadata?.annotations])).toEqual([['Annotated', { team: 'a' }]]);
    expect(logger.lines.map((l) => l.msg).join('\n')).toMatch(
      /Unsupported event type: 'Info'[\s\S]*Could not construct reference[\s\S]*shut down/,
    );
  });
});

describe('FakeRecorder', () => {
  it('records "<type> <reason> <message>" lines', () => {
    const r = new FakeRecorder();
    r.eventf({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } }, 'Warning', 'Failed', 'exit %d', 1);
    const withObject = new FakeRecorder(true);
    withObject.event({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } }, 'Normal', 'Started', 'ok');
    expect(r.events).toEqual(['Warning Failed exit 1']);
    expect(withObject.events).toEqual(['Normal Started ok involvedObject{kind=Pod,apiVersion=v1}']);
  });
});
