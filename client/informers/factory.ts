/**
 * SharedInformerFactory (client-go informers/factory.go): shared informers for every built-in
 * resource, with typed accessors generated from the catalog.
 *
 *   const factory = newSharedInformerFactory({ baseUrl, token }, 0);   // or a clientset later
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
import type { GenericInformer, SharedInformerFactoryOptions } from './factory-base.js';
import { GeneratedGroups } from './generated/groups.js';
import { BUILTIN_RESOURCES } from './generated/resources.js';
import type { KubeObject, ResourceSpec } from './host.js';
import type { InformerSource } from './source.js';

const BUILTIN_BY_KEY = new Map<string, ResourceSpec>(BUILTIN_RESOURCES.map((s) => [gvrKey(s), s]));

/** The catalog entry for a built-in resource, if it is one. */
export function builtinResource(gvr: GroupVersionResource): ResourceSpec | undefined {
  return BUILTIN_BY_KEY.get(gvrKey(gvr));
}

export class SharedInformerFactory extends GeneratedGroups {
  forResource<T extends KubeObjectLike = KubeObject>(gvr: GroupVersionResource): GenericInformer<T> {
    const spec = builtinResource(gvr);
    if (!spec) throw new Error(`no informer found for ${gvrKey(gvr)}`);
    return this.genericFor<T>(spec);
  }
}

/** client-go NewSharedInformerFactory: all namespaces, `defaultResyncMs` for every informer (0: none). */
export function newSharedInformerFactory(client: InformerSource, defaultResyncMs = 0): SharedInformerFactory {
  return new SharedInformerFactory(client, defaultResyncMs, {});
}

/** client-go NewSharedInformerFactoryWithOptions (WithNamespace, WithTweakListOptions, WithTransform, WithCustomResyncConfig). */
export function newSharedInformerFactoryWithOptions(
  client: InformerSource,
  defaultResyncMs: number,
  options: SharedInformerFactoryOptions,
): SharedInformerFactory {
  return new SharedInformerFactory(client, defaultResyncMs, options);
}
