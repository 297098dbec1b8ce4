/**
 * DynamicSharedInformerFactory (client-go dynamic/dynamicinformer): shared informers for any
 * GroupVersionResource, built-in or custom, over untyped objects. Built-in resources are looked up
 * in the catalog for their scope and kind; for others the factory's namespace is used as given
 * (leave it "" for cluster-scoped custom resources) and events are not kind-checked.
 */
import type { GroupVersionResource, TweakListOptions } from '../cache/listwatch.js';
import type { KubeObjectLike } from '../cache/store.js';
import { InformerFactoryBase, type GenericInformer, type SharedInformerFactoryOptions } from './factory-base.js';
import { builtinResource } from './factory.js';
import type { KubeObject, ResourceSpec } from './host.js';
import type { InformerSource } from './source.js';

export class DynamicSharedInformerFactory extends InformerFactoryBase {
  forResource<T extends KubeObjectLike = KubeObject>(
    gvr: GroupVersionResource,
    spec: Partial<Pick<ResourceSpec, 'kind' | 'namespaced'>> = {},
  ): GenericInformer<T> {
    const known = builtinResource(gvr);
    return this.genericFor<T>({
      group: gvr.group,
      version: gvr.version,
      resource: gvr.resource,
      kind: spec.kind ?? known?.kind ?? '',
      namespaced: spec.namespaced ?? known?.namespaced ?? true,
    });
  }
}

export function newDynamicSharedInformerFactory(client: InformerSource, defaultResyncMs = 0): DynamicSharedInformerFactory {
  return new DynamicSharedInformerFactory(client, defaultResyncMs, {});
}

/** client-go NewFilteredDynamicSharedInformerFactory. */
export function newFilteredDynamicSharedInformerFactory(
  client: InformerSource,
  defaultResyncMs: number,
  namespace: string,
  tweakListOptions?: TweakListOptions,
  options: Omit<SharedInformerFactoryOptions, 'namespace' | 'tweakListOptions'> = {},
): DynamicSharedInformerFactory {
  return new DynamicSharedInformerFactory(client, defaultResyncMs, { ...options, namespace, tweakListOptions });
}
