/**
 * The fault hook: the seam through which seeded chaos (kubeharness/scenarios) injects failures
 * into the request path and into watch streams. The default hook does nothing, so the server
 * pays one property check per request.
 */
import type { StatusError } from './errors/status.js';

export interface RequestFaultContext {
  method: string;
  path: string;
  /** get, list, watch, create, update, patch, delete, deletecollection, or '' for non-resource paths. */
  verb: string;
  group: string;
  version: string;
  resource: string;
  namespace: string;
  name: string;
  subresource: string;
  /** The User-Agent header, so a hook can fault one client and spare another (e.g. a test's own fixtures). */
  userAgent: string;
  /**
   * The object's name: `name` from the URL, or for a create (whose URL has none) `metadata.name` of
   * a JSON body; '' when unknown. Computed when first read.
   */
  readonly objectName: string;
}

export interface RequestFault {
  /** Wait this long before handling (or before failing). */
  delayMs?: number;
  /** Answer with this Status instead of handling the request. */
  error?: StatusError;
  /** Drop the connection without an answer. */
  resetConnection?: boolean;
}

export type WatchEventFault = 'deliver' | 'close' | 'reset';

export interface FaultHook {
  onRequest?(ctx: RequestFaultContext): RequestFault | undefined;
  /** Called before each event of a watch stream is written; `index` counts from 0 per watch. */
  onWatchEvent?(ctx: RequestFaultContext, index: number): WatchEventFault;
}

export const NO_FAULTS: FaultHook = {};
