/**
 * Seeded fault decisions. Each is a pure function of the seed and a stable name, never of a
 * shared stream, so the order in which unrelated requests arrive cannot move a fault:
 *
 * - a request: (seed, request key, occurrence of that key) → latency, error code, reset, expiry;
 *   five numbers are always drawn in a fixed order (latency, error, code, reset, expiry), so
 *   changing one rate moves no other kind's decisions;
 * - a watch stream: (seed, watch request key, occurrence) → the event index it is dropped before
 *   (two draws per event: drop?, close or reset);
 * - restart i: (seed, i) → offset from the start of the chaos phase, and downtime.
 */
import seedrandom from 'seedrandom';
import type { NormalizedProfile } from './profile.js';
import { seedString } from './random.js';
import type { ErrorCode } from './types.js';

export interface RequestDecision {
  /** 0 when the request is not delayed. */
  latencyMs: number;
  error?: ErrorCode;
  reset: boolean;
  /** Compact history before this request (only for requests that resume from a resourceVersion). */
  expired: boolean;
}

export function decideRequest(
  seed: number | string,
  key: string,
  occurrence: number,
  p: NormalizedProfile,
  expirable: boolean,
): RequestDecision {
  const rng = seedrandom(seedString(seed, 'request', key, occurrence));
  const [uLatency, uError, uCode, uReset, uExpired] = [rng.quick(), rng.quick(), rng.quick(), rng.quick(), rng.quick()];
  const [min, max] = p.latencyMs;
  const decision: RequestDecision = {
    latencyMs: min + Math.floor(uLatency * (max - min + 1)),
    reset: false,
    expired: expirable && uExpired < p.expired410,
  };
  if (uError < p.errors.rate) decision.error = p.errors.codes[Math.floor(uCode * p.errors.codes.length)];
  else if (uReset < p.resets) decision.reset = true;
  return decision;
}

export type WatchDrop = { event: number; mode: 'close' | 'reset' };

/**
 * Where one watch stream is dropped: the first event index whose draw falls under `rate`, looked at
 * lazily up to `index` (streams are long; most never reach their drop point).
 */
export class WatchDropper {
  private readonly rng: seedrandom.PRNG;
  private drawn = 0;
  private drop: WatchDrop | undefined;

  constructor(
    seed: number | string,
    key: string,
    occurrence: number,
    private readonly rate: number,
  ) {
    this.rng = seedrandom(seedString(seed, 'watch', key, occurrence));
  }

  /** The drop at or before event `index`, if any. */
  at(index: number): WatchDrop | undefined {
    while (!this.drop && this.rate > 0 && this.drawn <= index) {
      const [u, uMode] = [this.rng.quick(), this.rng.quick()];
      if (u < this.rate) this.drop = { event: this.drawn, mode: uMode < 0.5 ? 'close' : 'reset' };
      this.drawn++;
    }
    return this.drop && this.drop.event <= index ? this.drop : undefined;
  }
}

export interface RestartDecision {
  occurrence: number;
  atMs: number;
  downtimeMs: number;
}

export function decideRestarts(seed: number | string, p: NormalizedProfile): RestartDecision[] {
  const out: RestartDecision[] = [];
  const [min, max] = p.restarts.downtimeMs;
  for (let i = 0; i < p.restarts.count; i++) {
    const rng = seedrandom(seedString(seed, 'restart', i));
    const [uAt, uDown] = [rng.quick(), rng.quick()];
    out.push({ occurrence: i, atMs: Math.floor(uAt * (p.restarts.withinMs + 1)), downtimeMs: min + Math.floor(uDown * (max - min + 1)) });
  }
  return out.sort((a, b) => a.atMs - b.atMs || a.occurrence - b.occurrence);
}
