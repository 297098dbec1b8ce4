// Where the reference cluster keeps its binaries (per version) and its running state.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_CLUSTER_VERSION } from './versions.js';

/** This directory (conformance/reference-cluster) in the source tree. */
export const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * The Go wrapper modules. When running from dist/ (tsc output) the go/ directory is not copied, so
 * fall back to the source tree next to dist/.
 */
export function goSourceDir(): string {
  const here = join(SOURCE_DIR, 'go');
  if (SOURCE_DIR.includes(`${join('dist', 'conformance')}`)) {
    return join(SOURCE_DIR, '..', '..', '..', 'conformance', 'reference-cluster', 'go');
  }
  return here;
}

/** ~/.cache/kubeharness/reference-cluster (honours XDG_CACHE_HOME). */
export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'kubeharness', 'reference-cluster');
}

/** Binaries of one pinned version: <cacheRoot>/<version>/bin. KUBEHARNESS_REFERENCE_BIN_DIR overrides. */
export function binDir(version: string = REFERENCE_CLUSTER_VERSION): string {
  return process.env.KUBEHARNESS_REFERENCE_BIN_DIR || join(cacheRoot(), version, 'bin');
}

/** Running state (etcd data, pki, logs, pids, kubeconfig): KUBEHARNESS_REFERENCE_DIR or <cacheRoot>/run. */
export function defaultStateDir(): string {
  return process.env.KUBEHARNESS_REFERENCE_DIR || join(cacheRoot(), 'run');
}

export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager'] as const;
export type BinaryName = (typeof BINARIES)[number];

export function binaryPath(name: BinaryName, version?: string): string {
  return join(binDir(version), name);
}
