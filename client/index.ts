/**
 * kubeharness/client: client-go's client layer in TypeScript.
 *
 *   config:     buildConfigFromFlags, inClusterConfig, kubeconfig loading rules (clientcmd)
 *   rest:       restClientFor → get()/post()/put()/patch(type)/delete() request builder
 *   kubernetes: newForConfig → typed clientset (coreV1().pods(ns).list(), ...)
 *   dynamic:    newDynamicClient → resource(gvr).namespace(ns).list()
 *   discovery:  newDiscoveryClientForConfig, memory and disk caches, RESTMapper
 *   pager:      listPager
 * Informers, listers, workqueue and tools are exported by their own modules.
 */
export * from './errors.js';
export type { WatchEvent, WatchEventType } from './watch-event.js';

export * from './config/index.js';

export {
  RESTClient,
  restClientFor,
  unversionedRESTClientFor,
  jsonPatchType,
  mergePatchType,
  strategicMergePatchType,
  applyPatchType,
} from './rest/client.js';
export type { PatchType } from './rest/client.js';
export { Request } from './rest/request.js';
export type { DoOptions, WatchOptions, Verb } from './rest/request.js';
export { Result, PendingResult } from './rest/result.js';
export { PendingWatch } from './rest/watch.js';
export type { WatchStream } from './rest/watch.js';
export { WatchIdleTimeoutError } from './rest/watch-stream.js';
export { PreviousAttemptError, DEFAULT_MAX_RETRIES } from './rest/with-retry.js';
export { TokenBucketRateLimiter, alwaysAllow } from './rest/rate-limiter.js';
export { ExecPluginError } from './rest/auth/exec.js';
export type {
  ListOptions,
  GetOptions,
  CreateOptions,
  UpdateOptions,
  PatchOptions,
  DeleteOptions,
  ApplyOptions,
  Preconditions,
} from './rest/options.js';

export { ListPager, listPager, DEFAULT_PAGE_SIZE } from './pager/pager.js';
export type { ListLike, PageFn, ListPagerOptions } from './pager/pager.js';

export { Clientset, newForConfig } from './kubernetes/clientset.js';
export { TypedClient } from './kubernetes/gentype.js';
export type { ApplyConfiguration, DeepPartial, KubeList, KubeObject, PodLogOptions } from './kubernetes/gentype.js';

export * as dynamic from './dynamic/index.js';
export { DynamicClient, newDynamicClient, fromUnstructured, toUnstructured } from './dynamic/index.js';
export type { Unstructured, UnstructuredList, NamespaceableResourceInterface, ResourceInterface } from './dynamic/index.js';

export {
  DiscoveryClient,
  newDiscoveryClientForConfig,
  ErrGroupDiscoveryFailed,
  isGroupDiscoveryFailedError,
  serverGroupsAndResources,
  serverPreferredResources,
  serverPreferredNamespacedResources,
} from './discovery/discovery-client.js';
export type { DiscoveryInterface, AggregatedDiscoveryInterface, CachedDiscoveryInterface } from './discovery/discovery-client.js';
export { MemCacheClient, newMemCacheClient, ErrCacheNotFound } from './discovery/cached/memcache.js';
export { CachedDiscoveryClient, newCachedDiscoveryClientForConfig } from './discovery/cached/disk.js';
export { StaleGroupVersionError } from './discovery/aggregated.js';
export type * from './discovery/types.js';
export { parseGroupVersion } from './discovery/types.js';

export {
  DeferredDiscoveryRESTMapper,
  DiscoveryRESTMapper,
  newDeferredDiscoveryRESTMapper,
  newDiscoveryRESTMapper,
  getAPIGroupResources,
  NoKindMatchError,
  NoResourceMatchError,
  isNoMatchError,
} from './restmapper/discovery-mapper.js';
export type { RESTMapper, RESTMapping, PartialResource, GroupKind } from './restmapper/discovery-mapper.js';
