/**
 * server.restart(): the API server goes away and comes back on the same port with the cluster's
 * state kept, as a kube-apiserver restart over a persistent etcd looks to clients; and the fault
 * hook's request context (userAgent, objectName) that lets scenarios tell clients and objects apart.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startFakeApiServer, type RequestFaultContext } from '../index.js';
import { call, WatchReader } from '../testing/http-client.js';

const cms = '/api/v1/namespaces/default/configmaps';

describe('restart()', () => {
  it('keeps objects and resourceVersions, refuses connections while down, and listens again on the same port', async () => {
    await using s = await startFakeApiServer();
    const created = await call(s.url, 'POST', cms, { metadata: { name: 'kept' }, data: { a: 'b' } });
    expect(created.status).toBe(201);
    const rv = Number(created.json.metadata.resourceVersion);
    const watch = await WatchReader.open(s.url, `${cms}?watch=true&resourceVersion=${rv}`);
    expect(s.openWatches()).toBe(1);

    const restarting = s.restart({ downtimeMs: 150 });
    await watch.waitEnded(2000); // cut, as a process exit cuts it
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`${s.url}${cms}`)).rejects.toThrow(); // ECONNREFUSED while down
    await restarting;

    expect(s.openWatches()).toBe(0);
    const got = await call(s.url, 'GET', `${cms}/kept`);
    expect(got.status).toBe(200);
    expect(got.json.metadata.resourceVersion).toBe(String(rv));
    expect(got.json.data).toEqual({ a: 'b' });
    const next = await call(s.url, 'POST', cms, { metadata: { name: 'after' } });
    expect(Number(next.json.metadata.resourceVersion)).toBeGreaterThan(rv);
    // A client resumes its watch from the last resourceVersion it saw, and misses nothing.
    const resumed = await WatchReader.open(s.url, `${cms}?watch=true&resourceVersion=${rv}`);
    const [event] = await resumed.waitFor(1);
    expect(event).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'after' } } });
    resumed.close();
  });

  it('lets a request already being handled finish, and serialises concurrent restarts', async () => {
    await using s = await startFakeApiServer({ faults: { onRequest: (ctx) => (ctx.name === 'slow' ? { delayMs: 150 } : undefined) } });
    await call(s.url, 'POST', cms, { metadata: { name: 'slow' } });
    const slow = call(s.url, 'GET', `${cms}/slow`);
    await new Promise((r) => setTimeout(r, 30));
    await Promise.all([s.restart(), s.restart({ downtimeMs: 20 })]);
    expect((await slow).status).toBe(200);
    expect((await call(s.url, 'GET', `${cms}/slow`)).status).toBe(200);
  });

  it('rejects when another process took the port during the downtime', async () => {
    await using s = await startFakeApiServer();
    const restarting = s.restart({ downtimeMs: 150 });
    await new Promise((r) => setTimeout(r, 50));
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(s.port, s.host, resolve));
    try {
      await expect(restarting).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  it('close() during the downtime leaves the port closed', async () => {
    const s = await startFakeApiServer();
    const restarting = s.restart({ downtimeMs: 100 });
    await new Promise((r) => setTimeout(r, 20));
    await s.close();
    await restarting;
    await expect(fetch(`${s.url}${cms}`)).rejects.toThrow();
    await expect(s.restart()).rejects.toThrow(/closed/);
  });
});

describe('fault hook request context', () => {
  it('carries the User-Agent, and the name of the object a create sends', async () => {
    const seen: Array<Pick<RequestFaultContext, 'verb' | 'name' | 'objectName' | 'userAgent'>> = [];
    await using s = await startFakeApiServer({
      faults: {
        onRequest: (ctx) => void seen.push({ verb: ctx.verb, name: ctx.name, objectName: ctx.objectName, userAgent: ctx.userAgent }),
      },
    });
    await call(s.url, 'POST', cms, { metadata: { name: 'named' } }, { 'user-agent': 'fixture/1' });
    await call(s.url, 'POST', cms, { metadata: { generateName: 'gen-' } }, { 'user-agent': 'fixture/1' });
    await call(s.url, 'POST', cms, '{not json', { 'user-agent': 'fixture/1', 'content-type': 'application/json' });
    await call(s.url, 'GET', `${cms}/named`, undefined, { 'user-agent': 'controller/2' });
    expect(seen).toEqual([
      { verb: 'create', name: '', objectName: 'named', userAgent: 'fixture/1' },
      { verb: 'create', name: '', objectName: '', userAgent: 'fixture/1' },
      { verb: 'create', name: '', objectName: '', userAgent: 'fixture/1' },
      { verb: 'get', name: 'named', objectName: 'named', userAgent: 'controller/2' },
    ]);
  });
});
