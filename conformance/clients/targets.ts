// The targets the real clients run against: the in-process fake, and the reference cluster (started
// in a private state directory, or an already running one given by its kubeconfig).
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiServer } from '../../fake-apiserver/index.js';
import { cacheRoot } from '../reference-cluster/paths.js';

export type TargetName = 'fake' | 'reference';

export interface ClientTarget {
  name: TargetName;
  kubeconfigPath: string;
  url: string;
  stop(): Promise<void>;
}

export interface TargetOptions {
  /** Use this kubeconfig for the reference target instead of starting a cluster. */
  referenceKubeconfig?: string;
  /** State directory of the reference cluster to start (default: a fresh temporary directory). */
  referenceStateDir?: string;
  log?: (line: string) => void;
}

/** Whether reference-cluster binaries were built (~/.cache/kubeharness/reference-cluster/<v>/bin/kube-apiserver). */
export function referenceBinariesPresent(): boolean {
  const root = cacheRoot();
  if (!existsSync(root)) return false;
  return readdirSync(root).some((v) => existsSync(join(root, v, 'bin', 'kube-apiserver')));
}

export async function startTarget(name: TargetName, options: TargetOptions = {}): Promise<ClientTarget> {
  if (name === 'fake') {
    const server = await startFakeApiServer();
    return { name, kubeconfigPath: server.kubeconfig.path, url: server.url, stop: () => server.close() };
  }
  if (options.referenceKubeconfig) {
    return { name, kubeconfigPath: options.referenceKubeconfig, url: '(kubeconfig)', stop: async () => {} };
  }
  // Imported lazily: the fake-only path does not need the reference cluster code.
  const { startReferenceCluster } = await import('../reference-cluster/index.js');
  const ownDir = !options.referenceStateDir;
  const stateDir = options.referenceStateDir ?? (await mkdtemp(join(tmpdir(), 'kh-clients-ref-')));
  const cluster = await startReferenceCluster({ stateDir, reuse: true, log: options.log });
  return {
    name,
    kubeconfigPath: cluster.kubeconfigPath,
    url: cluster.url,
    stop: async () => {
      if (cluster.reused) return; // somebody else's cluster: leave it running
      await cluster.stop();
      if (ownDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}
