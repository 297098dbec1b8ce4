/** kubeharness/client informers: shared informer factories (typed and dynamic). */
export { SharedInformerFactory, newSharedInformerFactory, newSharedInformerFactoryWithOptions, builtinResource } from './factory.js';
export { DynamicSharedInformerFactory, newDynamicSharedInformerFactory, newFilteredDynamicSharedInformerFactory } from './dynamic.js';
export { InformerFactoryBase } from './factory-base.js';
export type { GenericInformer, SharedInformerFactoryOptions } from './factory-base.js';
export type { TypedInformer, ResourceSpec, KubeObject, InformerHost } from './host.js';
export { httpListerWatcherFactory, listerWatcherFactoryFromClient, toListerWatcherFactory } from './source.js';
export type { ListerWatcherFactory, RestClientForGroupVersion, InformerSource } from './source.js';
export { BUILTIN_RESOURCES } from './generated/resources.js';
