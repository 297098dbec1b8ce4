/**
 * Keys and the Store interface (client-go tools/cache/store.go). A Store is the informer's
 * client-side cache: one writer (the informer's pop loop), many readers (listers, handlers).
 *
 * Invariants:
 * - The key of an object is `namespace/name`, or `name` for cluster-scoped objects
 *   (MetaNamespaceKeyFunc); tombstones are keyed by their recorded key.
 * - Objects returned by get/list are the cached objects themselves: callers must not mutate them
 *   (the type is readonly for that reason); copy before changing.
 */
import { DeletedFinalStateUnknown } from './deltas.js';

export interface ObjectMetaLike {
  readonly name?: string;
  readonly namespace?: string;
  readonly resourceVersion?: string;
  readonly uid?: string;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
}

/** Anything with object metadata (kubernetes-types objects fit). */
export interface KubeObjectLike {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: ObjectMetaLike;
}

export type KeyFunc<T> = (obj: T | DeletedFinalStateUnknown<T>) => string;

/** Thrown when a key cannot be computed for an object. */
export class KeyError extends Error {
  override readonly name = 'KeyError';
  constructor(
    readonly obj: unknown,
    readonly reason: string,
  ) {
    super(`couldn't create key for object ${describe(obj)}: ${reason}`);
  }
}

function describe(obj: unknown): string {
  try {
    return JSON.stringify(obj)?.slice(0, 200) ?? String(obj);
  } catch {
    return String(obj);
  }
}

/** `namespace/name`, or `name` when the namespace is empty. */
export function metaNamespaceKeyFunc(obj: unknown): string {
  if (typeof obj === 'string') return obj; // ExplicitKey
  if (obj instanceof DeletedFinalStateUnknown)
    throw new KeyError(obj, 'object is a DeletedFinalStateUnknown; use deletionHandlingMetaNamespaceKeyFunc');
  const meta = (obj as KubeObjectLike | null)?.metadata;
  if (!meta || typeof meta !== 'object') throw new KeyError(obj, 'object has no meta');
  const name = meta.name ?? '';
  return meta.namespace ? `${meta.namespace}/${name}` : name;
}

/** metaNamespaceKeyFunc that also accepts DeletedFinalStateUnknown tombstones. */
export function deletionHandlingMetaNamespaceKeyFunc(obj: unknown): string {
  if (obj instanceof DeletedFinalStateUnknown) return obj.key;
  return metaNamespaceKeyFunc(obj);
}

/** Splits a metaNamespaceKeyFunc key; throws on more than one '/'. */
export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const parts = key.split('/');
  if (parts.length === 1) return { namespace: '', name: parts[0] };
  if (parts.length === 2) return { namespace: parts[0], name: parts[1] };
  throw new Error(`unexpected key format: ${JSON.stringify(key)}`);
}

/**
 * Writes by a key the caller already computed with the store's own key function (the informer's
 * pop loop has it from the RealFIFO): spares computing and hashing a new key string per write.
 */
export interface KeyedWrites<T> {
  addWithKey(key: string, obj: T): void;
  updateWithKey(key: string, obj: T): void;
  deleteWithKey(key: string): void;
}

export function hasKeyedWrites<T>(store: unknown): store is KeyedWrites<T> {
  return typeof (store as Partial<KeyedWrites<T>> | null)?.addWithKey === 'function';
}

/** The client-side cache of objects of one type. */
export interface Store<T> {
  add(obj: T): void;
  update(obj: T): void;
  /** Removes the object with the same key (tombstones are removed by their key). */
  delete(obj: T | DeletedFinalStateUnknown<T>): void;
  list(): T[];
  listKeys(): string[];
  get(obj: T | DeletedFinalStateUnknown<T>): T | undefined;
  getByKey(key: string): T | undefined;
  /** Replaces the whole content with `list`; `resourceVersion` is informational. */
  replace(list: T[], resourceVersion: string): void;
  /** Meaningless for a plain store; kept for the Store contract (a no-op). */
  resync(): void;
}
