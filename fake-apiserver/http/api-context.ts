/** Everything a request handler needs from one fake server instance. */
import type { ResourceCatalog } from '../catalog/catalog.js';
import type { Clock } from '../clock.js';
import type { FaultHook } from '../faults.js';
import type { Random } from '../random.js';
import type { Registry } from '../registry/registry.js';
import type { RevisionStore } from '../store/revision-store.js';
import type { WatchSession } from '../watch/watch-session.js';

export interface ApiTuning {
  /** WatchList (streaming lists): on by default since Kubernetes 1.34. */
  watchListEnabled: boolean;
  /** Interval of periodic BOOKMARK events (the real server: about 1 minute). */
  bookmarkIntervalMs: number;
  /** Bytes a watch may have buffered for a client that does not read before it is closed. */
  watchBufferBytes: number;
  /** How long reads wait for a future resourceVersion before 504 (the real server: 3 s). */
  tooLargeResourceVersionWaitMs: number;
  /** Watches without timeoutSeconds end after this long times (1 + random) (the real server: 30 min). */
  minRequestTimeoutMs: number;
  /** Maximum request body (the real server: 3 MiB). */
  maxRequestBodyBytes: number;
}

export const DEFAULT_TUNING: ApiTuning = {
  watchListEnabled: true,
  bookmarkIntervalMs: 60_000,
  watchBufferBytes: 16 * 1024 * 1024,
  tooLargeResourceVersionWaitMs: 3_000,
  minRequestTimeoutMs: 1_800_000,
  maxRequestBodyBytes: 3 * 1024 * 1024,
};

export interface ApiContext {
  catalog: ResourceCatalog;
  registry: Registry;
  store: RevisionStore;
  clock: Clock;
  random: Random;
  faults: FaultHook;
  tuning: ApiTuning;
  /** Open watches, so reset() and close() can end them. */
  watches: Set<WatchSession>;
  /** Kubernetes version reported by /version. */
  version: { major: string; minor: string; gitVersion: string };
  /** Called after every committed write, so control loops can react. */
  afterWrite?: () => void;
}
