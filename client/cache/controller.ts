/**
 * The informer's pop loop step (client-go tools/cache/controller.go processDeltas): applies popped
 * deltas to the indexer and tells the handler what changed.
 *
 * - Sync, Replaced, Added, Updated: if the key is in the indexer, update it and call
 *   onUpdate(old, new); else add it and call onAdd(new, isInInitialList).
 * - Deleted: remove it and call onDelete(obj), where obj may be a DeletedFinalStateUnknown.
 * The indexer is always updated before the handler hears about the change, so a handler that
 * reads the indexer sees at least that state.
 */
import type { Delta } from './deltas.js';
import { hasKeyedWrites, type Store } from './store.js';

export interface DeltaHandler<T> {
  onAdd(obj: T, isInInitialList: boolean): void;
  onUpdate(oldObj: T, newObj: T): void;
  onDelete(obj: Delta<T>['object']): void;
}

export function processDeltas<T>(
  handler: DeltaHandler<T>,
  clientState: Store<T>,
  deltas: Delta<T>[],
  isInInitialList: boolean,
  /** The deltas' keys (Delta.key) come from clientState's own key function: use them. */
  useDeltaKeys = false,
): void {
  const keyed = useDeltaKeys && hasKeyedWrites<T>(clientState) ? clientState : undefined;
  for (const d of deltas) {
    const obj = d.object;
    const key = keyed ? d.key : undefined;
    switch (d.type) {
      case 'Sync':
      case 'Replaced':
      case 'Added':
      case 'Updated': {
        const o = obj as T;
        const old = key !== undefined ? clientState.getByKey(key) : clientState.get(o);
        if (old !== undefined) {
          if (key !== undefined) keyed!.updateWithKey(key, o);
          else clientState.update(o);
          handler.onUpdate(old, o);
        } else {
          if (key !== undefined) keyed!.addWithKey(key, o);
          else clientState.add(o);
          handler.onAdd(o, isInInitialList);
        }
        break;
      }
      case 'Deleted':
        if (key !== undefined) keyed!.deleteWithKey(key);
        else clientState.delete(obj);
        handler.onDelete(obj);
        break;
    }
  }
}
