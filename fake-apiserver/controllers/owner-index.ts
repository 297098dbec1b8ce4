/**
 * The garbage collector's view of ownership, kept up to date from store events: which objects
 * name a given owner uid in their ownerReferences. Incremental, so a write costs O(refs), not a
 * scan of the cluster.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject, ResourceKey, StoreEvent } from '../store/types.js';

export interface ObjectRef {
  resource: ResourceKey;
  namespace: string;
  name: string;
}

export function refKey(r: ObjectRef): string {
  return `${r.resource}\u0001${r.namespace}\u0001${r.name}`;
}

export function parseRefKey(key: string): ObjectRef {
  const [resource, namespace, name] = key.split('\u0001');
  return { resource, namespace, name };
}

export class OwnerIndex {
  private readonly dependents = new Map<string, Set<string>>();

  /** Applies one committed change; returns the owner uids whose dependents changed. */
  apply(e: StoreEvent): void {
    const key = refKey({ resource: e.resource, namespace: e.namespace, name: e.name });
    for (const ref of ownerRefs(e.previous)) this.unlink(ref.uid, key);
    if (e.type !== 'DELETED') for (const ref of ownerRefs(e.object)) this.link(ref.uid, key);
  }

  dependentsOf(ownerUid: string): ObjectRef[] {
    return [...(this.dependents.get(ownerUid) ?? [])].map(parseRefKey);
  }

  clear(): void {
    this.dependents.clear();
  }

  private link(uid: string, key: string): void {
    let set = this.dependents.get(uid);
    if (!set) this.dependents.set(uid, (set = new Set()));
    set.add(key);
  }

  private unlink(uid: string, key: string): void {
    const set = this.dependents.get(uid);
    if (!set) return;
    set.delete(key);
    if (set.size === 0) this.dependents.delete(uid);
  }
}

export function ownerRefs(obj: KubeObject | undefined): OwnerReference[] {
  const refs = obj?.metadata.ownerReferences;
  return Array.isArray(refs) ? refs.filter((r) => r && typeof r.uid === 'string') : [];
}
