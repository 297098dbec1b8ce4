/**
 * JSON values as structured-merge-diff sees them (sigs.k8s.io/structured-merge-diff value/):
 * a total order for set items and list-map keys, equality, and the human-readable form used in
 * conflict paths.
 *
 * Invariants:
 * - `undefined` means "absent" and never appears inside a value handed to these functions.
 * - Numbers compare numerically (SMD compares ints and floats numerically too). The order of
 *   kinds is number < string < boolean < list < map < null, as value.Compare.
 */
import { goQuote } from '../validation/go-text.js';
import { goCompare } from './go-json.js';

export type JsonMap = Record<string, unknown>;

export function isMap(v: unknown): v is JsonMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function kindRank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (isMap(v)) return 4;
  return 5; // null
}

/** value.Compare: -1, 0 or 1. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = kindRank(a);
  const rb = kindRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 1:
      return goCompare(a as string, b as string);
    case 2:
      return a === b ? 0 : a === false ? -1 : 1;
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
      return la.length === lb.length ? 0 : la.length < lb.length ? -1 : 1;
    }
    case 4: {
      // value.MapCompare: keys in sorted order, then values, then length.
      const ma = a as JsonMap;
      const mb = b as JsonMap;
      const ka = Object.keys(ma).sort(goCompare);
      const kb = Object.keys(mb).sort(goCompare);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = goCompare(ka[i], kb[i]);
        if (c !== 0) return c;
        const cv = compareValues(ma[ka[i]], mb[kb[i]]);
        if (cv !== 0) return cv;
      }
      return ka.length === kb.length ? 0 : ka.length < kb.length ? -1 : 1;
    }
    default:
      return 0;
  }
}

/** value.Equals. Keys whose value is `undefined` count as absent. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valuesEqual(x, b[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as JsonMap)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as JsonMap)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => (b as JsonMap)[k] !== undefined && valuesEqual((a as JsonMap)[k], (b as JsonMap)[k]));
}

/** value.ToString: strings `%q`-quoted, lists `[a,b]`, maps `k=v` concatenated. */
export function valueToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueToString).join(',')}]`;
  return Object.keys(v as JsonMap)
    .sort(goCompare)
    .map((k) => `${k}=${valueToString((v as JsonMap)[k])}`)
    .join('');
}

/** Deep copy of a JSON value, dropping `undefined` map entries. */
export function cloneValue<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => cloneValue(x)) as T;
  const out: JsonMap = {};
  for (const [k, x] of Object.entries(v as JsonMap)) if (x !== undefined) out[k] = cloneValue(x);
  return out as T;
}

/**
 * A copy without `null` map entries, at any depth (list items are kept, null or not). Go's typed
 * conversion turns a JSON null into an absent pointer or omitempty zero value, so a null that an
 * apply wrote into the merged object never reaches storage.
 */
export function withoutNullFields<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => withoutNullFields(x)) as T;
  const out: JsonMap = {};
  for (const [k, x] of Object.entries(v as JsonMap)) if (x !== undefined && x !== null) out[k] = withoutNullFields(x);
  return out as T;
}
