/** kubeharness/client informers: shared informer factories (typed over the clientset, dynamic over the dynamic client). */
export { SharedInformerFactory, newSharedInformerFactory, newSharedInformerFactoryWithOptions, builtinResource } from './factory.js';
export { DynamicSharedInformerFactory, newDynamicSharedInformerFactory, newFilteredDynamicSharedInformerFactory } from './dynamic.js';
export type { DynamicInterface } from './dynamic.js';
export { InformerFactoryBase } from './factory-base.js';
export type { GenericInformer, SharedInformerFactoryOptions, NewListerWatcher } from './factory-base.js';
export type { TypedInformer, ResourceSpec, KubeObject, InformerHost, NamespacedClientFor, ClusterClientFor } from './host.js';
export { BUILTIN_RESOURCES } from './generated/resources.js';
export { GENERIC_INFORMERS } from './generated/generic.js';
