import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGo, compareVersions, isReferenceClusterBuilt, parseGoVersion, ReferenceClusterError } from './build.js';
import { type ReferenceCluster, referenceClusterStatus, startReferenceCluster } from './cluster.js';
import { httpCall } from './http.js';
import { binDir } from './paths.js';
import { resolvePorts } from './ports.js';
import { isRunning } from './processes.js';
import { KUBERNETES_VERSION, REFERENCE_CLUSTER_VERSION } from './versions.js';

const built = isReferenceClusterBuilt();
if (!built) {
  console.warn(
    `[reference-cluster] SKIPPING the real-control-plane tests: the ${REFERENCE_CLUSTER_VERSION} binaries are not built in ${binDir()}. ` +
      'Build them with `npx tsx conformance/reference-cluster/cli.ts build` (about 10 minutes cold on 2 cores).',
  );
}

describe('reference cluster helpers (no binaries needed)', () => {
  it('parses and compares Go versions', () => {
    expect(parseGoVersion('go version go1.26.8 linux/amd64')).toBe('1.26.8');
    expect(parseGoVersion('go version go1.25 linux/arm64')).toBe('1.25');
    expect(compareVersions('1.25', '1.25.0')).toBe(0);
    expect(compareVersions('1.24.9', '1.25.0')).toBeLessThan(0);
  });

  it('says clearly when Go is missing', async () => {
    const saved = process.env.GO;
    process.env.GO = '/nonexistent/go';
    try {
      await expect(checkGo()).rejects.toThrow(/Go is not installed/);
    } finally {
      if (saved === undefined) delete process.env.GO;
      else process.env.GO = saved;
    }
  });

  it('says clearly when a requested port is taken', async () => {
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const err = await resolvePorts({ apiserver: port }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReferenceClusterError);
      expect((err as Error).message).toMatch(
        new RegExp(`Port ${port} on 127.0.0.1 is already in use; it is needed for the kube-apiserver secure port`),
      );
    } finally {
      server.close();
    }
  });

  it('picks distinct free ports', async () => {
    const p = await resolvePorts();
    expect(new Set(Object.values(p)).size).toBe(4);
  });
});

describe.skipIf(!built)(`reference cluster ${REFERENCE_CLUSTER_VERSION} (real etcd + kube-apiserver + kube-controller-manager)`, () => {
  let stateDir: string;
  let cluster: ReferenceCluster | undefined;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'kubeharness-reference-'));
    cluster = await startReferenceCluster({ stateDir, build: false, log: () => {}, timeoutMs: 150_000 });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  }, 60_000);

  const get = (path: string) => httpCall(`${cluster!.url}${path}`, { tls: cluster!.tls });

  it('is ready', async () => {
    const r = await get('/readyz');
    expect(r.status).toBe(200);
    expect(r.body.trim()).toBe('ok');
    const s = await referenceClusterStatus({ stateDir });
    expect(s.running).toBe(true);
    expect(s.processes.map((p) => p.name)).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager']);
  });

  it(`reports ${KUBERNETES_VERSION} from /version`, async () => {
    const r = await get('/version');
    expect(r.status).toBe(200);
    const v = JSON.parse(r.body);
    expect(v.gitVersion).toBe(KUBERNETES_VERSION);
    expect(`v${v.major}.${v.minor}`).toBe(KUBERNETES_VERSION.split('.').slice(0, 2).join('.'));
  });

  it('creates and reads a ConfigMap over HTTPS with the client certificate', async () => {
    const name = `kh-ref-${Date.now()}`;
    const created = await httpCall(`${cluster!.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      tls: cluster!.tls,
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { hello: 'world' } },
    });
    expect(created.status).toBe(201);
    const read = await get(`/api/v1/namespaces/default/configmaps/${name}`);
    expect(read.status).toBe(200);
    const cm = JSON.parse(read.body);
    expect(cm.data).toEqual({ hello: 'world' });
    expect(cm.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(cm.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  const call = (method: string, path: string, body?: unknown) => httpCall(`${cluster!.url}${path}`, { method, body, tls: cluster!.tls });
  const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`timed out: ${what}`);
  };

  it('garbage-collects a dependent after a Background delete of its owner (kube-controller-manager)', async () => {
    const ns = '/api/v1/namespaces/default/configmaps';
    const owner = JSON.parse((await call('POST', ns, { metadata: { generateName: 'kh-owner-' } })).body);
    const dep = await call('POST', ns, {
      metadata: {
        generateName: 'kh-dependent-',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name, uid: owner.metadata.uid }],
      },
    });
    expect(dep.status).toBe(201);
    const depName = JSON.parse(dep.body).metadata.name;
    const del = await call('DELETE', `${ns}/${owner.metadata.name}`, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Background',
    });
    expect(del.status).toBe(200);
    await eventually('GC deletes the dependent', async () => (await get(`${ns}/${depName}`)).status === 404);
  }, 70_000);

  it('finishes a namespace deletion (namespace controller)', async () => {
    const created = await call('POST', '/api/v1/namespaces', { metadata: { generateName: 'kh-ns-' } });
    expect(created.status).toBe(201);
    const name = JSON.parse(created.body).metadata.name;
    await call('POST', `/api/v1/namespaces/${name}/configmaps`, { metadata: { name: 'inside' } });
    const del = await call('DELETE', `/api/v1/namespaces/${name}`);
    expect(del.status).toBe(200);
    expect(JSON.parse(del.body).status.phase).toBe('Terminating');
    await eventually('namespace is gone', async () => (await get(`/api/v1/namespaces/${name}`)).status === 404);
  }, 70_000);

  it('forbids anonymous requests (RBAC, no client certificate)', async () => {
    const r = await httpCall(`${cluster!.url}/api/v1/namespaces`, { tls: { ca: cluster!.tls.ca } });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).message).toContain('system:anonymous');
  });

  it('stops, and the processes are gone', async () => {
    const processes = cluster!.state.processes;
    expect(processes).toHaveLength(3);
    expect(processes.every(isRunning)).toBe(true);
    await cluster!.stop();
    cluster = undefined;
    for (const p of processes) {
      expect(isRunning(p), `${p.name} pid ${p.pid} still running`).toBe(false);
      // once reaped, signal 0 fails too: the PID no longer exists at all
      let exists = true;
      for (let i = 0; i < 50 && exists; i++) {
        try {
          process.kill(p.pid, 0);
          await new Promise((r) => setTimeout(r, 100));
        } catch {
          exists = false;
        }
      }
      expect(exists, `${p.name} pid ${p.pid} still exists`).toBe(false);
    }
    expect((await referenceClusterStatus({ stateDir })).running).toBe(false);
  }, 60_000);
});
