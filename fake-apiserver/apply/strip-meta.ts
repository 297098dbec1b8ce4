/**
 * Fields no manager ever owns (managedfields/internal/stripmeta.go): type meta and the
 * server-owned metadata. Removed from the writing manager's set after every operation, with
 * Set.Difference (so `metadata` stops being a member but its labels, annotations, finalizers and
 * ownerReferences stay).
 */
import { fieldPE, FieldSet } from './fieldpath.js';
import type { Managed } from './managed.js';

const m = (name: string) => [fieldPE('metadata'), fieldPE(name)];

export const STRIP_SET = FieldSet.of(
  [fieldPE('apiVersion')],
  [fieldPE('kind')],
  [fieldPE('metadata')],
  m('name'),
  m('namespace'),
  m('creationTimestamp'),
  m('selfLink'),
  m('uid'),
  m('clusterName'),
  m('generation'),
  m('managedFields'),
  m('resourceVersion'),
);

/** stripFields: drops the strip set from `manager`'s entry, and the entry if nothing is left. */
export function stripMeta(managed: Managed, manager: string): void {
  const vs = managed.fields.get(manager);
  if (!vs) return;
  const set = vs.set.difference(STRIP_SET);
  if (set.empty()) managed.fields.delete(manager);
  else managed.fields.set(manager, { ...vs, set });
}
