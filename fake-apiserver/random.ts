/**
 * The fake's source of randomness: seeded (seedrandom) so that `--seed N` reproduces generated
 * names and UIDs, or Math.random-backed when no seed is given.
 */
import seedrandom from 'seedrandom';

export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

export function createRandom(seed?: number | string): Random {
  if (seed === undefined) return { next: Math.random };
  const rng = seedrandom(String(seed));
  return { next: () => rng.quick() };
}

/** A version-4 UUID drawn from `random`. */
export function uuid4(random: Random): string {
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = Math.floor(random.next() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** apimachinery util/rand.String's alphabet: no vowels, no 0/1/3, to avoid words and confusion. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(random: Random, length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += NAME_ALPHABET[Math.floor(random.next() * NAME_ALPHABET.length)];
  return s;
}
