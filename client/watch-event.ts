/**
 * A watch event as client-go's watch.Event, as a discriminated union: ERROR carries a Status.
 * Streams of these are AsyncIterable<WatchEvent<T>>; stopping is an AbortSignal.
 */
import type { Status } from './errors.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export type WatchEvent<T> = { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T } | { type: 'ERROR'; object: Status };
