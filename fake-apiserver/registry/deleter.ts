/**
 * DELETE semantics (registry/generic/registry/store.go Delete, rest/delete.go BeforeDelete):
 * preconditions, graceful deletion, finalizers, propagation-policy finalizers, and the response
 * body (the object, or a Success Status for stores without ReturnDeletedObject).
 */
import { rfc3339 } from '../clock.js';
import type { Clock } from '../clock.js';
import { conflict, type Status } from '../errors/status.js';
import { resourceKey, type KubeObject } from '../store/types.js';
import type { DeleteOptions } from './delete-options.js';
import { deepClone } from './object-shape.js';
import type { Registry } from './registry.js';
import type { Strategy } from './strategy.js';
import { SYSTEM_WRITE } from './write-options.js';
import { CRD_CLEANUP_FINALIZER } from '../crd/custom-resources.js';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

export interface DeleteResult {
  /** The object when it still exists (terminating) or the store returns deleted objects. */
  object?: KubeObject;
  /** The Success Status for stores that do not return the deleted object. */
  status?: Status;
  /** True when the object is gone from the store. */
  deleted: boolean;
}

export function deleteObject(
  registry: Registry,
  clock: Clock,
  s: Strategy,
  namespace: string,
  name: string,
  opts: DeleteOptions,
): DeleteResult {
  const store = registry.store;
  const rk = resourceKey(s.info.group, s.info.resource);
  const current = registry.get(s, namespace, name);
  checkPreconditions(s, current, opts);

  const finalizers = new Set(current.metadata.finalizers ?? []);
  const isCrd = s.info.group === 'apiextensions.k8s.io' && s.info.resource === 'customresourcedefinitions';
  // Deleting a CRD first removes its custom objects (customresourcecleanup finalizer).
  if (isCrd) finalizers.add(CRD_CLEANUP_FINALIZER);
  const policy = effectivePolicy(opts, finalizers);
  if (policy === 'Orphan') {
    finalizers.delete(FINALIZER_FOREGROUND);
    finalizers.add(FINALIZER_ORPHAN);
  } else if (policy === 'Foreground') {
    finalizers.delete(FINALIZER_ORPHAN);
    finalizers.add(FINALIZER_FOREGROUND);
  } else if (policy === 'Background') {
    finalizers.delete(FINALIZER_ORPHAN);
    finalizers.delete(FINALIZER_FOREGROUND);
  }

  const grace = gracePeriodFor(s, current, opts);
  const pendingFinalizers = finalizers.size > 0 || namespaceSpecFinalizers(s, current).length > 0;
  if (!pendingFinalizers && grace === 0) {
    if (opts.dryRun) return respondDeleted(s, current);
    const tombstone = store.delete(rk, namespace, name)!;
    return respondDeleted(s, { ...current, metadata: { ...current.metadata } }, tombstone);
  }

  // Graceful or finalizer-held deletion: mark the object as deleting and keep it.
  const next = deepClone(current);
  const meta = next.metadata;
  const now = clock.now();
  const isNamespace = s.info.group === '' && s.info.resource === 'namespaces';
  if (!meta.deletionTimestamp) {
    meta.deletionTimestamp = rfc3339(now + grace * 1000);
    // The namespace store's own Delete sets only the timestamp (observed on the real server).
    if (!isNamespace) meta.deletionGracePeriodSeconds = grace;
    if (meta.generation !== undefined && meta.generation > 0) meta.generation += 1;
  } else if (grace < (meta.deletionGracePeriodSeconds ?? 0)) {
    // A later DELETE may only shorten the grace period.
    meta.deletionTimestamp = rfc3339(now + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
  }
  meta.finalizers = [...finalizers];
  if (meta.finalizers.length === 0) delete meta.finalizers;
  if (s.info.group === '' && s.info.resource === 'namespaces') {
    next.status = { ...(next.status as object), phase: 'Terminating' };
  }
  if (isCrd && !current.metadata.deletionTimestamp) {
    const status = (next.status ?? {}) as { conditions?: Array<Record<string, unknown>> };
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'Terminating');
    conditions.push({
      type: 'Terminating',
      status: 'True',
      lastTransitionTime: rfc3339(now),
      reason: 'InstanceDeletionPending',
      message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
    });
    next.status = { ...status, conditions };
  }
  if (opts.dryRun) return { object: next, deleted: false };
  const { object } = registry.commitUpdate(s, current, next, SYSTEM_WRITE, '');
  const stillThere = store.get(rk, namespace, name);
  if (!stillThere) return respondDeleted(s, object);
  return { object: stillThere, deleted: false };
}

function checkPreconditions(s: Strategy, current: KubeObject, opts: DeleteOptions): void {
  const pre = opts.preconditions;
  if (!pre) return;
  const subject = { group: s.info.group, resource: s.info.kind };
  if (pre.uid && pre.uid !== current.metadata.uid) {
    throw conflict(
      subject,
      current.metadata.name!,
      `the UID in the precondition (${pre.uid}) does not match the UID in record (${current.metadata.uid}). The object might have been deleted and then recreated`,
    );
  }
  if (pre.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(
      subject,
      current.metadata.name!,
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${current.metadata.resourceVersion}). The object might have been modified`,
    );
  }
}

function effectivePolicy(opts: DeleteOptions, finalizers: Set<string>): 'Orphan' | 'Foreground' | 'Background' | undefined {
  if (opts.propagationPolicy) return opts.propagationPolicy;
  if (opts.orphanDependents === true) return 'Orphan';
  if (opts.orphanDependents === false) return 'Background';
  // Existing orphan/foregroundDeletion finalizers act as the default.
  return finalizers.has(FINALIZER_ORPHAN) ? 'Orphan' : finalizers.has(FINALIZER_FOREGROUND) ? 'Foreground' : undefined;
}

/**
 * Graceful deletion applies to pods bound to a node and not yet terminal (pod strategy
 * CheckGracefulDelete); with no kubelet in the fake, an unbound pod goes at once. Namespaces are
 * held by their spec.finalizers until the namespace controller finalizes them.
 */
function gracePeriodFor(s: Strategy, current: KubeObject, opts: DeleteOptions): number {
  if (!s.facts.gracefulDelete) return 0;
  const spec = (current.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (current.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  return opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
}

/** A namespace is held by `spec.finalizers` (["kubernetes"]) until the namespace controller finalizes it. */
function namespaceSpecFinalizers(s: Strategy, current: KubeObject): string[] {
  if (s.info.group !== '' || s.info.resource !== 'namespaces') return [];
  return (current.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
}

function respondDeleted(s: Strategy, last: KubeObject, tombstone?: KubeObject): DeleteResult {
  if (s.facts.returnDeletedObject) return { object: tombstone ? { ...last, metadata: { ...last.metadata } } : last, deleted: true };
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: last.metadata.name, kind: s.info.resource, uid: last.metadata.uid },
  };
  if (s.info.group) status.details = { name: last.metadata.name, group: s.info.group, kind: s.info.resource, uid: last.metadata.uid };
  return { status, deleted: true };
}
