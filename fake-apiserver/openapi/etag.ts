/**
 * Document hashes as kube-openapi computes them (pkg/handler3 computeETag): the SHA-512 of the
 * exact bytes served, in upper-case hex. The same value is the `ETag` (quoted) and the `hash`
 * query parameter of the v3 discovery document's serverRelativeURL.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';

export function computeETag(bytes: Buffer | string): string {
  return createHash('sha512').update(bytes).digest('hex').toUpperCase();
}

/** `/openapi/v3/apis/apps/v1?hash=<H>` (handler3 constructServerRelativeURL; path.Join cleans). */
export function serverRelativeURL(key: string, hash: string, base = '/openapi/v3'): string {
  return `${posix.join(base, key)}?hash=${encodeURIComponent(hash)}`;
}
