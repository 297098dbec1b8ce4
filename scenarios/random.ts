/** Seeded randomness for scenarios: one seedrandom stream per named purpose. */
import seedrandom from 'seedrandom';

export interface ScenarioRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max], both included. */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** Joins the parts of a seed string unambiguously (no part can contain the separator). */
export function seedString(...parts: Array<string | number>): string {
  return parts.map(String).join('\u0000');
}

export function scenarioRandom(...seedParts: Array<string | number>): ScenarioRandom {
  const rng = seedrandom(seedString(...seedParts));
  const next = () => rng.quick();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)];
    },
  };
}
