/**
 * DynamicSharedInformerFactory (client-go dynamic/dynamicinformer): shared informers for any
 * GroupVersionResource, built-in or custom, over unstructured objects, listing and watching
 * through the dynamic client (`client.resource(gvr).namespace(ns)`). Built-in resources are looked
 * up in the catalog for their scope and kind; for others the factory's namespace is used as given
 * (leave it "" for cluster-scoped custom resources) and events are not kind-checked.
 */
import { listWatchFor, type GroupVersionResource, type ListWatchable, type TweakListOptions } from '../cache/listwatch.js';
import type { KubeObjectLike } from '../cache/store.js';
import type { NamespaceableResourceInterface } from '../dynamic/dynamic-client.js';
import { newLister } from '../listers/lister.js';
import { InformerFactoryBase, type GenericInformer, type SharedInformerFactoryOptions } from './factory-base.js';
import { builtinResource } from './factory.js';
import type { KubeObject, ResourceSpec } from './host.js';

/** dynamic.Interface: what the factory needs from a DynamicClient (or a test double). */
export interface DynamicInterface {
  resource(gvr: GroupVersionResource): NamespaceableResourceInterface;
}

export class DynamicSharedInformerFactory extends InformerFactoryBase<DynamicInterface> {
  /** Creates the informer at once (so start() starts it), as client-go's ForResource. */
  forResource<T extends KubeObjectLike = KubeObject>(
    gvr: GroupVersionResource,
    spec: Partial<Pick<ResourceSpec, 'kind' | 'namespaced'>> = {},
  ): GenericInformer<T> {
    const known = builtinResource(gvr);
    const full: ResourceSpec = {
      group: gvr.group,
      version: gvr.version,
      resource: gvr.resource,
      kind: spec.kind ?? known?.kind ?? '',
      namespaced: spec.namespaced ?? known?.namespaced ?? true,
    };
    const informer = this.informerFor<T>(full, (ns, tweak) =>
      listWatchFor(this.client.resource(gvr).namespace(ns) as unknown as ListWatchable<T>, tweak),
    );
    return { informer: () => informer, lister: () => newLister(informer.getIndexer()) };
  }
}

/** client-go NewDynamicSharedInformerFactory: all namespaces. */
export function newDynamicSharedInformerFactory(client: DynamicInterface, defaultResyncMs = 0): DynamicSharedInformerFactory {
  return new DynamicSharedInformerFactory(client, defaultResyncMs, {});
}

/** client-go NewFilteredDynamicSharedInformerFactory. */
export function newFilteredDynamicSharedInformerFactory(
  client: DynamicInterface,
  defaultResyncMs: number,
  namespace: string,
  tweakListOptions?: TweakListOptions,
  options: Omit<SharedInformerFactoryOptions, 'namespace' | 'tweakListOptions'> = {},
): DynamicSharedInformerFactory {
  return new DynamicSharedInformerFactory(client, defaultResyncMs, { ...options, namespace, tweakListOptions });
}
