/** Small shared predicates and helpers for the cases. */
import type { Res } from '../http/client.js';
import type { Obj } from '../harness/fixtures.js';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** RFC 3339, whole seconds, UTC: the form the server writes creationTimestamp in. */
export const RFC3339_SECONDS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const DECIMAL_RE = /^[1-9][0-9]*$/;

/** Names of a list response's items, in order. */
export function itemNames(res: Res | Obj): string[] {
  const body = (res as Res).json !== undefined && (res as Res).status !== undefined ? (res as Res).json : res;
  return ((body?.items ?? []) as Obj[]).map((i) => i.metadata?.name as string);
}

export function rvOf(o: Obj | undefined): string | undefined {
  return o?.metadata?.resourceVersion;
}

export function num(rv: string | undefined): number {
  return rv === undefined ? NaN : Number(rv);
}

/** Compares two resourceVersions numerically (real servers use etcd revisions). */
export function rvGreater(a: string | undefined, b: string | undefined): boolean {
  return num(a) > num(b);
}

export const sorted = (xs: string[]) => [...xs].sort();

/** The media type of a Content-Type header, without parameters (charset). */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0].trim().toLowerCase();
}
