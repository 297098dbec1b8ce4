/**
 * The 409 an apply answers on conflicts (managedfields/internal/conflict.go NewConflictError,
 * errors.NewApplyConflict):
 *
 *   Apply failed with 1 conflict: conflict with "mgr" using apps/v1: .spec.replicas
 *   Apply failed with 2 conflicts: conflicts with "a":\n- .x\nconflicts with "b" using v1:\n- .y
 *
 * One cause per conflict: `{reason: FieldManagerConflict, message: 'conflict with "mgr" ...',
 * field: '.spec.replicas'}`; `details` carries no name, group or kind.
 *
 * A manager prints as `"name"`, plus ` with subresource "status"` for a subresource entry, plus
 * ` using <apiVersion>` for an Update entry (Apply entries have no version in their identifier).
 */
import { StatusError, type StatusCause } from '../errors/status.js';
import { goQuote } from '../validation/go-text.js';
import { pathToString } from './fieldpath.js';
import { goCompare } from './go-json.js';
import { parseIdentifier } from './managed.js';
import type { Conflict } from './updater.js';

/** printManager. */
export function printManager(identifier: string): string {
  const info = parseIdentifier(identifier);
  if (!info.ok) return goQuote(identifier);
  let s = goQuote(info.manager ?? '');
  if (info.subresource) s += ` with subresource ${goQuote(info.subresource)}`;
  if (info.operation === 'Update') s += ` using ${info.apiVersion ?? ''}`;
  return s;
}

export function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) {
    return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathToString(conflicts[0].path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const list = byManager.get(c.manager) ?? [];
    list.push(pathToString(c.path));
    byManager.set(c.manager, list);
  }
  const lines: string[] = [];
  for (const m of [...byManager.keys()].sort(goCompare)) {
    lines.push(`conflicts with ${printManager(m)}:`);
    for (const p of byManager.get(m)!) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

export function conflictError(conflicts: readonly Conflict[]): StatusError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathToString(c.path),
  }));
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), { causes });
}
