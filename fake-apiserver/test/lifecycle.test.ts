/**
 * Lifecycle of startFakeApiServer(): start, the kubeconfig it writes, reset(), close(),
 * `await using`, many servers in one process, port 0 and fixed ports, and start time.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call, WatchReader } from '../testing/http-client.js';

const BOOTSTRAP_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const started: FakeApiServer[] = [];
async function start(options: Parameters<typeof startFakeApiServer>[0] = {}): Promise<FakeApiServer> {
  const s = await startFakeApiServer(options);
  started.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

const cm = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

async function namespaceNames(url: string): Promise<string[]> {
  const r = await call(url, 'GET', '/api/v1/namespaces');
  expect(r.status).toBe(200);
  return (r.json.items as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name).sort();
}

async function configMapNames(url: string, ns = 'default'): Promise<string[]> {
  const r = await call(url, 'GET', `/api/v1/namespaces/${ns}/configmaps`);
  expect(r.status).toBe(200);
  return (r.json.items as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name).sort();
}

/** Resolves true when nothing accepts connections on the port any more. */
async function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

describe('startFakeApiServer()', () => {
  it('listens on 127.0.0.1 on a port chosen by the OS and answers at once', async () => {
    const s = await start();
    expect(s.host).toBe('127.0.0.1');
    expect(s.port).toBeGreaterThan(0);
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
    for (const path of ['/readyz', '/livez', '/healthz']) {
      const r = await call(s.url, 'GET', path);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toBe('ok');
    }
    const v = await call(s.url, 'GET', '/version');
    expect(v.status).toBe(200);
    expect(v.json.gitVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(await namespaceNames(s.url)).toEqual(BOOTSTRAP_NAMESPACES);
  });

  it('writes a kubeconfig that is valid YAML pointing at the URL, and removes its own temp dir on close', async () => {
    const s = await start();
    expect(existsSync(s.kubeconfig.path)).toBe(true);
    const parsed = yaml.load(readFileSync(s.kubeconfig.path, 'utf8')) as any;
    expect(parsed).toEqual(s.kubeconfig.object);
    expect(parsed.apiVersion).toBe('v1');
    expect(parsed.kind).toBe('Config');
    const ctx = parsed.contexts.find((c: any) => c.name === parsed['current-context']);
    expect(ctx, 'current-context names a context').toBeDefined();
    const cluster = parsed.clusters.find((c: any) => c.name === ctx.context.cluster);
    expect(cluster.cluster.server).toBe(s.url);
    expect(parsed.users.some((u: any) => u.name === ctx.context.user)).toBe(true);
    await s.close();
    expect(existsSync(s.kubeconfig.path)).toBe(false);
    expect(existsSync(dirname(s.kubeconfig.path))).toBe(false);
  });

  it('writes the kubeconfig to kubeconfigPath when given, and leaves it there on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kh-lifecycle-'));
    try {
      const path = join(dir, 'my-kubeconfig');
      const s = await start({ kubeconfigPath: path });
      expect(s.kubeconfig.path).toBe(path);
      const parsed = yaml.load(readFileSync(path, 'utf8')) as any;
      expect(parsed.clusters[0].cluster.server).toBe(s.url);
      await s.close();
      expect(existsSync(path)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('listens on a fixed port when asked, and a taken port rejects with EADDRINUSE', async () => {
    const port = await freePort();
    const s = await start({ port });
    expect(s.port).toBe(port);
    expect(s.url).toBe(`http://127.0.0.1:${port}`);
    expect((await call(s.url, 'GET', '/readyz')).status).toBe(200);
    await expect(startFakeApiServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // The failed start did not disturb the running one.
    expect((await call(s.url, 'GET', '/readyz')).status).toBe(200);
  });

  it('starts in well under a second once warm (the issue target, < 50 ms, is measured by npm run bench)', async () => {
    // Warm-up: the first start in a process loads modules and the catalog file.
    await (await start()).close();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const s = await startFakeApiServer();
      const r = await fetch(`${s.url}/readyz`);
      await r.text();
      times.push(performance.now() - t0);
      await s.close();
    }
    times.sort((a, b) => a - b);
    // Generous: CI machines are shared and slow; the benchmark holds the real target.
    expect(times[2], `start-to-first-response times (ms): ${times.map((t) => t.toFixed(1)).join(', ')}`).toBeLessThan(500);
  });

  it('seeds generated names and UIDs: the same seed gives the same names in two servers', async () => {
    const [a, b] = await Promise.all([start({ seed: 42 }), start({ seed: 42 })]);
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } };
    const ra = await call(a.url, 'POST', '/api/v1/namespaces/default/configmaps', body);
    const rb = await call(b.url, 'POST', '/api/v1/namespaces/default/configmaps', body);
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(ra.json.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(ra.json.metadata.name).toBe(rb.json.metadata.name);
    expect(ra.json.metadata.uid).toBe(rb.json.metadata.uid);
  });
});

describe('reset()', () => {
  it('empties objects but keeps the default namespaces, the port and the URL', async () => {
    const s = await start();
    const { url, port } = s;
    expect(
      (await call(url, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } })).status,
    ).toBe(201);
    for (const name of ['one', 'two']) {
      expect((await call(url, 'POST', '/api/v1/namespaces/default/configmaps', cm(name))).status).toBe(201);
    }
    expect((await call(url, 'POST', '/api/v1/namespaces/team-a/configmaps', cm('three'))).status).toBe(201);
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    };
    expect((await call(url, 'POST', '/apis/apps/v1/namespaces/default/deployments', deployment)).status).toBe(201);
    const revisionBefore = s.store.revision;

    await s.reset();

    expect(s.port).toBe(port);
    expect(s.url).toBe(url);
    expect((await call(url, 'GET', '/readyz')).status).toBe(200);
    expect(await namespaceNames(url)).toEqual(BOOTSTRAP_NAMESPACES);
    expect(await configMapNames(url)).toEqual([]);
    const all = await call(url, 'GET', '/api/v1/configmaps');
    expect(all.json.items).toEqual([]);
    const deployments = await call(url, 'GET', '/apis/apps/v1/deployments');
    expect(deployments.json.items).toEqual([]);
    expect((await call(url, 'GET', '/api/v1/namespaces/team-a')).status).toBe(404);
    // resourceVersions never repeat across a reset.
    const again = await call(url, 'POST', '/api/v1/namespaces/default/configmaps', cm('one'));
    expect(again.status).toBe(201);
    expect(Number(again.json.metadata.resourceVersion)).toBeGreaterThan(revisionBefore);
  });

  it('ends open watches, and new watches work afterwards', async () => {
    const s = await start();
    const w1 = await WatchReader.open(s.url, '/api/v1/namespaces/default/configmaps?watch=true');
    const w2 = await WatchReader.open(s.url, '/api/v1/namespaces?watch=true&allowWatchBookmarks=true');
    try {
      expect(w1.status).toBe(200);
      expect(w2.status).toBe(200);
      expect((await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', cm('before'))).status).toBe(201);
      expect((await w1.next()).type).toBe('ADDED');
      await s.reset();
      await w1.waitEnded(2000);
      await w2.waitEnded(2000);
    } finally {
      w1.close();
      w2.close();
    }
    const w3 = await WatchReader.open(s.url, '/api/v1/namespaces/default/configmaps?watch=true');
    try {
      expect((await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', cm('after'))).status).toBe(201);
      const e = await w3.next();
      expect(e.type).toBe('ADDED');
      expect(e.object.metadata.name).toBe('after');
    } finally {
      w3.close();
    }
  });

  it('can be called repeatedly and concurrently with requests', async () => {
    const s = await start();
    for (let round = 0; round < 5; round++) {
      const writes = Array.from({ length: 10 }, (_, i) =>
        call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', cm(`r${round}-${i}`)),
      );
      await Promise.all(writes);
      await s.reset();
      expect(await configMapNames(s.url)).toEqual([]);
      expect(await namespaceNames(s.url)).toEqual(BOOTSTRAP_NAMESPACES);
    }
  });
});

describe('close() and await using', () => {
  it('close() frees the port, ends watches, and is idempotent', async () => {
    const s = await start();
    const w = await WatchReader.open(s.url, '/api/v1/namespaces/default/configmaps?watch=true');
    expect(w.status).toBe(200);
    const t0 = performance.now();
    await s.close();
    expect(performance.now() - t0, 'close with an open watch is prompt').toBeLessThan(2000);
    await w.waitEnded(2000);
    await s.close();
    await expect(fetch(`${s.url}/readyz`)).rejects.toThrow();
    expect(await portIsFree(s.port)).toBe(true);
  });

  it('await using closes the server at the end of the block', async () => {
    let url = '';
    let port = 0;
    let kubeconfigPath = '';
    {
      await using s = await startFakeApiServer();
      url = s.url;
      port = s.port;
      kubeconfigPath = s.kubeconfig.path;
      expect((await call(url, 'GET', '/readyz')).status).toBe(200);
    }
    await expect(fetch(`${url}/readyz`)).rejects.toThrow();
    expect(await portIsFree(port)).toBe(true);
    expect(existsSync(kubeconfigPath)).toBe(false);
  });

  it('await using closes the server when the block throws', async () => {
    let url = '';
    await expect(
      (async () => {
        await using s = await startFakeApiServer();
        url = s.url;
        throw new Error('boom');
      })(),
    ).rejects.toThrow('boom');
    await expect(fetch(`${url}/readyz`)).rejects.toThrow();
  });
});

describe('many servers in one process', () => {
  it('20 servers have separate ports, stores, watches and resets', async () => {
    const servers = await Promise.all(Array.from({ length: 20 }, () => start()));
    const ports = new Set(servers.map((s) => s.port));
    expect(ports.size).toBe(20);
    const kubeconfigs = new Set(servers.map((s) => s.kubeconfig.path));
    expect(kubeconfigs.size).toBe(20);

    const watches = await Promise.all(servers.map((s) => WatchReader.open(s.url, '/api/v1/namespaces/default/configmaps?watch=true')));
    try {
      await Promise.all(
        servers.map(async (s, i) => {
          for (let j = 0; j <= i % 3; j++) {
            const r = await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', cm(`s${i}-c${j}`, { server: String(i) }));
            expect(r.status).toBe(201);
          }
        }),
      );
      for (const [i, s] of servers.entries()) {
        const expected = Array.from({ length: (i % 3) + 1 }, (_, j) => `s${i}-c${j}`);
        expect(await configMapNames(s.url), `server ${i}`).toEqual(expected);
        const events = await watches[i].waitFor(expected.length);
        expect(events.map((e) => e.object.metadata.name)).toEqual(expected);
      }
      // Each server's revisions are its own.
      for (const [i, s] of servers.entries()) expect(s.store.revision).toBe(servers[0].store.revision + (i % 3));

      await servers[3].reset();
      expect(await configMapNames(servers[3].url)).toEqual([]);
      await watches[3].waitEnded(2000);
      expect(await configMapNames(servers[4].url)).toEqual(['s4-c0', 's4-c1']);
      expect(watches[4].ended).toBe(false);

      await servers[5].close();
      expect((await call(servers[6].url, 'GET', '/readyz')).status).toBe(200);
      expect(await configMapNames(servers[6].url)).toEqual(['s6-c0']);
    } finally {
      for (const w of watches) w.close();
    }
    await Promise.all(servers.map((s) => s.close()));
    for (const s of servers) expect(await portIsFree(s.port)).toBe(true);
  });
});
