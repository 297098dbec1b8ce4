/**
 * Informer benchmarks (a bench/harness.ts script; `npm run bench -- informer-sync`):
 *
 *   npx tsx bench/informer-sync.bench.ts [--sizes 10000,50000] [--events 200000] [--rounds 3]
 *
 * 1. Initial sync: time and peak memory for an informer to sync N pods from the fake API server:
 *    kubeharness's pod informer from a SharedInformerFactory over `newForConfig(config)` (through
 *    the clientset, default 5 qps / burst 10), once with LIST+WATCH and once with the streaming
 *    list (sendInitialEvents, the reflector's default), and @kubernetes/client-node's
 *    `makeInformer(kc, '/api/v1/pods', () => CoreV1Api.listPodForAllNamespaces())`, against the
 *    same server in the same run. "Synced" means every initial object reached an add handler
 *    (ours: the registration's hasSynced; client-node: start() resolved, its add callbacks run
 *    synchronously during the list). The server runs in its own child process (pods are written
 *    straight into its store) and is warmed with two LISTs first; every client runs in a fresh
 *    child process with its library already loaded, so figures are the sync's alone: wall time,
 *    and peak RSS and peak heapUsed above the process's post-GC baseline, sampled every 5 ms.
 *    Each figure is the median of `--rounds` runs, interleaved. Targets (the issue's): sync in at
 *    most half client-node's time, peak RSS at most client-node's.
 * 2. Throughput: events/s through informer → handler → rate-limiting workqueue → worker, over
 *    an in-memory watch (no HTTP), so the figure is the client pipeline's own ceiling.
 *
 * The client side runs the compiled JavaScript users get from the package (tsc with
 * tsconfig.build.json, built once per run into node_modules/.cache/kubeharness/bench-dist), as
 * client-node is measured as published: under tsx, every named closure also pays esbuild's
 * keepNames helper, which is not in the product.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median, QUICK, runBench, type Measurement as BenchMeasurement } from './harness.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = dirname(dirname(SELF));
const BUILT = join(ROOT, 'node_modules/.cache/kubeharness/bench-dist');

/** Compiles the package as `npm run build` does, into BUILT (leaving dist/ alone). */
function buildCompiled(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', BUILT, '--declaration', 'false'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/** A module of the compiled client, typed as its source. */
async function compiled<M>(relativePath: string): Promise<M> {
  return (await import(pathToFileURL(join(BUILT, relativePath)).href)) as M;
}

// ---- server child: a fake API server preloaded with N pods --------------------------------------

async function serve(count: number): Promise<void> {
  const { startFakeApiServer } = await import('../fake-apiserver/index.js');
  const server = await startFakeApiServer({ seed: 1, compaction: { maxEvents: 10_000_000 } });
  for (let i = 0; i < 10; i++) {
    await fetch(`${server.url}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name: `bench-${i}` } }),
    });
  }
  for (let i = 0; i < count; i++) server.store.put('/pods', benchPod(i));
  process.stdout.write(JSON.stringify({ url: server.url, revision: server.store.revision }) + '\n');
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

function benchPod(i: number) {
  const ns = `bench-${i % 10}`;
  const name = `pod-${i.toString().padStart(6, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { app: `app-${i % 50}`, tier: i % 2 ? 'web' : 'db', 'pod-template-hash': '5d8f7c9b4' },
      annotations: { 'kubernetes.io/created-by': 'bench' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `app-${i % 50}-5d8f7c9b4`,
          uid: '11111111-1111-4111-8111-111111111111',
          controller: true,
        },
      ],
    },
    spec: {
      nodeName: `node-${i % 100}`,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/app:1.2.3',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: [
            { name: 'MODE', value: 'production' },
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          ],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: `10.0.${(i >> 8) & 255}.${i & 255}`,
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:10Z' }],
    },
  };
}

// ---- client child: one informer, measured ------------------------------------------------------

interface Measurement {
  client: string;
  count: number;
  syncMs: number;
  items: number;
  peakRssMB: number;
  peakHeapMB: number;
  note?: string;
}

async function measure(client: string, url: string, count: number): Promise<void> {
  // Load the library before the clock and the memory baseline start: the figures are the sync's.
  const kh = await compiled<typeof import('../client/index.js')>('client/index.js');
  await import('./client-node-compat.js');
  const k8s = await import('@kubernetes/client-node');
  (globalThis as { gc?: () => void }).gc?.();
  const base = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss - base.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed - base.heap);
  };
  const sampler = setInterval(sample, 5);
  const t0 = performance.now();
  let items = 0;
  let stopFn: () => Promise<void> | void = () => {};
  let note: string | undefined;
  if (client === 'kubeharness' || client === 'kubeharness-watchlist') {
    const { newForConfig, newSharedInformerFactoryWithOptions, silentLogger } = kh;
    // What buildConfigFromFlags yields for the fake's kubeconfig.
    const clientset = newForConfig({ host: url, bearerToken: 'kubeharness' });
    const factory = newSharedInformerFactoryWithOptions(clientset, 0, {
      informerOptions: { logger: silentLogger, reflector: { useWatchList: client === 'kubeharness-watchlist' } },
    });
    const informer = factory.core().v1().pods().informer();
    let handled = 0;
    const reg = informer.addEventHandler({ onAdd: () => void handled++ });
    factory.start();
    while (!reg.hasSynced()) await new Promise((r) => setTimeout(r, 2));
    items = informer.getStore().listKeys().length;
    if (handled !== items) note = `handler saw ${handled}`;
    stopFn = () => factory.shutdown();
  } else if (client === 'client-node') {
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: url, skipTLSVerify: true }],
      users: [{ name: 'fake', token: 'kubeharness' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
      currentContext: 'fake',
    });
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/pods', () => api.listPodForAllNamespaces());
    let handled = 0;
    informer.on('add', () => void handled++);
    await informer.start();
    items = informer.list().length;
    if (handled !== items) note = `handler saw ${handled}`;
    stopFn = () => informer.stop();
  }
  const syncMs = performance.now() - t0;
  sample(); // the synced cache itself, in case the last tick's sample came before it was complete
  clearInterval(sampler);
  const m: Measurement = { client, count, syncMs: Math.round(syncMs), items, peakRssMB: mb(peakRss), peakHeapMB: mb(peakHeap), note };
  process.stdout.write(JSON.stringify(m) + '\n');
  await stopFn();
  process.exit(0);
}

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

// ---- throughput: informer → handler → workqueue → worker, in memory ------------------------------

async function throughput(events: number): Promise<{ events: number; seconds: number; eventsPerSec: number; keysProcessed: number }> {
  const { ScriptedListerWatcher } = await compiled<typeof import('../client/cache/testing/fake-listwatch.js')>(
    'client/cache/testing/fake-listwatch.js',
  );
  const { newSharedIndexInformer } = await compiled<typeof import('../client/cache/shared-informer.js')>('client/cache/shared-informer.js');
  const { silentLogger } = await compiled<typeof import('../client/cache/log.js')>('client/cache/log.js');
  const { newRateLimitingQueue } = await compiled<typeof import('../client/workqueue/rate-limiting-queue.js')>(
    'client/workqueue/rate-limiting-queue.js',
  );
  type Obj = { metadata: { name: string; namespace: string; resourceVersion: string } };
  const objects = 10_000;
  const lw = new ScriptedListerWatcher<Obj>();
  lw.onList = () => ({ metadata: { resourceVersion: '1' }, items: [] });
  const informer = newSharedIndexInformer<Obj>(lw, { logger: silentLogger, reflector: { useWatchList: false } });
  const queue = newRateLimitingQueue<string>();
  let handled = 0;
  informer.addEventHandler({
    onAdd: (o) => {
      handled++;
      queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
    },
    onUpdate: (_a, o) => {
      handled++;
      queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
    },
  });
  let processed = 0;
  const worker = (async () => {
    for await (const key of queue) {
      processed++;
      queue.forget(key);
      queue.done(key);
    }
  })();
  const ac = new AbortController();
  const running = informer.run(ac.signal);
  while (lw.watches.length === 0) await new Promise((r) => setTimeout(r, 1));
  const w = lw.lastWatch;
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const n = i % objects;
    const obj = { metadata: { name: `o-${n}`, namespace: 'ns', resourceVersion: String(i + 2) } };
    if (i < objects) w.add(obj);
    else w.modify(obj);
    if (i % 5000 === 0) await new Promise((r) => setImmediate(r));
  }
  while (handled < events || queue.len() > 0 || queue.inFlight > 0) await new Promise((r) => setImmediate(r));
  const seconds = (performance.now() - t0) / 1000;
  ac.abort();
  await running;
  queue.shutDown();
  await worker;
  return { events, seconds: Math.round(seconds * 1000) / 1000, eventsPerSec: Math.round(events / seconds), keysProcessed: processed };
}

/** Reads a streaming list (sendInitialEvents) up to its initial-events-end bookmark. */
async function readStreamingList(url: string): Promise<void> {
  const ac = new AbortController();
  const res = await fetch(`${url}/api/v1/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`, {
    signal: ac.signal,
  });
  let tail = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    tail = (tail + Buffer.from(chunk).toString('latin1')).slice(-200);
    if (tail.includes('k8s.io/initial-events-end')) break;
  }
  ac.abort();
}

// ---- orchestration ------------------------------------------------------------------------------

function child(args: string[]): { proc: ChildProcess; lines: AsyncIterator<string> } {
  // --expose-gc: a client child collects garbage before taking its memory baseline.
  const proc = spawn(process.execPath, [...process.execArgv, '--expose-gc', SELF, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  async function* lines() {
    let buf = '';
    for await (const chunk of proc.stdout!) {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        yield buf.slice(0, nl);
        buf = buf.slice(nl + 1);
      }
    }
  }
  return { proc, lines: lines() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      measure: { type: 'string' },
      url: { type: 'string' },
      count: { type: 'string' },
      sizes: { type: 'string', default: '10000,50000' },
      events: { type: 'string', default: '200000' },
      rounds: { type: 'string', default: '3' },
    },
  });
  if (values.serve) return serve(Number(values.serve));
  if (values.measure) return measure(values.measure, values.url!, Number(values.count));

  const sizes = (QUICK && !process.argv.includes('--sizes') ? '2000' : values.sizes!).split(',').map(Number);
  const events = QUICK && !process.argv.includes('--events') ? 20_000 : Number(values.events);
  const rounds = QUICK && !process.argv.includes('--rounds') ? 1 : Number(values.rounds);
  await runBench('informer-sync', async (log) => {
    buildCompiled();
    const out: BenchMeasurement[] = [];
    for (const size of sizes) {
      const server = child(['--serve', String(size)]);
      const { url } = JSON.parse((await server.lines.next()).value as string) as { url: string };
      // Warm the server (JIT, serialisation caches) so the first client measured is not the one
      // that pays for a cold server.
      for (let i = 0; i < 2; i++) {
        await (await fetch(`${url}/api/v1/pods?resourceVersion=0`)).arrayBuffer();
        await readStreamingList(url);
      }
      // Rounds interleave the clients (in a rotating order) so machine noise hits all of them;
      // each figure is the median of its rounds.
      const samples = new Map<string, Measurement[]>();
      const clients = ['client-node', 'kubeharness', 'kubeharness-watchlist'];
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < clients.length; i++) {
          const client = clients[(i + round) % clients.length];
          const c = child(['--measure', client, '--url', url, '--count', String(size)]);
          const line = (await c.lines.next()).value as string | undefined;
          await new Promise((r) => (c.proc.exitCode !== null ? r(null) : c.proc.once('exit', r)));
          if (!line) throw new Error(`${client} produced no measurement (exit code ${c.proc.exitCode})`);
          const r = JSON.parse(line) as Measurement;
          if (r.items !== size) throw new Error(`${client} synced ${r.items} of ${size} pods`);
          samples.set(client, [...(samples.get(client) ?? []), r]);
        }
      }
      const runs = new Map<string, Measurement>();
      for (const [client, ms] of samples) {
        const r: Measurement = {
          ...ms[0],
          syncMs: median(ms.map((m) => m.syncMs)),
          peakRssMB: median(ms.map((m) => m.peakRssMB)),
          peakHeapMB: median(ms.map((m) => m.peakHeapMB)),
        };
        runs.set(client, r);
        log(
          `${size} pods  ${client.padEnd(22)} sync ${String(r.syncMs).padStart(6)} ms   peak RSS +${r.peakRssMB} MB   peak heap +${r.peakHeapMB} MB   (median of ${ms.length}; sync ${ms.map((m) => m.syncMs).join('/')} ms)${r.note ? `  (${r.note})` : ''}`,
        );
      }
      server.proc.kill('SIGTERM');
      await new Promise((r) => server.proc.once('exit', r));
      const peer = runs.get('client-node')!;
      const label = { kubeharness: 'LIST+WATCH', 'kubeharness-watchlist': 'streaming list' } as const;
      out.push({ name: `sync ${size} pods: client-node makeInformer`, unit: 'ms', value: peer.syncMs, better: 'lower' });
      for (const client of ['kubeharness', 'kubeharness-watchlist'] as const) {
        const r = runs.get(client)!;
        out.push({
          name: `sync ${size} pods: kubeharness ${label[client]}`,
          unit: 'ms',
          value: r.syncMs,
          better: 'lower',
          floor: peer.syncMs,
          target: { kind: 'ratio<=', value: 0.5 },
          detail: 'floor = client-node makeInformer in the same run; target: at least 2x faster',
        });
      }
      out.push({ name: `peak RSS ${size} pods: client-node`, unit: 'MB', value: peer.peakRssMB, better: 'lower' });
      for (const client of ['kubeharness', 'kubeharness-watchlist'] as const) {
        const r = runs.get(client)!;
        out.push({
          name: `peak RSS ${size} pods: kubeharness ${label[client]}`,
          unit: 'MB',
          value: r.peakRssMB,
          better: 'lower',
          floor: peer.peakRssMB,
          target: { kind: 'ratio<=', value: 1 },
          detail: `peak heap +${r.peakHeapMB} MB (client-node +${peer.peakHeapMB} MB); floor = client-node; target: no more memory`,
        });
      }
    }
    const tp = await throughput(events);
    log(
      `pipeline informer → handler → workqueue → worker: ${tp.events} events in ${tp.seconds}s = ${tp.eventsPerSec} events/s (${tp.keysProcessed} keys processed after dedupe)`,
    );
    out.push({
      name: 'events/s informer → handler → workqueue',
      unit: 'events/s',
      value: tp.eventsPerSec,
      better: 'higher',
      detail: `${tp.events} watch events over 10,000 objects, in memory (no HTTP); ${tp.keysProcessed} keys processed after dedupe`,
    });
    return out;
  });
}

await main();
