/**
 * Benchmark: requests/s of a ConfigMap GET through kubeharness/client versus raw undici, against a
 * fake API server in the same process, and versus @kubernetes/client-node's
 * CoreV1Api.readNamespacedConfigMap when that package is installed.
 *
 *   npx tsx bench/client-get.bench.ts [--seconds 2] [--concurrency 16] [--rounds 3]
 *
 * Fairness: every contender parses the JSON body; the client runs with client-side throttling off
 * (qps -1), since the default 5 qps would measure the limiter, not the client. Rounds interleave
 * the contenders so that machine noise hits all of them; the best round of each is reported.
 * Target: the client costs < 20% over raw undici (ratio >= 0.83).
 */
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { startFakeApiServer } from '../fake-apiserver/index.js';
import { buildConfigFromFlags, newForConfig } from '../client/index.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);

type Get = () => Promise<unknown>;

/** Requests per second, and CPU microseconds per request (client and in-process server together). */
async function measure(get: Get): Promise<{ rps: number; cpuUs: number }> {
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await get();
      done++;
    }
  };
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpu0);
  return { rps: done / ((performance.now() - start) / 1000), cpuUs: (cpu.user + cpu.system) / done };
}

const server = await startFakeApiServer();
try {
  const config = { ...buildConfigFromFlags('', server.kubeconfig.path), qps: -1 };
  const cs = newForConfig(config);
  const cms = cs.coreV1().configMaps('default');
  await cms.create({ metadata: { name: 'bench' }, data: { key: 'x'.repeat(512) } });

  const agent = new Agent({ connect: { keepAlive: true } });
  const url = `${server.url}/api/v1/namespaces/default/configmaps/bench`;
  const headers = {
    accept: 'application/json',
    authorization: 'Bearer kubeharness',
    'user-agent': 'kubeharness/0.1.0 (linux/amd64) node/v20.20.2',
    'accept-encoding': 'gzip',
  };
  const contenders: Array<[string, Get]> = [
    ['raw undici', async () => (await request(url, { dispatcher: agent, headers })).body.json()],
    ['kubeharness/client', () => cms.get('bench')],
  ];

  try {
    const mod = (await import('@kubernetes/client-node' as string)) as any;
    const kc = new mod.KubeConfig();
    kc.loadFromFile(server.kubeconfig.path);
    const api = kc.makeApiClient(mod.CoreV1Api);
    contenders.push(['@kubernetes/client-node', () => api.readNamespacedConfigMap({ name: 'bench', namespace: 'default' })]);
  } catch {
    console.log('@kubernetes/client-node is not installed: skipping its contender (npm i -D @kubernetes/client-node)');
  }

  for (const [, get] of contenders) for (let i = 0; i < 200; i++) await get(); // warm-up
  const best = new Map<string, { rps: number; cpuUs: number }>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, get] of contenders) {
      const m = await measure(get);
      const prev = best.get(name);
      best.set(name, { rps: Math.max(prev?.rps ?? 0, m.rps), cpuUs: Math.min(prev?.cpuUs ?? Infinity, m.cpuUs) });
    }
  }
  const raw = best.get('raw undici')!;
  console.log(
    `GET configmap, ${CONCURRENCY} in flight, best of ${ROUNDS} x ${SECONDS}s (node ${process.version}, load ${(await import('node:os')).loadavg()[0].toFixed(1)})`,
  );
  for (const [name, m] of best) {
    console.log(
      `${name.padEnd(26)} ${m.rps.toFixed(0).padStart(7)} req/s  ${(m.rps / raw.rps).toFixed(3)} x raw  overhead ${((raw.rps / m.rps - 1) * 100).toFixed(1)}%  |  ${m.cpuUs.toFixed(0)} µs CPU/req (client+server)`,
    );
  }
  const overhead = raw.rps / best.get('kubeharness/client')!.rps - 1;
  console.log(
    overhead < 0.2
      ? `PASS: client overhead ${(overhead * 100).toFixed(1)}% < 20%`
      : `FAIL: client overhead ${(overhead * 100).toFixed(1)}% >= 20%`,
  );
  await agent.close();
} finally {
  await server.close();
}
