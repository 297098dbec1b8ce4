/**
 * The four client kinds of the seeds (RESTClient, clientset, dynamic client, discovery with a disk
 * cache), run as written in client/examples/ against a fake API server.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../../fake-apiserver/index.js';
import { buildConfigFromFlags } from '../config/client-config.js';
import { newForConfig } from '../kubernetes/clientset.js';
import { main as clientsetMain } from './clientset-list-pods-deployments.js';
import { main as diskMain } from './discovery-disk-cache.js';
import { main as discoveryMain } from './discovery-print-gvrs.js';
import { main as dynamicMain } from './dynamic-list-pods.js';
import { main as restMain } from './rest-client-list-pods.js';

describe('the seed client examples, against a fake API server', () => {
  let server: FakeApiServer;
  const dir = mkdtempSync(join(tmpdir(), 'kh-examples-'));
  beforeAll(async () => {
    server = await startFakeApiServer();
    const cs = newForConfig({ ...buildConfigFromFlags('', server.kubeconfig.path), qps: -1 });
    for (const name of ['coredns', 'etcd'])
      await cs
        .coreV1()
        .pods('kube-system')
        .create({ metadata: { name }, spec: { containers: [{ name: 'c', image: name }] } });
    await cs
      .appsV1()
      .deployments('default')
      .create({
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
        },
      });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (fn: (out: (l: string) => void) => Promise<void>) => {
    const lines: string[] = [];
    await fn((l) => lines.push(l));
    return lines;
  };

  it('RESTClient lists pods', async () => {
    expect(await run((out) => restMain(server.kubeconfig.path, out))).toEqual([
      'namespace: kube-system, name: coredns, status: Pending',
      'namespace: kube-system, name: etcd, status: Pending',
    ]);
  });

  it('clientset lists pods and deployments', async () => {
    expect(await run((out) => clientsetMain(server.kubeconfig.path, out))).toEqual([
      'pod namespace: kube-system, name: coredns',
      'pod namespace: kube-system, name: etcd',
      'deployment namespace: default, name: web, replicas: 3',
    ]);
  });

  it('dynamic client lists pods and converts them', async () => {
    expect(await run((out) => dynamicMain(server.kubeconfig.path, out))).toEqual([
      'namespace: kube-system, name: coredns',
      'namespace: kube-system, name: etcd',
    ]);
  });

  it('discovery prints every GVR', async () => {
    const lines = await run((out) => discoveryMain(server.kubeconfig.path, out));
    expect(lines).toContain('name:pods, group:, version:v1');
    expect(lines).toContain('name:deployments, group:apps, version:v1');
    expect(lines).toContain('name:deployments/scale, group:apps, version:v1');
  });

  it('discovery is cached on disk', async () => {
    const first = await run((out) => diskMain(server.kubeconfig.path, dir, out));
    expect(readdirSync(join(dir, 'discovery'))).toContain('servergroups.json');
    const second = await run((out) => diskMain(server.kubeconfig.path, dir, out));
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(50);
  });
});
