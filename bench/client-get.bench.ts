/**
 * Benchmark: a ConfigMap GET through kubeharness/client (`clientset.coreV1().configMaps(ns).get`)
 * versus raw undici (the floor) and @kubernetes/client-node's
 * `CoreV1Api.readNamespacedConfigMap`, all against one fake API server in this process, in the
 * same run (a bench/harness.ts script; `npm run bench -- client-get`).
 *
 *   npx tsx bench/client-get.bench.ts [--seconds 2] [--rounds 3]
 *
 * Two shapes: throughput with 16 requests in flight, and sequential latency (1 in flight).
 * Fairness: every contender parses the JSON body and keeps connections alive; our client runs
 * with client-side throttling off (qps -1), since the default 5 qps would measure the limiter.
 * Rounds interleave the contenders so machine noise hits all of them; the best round of each is
 * kept. CPU per request counts the client and the in-process server together.
 * Target (the issue's): the client costs < 20% over raw undici (ratio <= 1.2 against the floor).
 */
import { parseArgs } from 'node:util';
import './client-node-compat.js';
import * as k8s from '@kubernetes/client-node';
import { Agent, request } from 'undici';
import { startFakeApiServer } from '../fake-apiserver/index.js';
import { buildConfigFromFlags, newForConfig } from '../client/index.js';
import { QUICK, round, runBench, type Measurement } from './harness.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: QUICK ? '0.5' : '2' },
    rounds: { type: 'string', default: QUICK ? '1' : '3' },
  },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);

type Get = () => Promise<unknown>;

/**
 * The floor: one undici request with the client's headers, the body read by async iteration and
 * JSON.parse'd (the cheapest way to read a body in undici 7; body.json() costs more CPU).
 */
async function rawGet(url: string, dispatcher: Agent, headers: Record<string, string>): Promise<unknown> {
  const res = await request(url, { dispatcher, headers });
  const chunks: Buffer[] = [];
  for await (const c of res.body) chunks.push(c as Buffer);
  return JSON.parse((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8'));
}

/** Requests per second, and CPU microseconds per request (client and in-process server together). */
async function measure(get: Get, concurrency: number): Promise<{ rps: number; cpuUs: number }> {
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
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpu0);
  return { rps: done / ((performance.now() - start) / 1000), cpuUs: (cpu.user + cpu.system) / done };
}

await runBench('client-get', async (log) => {
  const server = await startFakeApiServer();
  const agent = new Agent({ connect: { keepAlive: true } });
  try {
    const config = { ...buildConfigFromFlags('', server.kubeconfig.path), qps: -1 };
    const cms = newForConfig(config).coreV1().configMaps('default');
    await cms.create({ metadata: { name: 'bench' }, data: { key: 'x'.repeat(512) } });

    const url = `${server.url}/api/v1/namespaces/default/configmaps/bench`;
    const headers = {
      accept: 'application/json',
      authorization: 'Bearer kubeharness',
      'accept-encoding': 'gzip',
      'user-agent': 'kubeharness/0.1.0 (linux/amd64) node/v20',
    };
    // client-node refuses plain http unless skipTLSVerify is set, so the fake's kubeconfig is given inline.
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: server.url, skipTLSVerify: true }],
      users: [{ name: 'fake', token: 'kubeharness' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
      currentContext: 'fake',
    });
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const contenders: Array<[string, Get]> = [
      ['raw undici', () => rawGet(url, agent, headers)],
      ['kubeharness/client', () => cms.get('bench')],
      ['@kubernetes/client-node', () => api.readNamespacedConfigMap({ name: 'bench', namespace: 'default' })],
    ];
    for (const [, get] of contenders) for (let i = 0; i < 300; i++) await get(); // warm-up (JIT, connections)

    const out: Measurement[] = [];
    for (const concurrency of [16, 1]) {
      const best = new Map<string, { rps: number; cpuUs: number }>();
      for (let r = 0; r < ROUNDS; r++) {
        for (const [name, get] of contenders) {
          const m = await measure(get, concurrency);
          const prev = best.get(name);
          best.set(name, { rps: Math.max(prev?.rps ?? 0, m.rps), cpuUs: Math.min(prev?.cpuUs ?? Infinity, m.cpuUs) });
        }
      }
      const raw = best.get('raw undici')!;
      for (const [name, m] of best) {
        log(
          `${concurrency} in flight  ${name.padEnd(24)} ${m.rps.toFixed(0).padStart(7)} req/s  ${(raw.rps / m.rps).toFixed(3)}x raw cost  ${m.cpuUs.toFixed(0)} µs CPU/req (client+server)`,
        );
        const shape = concurrency === 1 ? 'sequential' : `${concurrency} in flight`;
        out.push({
          name: `GET configmap, ${shape}: ${name}`,
          unit: 'req/s',
          value: round(m.rps),
          better: 'higher',
          ...(name === 'raw undici' ? {} : { floor: round(raw.rps) }),
          ...(name === 'kubeharness/client' ? { target: { kind: 'ratio<=' as const, value: 1.2 } } : {}),
          detail: `${m.cpuUs.toFixed(0)} µs CPU per request (client + in-process server); best of ${ROUNDS} x ${SECONDS}s`,
        });
      }
    }
    return out;
  } finally {
    await agent.close();
    await server.close();
  }
});
