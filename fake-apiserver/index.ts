/**
 * kubeharness/fake-apiserver: an in-memory Kubernetes API server for tests.
 *
 *   await using server = await startFakeApiServer();
 *   // server.url, server.kubeconfig.path, server.reset(), server.compact()
 */
export { startFakeApiServer, DEFAULT_KUBERNETES_VERSION } from './server.js';
export type { FakeApiServer, FakeApiServerOptions } from './server.js';
export type { FaultHook, RequestFault, RequestFaultContext, WatchEventFault } from './faults.js';
export type { ApiTuning } from './http/api-context.js';
export type { CompactionWindow } from './store/revision-store.js';
export type { KubeObject, StoreEvent } from './store/types.js';
export type { Clock } from './clock.js';
export type { KubeconfigObject } from './kubeconfig.js';
export { StatusError } from './errors/status.js';
export type { Status, StatusCause, StatusDetails, StatusReason } from './errors/status.js';
export { ResourceCatalog } from './catalog/catalog.js';
export type { ResourceInfo, SubresourceInfo, GroupInfo } from './catalog/catalog.js';
