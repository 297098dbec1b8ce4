/**
 * RFC 6902 JSON Patch through fast-json-patch, with the real server's limits and error mapping
 * (endpoints/handlers/patch.go): a malformed document is 400, more than 10,000 operations is 413,
 * and an operation that fails (test mismatch, missing path) is 422 with a generic message.
 */
import fastJsonPatch from 'fast-json-patch';
import { badRequest, StatusError } from '../errors/status.js';

const { applyPatch, validate } = fastJsonPatch;
export const MAX_JSON_PATCH_OPERATIONS = 10_000;

export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) {
    throw badRequest(`json: cannot unmarshal ${patch === null ? 'null' : typeof patch} into Go value of type jsonpatch.Patch`);
  }
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new StatusError(
      413,
      'RequestEntityTooLarge',
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`,
    );
  }
  for (const op of patch) {
    if (op === null || typeof op !== 'object' || typeof (op as { op?: unknown }).op !== 'string') {
      throw badRequest('the server rejected our request due to an error in our request');
    }
    const kind = (op as { op: string }).op;
    if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(kind)) throw badRequest(`Unexpected kind: ${kind}`);
    if (typeof (op as { path?: unknown }).path !== 'string') throw badRequest(`Unable to decode path for op ${kind}`);
  }
  const doc = structuredClone(target);
  // evanphx/json-patch (the real server's library) lets `replace` add a missing key of an
  // existing object; fast-json-patch would reject it.
  const ops = (patch as fastJsonPatch.Operation[]).map((op) =>
    op.op === 'replace' && missingKeyOfObject(doc, op.path) ? { ...op, op: 'add' as const } : op,
  );
  try {
    const err = validate(ops, doc);
    if (err) throw err;
    return applyPatch(doc, ops, false, true).newDocument;
  } catch {
    // NewGenericServerResponse(422, ...) replaces the message with this generic one.
    const e = new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request');
    e.status.details = {};
    throw e;
  }
}

/** Is `path` a missing key directly under an existing object of `doc`? */
function missingKeyOfObject(doc: unknown, path: string): boolean {
  if (typeof path !== 'string' || !path.startsWith('/')) return false;
  const parts = path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let v: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (v === null || typeof v !== 'object') return false;
    v = (v as Record<string, unknown>)[p];
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(parts[parts.length - 1] in (v as object));
}
