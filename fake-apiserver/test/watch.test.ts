import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call, WatchReader } from '../testing/http-client.js';

let server: FakeApiServer;
const cms = '/api/v1/namespaces/default/configmaps';
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);
const open: WatchReader[] = [];
async function watch(path: string, headers?: Record<string, string>): Promise<WatchReader> {
  const w = await WatchReader.open(server.url, path, headers);
  open.push(w);
  return w;
}

beforeAll(async () => {
  server = await startFakeApiServer({ tuning: { bookmarkIntervalMs: 100, watchListEnabled: true } });
});
afterAll(() => server.close());
beforeEach(async () => {
  for (const w of open.splice(0)) w.close();
  await server.reset();
});

describe('watch', () => {
  it('from a resourceVersion: ADDED, MODIFIED, DELETED in order; DELETED carries the deletion RV', async () => {
    const list = await req('GET', cms);
    const w = await watch(`${cms}?watch=true&resourceVersion=${list.json.metadata.resourceVersion}`);
    expect(w.status).toBe(200);
    await req('POST', cms, { metadata: { name: 'a' }, data: { v: '1' } });
    await req('PATCH', `${cms}/a`, { data: { v: '2' } });
    await req('DELETE', `${cms}/a`);
    const events = await w.waitFor(3);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[2].object.data).toEqual({ v: '2' });
    expect(Number(events[2].object.metadata.resourceVersion)).toBeGreaterThan(Number(events[1].object.metadata.resourceVersion));
    expect(events.every((e) => e.object.kind === 'ConfigMap' && e.object.apiVersion === 'v1')).toBe(true);
  });

  it('uses application/json (no stream=watch) over a chunked response', async () => {
    const res = await fetch(`${server.url}${cms}?watch=1&timeoutSeconds=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    await res.text();
  });

  it('without a resourceVersion: synthetic ADDED for existing objects, then changes', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    await req('POST', cms, { metadata: { name: 'b' } });
    const w = await watch(`${cms}?watch=true`);
    await req('POST', cms, { metadata: { name: 'c' } });
    const events = await w.waitFor(3);
    expect(events.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:a', 'ADDED:b', 'ADDED:c']);
  });

  it('resumes from the last seen resourceVersion without missing or repeating events', async () => {
    const w1 = await watch(`${cms}?watch=true&resourceVersion=${server.store.revision}`);
    await req('POST', cms, { metadata: { name: 'a' } });
    const [first] = await w1.waitFor(1);
    w1.close();
    await req('POST', cms, { metadata: { name: 'b' } });
    await req('POST', cms, { metadata: { name: 'c' } });
    const w2 = await watch(`${cms}?watch=true&resourceVersion=${first.object.metadata.resourceVersion}`);
    const events = await w2.waitFor(2);
    expect(events.map((e) => e.object.metadata.name)).toEqual(['b', 'c']);
  });

  it('a label selector turns relabels into DELETED and ADDED', async () => {
    await req('POST', cms, { metadata: { name: 'a', labels: { app: 'x' } } });
    const w = await watch(`${cms}?watch=true&labelSelector=app%3Dx&resourceVersion=${server.store.revision}`);
    await req('PATCH', `${cms}/a`, { metadata: { labels: { app: 'y' } } });
    await req('PATCH', `${cms}/a`, { data: { ignored: 'yes' } });
    await req('PATCH', `${cms}/a`, { metadata: { labels: { app: 'x' } } });
    const events = await w.waitFor(2);
    expect(events.map((e) => e.type)).toEqual(['DELETED', 'ADDED']);
    expect(events[0].object.metadata.labels).toEqual({ app: 'x' }); // the previous content
  });

  it('a compacted resourceVersion gives HTTP 200 and one ERROR event with 410 Expired, then closes', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    await req('POST', cms, { metadata: { name: 'b' } });
    server.compact();
    const w = await watch(`${cms}?watch=true&resourceVersion=1`);
    expect(w.status).toBe(200);
    await w.waitEnded();
    expect(w.events).toHaveLength(1);
    expect(w.events[0].type).toBe('ERROR');
    expect(w.events[0].object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(w.events[0].object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('sends periodic bookmarks with kind, apiVersion and resourceVersion only', async () => {
    const w = await watch(`${cms}?watch=true&allowWatchBookmarks=true&resourceVersion=${server.store.revision}`);
    const [bm] = await w.waitFor(1);
    expect(bm.type).toBe('BOOKMARK');
    expect(bm.object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: String(server.store.revision) } });
  });

  it('streaming list: initial ADDED events, then the initial-events-end bookmark, then changes', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    await req('POST', cms, { metadata: { name: 'b' } });
    const rv = server.store.revision;
    const w = await watch(`${cms}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    await w.waitFor(3);
    await req('POST', cms, { metadata: { name: 'c' } });
    const events = await w.waitFor(4);
    expect(events.slice(0, 2).map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:a', 'ADDED:b']);
    expect(events[2].type).toBe('BOOKMARK');
    expect(events[2].object.metadata).toEqual({ resourceVersion: String(rv), annotations: { 'k8s.io/initial-events-end': 'true' } });
    const after = events.slice(3).filter((e) => e.type !== 'BOOKMARK');
    expect(after.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:c']);
  });

  it('sendInitialEvents without resourceVersionMatch=NotOlderThan is 422 before streaming', async () => {
    const r = await req('GET', `${cms}?watch=true&sendInitialEvents=true`);
    expect(r.status).toBe(422);
    expect(r.json.message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
  });

  it('timeoutSeconds ends the stream normally', async () => {
    const started = Date.now();
    const w = await watch(`${cms}?watch=true&timeoutSeconds=1&resourceVersion=${server.store.revision}`);
    await w.waitEnded(3000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('the legacy /watch/ path watches one object by name', async () => {
    await req('POST', cms, { metadata: { name: 'a' } });
    await req('POST', cms, { metadata: { name: 'b' } });
    const w = await watch(`/api/v1/watch/namespaces/default/configmaps/b?resourceVersion=${server.store.revision}`);
    await req('PATCH', `${cms}/a`, { data: { x: '1' } });
    await req('PATCH', `${cms}/b`, { data: { x: '1' } });
    const [e] = await w.waitFor(1);
    expect(e.type).toBe('MODIFIED');
    expect(e.object.metadata.name).toBe('b');
  });

  it('concurrent watches from the same resourceVersion see the same sequence', async () => {
    const rv = server.store.revision;
    const ws = await Promise.all([1, 2, 3].map(() => watch(`${cms}?watch=true&resourceVersion=${rv}`)));
    for (let i = 0; i < 10; i++) await req('POST', cms, { metadata: { name: `o${i}` } });
    const seqs = await Promise.all(ws.map(async (w) => (await w.waitFor(10)).map((e) => e.object.metadata.resourceVersion)));
    expect(seqs[1]).toEqual(seqs[0]);
    expect(seqs[2]).toEqual(seqs[0]);
  });

  it('closing the client connection frees the watcher', async () => {
    const w = await watch(`${cms}?watch=true&resourceVersion=${server.store.revision}`);
    const before = countWatches();
    w.close();
    await waitUntil(() => countWatches() === before - 1);
    expect(countWatches()).toBe(before - 1);
  });

  it('a watcher that does not read is closed once its buffer is over the bound (memory stays bounded)', async () => {
    const small = await startFakeApiServer({ tuning: { watchBufferBytes: 64 * 1024 } });
    try {
      const { request } = await import('node:http');
      const url = new URL(`${small.url}${cms}?watch=true&resourceVersion=${small.store.revision}`);
      let closed = false;
      const client = request(url, (res) => {
        res.pause(); // never read
        res.on('close', () => (closed = true));
        res.on('error', () => (closed = true));
      });
      client.on('error', () => (closed = true));
      client.end();
      await new Promise((r) => setTimeout(r, 100));
      const big = 'x'.repeat(100_000);
      for (let i = 0; i < 200 && !closed; i++) await call(small.url, 'POST', cms, { metadata: { name: `o${i}` }, data: { big } });
      await waitUntil(() => closed, 5000);
      expect(closed).toBe(true);
      expect(small.store.count('/configmaps')).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});

function countWatches(): number {
  return server.openWatches();
}

async function waitUntil(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

describe('watch faults and large initial states', () => {
  it('a watch closed by a fault at event i delivers the events before i and nothing after', async () => {
    const s = await startFakeApiServer({ faults: { onWatchEvent: (_ctx, i) => (i === 2 ? 'close' : 'deliver') } });
    try {
      const rv = s.store.revision;
      for (let i = 0; i < 6; i++) await call(s.url, 'POST', cms, { metadata: { name: `cm${i}` } });
      const w = await WatchReader.open(s.url, `${cms}?watch=true&resourceVersion=${rv}`);
      await w.waitEnded();
      expect(w.events.map((e) => e.object.metadata.name)).toEqual(['cm0', 'cm1']);
    } finally {
      await s.close();
    }
  });

  it('a watch reset by a fault at event i delivers the events before i, then drops the connection', async () => {
    const s = await startFakeApiServer({ faults: { onWatchEvent: (_ctx, i) => (i === 2 ? 'reset' : 'deliver') } });
    try {
      const rv = s.store.revision;
      for (let i = 0; i < 6; i++) await call(s.url, 'POST', cms, { metadata: { name: `cm${i}` } });
      const res = await fetch(`${s.url}${cms}?watch=true&resourceVersion=${rv}`);
      let text = '';
      let failure = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += Buffer.from(chunk).toString();
      } catch (e) {
        failure = (e as Error).message;
      }
      expect(
        text
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).object.metadata.name),
      ).toEqual(['cm0', 'cm1']);
      expect(failure).toBe('terminated'); // not a clean end of the chunked body
    } finally {
      await s.close();
    }
  });

  it('a streaming list larger than the buffer bound is delivered in full', async () => {
    const s = await startFakeApiServer({ tuning: { watchBufferBytes: 64 * 1024 } });
    try {
      const big = 'x'.repeat(2000);
      for (let i = 0; i < 200; i++)
        await call(s.url, 'POST', cms, { metadata: { name: `cm${String(i).padStart(3, '0')}` }, data: { big } });
      const w = await WatchReader.open(
        s.url,
        `${cms}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
      );
      const events = await w.waitFor(201);
      expect(events.filter((e) => e.type === 'ADDED')).toHaveLength(200);
      expect(events[200].type).toBe('BOOKMARK');
      w.close();
    } finally {
      await s.close();
    }
  });
});
