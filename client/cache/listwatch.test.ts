/**
 * ListWatch over the client core (typed, dynamic and RESTClient flavours) against the fake API
 * server: options and selectors pass through unmutated, list items get kind/apiVersion, watches
 * resume from a list's RV, and failures surface as the reflector expects (ERROR events, StatusError,
 * a normal end on a reset connection, connection refused).
 */
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { startFakeApiServer, StatusError as ServerStatusError } from '../../fake-apiserver/index.js';
import { isResourceExpired, isTooManyRequests, StatusError } from '../errors.js';
import { clientsFor } from '../testing/fake-server-clients.js';
import type { WatchEvent } from '../watch-event.js';
import {
  gvrKey,
  listWatchFor,
  newListWatchFromClient,
  toListWatcherWithWatchListSemantics,
  tweakListerWatcher,
  type ListerWatcher,
  type ListOptions,
} from './listwatch.js';
import { doesClientNotSupportWatchListSemantics } from './watch-list.js';
import { isConnectionRefused } from './net-errors.js';

async function collect<T>(it: AsyncIterable<WatchEvent<T>>): Promise<WatchEvent<T>[]> {
  const out: WatchEvent<T>[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const cm = (name: string) => ({ metadata: { name, labels: { app: name } } });

/** Lists a page, the whole list, then watches from the list's RV; `zzz` is outside the selector. */
async function exercise(lw: ListerWatcher<ConfigMap>, create: (name: string) => Promise<unknown>) {
  const opts: ListOptions = { limit: 1 };
  const page = await lw.list(opts);
  expect(opts).toEqual({ limit: 1 });
  expect(page.items.map((i) => [i.kind, i.apiVersion, i.metadata?.name])).toEqual([['ConfigMap', 'v1', 'a']]);
  expect(page.metadata?.continue).toBeTruthy();
  const full = await lw.list({});
  expect(full.items.map((i) => i.metadata?.name)).toEqual(['a', 'b']);
  const ac = new AbortController();
  const events = await lw.watch({ resourceVersion: full.metadata?.resourceVersion, allowWatchBookmarks: true }, ac.signal);
  await create('zzz');
  await create('c');
  const it = events[Symbol.asyncIterator]();
  const first = await it.next();
  expect(first.value).toMatchObject({ type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name: 'c' } } });
  ac.abort();
  expect((await it.next()).done).toBe(true);
}

describe('ListWatch over the client core', () => {
  it('listWatchFor(typed client): selectors, kind filling, paging, watch from the list RV', async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server);
    const cms = clientset.coreV1().configMaps('default');
    for (const n of ['a', 'b']) await cms.create(cm(n));
    await exercise(listWatchFor(cms, { labelSelector: 'app in (a,b,c)' }), (n) => cms.create(cm(n)));
  });

  it('newListWatchFromClient(RESTClient) and listWatchFor(dynamic client) behave the same', async () => {
    await using server = await startFakeApiServer();
    const { clientset, dynamic } = clientsFor(server);
    const cms = clientset.coreV1().configMaps('default');
    for (const n of ['a', 'b']) await cms.create(cm(n));
    const tweak = (o: ListOptions) => void (o.labelSelector = 'app in (a,b,c)');
    const fromRest = newListWatchFromClient<ConfigMap>(clientset.coreV1().restClient, 'configmaps', 'default', tweak);
    await exercise(fromRest, (n) => cms.create(cm(n)));
    await cms.delete('c');
    const gvr = { group: '', version: 'v1', resource: 'configmaps' };
    const fromDynamic = listWatchFor(dynamic.resource(gvr).namespace('default'), tweak) as unknown as ListerWatcher<ConfigMap>;
    await exercise(fromDynamic, (n) => cms.create(cm(n === 'zzz' ? 'zzz2' : n)));
  });

  it('surfaces failures as the reflector expects: ERROR on an expired RV, StatusError on 429', async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server);
    const cms = clientset.coreV1().configMaps('default');
    await cms.create(cm('a'));
    const lw = listWatchFor(cms);
    server.compact();
    const evs = await collect(await lw.watch({ resourceVersion: '1' }));
    expect(evs[0].type).toBe('ERROR');
    expect(isResourceExpired(new StatusError(evs[0].object as never))).toBe(true);
    // Without Retry-After the RESTClient does not retry, so the 429 reaches the caller.
    server.setFaults({ onRequest: () => ({ error: new ServerStatusError(429, 'TooManyRequests', 'slow down') }) });
    const err = await lw.list({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatusError);
    expect(isTooManyRequests(err)).toBe(true);
  });

  it('ends a watch normally when the connection is reset mid-stream', async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server);
    const cms = clientset.coreV1().configMaps('default');
    server.setFaults({ onWatchEvent: (_c, i) => (i >= 1 ? 'reset' : 'deliver') });
    const w = await listWatchFor(cms).watch({ resourceVersion: '0' });
    await cms.create(cm('a'));
    await cms.create(cm('b'));
    expect((await collect(w)).length).toBeLessThanOrEqual(1);
  });

  it('rejects with a connection-refused error when nothing listens', async () => {
    const gone = await startFakeApiServer();
    const { clientset } = clientsFor(gone);
    await gone.close();
    const err = await listWatchFor(clientset.coreV1().configMaps(''))
      .watch({})
      .catch((e: unknown) => e);
    expect(isConnectionRefused(err)).toBe(true);
  });

  it('tweakListerWatcher edits every call without mutating the caller options; gvrKey', async () => {
    const calls: ListOptions[] = [];
    const base: ListerWatcher<never> = {
      list: async (o) => (calls.push(o), { items: [] }),
      watch: async (o) => (calls.push(o), (async function* () {})()),
    };
    const lw = tweakListerWatcher(base, (o) => (o.labelSelector = 'x'));
    const opts = { limit: 7 };
    await lw.list(opts);
    await lw.watch({});
    expect(opts).toEqual({ limit: 7 });
    expect(calls).toEqual([{ limit: 7, labelSelector: 'x' }, { labelSelector: 'x' }]);
    expect(gvrKey({ group: '', version: 'v1', resource: 'pods' })).toBe('v1/pods');
    expect(gvrKey({ group: 'apps', version: 'v1', resource: 'deployments' })).toBe('apps/v1/deployments');
  });

  it('the watch-list opt-out survives tweakListerWatcher; toListWatcherWithWatchListSemantics takes it from a client', () => {
    const base: ListerWatcher<never> = {
      list: async () => ({ items: [] }),
      watch: async () => (async function* () {})(),
    };
    expect(doesClientNotSupportWatchListSemantics(base)).toBe(false);
    const optedOut = { ...base, isWatchListSemanticsUnsupported: () => true };
    expect(doesClientNotSupportWatchListSemantics(tweakListerWatcher(optedOut, (o) => (o.labelSelector = 'x')))).toBe(true);
    expect(doesClientNotSupportWatchListSemantics(tweakListerWatcher(base, (o) => (o.labelSelector = 'x')))).toBe(false);
    expect(
      doesClientNotSupportWatchListSemantics(toListWatcherWithWatchListSemantics(base, { isWatchListSemanticsUnsupported: () => true })),
    ).toBe(true);
    expect(doesClientNotSupportWatchListSemantics(toListWatcherWithWatchListSemantics(base, {}))).toBe(false);
  });
});
