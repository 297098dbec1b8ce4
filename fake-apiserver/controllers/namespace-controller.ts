/**
 * The namespace controller (pkg/controller/namespace): for each terminating namespace, deletes
 * every namespaced object in it (objects with finalizers stay until their finalizers go), keeps
 * the deletion conditions up to date, and once the namespace is empty removes the `kubernetes`
 * finalizer through the finalize path, which lets the namespace go.
 *
 * It writes through the registry, so watchers see the same events as with the real controller.
 */
import type { ResourceCatalog } from '../catalog/catalog.js';
import type { Clock } from '../clock.js';
import { rfc3339 } from '../clock.js';
import { deleteObject } from '../registry/deleter.js';
import type { Registry } from '../registry/registry.js';
import { SYSTEM_WRITE } from '../registry/write-options.js';
import { resourceKey, type KubeObject } from '../store/types.js';

interface Condition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export class NamespaceController {
  constructor(
    private readonly registry: Registry,
    private readonly catalog: ResourceCatalog,
    private readonly clock: Clock,
  ) {}

  /** One pass over every terminating namespace. Returns true if it changed anything. */
  reconcile(): boolean {
    let changed = false;
    const nsKey = resourceKey('', 'namespaces');
    for (const ns of this.registry.store.list(nsKey)) {
      if (ns.metadata.deletionTimestamp) changed = this.finalize(ns) || changed;
    }
    return changed;
  }

  private finalize(ns: KubeObject): boolean {
    const name = ns.metadata.name!;
    const remaining = new Map<string, number>();
    const finalizersRemaining = new Map<string, number>();
    let changed = false;
    const seen = new Set<string>();
    for (const g of this.catalog.groups()) {
      for (const v of g.versions) {
        for (const info of this.catalog.resourcesFor(g.name, v)) {
          const rk = resourceKey(info.group, info.resource);
          if (!info.namespaced || seen.has(rk) || !info.verbs.includes('delete')) continue;
          seen.add(rk);
          const s = this.registry.strategy(info);
          for (const obj of this.registry.store.list(rk, name)) {
            if (!obj.metadata.deletionTimestamp) {
              deleteObject(this.registry, this.clock, s, name, obj.metadata.name!, { dryRun: false, propagationPolicy: 'Background' });
              changed = true;
            }
          }
          const left = this.registry.store.list(rk, name);
          if (left.length > 0) {
            remaining.set(info.group ? `${info.resource}.${info.group}` : info.resource, left.length);
            for (const o of left)
              for (const f of o.metadata.finalizers ?? []) finalizersRemaining.set(f, (finalizersRemaining.get(f) ?? 0) + 1);
          }
        }
      }
    }
    const s = this.registry.strategy(this.catalog.lookup('', 'v1', 'namespaces')!);
    const current = this.registry.store.get(resourceKey('', 'namespaces'), '', name)!;
    const next = structuredClone(current);
    next.status = {
      ...(next.status as object),
      phase: 'Terminating',
      conditions: this.conditions(current, remaining, finalizersRemaining),
    };
    if (remaining.size === 0) {
      const spec = (next.spec ?? {}) as { finalizers?: string[] };
      const left = (spec.finalizers ?? []).filter((f) => f !== 'kubernetes');
      next.spec = { ...spec, finalizers: left.length > 0 ? left : undefined };
      if (left.length === 0) delete (next.spec as { finalizers?: string[] }).finalizers;
      if (left.length === 0 && (next.metadata.finalizers ?? []).length === 0) {
        this.registry.store.delete(resourceKey('', 'namespaces'), '', name);
        return true;
      }
    }
    const before = this.registry.store.get(resourceKey('', 'namespaces'), '', name)!.metadata.resourceVersion;
    this.registry.commitUpdate(s, current, next, SYSTEM_WRITE, '');
    return changed || this.registry.store.get(resourceKey('', 'namespaces'), '', name)?.metadata.resourceVersion !== before;
  }

  private conditions(ns: KubeObject, remaining: Map<string, number>, finalizers: Map<string, number>): Condition[] {
    const old = (((ns.status ?? {}) as { conditions?: Condition[] }).conditions ?? []) as Condition[];
    const now = rfc3339(this.clock.now());
    const make = (type: string, status: 'True' | 'False', reason: string, message: string): Condition => {
      const prev = old.find((c) => c.type === type);
      const lastTransitionTime = prev && prev.status === status ? prev.lastTransitionTime : now;
      return { type, status, lastTransitionTime, reason, message };
    };
    const remainingText = [...remaining.entries()]
      .sort()
      .map(([r, n]) => `${r} has ${n} resource instances`)
      .join(', ');
    const finalizerText = [...finalizers.entries()]
      .sort()
      .map(([f, n]) => `${f} in ${n} resource instances`)
      .join(', ');
    return [
      make('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
      make('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
      make(
        'NamespaceDeletionContentFailure',
        'False',
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
      ),
      remaining.size > 0
        ? make('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', `Some resources are remaining: ${remainingText}`)
        : make('NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'),
      finalizers.size > 0
        ? make(
            'NamespaceFinalizersRemaining',
            'True',
            'SomeFinalizersRemain',
            `Some content in the namespace has finalizers remaining: ${finalizerText}`,
          )
        : make('NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
    ];
  }
}
