/** Checking a FaultProfile and filling in its defaults, so that decisions never meet a bad value. */
import type { ErrorCode, FaultProfile, RestartProfile } from './types.js';

export const ERROR_CODES: readonly ErrorCode[] = [429, 500, 503, 504];

export interface NormalizedProfile {
  watchDrops: number;
  expired410: number;
  latencyMs: [number, number];
  errors: { rate: number; codes: ErrorCode[]; retryAfterSeconds: number };
  resets: number;
  restarts: Required<RestartProfile>;
  resources: Set<string> | undefined;
  verbs: Set<string> | undefined;
}

function rate(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new Error(`faults.${name} must be a probability in [0, 1], got ${value}`);
  return v;
}

function range(name: string, value: [number, number] | undefined, fallback: [number, number]): [number, number] {
  const [min, max] = value ?? fallback;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= min)) {
    throw new Error(`faults.${name} must be [min, max] integers with 0 <= min <= max, got ${JSON.stringify(value)}`);
  }
  return [min, max];
}

export function normalizeProfile(p: FaultProfile = {}): NormalizedProfile {
  const codes = p.errors?.codes ?? [500, 503];
  for (const c of codes) if (!ERROR_CODES.includes(c)) throw new Error(`faults.errors.codes: ${c} is not one of ${ERROR_CODES.join(', ')}`);
  if (codes.length === 0) throw new Error('faults.errors.codes must not be empty');
  const retryAfterSeconds = p.errors?.retryAfterSeconds ?? 1;
  if (!(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 1)) {
    throw new Error(`faults.errors.retryAfterSeconds must be a whole number >= 1, got ${retryAfterSeconds}`);
  }
  const r = typeof p.restarts === 'number' ? { count: p.restarts } : (p.restarts ?? { count: 0 });
  if (!(Number.isInteger(r.count) && r.count >= 0)) throw new Error(`faults.restarts must be a whole number >= 0, got ${r.count}`);
  const withinMs = r.withinMs ?? 1000;
  if (!(withinMs >= 0)) throw new Error(`faults.restarts.withinMs must be >= 0, got ${withinMs}`);
  return {
    watchDrops: rate('watchDrops', p.watchDrops),
    expired410: rate('expired410', p.expired410),
    latencyMs: range('latencyMs', p.latencyMs, [0, 0]),
    errors: { rate: rate('errors.rate', p.errors?.rate), codes: [...codes], retryAfterSeconds },
    resets: rate('resets', p.resets),
    restarts: { count: r.count, withinMs, downtimeMs: range('restarts.downtimeMs', r.downtimeMs, [50, 250]) },
    resources: p.resources ? new Set(p.resources) : undefined,
    verbs: p.verbs ? new Set(p.verbs) : undefined,
  };
}
