// npx tsx conformance/reference-cluster/cli.ts start|stop|status|build  (npm run reference-cluster -- …)
import { parseArgs } from 'node:util';
import { buildReferenceCluster, ReferenceClusterError } from './build.js';
import { referenceClusterStatus, startReferenceCluster, stopReferenceCluster } from './cluster.js';
import { binDir, defaultStateDir } from './paths.js';
import type { Ports } from './ports.js';
import { ETCD_VERSION, KUBERNETES_VERSION, REFERENCE_CLUSTER_VERSION } from './versions.js';

const USAGE = `Usage: reference-cluster <command> [options]

Commands:
  build    build etcd ${ETCD_VERSION}, kube-apiserver and kube-controller-manager ${KUBERNETES_VERSION}
           into ${binDir()} (cached; --force rebuilds)
  start    build if needed, start the cluster in the background, wait for /readyz, write a kubeconfig
  stop     stop the processes recorded in the state file
  status   print whether it runs, its URL, kubeconfig and PIDs (exit code 0 running, 3 not running)

Options:
  --state-dir DIR              state directory (default $KUBEHARNESS_REFERENCE_DIR or ${defaultStateDir()})
  --apiserver-port N           kube-apiserver secure port (default: a free port)
  --etcd-client-port N         etcd client port (default: a free port)
  --etcd-peer-port N           etcd peer port (default: a free port)
  --controller-manager-port N  kube-controller-manager health port (default: a free port)
  --controllers LIST           kube-controller-manager --controllers (default "*")
  --keep-data                  keep etcd data from the previous run
  --force                      (build) rebuild even if cached
  --json                       (status, start) print JSON
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'state-dir': { type: 'string' },
      'apiserver-port': { type: 'string' },
      'etcd-client-port': { type: 'string' },
      'etcd-peer-port': { type: 'string' },
      'controller-manager-port': { type: 'string' },
      controllers: { type: 'string' },
      'keep-data': { type: 'boolean' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const stateDir = values['state-dir'];
  const log = (l: string) => process.stderr.write(`${l}\n`);

  switch (command) {
    case 'build': {
      const r = await buildReferenceCluster({ force: values.force, log });
      for (const [name, m] of Object.entries(r.binaries)) {
        console.log(
          `${name.padEnd(24)} ${m.version.padEnd(8)} ${(m.sizeBytes / 1048576).toFixed(1).padStart(6)} MiB  ${m.cached ? 'cached' : `built in ${m.buildSeconds}s`}`,
        );
      }
      console.log(`binaries: ${r.binDir}`);
      return 0;
    }
    case 'start': {
      const ports: Partial<Ports> = {};
      const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      if (values['apiserver-port']) ports.apiserver = num(values['apiserver-port']);
      if (values['etcd-client-port']) ports.etcdClient = num(values['etcd-client-port']);
      if (values['etcd-peer-port']) ports.etcdPeer = num(values['etcd-peer-port']);
      if (values['controller-manager-port']) ports.controllerManager = num(values['controller-manager-port']);
      const cluster = await startReferenceCluster({
        stateDir,
        ports,
        reuse: true,
        keepData: values['keep-data'],
        controllers: values.controllers
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        stopOnExit: false,
        log,
      });
      if (values.json) console.log(JSON.stringify(cluster.state, null, 2));
      else {
        if (cluster.reused) console.log('already running');
        printState(cluster.state.url, cluster.kubeconfigPath, cluster.state.processes);
      }
      return 0;
    }
    case 'stop': {
      const stopped = await stopReferenceCluster({ stateDir, log });
      console.log(stopped.length ? `stopped ${stopped.map((p) => `${p.name} (pid ${p.pid})`).join(', ')}` : 'not running');
      return 0;
    }
    case 'status': {
      const s = await referenceClusterStatus({ stateDir });
      if (values.json) {
        console.log(JSON.stringify({ ...s, state: undefined }, null, 2));
      } else {
        console.log(`version:    ${REFERENCE_CLUSTER_VERSION} (binaries ${s.binariesBuilt ? 'built' : 'not built'} in ${binDir()})`);
        console.log(`state dir:  ${s.stateDir}`);
        console.log(
          `status:     ${s.running ? 'running' : s.degraded ? 'DEGRADED (some processes died; run stop, then start)' : 'not running'}`,
        );
        if (s.url) printState(s.url, s.kubeconfigPath, s.processes);
      }
      return s.running ? 0 : 3;
    }
    default:
      process.stderr.write(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}

function printState(
  url: string,
  kubeconfig: string | undefined,
  processes: { name: string; pid: number; running?: boolean; rssBytes?: number; logFile: string }[],
) {
  console.log(`url:        ${url}`);
  console.log(`kubeconfig: ${kubeconfig}`);
  for (const p of processes) {
    const extra = p.running === undefined ? '' : p.running ? `running, RSS ${((p.rssBytes ?? 0) / 1048576).toFixed(0)} MiB` : 'NOT running';
    console.log(`  ${p.name.padEnd(24)} pid ${String(p.pid).padEnd(8)} ${extra.padEnd(22)} log ${p.logFile}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ReferenceClusterError) process.stderr.write(`reference-cluster: ${err.message}\n`);
    else process.stderr.write(`reference-cluster: ${err?.stack ?? err}\n`);
    process.exit(1);
  },
);
