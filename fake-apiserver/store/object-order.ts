/**
 * Object keys mirror etcd's `/registry/<resource>/<namespace>/<name>` suffixes, and lists return
 * objects in the byte order of those keys (etcd key order). Note that this is not (namespace, name)
 * tuple order: `a-b/y` sorts before `a/x` because '-' < '/'. Names and namespaces cannot contain
 * '/', so the key is unambiguous. Kubernetes names are ASCII, so JS string order is byte order.
 */
export function objectKey(namespace: string, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first element of sorted `keys` that is >= `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
