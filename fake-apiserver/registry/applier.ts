/**
 * PATCH with `application/apply-patch+yaml`: server-side apply (endpoints/handlers/patch.go
 * applyPatcher). The field manager merges the applied configuration into the live object and
 * computes ownership; the result then goes through the normal write path (defaulting, strategy
 * resets, validation, the no-op check). Apply creates a missing object (201).
 */
import { apply, decodeApplyPatch } from '../apply/index.js';
import { badRequest, StatusError } from '../errors/status.js';
import { resourceKey, type KubeObject } from '../store/types.js';
import { fieldManagerOptions } from './field-manager.js';
import type { Registry, UpdateResult } from './registry.js';
import type { Strategy } from './strategy.js';
import type { WriteOptions } from './write-options.js';

export function applyObject(
  registry: Registry,
  s: Strategy,
  namespace: string,
  name: string,
  body: Buffer,
  opts: WriteOptions,
  force: boolean,
  subresource: '' | 'status',
  now: number,
): UpdateResult {
  const patch = decodeApplyPatch(body);
  const meta = (patch.metadata ?? {}) as Record<string, unknown>;
  if (meta.name !== undefined && meta.name !== name) {
    throw badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
  }
  const current = registry.store.get(resourceKey(s.info.group, s.info.resource), namespace, name);
  if (!current && subresource === 'status')
    throw new StatusError(404, 'NotFound', `${s.info.group ? `${s.info.resource}.${s.info.group}` : s.info.resource} "${name}" not found`, {
      name,
      group: s.info.group,
      kind: s.info.resource,
    });
  if (!current && meta.uid) {
    throw new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${s.info.group ? `${s.info.resource}.${s.info.group}` : s.info.resource} "${name}": uid mismatch: the provided object specified uid ${String(meta.uid)}, and no existing object was found`,
      { name, group: s.info.group, kind: s.info.resource },
    );
  }
  const result = apply(current, patch, opts.fieldManager ?? '', { ...fieldManagerOptions(s, subresource, now), kind: s.info.kind, force });
  const next = structuredClone(result.object) as KubeObject;
  next.metadata.name = name;
  if (s.info.namespaced) next.metadata.namespace = namespace;
  const prepared: WriteOptions = { ...opts, managedFieldsPrepared: true };
  if (!current) return { object: registry.create(s, namespace, next, prepared), created: true };
  return registry.commitUpdate(s, current, next, prepared, subresource);
}
