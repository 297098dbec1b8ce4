/**
 * SMD merge.Updater (merge/update.go): ownership bookkeeping for Update and Apply operations.
 *
 * - update: compares old and new; every other manager that owns a field the write added or
 *   modified is in conflict (an error for Apply without force; otherwise the field moves), and
 *   every removed field leaves every other manager.
 * - Update: the writer then gains Modified ∪ Added and loses Removed.
 * - Apply: merges the configuration into the live object, makes the configuration's field set
 *   the applier's set, prunes what the applier owned before and no longer applies (unless some
 *   manager still owns it), then runs `update` for conflicts.
 *
 * Single-version model: the fake converts between versions of a kind by identity, so managers
 * recorded at another apiVersion are compared on the same object (SMD converts per version).
 * `ignored` is the strategy's reset fields (GetResetFields), the same at every version.
 * Not ported: reconcileManagedFieldsWithSchemaChanges (sets recorded before a list or map
 * changed between atomic and granular are used as they are), and unions.
 */
import type { TypeRef } from './atoms.js';
import { compare, excludeFields, type Comparison } from './compare.js';
import { FieldSet, type Path } from './fieldpath.js';
import { goCompare } from './go-json.js';
import type { VersionedSet } from './managed.js';
import { merge } from './merge.js';
import { removeItems } from './remove.js';
import { ensureNamedFieldsAreMembers, toFieldSet } from './to-field-set.js';
import { valuesEqual } from './value.js';

export type ManagedFields = Map<string, VersionedSet>;

export interface Conflict {
  /** Manager identifier (see managed.ts). */
  readonly manager: string;
  readonly path: Path;
}

/** merge.Conflicts as an exception. Managers are in identifier order, paths in set order. */
export class ConflictsError extends Error {
  constructor(readonly conflicts: readonly Conflict[]) {
    super(`${conflicts.length} apply conflict(s)`);
  }
}

export interface UpdaterOptions {
  readonly type: TypeRef;
  readonly ignored?: FieldSet;
  /** Maps a value to the form comparisons see (the Go zero-value view); identity by default. */
  readonly compareView?: (v: unknown) => unknown;
}

export class Updater {
  constructor(private readonly o: UpdaterOptions) {}

  private compareObjects(oldObj: unknown, newObj: unknown): Comparison {
    const view = this.o.compareView ?? ((v: unknown) => v);
    return excludeFields(compare(view(oldObj), view(newObj), this.o.type), this.o.ignored);
  }

  private update(
    oldObj: unknown,
    newObj: unknown,
    managers: ManagedFields,
    workflow: string,
    force: boolean,
  ): { managers: ManagedFields; cmp: Comparison } {
    const cmp = this.compareObjects(oldObj, newObj);
    const changed = cmp.modified.union(cmp.added);
    const conflicts = new Map<string, FieldSet>();
    const removed = new Set<string>();
    for (const [manager, vs] of managers) {
      if (manager === workflow) continue;
      const c = vs.set.intersection(changed);
      if (!c.empty()) conflicts.set(manager, c);
      if (!cmp.removed.empty()) removed.add(manager);
    }
    if (!force && conflicts.size > 0) {
      const list: Conflict[] = [];
      for (const m of [...conflicts.keys()].sort(goCompare)) for (const path of conflicts.get(m)!.paths()) list.push({ manager: m, path });
      throw new ConflictsError(list);
    }
    for (const [m, c] of conflicts) {
      const vs = managers.get(m)!;
      managers.set(m, { ...vs, set: vs.set.difference(c) });
    }
    for (const m of removed) {
      const vs = managers.get(m)!;
      managers.set(m, { ...vs, set: vs.set.difference(cmp.removed) });
    }
    for (const [m, vs] of managers) if (vs.set.empty()) managers.delete(m);
    return { managers, cmp };
  }

  /** Updater.Update: `newObj` is what will be persisted; `live` the current object. */
  Update(live: unknown, newObj: unknown, version: string, managersIn: ManagedFields, manager: string): ManagedFields {
    const { managers, cmp } = this.update(live, newObj, new Map(managersIn), manager, true);
    const prev = managers.get(manager)?.set ?? new FieldSet();
    let set = prev.union(cmp.modified).union(cmp.added).difference(cmp.removed);
    if (this.o.ignored) set = set.recursiveDifference(this.o.ignored);
    if (set.empty()) managers.delete(manager);
    else managers.set(manager, { set, apiVersion: version, applied: false });
    return managers;
  }

  /**
   * Updater.Apply. Returns the merged object, or `undefined` when it equals `live` (a no-op),
   * and the new managers. Throws ConflictsError without `force`.
   */
  Apply(
    live: unknown,
    config: unknown,
    version: string,
    managersIn: ManagedFields,
    manager: string,
    force: boolean,
  ): { object: unknown; managers: ManagedFields } {
    const t = this.o.type;
    let managers: ManagedFields = new Map(managersIn);
    let newObj = merge(live, config, t);
    const lastSet = managers.get(manager);
    let set = toFieldSet(config, t);
    if (this.o.ignored) set = set.recursiveDifference(this.o.ignored);
    managers.set(manager, { set, apiVersion: version, applied: true });
    newObj = this.prune(newObj, managers, lastSet);
    managers = this.update(live, newObj, managers, manager, force).managers;
    return { object: valuesEqual(live, newObj) ? undefined : newObj, managers };
  }

  /**
   * Removes what the applier owned last time and no longer applies, unless another manager (or
   * the new configuration) owns it; never removes a field the applier did not own before.
   */
  private prune(merged: unknown, managers: ManagedFields, lastSet: VersionedSet | undefined): unknown {
    if (!lastSet || lastSet.set.empty()) return merged;
    const t = this.o.type;
    const named = (s: FieldSet) => ensureNamedFieldsAreMembers(s, t);
    let pruned = removeItems(merged, named(lastSet.set), t);

    // addBackOwnedItems: everything any manager owns stays.
    let owned = new FieldSet();
    for (const vs of managers.values()) owned = owned.union(vs.set);
    const mergedSet = named(toFieldSet(merged, t));
    pruned = removeItems(merged, mergedSet.difference(named(toFieldSet(pruned, t)).union(named(owned))), t);

    // addBackDanglingItems: only fields the applier owned last time may go.
    const prunedSet = named(toFieldSet(pruned, t));
    return removeItems(merged, mergedSet.difference(prunedSet).intersection(named(lastSet.set)), t);
  }
}
