/**
 * Unstructured objects (apimachinery's unstructured.Unstructured / UnstructuredList) and the
 * converter between them and typed objects (runtime.DefaultUnstructuredConverter).
 *
 * In TypeScript a typed object and its unstructured form have the same JSON shape, so conversion
 * is a deep copy plus the checks the Go converter makes: the input must be a JSON object (no
 * functions, symbols, bigints, cycles, class instances other than Date), and toUnstructured
 * requires apiVersion and kind (an Unstructured without them cannot be sent anywhere).
 */

export interface Unstructured {
  apiVersion: string;
  kind: string;
  metadata?: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

export interface UnstructuredList {
  apiVersion: string;
  kind: string;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: Unstructured[];
}

function copyJson(value: unknown, path: string, seen: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not representable in JSON`);
    return value;
  }
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (typeof value !== 'object') throw new TypeError(`${path}: a ${typeof value} is not representable in JSON`);
  if (seen.has(value)) throw new TypeError(`${path}: cyclic reference`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v, i) => copyJson(v, `${path}[${i}]`, seen));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      throw new TypeError(`${path}: instances of ${proto?.constructor?.name ?? 'a class'} are not plain JSON objects`);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copyJson(v, `${path}.${k}`, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** DefaultUnstructuredConverter.ToUnstructured: a plain JSON copy with apiVersion and kind. */
export function toUnstructured(obj: object): Unstructured {
  const u = copyJson(obj, '(object)', new Set()) as Record<string, unknown>;
  if (typeof u !== 'object' || u === null || Array.isArray(u)) throw new TypeError('toUnstructured: an object is required');
  if (typeof u.apiVersion !== 'string' || !u.apiVersion) throw new TypeError('toUnstructured: apiVersion is required');
  if (typeof u.kind !== 'string' || !u.kind) throw new TypeError('toUnstructured: kind is required');
  return u as Unstructured;
}

/**
 * DefaultUnstructuredConverter.FromUnstructured: a typed copy. When `expect` names an apiVersion or
 * kind, a different one is an error (Go's converter fails the same way when the types disagree).
 */
export function fromUnstructured<T>(
  u: Unstructured | UnstructuredList | Record<string, unknown>,
  expect: { apiVersion?: string; kind?: string } = {},
): T {
  const copy = copyJson(u, '(object)', new Set()) as Record<string, unknown>;
  if (expect.apiVersion && copy.apiVersion !== undefined && copy.apiVersion !== expect.apiVersion) {
    throw new TypeError(`fromUnstructured: apiVersion is ${String(copy.apiVersion)}, expected ${expect.apiVersion}`);
  }
  if (expect.kind && copy.kind !== undefined && copy.kind !== expect.kind) {
    throw new TypeError(`fromUnstructured: kind is ${String(copy.kind)}, expected ${expect.kind}`);
  }
  return copy as T;
}

/**
 * Sets each list item's apiVersion and kind from the list (the API server omits them for built-in
 * types; client-go's UnstructuredList decoding fills them in the same way).
 */
export function fillListItemTypes(list: UnstructuredList): UnstructuredList {
  const itemKind = list.kind?.endsWith('List') ? list.kind.slice(0, -4) : '';
  for (const item of list.items ?? []) {
    if (!item.apiVersion && list.apiVersion) item.apiVersion = list.apiVersion;
    if (!item.kind && itemKind) item.kind = itemKind;
  }
  return list;
}
