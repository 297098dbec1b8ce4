/**
 * A fault plan answers "which faults does this request / watch event / run get?": either drawn
 * from the seed and the profile's rates, or looked up in an explicit list (a replay).
 */
import { decideRequest, decideRestarts, WatchDropper, type RequestDecision, type RestartDecision, type WatchDrop } from './decisions.js';
import type { NormalizedProfile } from './profile.js';
import { seedString } from './random.js';
import type { InjectedFault, ReplayPlan } from './types.js';

export interface FaultPlan {
  readonly mode: 'seeded' | 'replay';
  request(key: string, occurrence: number, expirable: boolean): RequestDecision;
  /** Per watch stream: the drop (if any) at or before event `index`. */
  watchStream(key: string, occurrence: number): (index: number) => WatchDrop | undefined;
  restarts(): RestartDecision[];
}

export function seededPlan(seed: number | string, profile: NormalizedProfile): FaultPlan {
  return {
    mode: 'seeded',
    request: (key, occurrence, expirable) => decideRequest(seed, key, occurrence, profile, expirable),
    watchStream(key, occurrence) {
      const dropper = new WatchDropper(seed, key, occurrence, profile.watchDrops);
      return (index) => dropper.at(index);
    },
    restarts: () => decideRestarts(seed, profile),
  };
}

export function replayPlan(replay: ReplayPlan): FaultPlan {
  const requests = new Map<string, RequestDecision>();
  const watches = new Map<string, WatchDrop>();
  const restarts: RestartDecision[] = [];
  const at = (key: string, occurrence: number) => {
    const id = seedString(key, occurrence);
    let d = requests.get(id);
    if (!d) requests.set(id, (d = { latencyMs: 0, reset: false, expired: false }));
    return d;
  };
  for (const f of replay.faults) {
    switch (f.kind) {
      case 'latency':
        at(f.key, f.occurrence).latencyMs = f.ms;
        break;
      case 'error':
        at(f.key, f.occurrence).error = f.code;
        break;
      case 'reset':
        at(f.key, f.occurrence).reset = true;
        break;
      case 'expired':
        at(f.key, f.occurrence).expired = true;
        break;
      case 'watchDrop':
        watches.set(seedString(f.key, f.occurrence), { event: f.event, mode: f.mode });
        break;
      case 'restart':
        restarts.push({ occurrence: f.occurrence, atMs: f.atMs, downtimeMs: f.downtimeMs });
        break;
      default:
        throw new Error(`replay: unknown fault ${JSON.stringify(f satisfies never)}`);
    }
  }
  const none: RequestDecision = { latencyMs: 0, reset: false, expired: false };
  return {
    mode: 'replay',
    request: (key, occurrence, expirable) => {
      const d = requests.get(seedString(key, occurrence)) ?? none;
      return { ...d, expired: d.expired && expirable };
    },
    watchStream(key, occurrence) {
      const drop = watches.get(seedString(key, occurrence));
      return (index) => (drop && drop.event <= index ? drop : undefined);
    },
    restarts: () => [...restarts].sort((a, b) => a.atMs - b.atMs || a.occurrence - b.occurrence),
  };
}

/** The identity of a fault within a run (kind and where it struck), to match faults across runs. */
export function faultId(f: InjectedFault): string {
  switch (f.kind) {
    case 'restart':
      return seedString(f.kind, f.occurrence);
    case 'watchDrop':
      return seedString(f.kind, f.key, f.occurrence, f.event);
    default:
      return seedString(f.kind, f.key, f.occurrence);
  }
}
