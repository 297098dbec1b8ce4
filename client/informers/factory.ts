/**
 * SharedInformerFactory (client-go informers/factory.go): shared informers for every built-in
 * resource, with typed accessors generated from the catalog, listing and watching through the
 * typed clientset (so through its RESTClient: rate limiting, retries, auth, TLS).
 *
 *   const clientset = newForConfig(buildConfigFromFlags('', kubeconfigPath));
 *   const factory = newSharedInformerFactory(clientset, 0);
 *   const pods = factory.core().v1().pods();
 *   const lister = pods.lister();              // creates the informer on first use
 *   factory.start(signal);
 *   await factory.waitForCacheSync(signal);    // { 'v1/pods': true }
 *   lister.list();  lister.pods('default').get('web-0');
 *   await factory.shutdown();
 *
 * `forResource(gvr)` serves only built-in resources (client-go: "no informer found for ...");
 * use the dynamic factory for custom resources.
 */
import { gvrKey, type GroupVersionResource } from '../cache/listwatch.js';
import type { KubeObjectLike } from '../cache/store.js';
import type { KubernetesInterface } from '../kubernetes/clientset.js';
import { newLister } from '../listers/lister.js';
import type { GenericInformer, SharedInformerFactoryOptions } from './factory-base.js';
import { GENERIC_INFORMERS } from './generated/generic.js';
import { GeneratedGroups } from './generated/groups.js';
import { BUILTIN_RESOURCES } from './generated/resources.js';
import type { KubeObject, ResourceSpec } from './host.js';

const BUILTIN_BY_KEY = new Map<string, ResourceSpec>(BUILTIN_RESOURCES.map((s) => [gvrKey(s), s]));

/** The catalog entry for a built-in resource, if it is one. */
export function builtinResource(gvr: GroupVersionResource): ResourceSpec | undefined {
  return BUILTIN_BY_KEY.get(gvrKey(gvr));
}

export class SharedInformerFactory extends GeneratedGroups {
  /** As client-go's ForResource, this creates the informer at once (so start() starts it). */
  forResource<T extends KubeObjectLike = KubeObject>(gvr: GroupVersionResource): GenericInformer<T> {
    const typed = GENERIC_INFORMERS[gvrKey(gvr)];
    if (!typed) throw new Error(`no informer found for ${gvrKey(gvr)}`);
    const informer = typed(this).informer();
    return { informer: () => informer, lister: () => newLister(informer.getIndexer()) };
  }
}

/** client-go NewSharedInformerFactory: all namespaces, `defaultResyncMs` for every informer (0: none). */
export function newSharedInformerFactory(client: KubernetesInterface, defaultResyncMs = 0): SharedInformerFactory {
  return new SharedInformerFactory(client, defaultResyncMs, {});
}

/** client-go NewSharedInformerFactoryWithOptions (WithNamespace, WithTweakListOptions, WithTransform, WithCustomResyncConfig). */
export function newSharedInformerFactoryWithOptions(
  client: KubernetesInterface,
  defaultResyncMs: number,
  options: SharedInformerFactoryOptions,
): SharedInformerFactory {
  return new SharedInformerFactory(client, defaultResyncMs, options);
}
