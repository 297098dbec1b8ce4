/**
 * Benchmarks of the fake API server, each against a floor measured in the same run: the same
 * work done by the simplest server that could answer it.
 *
 *  1. start: startFakeApiServer() to the first response of GET /api/v1/namespaces/default.
 *     Floor: a bare fastify instance, listen(0), and the first request to a route that returns
 *     the same bytes. Target: < 50 ms (warm).
 *  2. creates/s: POST of 10,000 ConfigMaps by 8 concurrent clients (an undici Pool of 8).
 *     Floor: a bare fastify POST route that parses the JSON, keeps it in a Map, and answers 201
 *     with a body of the same shape (uid, resourceVersion, creationTimestamp, managedFields).
 *     Target: >= 5,000 creates/s.
 *  3. list: GET of the 10,000 ConfigMaps (time to the last byte, median; and bytes).
 *     Floor: a bare fastify route returning the identical bytes. Target: within 2x of the floor.
 *  4. watch fan-out: 100 watchers x 10,000 events, from the first event committed until every
 *     watcher has read every event. Events are committed at the store (bench-only seam), in
 *     batches of 100 with an event-loop turn between batches, so the figure is the watch path's
 *     cost alone. Floor: a bare node:http server writing the same 10,000 lines, in the same
 *     batches, to 100 chunked responses. Target: < 2 s.
 *     Also reported (no target): the same fan-out with the events created over HTTP.
 *
 * Clients and servers share this process (and the machine's 2 cores), for the fake and its floor
 * alike. BENCH_QUICK=1 shrinks every size tenfold.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, Agent, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { Pool, request } from 'undici';
import { startFakeApiServer, type FakeApiServer } from '../fake-apiserver/index.js';
import { resourceKey, type KubeObject } from '../fake-apiserver/store/types.js';
import { QUICK, median, percentile, round, runBench, type Measurement } from './harness.js';

const SCALE = QUICK ? 10 : 1;
const START_RUNS = QUICK ? 5 : 20;
const CREATES = 10_000 / SCALE;
const CLIENTS = 8;
const LIST_RUNS = QUICK ? 3 : 10;
const WATCHERS = 100 / SCALE;
const EVENTS = 10_000 / SCALE;
const BATCH = 100;

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const nextTurn = () => new Promise<void>((r) => setImmediate(r));
const ms = (t0: number) => performance.now() - t0;

async function get(url: string): Promise<{ status: number; body: Buffer }> {
  const r = await request(url);
  return { status: r.statusCode, body: Buffer.from(await r.body.arrayBuffer()) };
}

// ---------------------------------------------------------------------------------------------
// 1. start

async function startFake(): Promise<{ ms: number; body: Buffer }> {
  const t0 = performance.now();
  const s = await startFakeApiServer();
  const r = await get(`${s.url}/api/v1/namespaces/default`);
  const t = ms(t0);
  if (r.status !== 200) throw new Error(`first response ${r.status}`);
  await s.close();
  return { ms: t, body: r.body };
}

async function startFloor(body: Buffer): Promise<number> {
  const t0 = performance.now();
  const app = Fastify({ logger: false });
  app.get('/api/v1/namespaces/default', (_req, reply) => void reply.header('content-type', 'application/json').send(body));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const r = await get(`http://127.0.0.1:${port}/api/v1/namespaces/default`);
  const t = ms(t0);
  if (r.status !== 200) throw new Error(`floor first response ${r.status}`);
  await app.close();
  return t;
}

async function benchStart(log: (l: string) => void): Promise<Measurement[]> {
  // First in this process: loads the catalog and warms the code paths.
  const coldFake = await startFake();
  const coldFloor = await startFloor(coldFake.body);
  const fake: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < START_RUNS; i++) {
    fake.push((await startFake()).ms);
    floor.push(await startFloor(coldFake.body));
  }
  log(
    `start: first ${coldFake.ms.toFixed(1)} ms (floor ${coldFloor.toFixed(1)} ms); warm p50 ${median(fake).toFixed(1)} ms, p90 ${percentile(fake, 90).toFixed(1)} ms`,
  );
  return [
    {
      name: 'start to first response (warm, p50)',
      unit: 'ms',
      value: round(median(fake), 1),
      floor: round(median(floor), 1),
      better: 'lower',
      target: { kind: '<', value: 50 },
      detail: `${START_RUNS} runs; p90 ${percentile(fake, 90).toFixed(1)} ms (floor ${percentile(floor, 90).toFixed(1)} ms); includes writing the kubeconfig`,
    },
    {
      name: 'start to first response (first in process)',
      unit: 'ms',
      value: round(coldFake.ms, 1),
      floor: round(coldFloor, 1),
      better: 'lower',
      target: { kind: '<', value: 50 },
      detail: 'the first start also reads and indexes the resource catalog; modules are already imported',
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// 2. creates/s

const configMap = (i: number) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: `cm-${String(i).padStart(6, '0')}`, labels: { app: 'bench', shard: String(i % 8) } },
  data: { index: String(i), payload: 'x'.repeat(100) },
});

/** POSTs `count` ConfigMaps with `CLIENTS` concurrent clients; returns creates per second. */
async function createMany(base: string, namespace: string, count: number, offset = 0): Promise<number> {
  const pool = new Pool(base, { connections: CLIENTS, pipelining: 1 });
  const bodies = Array.from({ length: count }, (_, i) => JSON.stringify(configMap(offset + i)));
  let next = 0;
  const path = `/api/v1/namespaces/${namespace}/configmaps`;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        const body = bodies[next++];
        const r = await pool.request({ method: 'POST', path, body, headers: { 'content-type': 'application/json' } });
        const text = await r.body.text();
        if (r.statusCode !== 201) throw new Error(`create answered ${r.statusCode}: ${text.slice(0, 200)}`);
      }
    }),
  );
  const rate = count / (ms(t0) / 1000);
  await pool.close();
  return rate;
}

async function createFloor(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false, bodyLimit: 3 * 1024 * 1024 });
  const objects = new Map<string, unknown>();
  let rv = 0;
  app.post('/api/v1/namespaces/:namespace/configmaps', (req, reply) => {
    const { namespace } = req.params as { namespace: string };
    const obj = req.body as { metadata: Record<string, unknown>; data?: Record<string, string> };
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const stored = {
      ...obj,
      metadata: {
        ...obj.metadata,
        namespace,
        uid: randomUUID(),
        resourceVersion: String(++rv),
        creationTimestamp: now,
        managedFields: [
          {
            manager: 'bench',
            operation: 'Update',
            apiVersion: 'v1',
            time: now,
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': Object.fromEntries([['.', {}], ...Object.keys(obj.data ?? {}).map((k) => [`f:${k}`, {}])]) },
          },
        ],
      },
    };
    objects.set(`${namespace}/${String(obj.metadata.name)}`, stored);
    void reply.code(201).header('content-type', 'application/json').send(JSON.stringify(stored));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

async function createNamespace(base: string, name: string): Promise<void> {
  const r = await request(`${base}/api/v1/namespaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
  });
  const text = await r.body.text();
  if (r.statusCode !== 201) throw new Error(`namespace ${name}: ${r.statusCode} ${text}`);
}

async function benchCreatesAndList(log: (l: string) => void): Promise<Measurement[]> {
  const server = await startFakeApiServer();
  try {
    await createNamespace(server.url, 'warm');
    await createNamespace(server.url, 'bench');
    await createMany(server.url, 'warm', CREATES / 20);
    gc();
    const fakeRate = await createMany(server.url, 'bench', CREATES);

    const floor = await createFloor();
    await createMany(floor.url, 'warm', CREATES / 20);
    gc();
    const floorRate = await createMany(floor.url, 'bench', CREATES);
    await floor.close();
    log(`creates: ${Math.round(fakeRate)}/s (floor ${Math.round(floorRate)}/s)`);

    // 3. list the ConfigMaps just created.
    const listPath = '/api/v1/namespaces/bench/configmaps';
    const listPool = new Pool(server.url, { connections: 1 });
    const listOnce = async (pool: Pool) => {
      const t0 = performance.now();
      const r = await pool.request({ method: 'GET', path: listPath });
      const body = Buffer.from(await r.body.arrayBuffer());
      if (r.statusCode !== 200) throw new Error(`list answered ${r.statusCode}`);
      return { ms: ms(t0), body };
    };
    const first = await listOnce(listPool);
    const items = (JSON.parse(first.body.toString('utf8')) as { items: unknown[] }).items.length;
    if (items !== CREATES) throw new Error(`list returned ${items} items, expected ${CREATES}`);
    await listOnce(listPool);
    gc();
    const fakeTimes: number[] = [];
    for (let i = 0; i < LIST_RUNS; i++) fakeTimes.push((await listOnce(listPool)).ms);
    await listPool.close();

    const bytes = first.body;
    const app = Fastify({ logger: false });
    app.get(listPath, (_req, reply) => void reply.header('content-type', 'application/json').send(bytes));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const floorPool = new Pool(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, { connections: 1 });
    await listOnce(floorPool);
    await listOnce(floorPool);
    gc();
    const floorTimes: number[] = [];
    for (let i = 0; i < LIST_RUNS; i++) floorTimes.push((await listOnce(floorPool)).ms);
    await floorPool.close();
    await app.close();
    log(`list: p50 ${median(fakeTimes).toFixed(1)} ms (floor ${median(floorTimes).toFixed(1)} ms), ${(bytes.length / 1e6).toFixed(2)} MB`);

    return [
      {
        name: `creates/s (${CREATES.toLocaleString('en-US')} ConfigMaps, ${CLIENTS} clients)`,
        unit: '/s',
        value: Math.round(fakeRate),
        floor: Math.round(floorRate),
        better: 'higher',
        target: { kind: '>=', value: 5000 },
        detail: `undici Pool of ${CLIENTS} connections; ${CREATES / 20} creates of warm-up first`,
      },
      {
        name: `list ${items.toLocaleString('en-US')} ConfigMaps (p50)`,
        unit: 'ms',
        value: round(median(fakeTimes), 1),
        floor: round(median(floorTimes), 1),
        better: 'lower',
        target: { kind: 'ratio<=', value: 2 },
        detail: `${bytes.length.toLocaleString('en-US')} bytes (${(bytes.length / items).toFixed(0)} per item); ${LIST_RUNS} runs; p90 ${percentile(fakeTimes, 90).toFixed(1)} ms (floor ${percentile(floorTimes, 90).toFixed(1)} ms)`,
      },
    ];
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 4. watch fan-out

interface Watchers {
  /** Resolves when every watcher has read `events` lines. */
  done: Promise<void>;
  /** The bytes the first watcher read (to replay through the floor). */
  firstBytes: () => Buffer;
  close: () => void;
}

/** Opens `count` streaming GETs with node:http and counts the newline-terminated lines each reads. */
async function openWatchers(port: number, path: string, count: number, events: number): Promise<Watchers> {
  const agent = new Agent({ keepAlive: false, maxSockets: count + 10 });
  const chunks: Buffer[] = [];
  const requests: Array<ReturnType<typeof httpRequest>> = [];
  let finished = 0;
  let resolveDone!: () => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<void>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  const connected = Array.from(
    { length: count },
    (_, i) =>
      new Promise<void>((resolveConnected, rejectConnected) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
          if (res.statusCode !== 200) {
            rejectConnected(new Error(`watch ${i} answered ${res.statusCode}`));
            return;
          }
          let lines = 0;
          res.on('data', (chunk: Buffer) => {
            if (i === 0) chunks.push(chunk);
            let at = chunk.indexOf(10);
            while (at >= 0) {
              lines++;
              at = chunk.indexOf(10, at + 1);
            }
            if (lines === events && ++finished === count) resolveDone();
          });
          res.on('end', () => {
            if (lines < events) rejectDone(new Error(`watch ${i} ended after ${lines} of ${events} events`));
          });
          resolveConnected();
        });
        req.on('error', (e) => {
          rejectConnected(e);
          rejectDone(e);
        });
        req.end();
        requests.push(req);
      }),
  );
  await Promise.all(connected);
  return {
    done,
    firstBytes: () => Buffer.concat(chunks),
    close: () => {
      for (const r of requests) r.destroy();
      agent.destroy();
    },
  };
}

function fanoutObject(i: number, namespace: string): KubeObject {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `ev-${String(i).padStart(6, '0')}`,
      namespace,
      uid: randomUUID(),
      creationTimestamp: now,
      labels: { app: 'bench' },
      managedFields: [
        {
          manager: 'bench',
          operation: 'Update',
          apiVersion: 'v1',
          time: now,
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { '.': {}, 'f:index': {}, 'f:payload': {} } },
        },
      ],
    },
    data: { index: String(i), payload: 'x'.repeat(100) },
  };
}

async function fanoutFake(server: FakeApiServer, viaHttp: boolean): Promise<{ ms: number; bytes: Buffer }> {
  const namespace = viaHttp ? 'fanout-http' : 'fanout';
  await createNamespace(server.url, namespace);
  const path = `/api/v1/namespaces/${namespace}/configmaps?watch=true&resourceVersion=${server.store.revision}&timeoutSeconds=600`;
  const watchers = await openWatchers(server.port, path, WATCHERS, EVENTS);
  try {
    gc();
    const t0 = performance.now();
    if (viaHttp) {
      await createMany(server.url, namespace, EVENTS);
    } else {
      const key = resourceKey('', 'configmaps');
      for (let i = 0; i < EVENTS; i += BATCH) {
        for (let j = i; j < Math.min(EVENTS, i + BATCH); j++) server.store.put(key, fanoutObject(j, namespace));
        await nextTurn();
      }
    }
    await watchers.done;
    return { ms: ms(t0), bytes: watchers.firstBytes() };
  } finally {
    watchers.close();
  }
}

async function fanoutFloor(lines: Buffer[]): Promise<number> {
  const responses: ServerResponse[] = [];
  let allConnected!: () => void;
  const connected = new Promise<void>((r) => (allConnected = r));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    responses.push(res);
    if (responses.length === WATCHERS) allConnected();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const watchers = await openWatchers(port, '/watch', WATCHERS, EVENTS);
  await connected;
  try {
    gc();
    const t0 = performance.now();
    for (let i = 0; i < lines.length; i += BATCH) {
      for (let j = i; j < Math.min(lines.length, i + BATCH); j++) for (const res of responses) res.write(lines[j]);
      await nextTurn();
    }
    await watchers.done;
    return ms(t0);
  } finally {
    watchers.close();
    for (const res of responses) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

function splitLines(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  let at = bytes.indexOf(10);
  while (at >= 0) {
    out.push(bytes.subarray(start, at + 1));
    start = at + 1;
    at = bytes.indexOf(10, start);
  }
  return out;
}

async function benchFanout(log: (l: string) => void): Promise<Measurement[]> {
  const server = await startFakeApiServer({ tuning: { watchBufferBytes: 64 * 1024 * 1024 } });
  try {
    const direct = await fanoutFake(server, false);
    const lines = splitLines(direct.bytes);
    if (lines.length !== EVENTS) throw new Error(`watcher 0 read ${lines.length} lines, expected ${EVENTS}`);
    gc();
    const floorMs = await fanoutFloor(lines);
    log(`fan-out: ${direct.ms.toFixed(0)} ms (floor ${floorMs.toFixed(0)} ms), ${(direct.bytes.length / 1e6).toFixed(2)} MB per watcher`);
    gc();
    const viaHttp = await fanoutFake(server, true);
    log(`fan-out with HTTP creates: ${viaHttp.ms.toFixed(0)} ms`);
    const total = `${WATCHERS} x ${EVENTS.toLocaleString('en-US')}`;
    return [
      {
        name: `watch fan-out ${total} (committed at the store)`,
        unit: 'ms',
        value: Math.round(direct.ms),
        floor: Math.round(floorMs),
        better: 'lower',
        target: { kind: '<', value: 2000 },
        detail: `${(direct.bytes.length / 1e6).toFixed(2)} MB per watcher (${Math.round(direct.bytes.length / EVENTS)} bytes per event); events in batches of ${BATCH}; floor: node:http writing the same lines`,
      },
      {
        name: `watch fan-out ${total} (created over HTTP, ${CLIENTS} clients)`,
        unit: 'ms',
        value: Math.round(viaHttp.ms),
        better: 'lower',
        detail: 'end to end: the creates themselves are part of the time; no floor',
      },
    ];
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------

await runBench('fake-apiserver', async (log) => {
  const out: Measurement[] = [];
  out.push(...(await benchStart(log)));
  gc();
  out.push(...(await benchCreatesAndList(log)));
  gc();
  out.push(...(await benchFanout(log)));
  return out;
});
