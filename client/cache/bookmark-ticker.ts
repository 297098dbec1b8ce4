/**
 * The warning a reflector logs while a streaming list (watch-list) has not yet sent its
 * initial-events-end bookmark (client-go v0.35 reflector.go initialEventsEndBookmarkTicker,
 * lines 1121-1183).
 *
 * - Active only in the watch-list path; the ordinary watch gets a no-op ticker.
 * - A repeating ticker with a fixed 10 s period, started when the reflector begins consuming the
 *   stream. Events do not reset it: each applied event only records its time.
 * - On each tick: with no event seen yet, "<name>: awaiting required bookmark event for initial
 *   events stream, no events received for <time since the watch request>"; otherwise, only when
 *   at least 10 s passed since the last event, "<name>: hasn't received required bookmark event
 *   marking the end of initial events stream, received last event <elapsed> ago".
 * - Logged at info level as klog's `"Warning: event bookmark expired" err="..."`; it never ends
 *   the watch.
 *
 * Unlike client-go's ticker, which needs a clock with WithTicker, ours is built on
 * `Clock.setTimer`, which every clock has, so the "clock does not support WithTicker" fallback
 * does not exist. Like a Go ticker it drops ticks it is late for instead of catching up.
 */
import type { Clock, Timer } from '../tools/clock/clock.js';
import { goDuration } from '../rest/options.js';
import type { Logger } from './log.js';

export const INITIAL_EVENTS_END_BOOKMARK_TICK_MS = 10_000;

export interface BookmarkTicker {
  observeLastEventTimeStamp(at: number): void;
  stop(): void;
}

const NOOP_TICKER: BookmarkTicker = { observeLastEventTimeStamp: () => {}, stop: () => {} };

/** newInitialEventsEndBookmarkTicker: a no-op unless `exitOnWatchListBookmarkReceived`. */
export function newInitialEventsEndBookmarkTicker(
  logger: Logger,
  name: string,
  clock: Clock,
  watchStart: number,
  exitOnWatchListBookmarkReceived: boolean,
  tickIntervalMs = INITIAL_EVENTS_END_BOOKMARK_TICK_MS,
): BookmarkTicker {
  if (!exitOnWatchListBookmarkReceived) return NOOP_TICKER;
  return new InitialEventsEndBookmarkTicker(logger, name, clock, watchStart, tickIntervalMs);
}

export class InitialEventsEndBookmarkTicker implements BookmarkTicker {
  private lastEventObserveTime: number | undefined;
  private timer: Timer | undefined;
  private stopped = false;
  private readonly created: number;

  constructor(
    private readonly logger: Logger,
    private readonly name: string,
    private readonly clock: Clock,
    private readonly watchStart: number,
    private readonly tickIntervalMs: number,
  ) {
    this.created = clock.now();
    this.arm();
  }

  private arm(): void {
    // The next multiple of the period after now: a fixed-period ticker that never bunches ticks.
    const elapsed = this.clock.now() - this.created;
    const next = (Math.floor(elapsed / this.tickIntervalMs) + 1) * this.tickIntervalMs;
    this.timer = this.clock.setTimer(next - elapsed, () => {
      this.timer = undefined;
      this.warnIfExpired();
      if (!this.stopped) this.arm();
    });
  }

  observeLastEventTimeStamp(at: number): void {
    this.lastEventObserveTime = at;
  }

  warnIfExpired(): void {
    const warning = this.produceWarningIfExpired();
    if (warning !== undefined) this.logger.info(`Warning: event bookmark expired err=${JSON.stringify(warning)}`);
  }

  /** The warning due now, if any (produceWarningIfExpired). */
  produceWarningIfExpired(): string | undefined {
    if (this.lastEventObserveTime === undefined) {
      return `${this.name}: awaiting required bookmark event for initial events stream, no events received for ${goDuration(this.clock.now() - this.watchStart)}`;
    }
    const elapsed = this.clock.now() - this.lastEventObserveTime;
    if (elapsed < this.tickIntervalMs) return undefined;
    return `${this.name}: hasn't received required bookmark event marking the end of initial events stream, received last event ${goDuration(elapsed)} ago`;
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
  }
}
