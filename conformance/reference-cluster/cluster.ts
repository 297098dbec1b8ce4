// Starts, stops and reports the reference cluster: etcd + kube-apiserver + kube-controller-manager on
// loopback ports, with certificates, a kubeconfig and a state file recording the PIDs.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReferenceCluster, isReferenceClusterBuilt, ReferenceClusterError } from './build.js';
import { httpCall, type TlsCredentials } from './http.js';
import { writeKubeconfig } from './kubeconfig.js';
import { BINARIES, type BinaryName, binaryPath, defaultStateDir } from './paths.js';
import { generatePki, type Pki, pkiPaths, readClientCredentials } from './pki.js';
import { HOST, type Ports, resolvePorts } from './ports.js';
import { isRunning, logTail, type ProcessRecord, rssBytes, spawnDaemon, stopProcess, terminateSync } from './processes.js';
import { ETCD_VERSION, KUBERNETES_VERSION, REFERENCE_CLUSTER_VERSION } from './versions.js';

/**
 * Controllers the kube-controller-manager runs by default: "*" is every controller that is on by
 * default (as kubeadm runs it), which includes garbage-collector, namespace, serviceaccount and
 * serviceaccount-token, root-ca-certificate-publisher, clusterrole-aggregation, resourcequota, the
 * workload controllers (deployment, replicaset, job, cronjob, …) and endpoint(slice) controllers.
 */
export const DEFAULT_CONTROLLERS = ['*'];

/** The `kubernetes` Service gets 10.0.0.1 from this range (also in the serving certificate). */
export const SERVICE_CLUSTER_IP_RANGE = '10.0.0.0/24';

export interface StartOptions {
  /** State directory (default KUBEHARNESS_REFERENCE_DIR or ~/.cache/kubeharness/reference-cluster/run). */
  stateDir?: string;
  /** Explicit ports (default: free loopback ports; env KUBEHARNESS_REFERENCE_*_PORT also works). */
  ports?: Partial<Ports>;
  /** Build missing binaries first (default true). When false, missing binaries are an error. */
  build?: boolean;
  /** When a cluster from the same state dir is already running, return it instead of failing. */
  reuse?: boolean;
  /** Keep the etcd data of a previous run (default false: every start is a fresh cluster). */
  keepData?: boolean;
  /** kube-controller-manager --controllers (default ["*"]). An empty list skips the controller manager. */
  controllers?: string[];
  /** Extra flags per component, appended last (so they win). */
  extraArgs?: Partial<Record<BinaryName, string[]>>;
  /** Wait until the controller manager created the `default` ServiceAccount in `default` (default true). */
  waitForDefaultServiceAccount?: boolean;
  /** Overall start timeout (default 120 s). */
  timeoutMs?: number;
  /** SIGTERM the processes when this Node process exits (default true; the CLI sets false). */
  stopOnExit?: boolean;
  log?: (line: string) => void;
}

export interface ReferenceClusterState {
  version: string;
  kubernetesVersion: string;
  etcdVersion: string;
  stateDir: string;
  url: string;
  etcdUrl: string;
  kubeconfigPath: string;
  pkiDir: string;
  ports: Ports;
  processes: ProcessRecord[];
  startedAt: string;
  /** Milliseconds from the start call to each milestone. */
  timings: Record<string, number>;
}

export interface ReferenceCluster {
  url: string;
  kubeconfigPath: string;
  state: ReferenceClusterState;
  /** CA + admin client cert/key, for HTTPS clients. */
  tls: Required<Pick<TlsCredentials, 'ca' | 'cert' | 'key'>>;
  /** True when this handle attached to a cluster that was already running. */
  reused: boolean;
  stop(): Promise<void>;
}

export interface ReferenceClusterStatus {
  running: boolean;
  /** Some but not all recorded processes are alive. */
  degraded: boolean;
  stateDir: string;
  stateFile: string;
  url?: string;
  kubeconfigPath?: string;
  processes: (ProcessRecord & { running: boolean; rssBytes?: number })[];
  state?: ReferenceClusterState;
  binariesBuilt: boolean;
}

const STATE_FILE = 'state.json';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function readState(stateDir = defaultStateDir()): Promise<ReferenceClusterState | undefined> {
  try {
    return JSON.parse(await readFile(join(stateDir, STATE_FILE), 'utf8')) as ReferenceClusterState;
  } catch {
    return undefined;
  }
}

export async function referenceClusterStatus(options: { stateDir?: string } = {}): Promise<ReferenceClusterStatus> {
  const stateDir = options.stateDir ?? defaultStateDir();
  const state = await readState(stateDir);
  const processes = (state?.processes ?? []).map((p) => {
    const running = isRunning(p);
    return { ...p, running, rssBytes: running ? rssBytes(p.pid) : undefined };
  });
  const alive = processes.filter((p) => p.running).length;
  return {
    running: processes.length > 0 && alive === processes.length,
    degraded: alive > 0 && alive < processes.length,
    stateDir,
    stateFile: join(stateDir, STATE_FILE),
    url: state?.url,
    kubeconfigPath: state?.kubeconfigPath,
    processes,
    state,
    binariesBuilt: isReferenceClusterBuilt(),
  };
}

/** Stops every process recorded in the state file (controller-manager, apiserver, then etcd). */
export async function stopReferenceCluster(options: { stateDir?: string; log?: (l: string) => void } = {}): Promise<ProcessRecord[]> {
  const stateDir = options.stateDir ?? defaultStateDir();
  const state = await readState(stateDir);
  if (!state) return [];
  const stopped: ProcessRecord[] = [];
  for (const p of [...state.processes].reverse()) {
    const how = await stopProcess(p);
    options.log?.(`[reference-cluster] ${p.name} (pid ${p.pid}): ${how}`);
    if (how !== 'not-running') stopped.push(p);
  }
  await rm(join(stateDir, STATE_FILE), { force: true });
  return stopped;
}

async function waitUntil(what: string, deadline: number, check: () => Promise<boolean>, watched: ProcessRecord[]): Promise<void> {
  let lastError = '';
  while (Date.now() < deadline) {
    for (const p of watched) {
      if (!isRunning(p)) {
        throw new ReferenceClusterError(
          `${p.name} exited while waiting for ${what}. Last lines of ${p.logFile}:\n${await logTail(p.logFile)}`,
        );
      }
    }
    try {
      if (await check()) return;
    } catch (err: any) {
      lastError = err?.message ?? String(err);
    }
    await sleep(250);
  }
  const logs = await Promise.all(watched.map(async (p) => `--- ${p.name} (${p.logFile}):\n${await logTail(p.logFile, 15)}`));
  throw new ReferenceClusterError(`Timed out waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}\n${logs.join('\n')}`);
}

function etcdArgs(dataDir: string, ports: Ports): string[] {
  const client = `http://${HOST}:${ports.etcdClient}`;
  const peer = `http://${HOST}:${ports.etcdPeer}`;
  return [
    '--name=kubeharness',
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=kubeharness=${peer}`,
    '--initial-cluster-state=new',
    // A throwaway test cluster: skip fsync (as envtest does) and keep logs short.
    '--unsafe-no-fsync',
    '--log-level=warn',
  ];
}

function apiserverArgs(pki: Pki, ports: Ports, stateDir: string): string[] {
  return [
    `--etcd-servers=http://${HOST}:${ports.etcdClient}`,
    `--bind-address=${HOST}`,
    `--advertise-address=${HOST}`,
    `--secure-port=${ports.apiserver}`,
    `--cert-dir=${join(stateDir, 'apiserver-certs')}`,
    `--tls-cert-file=${pki.apiserverCert}`,
    `--tls-private-key-file=${pki.apiserverKey}`,
    `--client-ca-file=${pki.caCert}`,
    '--authorization-mode=Node,RBAC',
    '--allow-privileged=true',
    `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    // Request-header (front proxy) authentication, as kubeadm sets it up: the aggregator proxies with
    // front-proxy-client, and the controller manager reads this CA from extension-apiserver-authentication.
    `--requestheader-client-ca-file=${pki.frontProxyCaCert}`,
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${pki.frontProxyClientCert}`,
    `--proxy-client-key-file=${pki.frontProxyClientKey}`,
    // The lease reconciler would publish 127.0.0.1 as the `kubernetes` Endpoints address, which
    // Endpoints validation rejects as loopback; "none" leaves the Service without endpoints.
    '--endpoint-reconciler-type=none',
  ];
}

function controllerManagerArgs(pki: Pki, ports: Ports, kubeconfig: string, stateDir: string, controllers: string[]): string[] {
  return [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    `--bind-address=${HOST}`,
    `--secure-port=${ports.controllerManager}`,
    `--cert-dir=${join(stateDir, 'controller-manager-certs')}`,
    '--leader-elect=false',
    `--controllers=${controllers.join(',')}`,
    // As kubeadm: every controller acts as its own service account (system:serviceaccount:kube-system:<controller>).
    '--use-service-account-credentials=true',
    `--service-account-private-key-file=${pki.serviceAccountKey}`,
    `--root-ca-file=${pki.caCert}`,
    `--cluster-signing-cert-file=${pki.caCert}`,
    `--cluster-signing-key-file=${pki.caKey}`,
    '--cluster-name=kubeharness',
  ];
}

/**
 * Starts the reference cluster (building the binaries first when they are missing) and waits until
 * kube-apiserver's /readyz is ok and the controller manager is healthy.
 */
export async function startReferenceCluster(options: StartOptions = {}): Promise<ReferenceCluster> {
  const t0 = Date.now();
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const stateDir = options.stateDir ?? defaultStateDir();
  const timeoutMs = options.timeoutMs ?? 120_000;

  const status = await referenceClusterStatus({ stateDir });
  if (status.running && status.state) {
    if (options.reuse) return handle(status.state, true, options.stopOnExit ?? false);
    throw new ReferenceClusterError(
      `A reference cluster is already running from ${stateDir} at ${status.url} (pids ${status.processes.map((p) => p.pid).join(', ')}). ` +
        'Stop it first (`npm run reference-cluster -- stop`) or use another KUBEHARNESS_REFERENCE_DIR.',
    );
  }
  if (status.state) await stopReferenceCluster({ stateDir, log }); // a stale or half-dead previous run

  if (options.build === false) {
    if (!isReferenceClusterBuilt()) {
      throw new ReferenceClusterError('The reference cluster binaries are not built; run `npm run reference-cluster -- build` first.');
    }
  } else {
    await buildReferenceCluster({ log }); // a no-op (fingerprint check) when the cache is current
  }
  const timings: Record<string, number> = { built: Date.now() - t0 };
  const deadline = Date.now() + timeoutMs;

  const ports = await resolvePorts(options.ports);
  const controllers = options.controllers ?? DEFAULT_CONTROLLERS;
  const dataDir = join(stateDir, 'etcd-data');
  const logDir = join(stateDir, 'logs');
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  if (!options.keepData) await rm(dataDir, { recursive: true, force: true });
  await mkdir(logDir, { recursive: true });
  const pki = await generatePki(join(stateDir, 'pki'));
  const tlsFiles = await readClientCredentials(pki);
  const url = `https://${HOST}:${ports.apiserver}`;
  const kubeconfigPath = await writeKubeconfig(join(stateDir, 'kubeconfig'), {
    server: url,
    caCertFile: pki.caCert,
    clientCertFile: pki.adminCert,
    clientKeyFile: pki.adminKey,
    user: 'kubeharness-admin',
  });
  const kcmKubeconfig = await writeKubeconfig(join(stateDir, 'controller-manager.kubeconfig'), {
    server: url,
    caCertFile: pki.caCert,
    clientCertFile: pki.controllerManagerCert,
    clientKeyFile: pki.controllerManagerKey,
    user: 'system:kube-controller-manager',
  });
  timings.pki = Date.now() - t0;

  const state: ReferenceClusterState = {
    version: REFERENCE_CLUSTER_VERSION,
    kubernetesVersion: KUBERNETES_VERSION,
    etcdVersion: ETCD_VERSION,
    stateDir,
    url,
    etcdUrl: `http://${HOST}:${ports.etcdClient}`,
    kubeconfigPath,
    pkiDir: pki.dir,
    ports,
    processes: [],
    startedAt: new Date().toISOString(),
    timings,
  };
  const saveState = () => writeFile(join(stateDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
  const launch = async (name: BinaryName, args: string[]) => {
    const logFile = join(logDir, `${name}.log`);
    await writeFile(logFile, `# ${new Date().toISOString()} ${binaryPath(name)} ${args.join(' ')}\n`);
    const rec = spawnDaemon(name, binaryPath(name), [...args, ...(options.extraArgs?.[name] ?? [])], logFile);
    state.processes.push(rec);
    await saveState(); // record the PID at once, so `stop` finds it even if we fail below
    log(`[reference-cluster] started ${name} (pid ${rec.pid}), log ${logFile}`);
    return rec;
  };

  try {
    const etcd = await launch('etcd', etcdArgs(dataDir, ports));
    await waitUntil(
      'etcd /health',
      deadline,
      async () => {
        const r = await httpCall(`${state.etcdUrl}/health`, { timeoutMs: 2000 });
        return r.status === 200 && JSON.parse(r.body).health === 'true';
      },
      [etcd],
    );
    timings.etcdHealthy = Date.now() - t0;

    const apiserver = await launch('kube-apiserver', apiserverArgs(pki, ports, stateDir));
    await waitUntil(
      'kube-apiserver /readyz',
      deadline,
      async () => {
        const r = await httpCall(`${url}/readyz`, { tls: tlsFiles, timeoutMs: 5000 });
        return r.status === 200 && r.body.trim() === 'ok';
      },
      [etcd, apiserver],
    );
    timings.apiserverReady = Date.now() - t0;

    if (controllers.length > 0) {
      const kcm = await launch('kube-controller-manager', controllerManagerArgs(pki, ports, kcmKubeconfig, stateDir, controllers));
      await waitUntil(
        'kube-controller-manager /healthz',
        deadline,
        async () => {
          const r = await httpCall(`https://${HOST}:${ports.controllerManager}/healthz`, { tls: { insecure: true }, timeoutMs: 5000 });
          return r.status === 200;
        },
        [etcd, apiserver, kcm],
      );
      timings.controllerManagerHealthy = Date.now() - t0;
      const wantsSa = controllers.some((c) => c === '*' || c === 'serviceaccount-controller' || c === 'serviceaccount');
      if ((options.waitForDefaultServiceAccount ?? true) && wantsSa) {
        await waitUntil(
          'the default ServiceAccount (created by the controller manager)',
          deadline,
          async () => {
            const r = await httpCall(`${url}/api/v1/namespaces/default/serviceaccounts/default`, { tls: tlsFiles, timeoutMs: 5000 });
            return r.status === 200;
          },
          [etcd, apiserver, kcm],
        );
        timings.defaultServiceAccount = Date.now() - t0;
      }
    }
    await saveState();
  } catch (err) {
    log(`[reference-cluster] start failed; stopping what was started`);
    await stopReferenceCluster({ stateDir });
    throw err;
  }
  log(`[reference-cluster] ready at ${url} in ${((Date.now() - t0) / 1000).toFixed(1)}s; kubeconfig ${kubeconfigPath}`);
  return handle(state, false, options.stopOnExit ?? true);
}

async function handle(state: ReferenceClusterState, reused: boolean, stopOnExit: boolean): Promise<ReferenceCluster> {
  const tls = await readClientCredentials(pkiPaths(state.pkiDir));
  const onExit = () => state.processes.forEach(terminateSync);
  if (stopOnExit) process.once('exit', onExit);
  return {
    url: state.url,
    kubeconfigPath: state.kubeconfigPath,
    state,
    tls,
    reused,
    async stop() {
      process.removeListener('exit', onExit);
      await stopReferenceCluster({ stateDir: state.stateDir });
    },
  };
}

export function binariesPresent(): Record<BinaryName, boolean> {
  return Object.fromEntries(BINARIES.map((b) => [b, existsSync(binaryPath(b))])) as Record<BinaryName, boolean>;
}
