/**
 * kubeharness/client cache: client-go's tools/cache — reflector, FIFOs, indexer, shared informer.
 */
export type { ListerWatcher, ListWatchable, Getter, GroupVersionResource, TweakListOptions, Selectors } from './listwatch.js';
export { listWatchFor, newListWatchFromClient, tweakListerWatcher, toListWatcherWithWatchListSemantics, gvrKey } from './listwatch.js';
export { DeletedFinalStateUnknown, isDeletedFinalStateUnknown, objectOrTombstone, isQueueWithBatch } from './deltas.js';
export type {
  Delta,
  DeltaType,
  Queue,
  QueueWithBatch,
  TransformFunc,
  TransformingStore,
  KeyListerGetter,
  PopProcessFunc,
  ProcessBatchFunc,
} from './deltas.js';
export { KeyError, metaNamespaceKeyFunc, deletionHandlingMetaNamespaceKeyFunc, splitMetaNamespaceKey } from './store.js';
export type { Store, KeyFunc, KubeObjectLike, ObjectMetaLike } from './store.js';
export { newIndexer, newStore, metaNamespaceIndexFunc, NAMESPACE_INDEX } from './indexer.js';
export type { Indexer, Indexers, IndexFunc } from './indexer.js';
export { ThreadSafeStore } from './thread-safe-store.js';
export { RealFIFO, DEFAULT_BATCH_SIZE } from './real-fifo.js';
export type { RealFIFOOptions } from './real-fifo.js';
export { DeltaFIFO, dedupDeltas } from './delta-fifo.js';
export type { DeltaFIFOOptions } from './delta-fifo.js';
export { Reflector, ListError, INITIAL_EVENTS_ANNOTATION, defaultWatchErrorHandler } from './reflector.js';
export type { ReflectorOptions, ReflectorStore, ResourceVersionUpdater } from './reflector.js';
export { VeryShortWatchError, isExpiredError, isTooLargeResourceVersionError, isWatchErrorRetriable } from './reflector-errors.js';
export { processDeltas } from './controller.js';
export { processDeltasInBatch, withTransactions, storeTransaction, isTransactionStore, TransactionError } from './process-batch.js';
export type { Transaction, TransactionType, TransactionStore } from './process-batch.js';
export { doesClientNotSupportWatchListSemantics, isUnsupportedTableObject } from './watch-list.js';
export type { WatchListSemanticsUnsupported } from './watch-list.js';
export {
  DataInconsistencyError,
  checkDataConsistency,
  isDataConsistencyDetectionForWatchListEnabled,
  WATCHLIST_INCONSISTENCY_DETECTOR_ENV,
} from './watch-list-consistency.js';
export { INITIAL_EVENTS_END_BOOKMARK_TICK_MS } from './bookmark-ticker.js';
export { filteringResourceEventHandler } from './event-handlers.js';
export type { ResourceEventHandler } from './event-handlers.js';
export type { ResourceEventHandlerRegistration } from './processor-listener.js';
export { DefaultSharedIndexInformer, newSharedIndexInformer, MINIMUM_RESYNC_PERIOD_MS } from './shared-informer.js';
export type { SharedInformer, SharedIndexInformer, SharedIndexInformerOptions } from './shared-informer.js';
export { waitForCacheSync, waitForNamedCacheSync } from './wait-for-cache-sync.js';
export type { InformerSynced } from './wait-for-cache-sync.js';
export { consoleLogger, silentLogger, collectingLogger } from './log.js';
export type { Logger } from './log.js';
export { isConnectionRefused, isProbableEOF } from './net-errors.js';
