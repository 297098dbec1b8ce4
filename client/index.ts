/**
 * kubeharness/client: client-go in TypeScript, one library.
 *
 *   config:         buildConfigFromFlags, inClusterConfig, kubeconfig loading rules (clientcmd)
 *   rest:           restClientFor → get()/post()/put()/patch(type)/delete() request builder
 *   kubernetes:     newForConfig → typed clientset (coreV1().pods(ns).list(), ...)
 *   dynamic:        newDynamicClient → resource(gvr).namespace(ns).list()
 *   discovery:      newDiscoveryClientForConfig, memory and disk caches, RESTMapper
 *   pager:          listPager
 *   cache:          Reflector, RealFIFO/DeltaFIFO, Indexer, SharedIndexInformer, listWatchFor
 *   informers:      newSharedInformerFactory(clientset, resync), newDynamicSharedInformerFactory(dynamicClient, resync)
 *   listers:        listers over informer indexers, label selectors
 *   workqueue:      queues, delaying and rate-limiting queues, rate limiters
 *   tools:          clock, wait/backoff; leaderelection (LeaseLock over the clientset); record (events)
 *   util/retry:     retryOnConflict, onError
 *
 * Everything is exported flat, and each package also as a namespace (`cache.Queue`,
 * `workqueue.RateLimiter`, ...). Where two packages use the same name the flat name goes to the
 * one a program meets first, and the other is exported with its package as a prefix:
 *   Queue        = workqueue.Queue (the work queue);  CacheQueue = cache.Queue (the FIFO interface)
 *   RateLimiter  = the client's request throttle (flowcontrol);  WorkqueueRateLimiter = workqueue.RateLimiter
 *   MetricsProvider = workqueue.MetricsProvider;  LeaderElectionMetricsProvider = leaderelection.MetricsProvider
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
export type { KubernetesInterface } from './kubernetes/clientset.js';
export { TypedClient } from './kubernetes/gentype.js';
export type { ApplyConfiguration, DeepPartial, KubeList, PodLogOptions } from './kubernetes/gentype.js';

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

// ---- informers, listers, cache, workqueue, tools, leader election, events, retry ----
export * from './cache/index.js';
export * from './informers/index.js';
export * from './listers/index.js';
export * from './workqueue/index.js';
export * from './tools/index.js';
export * from './tools/leaderelection/index.js';
export * from './tools/record/index.js';
export * from './util/retry/index.js';

// Names two packages share (an explicit export wins over the star exports above).
export { Queue } from './workqueue/index.js';
export type { Queue as CacheQueue } from './cache/index.js';
export type { RateLimiter } from './config/index.js';
export type { RateLimiter as WorkqueueRateLimiter } from './workqueue/index.js';
export type { MetricsProvider } from './workqueue/index.js';
export type { MetricsProvider as LeaderElectionMetricsProvider } from './tools/leaderelection/index.js';
export type { KubeObject } from './kubernetes/gentype.js';

// Each package as a namespace, as client-go's import paths read.
export * as cache from './cache/index.js';
export * as informers from './informers/index.js';
export * as listers from './listers/index.js';
export * as workqueue from './workqueue/index.js';
export * as tools from './tools/index.js';
export * as leaderelection from './tools/leaderelection/index.js';
export * as record from './tools/record/index.js';
export * as retry from './util/retry/index.js';
