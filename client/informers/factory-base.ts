/**
 * The shared core of SharedInformerFactory and DynamicSharedInformerFactory (client-go
 * informers/factory.go, dynamic/dynamicinformer/informer.go).
 *
 * Invariants:
 * - Every informer lists and watches through the factory's client (the clientset, or the dynamic
 *   client): the typed accessors name the resource client (`(c, ns) => c.coreV1().pods(ns)`) and
 *   listWatchFor wraps it, so all requests share the client's RESTClient (throttle, retries, auth).
 * - One informer per resource (group/version/resource) for the factory's lifetime: every caller
 *   asking for the same type gets the same informer, hence one list+watch per type.
 * - `start()` starts every informer created so far that is not running yet; call it again after
 *   asking for more informers. After `shutdown()` nothing starts again.
 * - `shutdown()` stops every informer and resolves once all of them released their watches and
 *   handler loops.
 * - Options apply to every informer of the factory: namespace ("" = all), tweakListOptions,
 *   transform, per-type resync overrides, and informer tuning (FIFO kind, clock, logger,
 *   reflector options).
 */
import { setMaxListeners } from 'node:events';
import { gvrKey, listWatchFor, type GroupVersionResource, type ListerWatcher, type TweakListOptions } from '../cache/listwatch.js';
import { DefaultSharedIndexInformer, type SharedIndexInformer, type SharedIndexInformerOptions } from '../cache/shared-informer.js';
import { metaNamespaceIndexFunc, NAMESPACE_INDEX } from '../cache/indexer.js';
import type { TransformFunc } from '../cache/deltas.js';
import type { KubeObjectLike } from '../cache/store.js';
import { waitForCacheSync } from '../cache/wait-for-cache-sync.js';
import { newLister, newNamespacedLister, type Lister, type NamespacedLister } from '../listers/lister.js';
import type { ClusterClientFor, InformerHost, KubeObject, NamespacedClientFor, ResourceSpec, TypedInformer } from './host.js';

export interface SharedInformerFactoryOptions {
  /** Only objects in this namespace ("" or unset: all namespaces). Ignored for cluster-scoped types. */
  namespace?: string;
  tweakListOptions?: TweakListOptions;
  /** Applied to every object before it is stored (e.g. drop managedFields). */
  transform?: TransformFunc<any>;
  /** Resync overrides by resource key ("v1/pods", "apps/v1/deployments"), in ms. */
  customResync?: Record<string, number>;
  /** Informer tuning for every informer: FIFO kind, clock, random, logger, reflector options. */
  informerOptions?: Omit<SharedIndexInformerOptions<any>, 'resyncPeriodMs' | 'indexers' | 'expectedKind'>;
}

/** client-go GenericInformer: the informer and a generic lister of one resource. */
export interface GenericInformer<T = KubeObject> {
  informer(): SharedIndexInformer<T>;
  lister(): Lister<T>;
}

/** Builds the ListerWatcher of a new informer: the namespace it watches and the factory's tweak. */
export type NewListerWatcher<T> = (namespace: string, tweak: TweakListOptions | undefined) => ListerWatcher<T>;

export abstract class InformerFactoryBase<C> implements InformerHost<C>, AsyncDisposable {
  private readonly informers = new Map<string, DefaultSharedIndexInformer<any>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly stop = new AbortController();
  private shuttingDown = false;

  constructor(
    /** The client every informer lists and watches through (the clientset, or the dynamic client). */
    readonly client: C,
    readonly defaultResyncMs: number,
    protected readonly options: SharedInformerFactoryOptions = {},
  ) {}

  /**
   * The shared informer for `spec`, created on first use with the ListerWatcher `newLW` builds
   * (client-go InformerFor); later callers get the same informer whatever they pass.
   */
  informerFor<T extends KubeObjectLike>(spec: ResourceSpec, newLW: NewListerWatcher<T>): DefaultSharedIndexInformer<T> {
    const key = gvrKey(spec);
    let informer = this.informers.get(key) as DefaultSharedIndexInformer<T> | undefined;
    if (informer) return informer;
    const namespace = spec.namespaced ? (this.options.namespace ?? '') : '';
    const lw = newLW(namespace, this.options.tweakListOptions);
    informer = new DefaultSharedIndexInformer<T>(lw, {
      ...this.options.informerOptions,
      name: this.options.informerOptions?.name ?? key,
      resyncPeriodMs: this.options.customResync?.[key] ?? this.defaultResyncMs,
      indexers: { [NAMESPACE_INDEX]: metaNamespaceIndexFunc },
      expectedKind: spec.kind ? { apiVersion: spec.group ? `${spec.group}/${spec.version}` : spec.version, kind: spec.kind } : undefined,
    });
    if (this.options.transform) informer.setTransform(this.options.transform);
    this.informers.set(key, informer);
    return informer;
  }

  namespaced<T extends KubeObjectLike, A extends string>(
    spec: ResourceSpec,
    accessor: A,
    clientFor: NamespacedClientFor<C, T>,
  ): TypedInformer<T, NamespacedLister<T, A>> {
    const informer = () => this.informerFor<T>(spec, (ns, tweak) => listWatchFor(clientFor(this.client, ns), tweak));
    return { informer, lister: () => newNamespacedLister(informer().getIndexer(), accessor) };
  }

  cluster<T extends KubeObjectLike>(spec: ResourceSpec, clientFor: ClusterClientFor<C, T>): TypedInformer<T, Lister<T>> {
    const informer = () => this.informerFor<T>(spec, (_ns, tweak) => listWatchFor(clientFor(this.client), tweak));
    return { informer, lister: () => newLister(informer().getIndexer()) };
  }

  /** A generic informer for `gvr`; see the subclasses for which resources they accept. */
  abstract forResource<T extends KubeObjectLike = KubeObject>(gvr: GroupVersionResource): GenericInformer<T>;

  /**
   * Starts every informer not running yet; they stop when `signal` aborts or at shutdown().
   * Returns at once (client-go: goroutines).
   */
  start(signal?: AbortSignal): void {
    if (this.shuttingDown) return;
    const stopSignal = signal ? AbortSignal.any([signal, this.stop.signal]) : this.stop.signal;
    // Every informer (and its reflector's open watch) listens on this one signal: a few listeners
    // per informer, bounded by the number of informers, so Node's leak warning does not apply.
    setMaxListeners(0, stopSignal);
    for (const [key, informer] of this.informers) {
      if (this.running.has(key)) continue;
      this.running.set(
        key,
        informer.run(stopSignal).catch((err) => {
          (this.options.informerOptions?.logger ?? console).error(`informer ${key} failed: ${String(err)}`);
        }),
      );
    }
  }

  /** Waits until every started informer synced (true) or `signal` aborted (false), per resource. */
  async waitForCacheSync(signal?: AbortSignal): Promise<Record<string, boolean>> {
    const started = [...this.informers].filter(([key]) => this.running.has(key));
    const results = await Promise.all(started.map(([, informer]) => waitForCacheSync(signal, () => informer.hasSynced())));
    return Object.fromEntries(started.map(([key], i) => [key, results[i]]));
  }

  /** Stops every informer and waits for them to finish. Idempotent. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    this.stop.abort();
    await Promise.all(this.running.values());
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  /** Resource keys of the informers created so far. */
  get informerKeys(): string[] {
    return [...this.informers.keys()];
  }
}
