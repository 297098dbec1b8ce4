import { describe, expect, it } from 'vitest';
import { startFakeApiServer } from '../../fake-apiserver/index.js';
import { StatusError as ServerStatusError } from '../../fake-apiserver/index.js';
import { isResourceExpired, isTooManyRequests, StatusError } from '../errors.js';
import type { WatchEvent } from '../watch-event.js';
import { encodeListOptions, newHttpListerWatcher, parseWatchStream, resourcePath, statusErrorFromResponse } from './http-listwatch.js';
import { isConnectionRefused } from './net-errors.js';

const CM = { group: '', version: 'v1', resource: 'configmaps' };

async function create(url: string, name: string, ns = 'default') {
  const res = await fetch(`${url}/api/v1/namespaces/${ns}/configmaps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ metadata: { name, labels: { app: name } } }),
  });
  return res.json();
}

function streamOf(text: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const t of text) c.enqueue(enc.encode(t));
      c.close();
    },
  });
}

async function collect<T>(it: AsyncIterable<WatchEvent<T>>): Promise<WatchEvent<T>[]> {
  const out: WatchEvent<T>[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('http ListerWatcher', () => {
  it('builds paths and query strings as the API server expects', () => {
    expect(resourcePath(CM, 'ns1')).toBe('/api/v1/namespaces/ns1/configmaps');
    expect(resourcePath({ group: 'apps', version: 'v1', resource: 'deployments' })).toBe('/apis/apps/v1/deployments');
    expect(
      encodeListOptions(
        {
          resourceVersion: '0',
          limit: 500,
          allowWatchBookmarks: true,
          sendInitialEvents: true,
          resourceVersionMatch: 'NotOlderThan',
          timeoutSeconds: 300,
        },
        true,
      ),
    ).toBe(
      '?watch=true&resourceVersion=0&resourceVersionMatch=NotOlderThan&limit=500&allowWatchBookmarks=true&sendInitialEvents=true&timeoutSeconds=300',
    );
  });

  it('lists (with kind/apiVersion filled in on items), paginates, and watches from the list RV', async () => {
    await using server = await startFakeApiServer();
    await create(server.url, 'a');
    await create(server.url, 'b');
    const lw = newHttpListerWatcher<{ kind?: string; apiVersion?: string; metadata: { name: string; resourceVersion: string } }>(
      { baseUrl: server.url },
      CM,
      'default',
      (o) => (o.labelSelector = 'app in (a,b,c)'),
    );
    const page = await lw.list({ limit: 1 });
    expect(page.items.map((i) => [i.kind, i.apiVersion, i.metadata.name])).toEqual([['ConfigMap', 'v1', 'a']]);
    expect(page.metadata.continue).toBeTruthy();
    const full = await lw.list({});
    expect(full.items.length).toBe(2);
    const ac = new AbortController();
    const events = await lw.watch({ resourceVersion: full.metadata.resourceVersion, allowWatchBookmarks: true }, ac.signal);
    await create(server.url, 'c');
    await create(server.url, 'zzz'); // filtered out by the tweak's selector
    const it = events[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'c' } } });
    ac.abort();
    await expect(it.next()).rejects.toThrow();
  });

  it('throws StatusError with the server Status for refused requests (410 on expired RV, injected 429)', async () => {
    await using server = await startFakeApiServer();
    await create(server.url, 'a');
    const lw = newHttpListerWatcher({ baseUrl: server.url }, CM);
    server.compact();
    const w = await lw.watch({ resourceVersion: '1' });
    const evs = await collect(w);
    expect(evs[0].type).toBe('ERROR');
    expect(isResourceExpired(new StatusError(evs[0].object as never))).toBe(true);
    server.setFaults({
      onRequest: () => ({ error: new ServerStatusError(429, 'TooManyRequests', 'slow down', { retryAfterSeconds: 2 }) }),
    });
    const err = await lw.list({}).catch((e) => e);
    expect(err).toBeInstanceOf(StatusError);
    expect(isTooManyRequests(err)).toBe(true);
    expect(err.status.details.retryAfterSeconds).toBe(2);
  });

  it('ends a watch normally when the connection is reset mid-stream', async () => {
    await using server = await startFakeApiServer();
    const lw = newHttpListerWatcher({ baseUrl: server.url }, CM);
    server.setFaults({ onWatchEvent: (_c, i) => (i >= 1 ? 'reset' : 'deliver') });
    const w = await lw.watch({ resourceVersion: '0' });
    await create(server.url, 'a');
    await create(server.url, 'b');
    const evs = await collect(w);
    expect(evs.length).toBeLessThanOrEqual(1);
  });

  it('rejects with a connection-refused error when nothing listens', async () => {
    const gone = await startFakeApiServer();
    await gone.close();
    const lw = newHttpListerWatcher({ baseUrl: gone.url }, CM);
    const err = await lw.watch({}).catch((e) => e);
    expect(isConnectionRefused(err)).toBe(true);
  });

  it('parses NDJSON split across chunks; a bad line becomes one InternalError ERROR event', async () => {
    const evs = await collect(
      parseWatchStream(
        streamOf([
          '{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n{"type":"MOD',
          'IFIED","object":{"metadata":{"name":"a"}}}\n',
          'not json\n{"type":"ADDED","object":{}}\n',
        ]),
      ),
    );
    expect(evs.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'ERROR']);
    expect((evs[2].object as { reason: string; code: number }).reason).toBe('InternalError');
  });

  it('synthesises a Status for non-Status error bodies, as NewGenericServerResponse', () => {
    const e = statusErrorFromResponse(503, 'upstream unavailable', new Headers({ 'retry-after': '3' }));
    expect(e.status).toMatchObject({ code: 503, reason: 'ServiceUnavailable', details: { retryAfterSeconds: 3 } });
  });
});
