/**
 * List ordering of strategic merge patch (patch.go normalizeElementOrder, mergeSortedSlice,
 * normalizeSliceOrder, index, deduplicateScalars), ported with Go's exact algorithms: the sort
 * comparator upstream uses is not a strict order, so the result depends on sort.SliceStable's
 * insertion sort + symMerge, which stableSort reproduces step for step.
 *
 * Values compare with Go's `==` on interface{}: scalars by value; maps and lists never match.
 */
import { badArgType, internal, MAP, noMergeKey } from './errors.js';

export type JsonMap = Record<string, unknown>;

export function isMap(v: unknown): v is JsonMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function goEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a !== null && typeof a === 'object') return false;
  return a === b;
}

/** Go's sort.SliceStable (stable_func with insertionSort_func and symMerge_func). */
export function stableSort<T>(data: T[], less: (a: T, b: T) => boolean): void {
  const lessAt = (i: number, j: number) => less(data[i]!, data[j]!);
  const swap = (i: number, j: number) => {
    const t = data[i]!;
    data[i] = data[j]!;
    data[j] = t;
  };
  const insertion = (a: number, b: number) => {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && lessAt(j, j - 1); j--) swap(j, j - 1);
  };
  const swapRange = (a: number, b: number, n: number) => {
    for (let i = 0; i < n; i++) swap(a + i, b + i);
  };
  const rotate = (a: number, m: number, b: number) => {
    let i = m - a;
    let j = b - m;
    while (i !== j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  };
  const symMerge = (a: number, m: number, b: number): void => {
    if (m - a === 1) {
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (lessAt(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!lessAt(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const n = mid + m;
    let start: number;
    let r: number;
    if (m > mid) {
      start = n - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    const p = n - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!lessAt(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = n - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  };
  const n = data.length;
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertion(a, b);
    a = b;
    b += blockSize;
  }
  insertion(a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(a, m, n);
    blockSize *= 2;
  }
}

/** index(): position of an item by merge key (maps) or value (scalars), -1 if absent. */
export function indexOf(list: readonly unknown[], item: unknown, mergeKey: string, maps: boolean): number {
  const val = (x: unknown) => (maps ? (isMap(x) ? x[mergeKey] : null) : x);
  const want = val(item);
  return list.findIndex((x) => goEqual(want, val(x)));
}

/** deduplicateScalars: Go's in-place "swap with last" dedupe (it reorders). */
export function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function validateMergeKeyInLists(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item)) throw badArgType(MAP, item);
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** extractToDeleteItems: items without and with `$patch: delete`. */
export function splitDeletes(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of list) {
    if (!isMap(v)) throw badArgType(MAP, v);
    if (v['$patch'] === 'delete') del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, maps: boolean): unknown[] {
  let del: unknown[] = [];
  if (maps) {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [toSort, del] = splitDeletes(toSort);
  }
  stableSort(toSort, (x, y) => {
    const ix = indexOf(order, x, mergeKey, maps);
    if (ix >= 0) {
      const iy = indexOf(order, y, mergeKey, maps);
      if (iy >= 0) return ix < iy;
    }
    return true;
  });
  return [...toSort, ...del];
}

/** mergeSortedSlice: interleaves server-only items (left) into patch items (right). */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, maps: boolean): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, maps);
      const ri = indexOf(serverOrder, right[j], mergeKey, maps);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  maps: boolean,
): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, maps);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, maps);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, maps);
}

/** partitionPrimitivesByPresentInList / partitionMapsByPresentInList. */
export function partition(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    let found: boolean;
    if (mergeKey === '') found = by.some((x) => goEqual(x, v));
    else {
      if (!isMap(v)) throw badArgType(MAP, v);
      if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
      found = findByKey(by, mergeKey, v[mergeKey]) >= 0;
    }
    (found ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

/** findMapInSliceBasedOnKeyValue: index of the first map whose key equals value, else -1. */
export function findByKey(list: unknown[], key: string, value: unknown): number {
  for (let k = 0; k < list.length; k++) {
    const v = list[k];
    if (!isMap(v)) throw internalNotAMap(k);
    if (key in v && goEqual(v[key], value)) return k;
  }
  return -1;
}

const internalNotAMap = (k: number) => internal(`value for key ${k} is not a map`);
