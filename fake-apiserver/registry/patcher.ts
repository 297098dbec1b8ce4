/**
 * PATCH (endpoints/handlers/patch.go): JSON patch, JSON merge patch and strategic merge patch are
 * applied to the stored object, then the result goes through the same update path as a PUT.
 * A patch that sets metadata.resourceVersion (or uid) makes it a precondition.
 */
import { badRequest, conflict, OPTIMISTIC_LOCK_ERROR_MSG } from '../errors/status.js';
import { goJsonSyntaxError, goJsonTypeName } from '../http/go-json-errors.js';
import { mediaTypeOf, unsupportedMediaType } from '../http/negotiation.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/json-merge-patch.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js';
import { builtinSchemas } from '../schema/openapi-source.js';
import type { KubeObject } from '../store/types.js';
import { gr, type Registry, type UpdateResult } from './registry.js';
import type { Strategy } from './strategy.js';
import type { WriteOptions } from './write-options.js';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

export type PatchType = typeof JSON_PATCH | typeof MERGE_PATCH | typeof STRATEGIC_MERGE_PATCH | typeof APPLY_PATCH;

export function patchTypeOf(contentType: string | undefined, custom: boolean): PatchType {
  const mt = mediaTypeOf(contentType);
  const supported: string[] = custom
    ? [JSON_PATCH, MERGE_PATCH, APPLY_PATCH]
    : [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH];
  if (!supported.includes(mt)) throw unsupportedMediaType(supported.join(', '));
  return mt as PatchType;
}

export function parsePatchBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`error decoding patch: ${goJsonSyntaxError(e, text)}`);
  }
}

export function patchObject(
  registry: Registry,
  s: Strategy,
  namespace: string,
  name: string,
  type: Exclude<PatchType, typeof APPLY_PATCH>,
  patch: unknown,
  opts: WriteOptions,
  subresource: '' | 'status',
  inspect?: (patched: KubeObject) => void,
): UpdateResult {
  const current = registry.get(s, namespace, name);
  let result: unknown;
  switch (type) {
    case JSON_PATCH:
      result = applyJsonPatch(current, patch);
      break;
    case MERGE_PATCH:
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
        throw badRequest(
          `error decoding patch: json: cannot unmarshal ${goJsonTypeName(patch)} into Go value of type map[string]interface {}`,
        );
      }
      result = applyMergePatch(current, patch);
      break;
    case STRATEGIC_MERGE_PATCH:
      result = applyStrategicMergePatch(current, patch, builtinSchemas().forKind(s.info.group, s.info.version, s.info.kind));
      break;
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw badRequest('the patched object is not a JSON object');
  }
  const next = structuredClone(result) as KubeObject;
  if (next.metadata === null || typeof next.metadata !== 'object' || Array.isArray(next.metadata)) next.metadata = {};
  if (next.metadata.name !== name) {
    throw badRequest(`the name of the object (${next.metadata.name ?? ''}) does not match the name on the URL (${name})`);
  }
  if ((next.metadata.namespace ?? '') !== (current.metadata.namespace ?? '')) {
    throw badRequest(
      `the namespace of the object (${next.metadata.namespace ?? ''}) does not match the namespace on the request (${namespace})`,
    );
  }
  const rv = next.metadata.resourceVersion ?? '';
  if (rv !== '' && rv !== current.metadata.resourceVersion) throw conflict(gr(s), name, OPTIMISTIC_LOCK_ERROR_MSG);
  if (next.metadata.uid && next.metadata.uid !== current.metadata.uid) {
    throw conflict(
      gr(s),
      name,
      `Precondition failed: UID in precondition: ${next.metadata.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
  if (next.apiVersion !== current.apiVersion || next.kind !== current.kind) {
    throw badRequest(
      `the API version in the data (${String(next.apiVersion)}) does not match the expected API version (${current.apiVersion})`,
    );
  }
  inspect?.(next);
  return registry.commitUpdate(s, current, next, opts, subresource);
}
