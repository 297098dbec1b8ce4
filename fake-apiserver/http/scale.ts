/**
 * The scale subresource of Deployments, ReplicaSets, StatefulSets and ReplicationControllers:
 * an autoscaling/v1 Scale view of spec.replicas / status.replicas / the selector. Writes change
 * only spec.replicas; metadata.resourceVersion in the Scale is a precondition.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, conflict, methodNotAllowedRoute, OPTIMISTIC_LOCK_ERROR_MSG } from '../errors/status.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/json-merge-patch.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js';
import { builtinSchemas } from '../schema/openapi-source.js';
import { JSON_PATCH, MERGE_PATCH, parsePatchBody, patchTypeOf, STRATEGIC_MERGE_PATCH } from '../registry/patcher.js';
import { gr } from '../registry/registry.js';
import type { Strategy } from '../registry/strategy.js';
import { decodeWriteOptions } from '../registry/write-options.js';
import type { KubeObject } from '../store/types.js';
import type { ApiContext } from './api-context.js';
import type { ScalePaths } from '../crd/custom-resources.js';
import { decodeObjectBody } from './body.js';
import type { Query } from './query.js';
import type { ResourceRequestPath } from './request-info.js';
import { sendJson } from './respond.js';

function selectorString(obj: KubeObject): string {
  const sel = ((obj.spec ?? {}) as { selector?: unknown }).selector;
  if (!sel || typeof sel !== 'object') return '';
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  if (!('matchLabels' in s) && !('matchExpressions' in s)) {
    // ReplicationController: a plain map selector.
    return Object.entries(sel as Record<string, string>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  }
  const parts = Object.entries(s.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In') parts.push(`${e.key} in (${[...(e.values ?? [])].sort().join(',')})`);
    else if (op === 'NotIn') parts.push(`${e.key} notin (${[...(e.values ?? [])].sort().join(',')})`);
    else if (op === 'Exists') parts.push(e.key);
    else if (op === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** `.spec.replicas` → the value at that path (the simple JSONPath subset scale paths use). */
function getPath(obj: unknown, path: string): unknown {
  let v: any = obj;
  for (const p of path.replace(/^\./, '').split('.')) v = v?.[p];
  return v;
}

function setPath(obj: Record<string, any>, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let v = obj;
  for (const p of parts.slice(0, -1)) {
    if (v[p] === null || typeof v[p] !== 'object') v[p] = {};
    v = v[p];
  }
  v[parts[parts.length - 1]] = value;
}

/** Built-ins use spec.replicas/status.replicas and their selector; custom resources the CRD's paths. */
export function scaleOf(obj: KubeObject, paths?: ScalePaths): Record<string, unknown> {
  const m = obj.metadata;
  const specReplicas = getPath(obj, paths?.specReplicasPath ?? '.spec.replicas');
  const statusReplicas = getPath(obj, paths?.statusReplicasPath ?? '.status.replicas');
  const selector = paths ? (paths.labelSelectorPath ? getPath(obj, paths.labelSelectorPath) : undefined) : selectorString(obj);
  const status: Record<string, unknown> = { replicas: typeof statusReplicas === 'number' ? statusReplicas : 0 };
  if (typeof selector === 'string' && (selector !== '' || !paths)) status.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: typeof specReplicas === 'number' ? specReplicas : 0 },
    status,
  };
}

export async function serveScale(
  ctx: ApiContext,
  s: Strategy,
  req: FastifyRequest,
  reply: FastifyReply,
  path: ResourceRequestPath,
  verb: string,
): Promise<void> {
  const query = req.query as Query;
  const current = ctx.registry.get(s, path.namespace, path.name);
  const paths = s.customMeta?.scale;
  if (verb === 'get') return sendJson(reply, 200, scaleOf(current, paths));
  let scale: Record<string, any>;
  if (verb === 'update') {
    scale = decodeObjectBody(req.body as Buffer | undefined, req.headers['content-type']);
  } else if (verb === 'patch') {
    const type = patchTypeOf(req.headers['content-type'], false);
    const patch = parsePatchBody((req.body as Buffer | undefined) ?? Buffer.alloc(0));
    const base = scaleOf(current, paths);
    if (type === JSON_PATCH) scale = applyJsonPatch(base, patch) as Record<string, any>;
    else if (type === MERGE_PATCH) scale = applyMergePatch(base, patch) as Record<string, any>;
    else if (type === STRATEGIC_MERGE_PATCH)
      scale = applyStrategicMergePatch(base, patch, builtinSchemas().forKind('autoscaling', 'v1', 'Scale')) as Record<string, any>;
    else throw methodNotAllowedRoute();
  } else {
    throw methodNotAllowedRoute();
  }
  const opts = decodeWriteOptions(query, req.headers['user-agent'], verb === 'patch' ? 'PatchOptions' : 'UpdateOptions');
  const rv = scale?.metadata?.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion) throw conflict(gr(s), path.name, OPTIMISTIC_LOCK_ERROR_MSG);
  const replicas = scale?.spec?.replicas;
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas)))
    throw badRequest('spec.replicas must be an integer');
  if (typeof replicas === 'number' && replicas < 0) {
    const { invalidError, invalid } = await import('../errors/field-errors.js');
    throw invalidError('Scale', 'autoscaling', 'Scale', path.name, [
      invalid('spec.replicas', replicas, 'must be greater than or equal to 0'),
    ]);
  }
  const next = structuredClone(current);
  setPath(next as Record<string, any>, paths?.specReplicasPath ?? '.spec.replicas', replicas ?? 0);
  const result = ctx.registry.commitUpdate(s, current, next, opts, 'scale');
  ctx.afterWrite?.();
  return sendJson(reply, 200, scaleOf(result.object, paths));
}
