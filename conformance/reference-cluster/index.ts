// The reference cluster: a real etcd + kube-apiserver + kube-controller-manager built from the Go
// module proxy, for running the conformance cases against a real control plane. See README.md.
export {
  startReferenceCluster,
  stopReferenceCluster,
  referenceClusterStatus,
  readState,
  DEFAULT_CONTROLLERS,
  SERVICE_CLUSTER_IP_RANGE,
  type ReferenceCluster,
  type ReferenceClusterState,
  type ReferenceClusterStatus,
  type StartOptions,
} from './cluster.js';
export {
  buildReferenceCluster,
  isReferenceClusterBuilt,
  checkGo,
  checkPins,
  ReferenceClusterError,
  type BuildOptions,
  type BuildResult,
  type BinaryManifest,
} from './build.js';
export { httpCall, type HttpResponse, type TlsCredentials } from './http.js';
export { binDir, binaryPath, cacheRoot, defaultStateDir, BINARIES, type BinaryName } from './paths.js';
export type { Ports } from './ports.js';
export * from './versions.js';
