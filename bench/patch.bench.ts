/**
 * Patch throughput of the fake API server, each as a ratio to JSON merge patch measured in the
 * same run (the cheapest patch the server applies):
 *  1. server-side apply of 1,000 Deployments (create via apply, then a changed apply of each);
 *  2. strategic merge patches of a Deployment's containers (merge by name) per second;
 *  3. JSON merge patches of the same change per second (the floor).
 * Clients (an undici Pool of 8) and the server share this process. BENCH_QUICK=1 shrinks it.
 */
import { Pool } from 'undici';
import { startFakeApiServer } from '../fake-apiserver/index.js';
import { QUICK, round, runBench, type Measurement } from './harness.js';

const N = QUICK ? 100 : 1000;
const CLIENTS = 8;

const deployment = (i: number, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: `web-${i}`, labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: `web-${i}` } },
    template: {
      metadata: { labels: { app: `web-${i}` } },
      spec: {
        containers: [
          { name: 'app', image, ports: [{ containerPort: 8080 }] },
          { name: 'sidecar', image: 'envoy:1.30' },
        ],
      },
    },
  },
});

async function timed(
  pool: Pool,
  count: number,
  request: (i: number) => { method: 'PATCH' | 'POST'; path: string; body: string; contentType: string },
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        const r = request(next++);
        const res = await pool.request({ method: r.method, path: r.path, body: r.body, headers: { 'content-type': r.contentType } });
        const text = await res.body.text();
        if (res.statusCode >= 300) throw new Error(`${r.method} ${r.path}: ${res.statusCode} ${text.slice(0, 200)}`);
      }
    }),
  );
  return count / ((performance.now() - t0) / 1000);
}

await runBench('patch', async (log) => {
  await using server = await startFakeApiServer();
  const pool = new Pool(server.url, { connections: CLIENTS });
  const deps = '/apis/apps/v1/namespaces/default/deployments';
  const applyCreate = await timed(pool, N, (i) => ({
    method: 'PATCH',
    path: `${deps}/web-${i}?fieldManager=bench`,
    body: JSON.stringify(deployment(i, 'app:1')),
    contentType: 'application/apply-patch+yaml',
  }));
  const applyUpdate = await timed(pool, N, (i) => ({
    method: 'PATCH',
    path: `${deps}/web-${i}?fieldManager=bench`,
    body: JSON.stringify(deployment(i, 'app:2')),
    contentType: 'application/apply-patch+yaml',
  }));
  const smp = await timed(pool, N, (i) => ({
    method: 'PATCH',
    path: `${deps}/web-${i}`,
    body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'app', image: `app:3-${i}` }] } } } }),
    contentType: 'application/strategic-merge-patch+json',
  }));
  const merge = await timed(pool, N, (i) => ({
    method: 'PATCH',
    path: `${deps}/web-${i}`,
    body: JSON.stringify({ metadata: { labels: { rev: `m-${i}` } } }),
    contentType: 'application/merge-patch+json',
  }));
  await pool.close();
  log(
    `apply create ${applyCreate.toFixed(0)}/s, apply update ${applyUpdate.toFixed(0)}/s, strategic ${smp.toFixed(0)}/s, merge ${merge.toFixed(0)}/s`,
  );
  const m = (name: string, value: number, detail: string): Measurement => ({
    name,
    unit: '/s',
    value: round(value),
    floor: round(merge),
    better: 'higher',
    detail,
  });
  return [
    m(`server-side apply, create (${N} Deployments)`, applyCreate, 'floor: JSON merge patch of a label on the same objects, same run'),
    m(`server-side apply, changed image (${N} Deployments)`, applyUpdate, 'conflict detection and ownership over the whole object'),
    m(`strategic merge patch of a container (${N})`, smp, 'merge by container name, schema-driven'),
  ];
});
