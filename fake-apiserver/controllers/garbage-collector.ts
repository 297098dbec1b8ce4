/**
 * The garbage collector (pkg/controller/garbagecollector), driven by store events:
 *
 * - A dependent whose owners are all gone is deleted (background propagation).
 * - A dependent with a live owner and dangling ones keeps living; the dangling references are
 *   removed (attemptToDeleteItem's "solid owners" branch).
 * - An owner being deleted with the `orphan` finalizer: its dependents lose their references to
 *   it, then the finalizer is removed (so the owner goes).
 * - An owner being deleted with `foregroundDeletion`: its dependents are deleted (foreground too),
 *   and once no dependent with blockOwnerDeletion=true remains, the finalizer is removed.
 * - Owner references are resolved like the real GC: by kind and name, in the dependent's
 *   namespace for namespaced owners, and the uid must match. A namespaced dependent cannot own
 *   across namespaces and a cluster-scoped dependent cannot have a namespaced owner: such
 *   references resolve to nothing (the real GC also reports an OwnerRefInvalidNamespace event).
 *
 * All writes go through the registry, so watchers see ordinary events.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { ResourceCatalog, ResourceInfo } from '../catalog/catalog.js';
import type { Clock } from '../clock.js';
import { StatusError } from '../errors/status.js';
import { deleteObject, FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from '../registry/deleter.js';
import type { Registry } from '../registry/registry.js';
import { SYSTEM_WRITE } from '../registry/write-options.js';
import type { KubeObject, StoreEvent } from '../store/types.js';
import { OwnerIndex, ownerRefs, parseRefKey, refKey, type ObjectRef } from './owner-index.js';

export class GarbageCollector {
  private readonly index = new OwnerIndex();
  /** Objects to examine on the next pass (dependents that may have lost owners, deleting owners). */
  private readonly pending = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly registry: Registry,
    private readonly catalog: ResourceCatalog,
    private readonly clock: Clock,
  ) {
    this.unsubscribe = registry.store.subscribe((e) => this.observe(e));
  }

  stop(): void {
    this.unsubscribe();
  }

  /** After store.reset(): forget everything. */
  reset(): void {
    this.index.clear();
    this.pending.clear();
  }

  private observe(e: StoreEvent): void {
    this.index.apply(e);
    const self = refKey({ resource: e.resource, namespace: e.namespace, name: e.name });
    if (e.type === 'DELETED') {
      const uid = e.object.metadata.uid;
      if (uid) for (const d of this.index.dependentsOf(uid)) this.pending.add(refKey(d));
      // An owner in foreground deletion waits for this dependent; re-check it.
      for (const ref of ownerRefs(e.object)) this.pendingOwnerByUid(ref, e.namespace);
      return;
    }
    const finalizers = e.object.metadata.finalizers ?? [];
    if (e.object.metadata.deletionTimestamp && (finalizers.includes(FINALIZER_ORPHAN) || finalizers.includes(FINALIZER_FOREGROUND))) {
      this.pending.add(self);
    }
    if (ownerRefs(e.object).length > 0) this.pending.add(self);
  }

  private pendingOwnerByUid(ref: OwnerReference, dependentNamespace: string): void {
    const owner = this.resolve(ref, dependentNamespace, undefined);
    if (owner) this.pending.add(refKey(owner.ref));
  }

  /** One pass over the pending work. Returns true if it wrote anything. */
  reconcile(): boolean {
    let changed = false;
    const work = [...this.pending];
    this.pending.clear();
    for (const key of work) {
      const ref = parseRefKey(key);
      const obj = this.registry.store.get(ref.resource, ref.namespace, ref.name);
      if (!obj) continue;
      try {
        changed = this.processOwnerFinalizers(ref, obj) || changed;
        const still = this.registry.store.get(ref.resource, ref.namespace, ref.name);
        if (still) changed = this.processDependent(ref, still) || changed;
      } catch (e) {
        if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
        this.pending.add(key); // raced with another write: look again next pass
      }
    }
    return changed;
  }

  /** Orphan and foreground handling for an owner that is being deleted. */
  private processOwnerFinalizers(ref: ObjectRef, owner: KubeObject): boolean {
    const finalizers = owner.metadata.finalizers ?? [];
    if (!owner.metadata.deletionTimestamp) return false;
    const uid = owner.metadata.uid!;
    const dependents = this.index.dependentsOf(uid);
    const info = this.infoFor(ref);
    if (!info) return false;
    if (finalizers.includes(FINALIZER_ORPHAN)) {
      for (const d of dependents) this.removeOwnerRefs(d, (r) => r.uid === uid);
      this.removeFinalizer(info, owner, FINALIZER_ORPHAN);
      return true;
    }
    if (finalizers.includes(FINALIZER_FOREGROUND)) {
      let blocking = 0;
      let changed = false;
      for (const d of dependents) {
        const dep = this.registry.store.get(d.resource, d.namespace, d.name);
        if (!dep) continue;
        const toOwner = ownerRefs(dep).find((r) => r.uid === uid);
        if (toOwner?.blockOwnerDeletion) blocking++;
        if (!dep.metadata.deletionTimestamp) {
          const depInfo = this.infoFor(d);
          if (depInfo) {
            deleteObject(this.registry, this.clock, this.registry.strategy(depInfo), d.namespace, d.name, {
              dryRun: false,
              propagationPolicy: 'Foreground',
            });
            changed = true;
          }
        }
      }
      if (blocking === 0) {
        this.removeFinalizer(info, owner, FINALIZER_FOREGROUND);
        return true;
      }
      return changed;
    }
    return false;
  }

  /** Deletes a dependent whose owners are all gone; strips dangling references otherwise. */
  private processDependent(ref: ObjectRef, obj: KubeObject): boolean {
    const refs = ownerRefs(obj);
    if (refs.length === 0) return false;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const r of refs) {
      const owner = this.resolve(r, ref.namespace, ref);
      if (!owner) dangling.push(r);
      else if (owner.obj.metadata.deletionTimestamp && (owner.obj.metadata.finalizers ?? []).includes(FINALIZER_FOREGROUND))
        waiting.push(r);
      else solid.push(r);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return false;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.removeOwnerRefs(ref, (r) => drop.has(r.uid));
      return true;
    }
    if (obj.metadata.deletionTimestamp) return false;
    const info = this.infoFor(ref);
    if (!info) return false;
    // All owners gone: background; owners waiting for dependents: foreground.
    const policy = waiting.length > 0 && dangling.length === 0 ? 'Foreground' : 'Background';
    deleteObject(this.registry, this.clock, this.registry.strategy(info), ref.namespace, ref.name, {
      dryRun: false,
      propagationPolicy: policy,
    });
    return true;
  }

  /** The live owner a reference points at, or undefined (absent, other uid, invalid scope). */
  private resolve(
    r: OwnerReference,
    dependentNamespace: string,
    _dependent: ObjectRef | undefined,
  ): { ref: ObjectRef; obj: KubeObject } | undefined {
    const [group, version] = r.apiVersion.includes('/') ? r.apiVersion.split('/') : ['', r.apiVersion];
    const info = this.catalog.byKind(group, version, r.kind) ?? this.anyVersionByKind(group, r.kind);
    if (!info) return undefined;
    if (info.namespaced && !dependentNamespace) return undefined; // cluster-scoped dependent, namespaced owner
    const ns = info.namespaced ? dependentNamespace : '';
    const resource = `${info.group}/${info.resource}`;
    const obj = this.registry.store.get(resource, ns, r.name);
    if (!obj || obj.metadata.uid !== r.uid) return undefined;
    return { ref: { resource, namespace: ns, name: r.name }, obj };
  }

  private anyVersionByKind(group: string, kind: string): ResourceInfo | undefined {
    const g = this.catalog.groups().find((x) => x.name === group);
    for (const v of g?.versions ?? []) {
      const info = this.catalog.byKind(group, v, kind);
      if (info) return info;
    }
    return undefined;
  }

  private infoFor(ref: ObjectRef): ResourceInfo | undefined {
    const [group, resource] = [ref.resource.slice(0, ref.resource.indexOf('/')), ref.resource.slice(ref.resource.indexOf('/') + 1)];
    const g = this.catalog.groups().find((x) => x.name === group);
    for (const v of g?.versions ?? []) {
      const info = this.catalog.lookup(group, v, resource);
      if (info) return info;
    }
    return undefined;
  }

  private removeOwnerRefs(ref: ObjectRef, drop: (r: OwnerReference) => boolean): void {
    const obj = this.registry.store.get(ref.resource, ref.namespace, ref.name);
    const info = this.infoFor(ref);
    if (!obj || !info) return;
    const next = structuredClone(obj);
    const kept = ownerRefs(obj).filter((r) => !drop(r));
    if (kept.length === ownerRefs(obj).length) return;
    if (kept.length > 0) next.metadata.ownerReferences = kept;
    else delete next.metadata.ownerReferences;
    this.registry.commitUpdate(this.registry.strategy(info), obj, next, SYSTEM_WRITE, '');
  }

  private removeFinalizer(info: ResourceInfo, obj: KubeObject, finalizer: string): void {
    const next = structuredClone(obj);
    const left = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (left.length > 0) next.metadata.finalizers = left;
    else delete next.metadata.finalizers;
    this.registry.commitUpdate(this.registry.strategy(info), obj, next, SYSTEM_WRITE, '');
  }

  /** Keys of objects awaiting a pass (for tests and idleness checks). */
  hasPendingWork(): boolean {
    return this.pending.size > 0;
  }
}

export { refKey };
