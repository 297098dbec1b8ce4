/**
 * IgnoreManagedFieldsTimestampsTransformer (apiserver/pkg/endpoints/handlers/fieldmanager/
 * equality.go): when a write changes nothing but managedFields timestamps, the old timestamps are
 * restored, so the write is a no-op (same resourceVersion, no watch event).
 *
 * Applies only when both objects have the same number of entries, the entries are pairwise equal
 * apart from `time`, at least one time differs, and the rest of the objects are equal.
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../store/types.js';
import { isMap, valuesEqual } from './value.js';

function withoutTime(e: ManagedFieldsEntry): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...e };
  delete copy.time;
  return copy;
}

/** Returns `next`, or a copy of it carrying `old`'s managedFields timestamps. */
export function ignoreManagedFieldsTimestamps(next: KubeObject, old: KubeObject | undefined): KubeObject {
  if (!old) return next;
  const nf = (next.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
  const of = (old.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
  if (nf.length === 0 || nf.length !== of.length) return next;
  if (nf.every((e, i) => e.time === of[i].time)) return next;
  if (!nf.every((e, i) => valuesEqual(withoutTime(e), withoutTime(of[i])))) return next;
  const strip = (o: KubeObject) => ({ ...o, metadata: isMap(o.metadata) ? { ...o.metadata, managedFields: undefined } : o.metadata });
  if (!valuesEqual(strip(next), strip(old))) return next;
  return { ...next, metadata: { ...next.metadata, managedFields: nf.map((e, i) => ({ ...e, time: of[i].time })) } };
}
