/**
 * Structural diff of two JSON values: one entry per path where they differ. Objects compare by
 * key, arrays by index; a key present on one side only is `added`/`removed` (relative to `a`).
 */
export interface DiffEntry {
  /** JSONPath-like: `.metadata.labels["app"]`, `.items[2]`; '' for the root. */
  path: string;
  kind: 'changed' | 'added' | 'removed';
  a?: unknown;
  b?: unknown;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const keyPath = (base: string, k: string) => (IDENT.test(k) ? `${base}.${k}` : `${base}[${JSON.stringify(k)}]`);

export function diff(a: unknown, b: unknown, path = '', out: DiffEntry[] = []): DiffEntry[] {
  if (a === b) return out;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) {
    if (a === undefined) out.push({ path, kind: 'added', b });
    else if (b === undefined) out.push({ path, kind: 'removed', a });
    else out.push({ path, kind: 'changed', a, b });
    return out;
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    for (let i = 0; i < Math.max(a.length, bb.length); i++) diff(a[i], bb[i], `${path}[${i}]`, out);
    return out;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  for (const k of keys) diff(ao[k], bo[k], keyPath(path, k), out);
  return out;
}
