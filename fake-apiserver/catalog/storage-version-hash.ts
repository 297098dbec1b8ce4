/**
 * The storageVersionHash legacy discovery reports for a resource, as
 * k8s.io/apiserver/pkg/endpoints/discovery.StorageVersionHash computes it: the first 8 bytes of
 * sha256("<group>/<version>/<kind>") of the version objects are stored in, base64-encoded.
 * CRDs report it for their storage version; built-ins carry the value upstream reports.
 */
import { createHash } from 'node:crypto';

export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}
