/**
 * Query parameter decoding with apimachinery's rules (runtime/conversion.go):
 * - booleans: absent, `false` (any case) or `0` mean false; any other value, including an empty
 *   one (`?watch`), means true;
 * - integers: a value that is not an integer is a 400 BadRequest.
 * The first value wins when a parameter repeats, as Go's url.Values.Get does.
 */
import { badRequest } from '../errors/status.js';

export type Query = Record<string, string | string[] | undefined>;

export function queryString(q: Query, name: string): string | undefined {
  const v = q[name];
  return Array.isArray(v) ? v[0] : v;
}

export function queryBool(q: Query, name: string): boolean | undefined {
  const v = queryString(q, name);
  if (v === undefined) return undefined;
  return !(v.toLowerCase() === 'false' || v === '0');
}

export function queryInt(q: Query, name: string): number | undefined {
  const v = queryString(q, name);
  if (v === undefined || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v)) {
    throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  }
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: value out of range`);
  return n;
}
