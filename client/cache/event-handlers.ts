/**
 * What informers call (client-go tools/cache ResourceEventHandler, ResourceEventHandlerFuncs,
 * FilteringResourceEventHandler). Every method is optional and may be async: an informer awaits a
 * handler's promise before delivering that handler's next notification, so each handler sees
 * one notification at a time, in order.
 *
 * - onAdd(obj, isInInitialList): isInInitialList is true for objects of the initial list (and for
 *   the replay a handler added after start receives).
 * - onUpdate(oldObj, newObj): also called on resync and relist with oldObj === newObj's
 *   resourceVersion; compare resourceVersions to skip those.
 * - onDelete(obj): obj may be a DeletedFinalStateUnknown tombstone when the deletion was
 *   discovered by a relist; its `obj` is the last known state and may be stale or undefined.
 */
import type { DeletedFinalStateUnknown } from './deltas.js';

export interface ResourceEventHandler<T> {
  onAdd?(obj: T, isInInitialList: boolean): void | Promise<void>;
  onUpdate?(oldObj: T, newObj: T): void | Promise<void>;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void | Promise<void>;
}

/**
 * Passes on only objects matching `filter`; an update that moves an object into the filter is an
 * add, out of it a delete (FilteringResourceEventHandler).
 */
export function filteringResourceEventHandler<T>(
  filter: (obj: T | DeletedFinalStateUnknown<T>) => boolean,
  handler: ResourceEventHandler<T>,
): ResourceEventHandler<T> {
  return {
    onAdd(obj, isInInitialList) {
      if (!filter(obj)) return;
      return handler.onAdd?.(obj, isInInitialList);
    },
    onUpdate(oldObj, newObj) {
      const newer = filter(newObj);
      const older = filter(oldObj);
      if (newer && older) return handler.onUpdate?.(oldObj, newObj);
      if (newer) return handler.onAdd?.(newObj, false);
      if (older) return handler.onDelete?.(oldObj);
    },
    onDelete(obj) {
      if (!filter(obj)) return;
      return handler.onDelete?.(obj);
    },
  };
}
