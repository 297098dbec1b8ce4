/**
 * Minimising a failing set (Zeller's ddmin, with two additions for scenario runs):
 *
 * 1. the empty set is tried first (a failure that needs no fault at all says the most);
 * 2. whole groups (fault kinds) are removed one at a time before ddmin splits the rest;
 * 3. ddmin: split into n chunks; keep a chunk that fails alone, else a complement that fails,
 *    else split finer, until no single item can be removed (1-minimal) or the run budget is spent.
 *
 * `test(subset)` runs the scenario on `subset` and answers undefined when it passes, or the part of
 * the subset that actually struck when it fails (trace-guided reduction: faults planned for
 * requests that never came are dropped at no cost). Results are cached by set, so no set runs twice.
 * One run of the budget is kept to verify the final set when it was only ever seen as such a reduction
 * (if it then passes, the smallest set that failed exactly is returned instead).
 */

export interface MinimizeOptions<T> {
  /** Runs of `test` at most. */
  maxRuns: number;
  /** Identity of an item (sets are compared by identities). */
  id: (item: T) => string;
  /** Items of a group are tried for removal together first. */
  groupOf?: (item: T) => string;
}

export interface MinimizeResult<T> {
  items: T[];
  runs: number;
  /** True when minimisation finished; false when the run budget ran out first. */
  complete: boolean;
  /** True when a run of exactly `items` failed. */
  verified: boolean;
}

class BudgetSpent extends Error {}

export async function minimize<T>(
  items: T[],
  test: (subset: T[]) => Promise<T[] | undefined>,
  opts: MinimizeOptions<T>,
): Promise<MinimizeResult<T>> {
  const signature = (set: T[]) => set.map(opts.id).sort().join('\u0001');
  /** Set → its failing (struck) part, or undefined when it passed; includes sets known only by reduction. */
  const known = new Map<string, T[] | undefined>();
  /** Sets that were run exactly and failed. */
  const exact = new Set<string>([signature(items)]);
  let best = items;
  let runs = 0;

  const run = async (subset: T[]): Promise<T[] | undefined> => {
    runs++;
    const failing = await test(subset);
    known.set(signature(subset), failing);
    if (failing) {
      exact.add(signature(subset));
      if (subset.length < best.length) best = subset;
      if (!known.has(signature(failing))) known.set(signature(failing), failing);
    }
    return failing;
  };
  const attempt = async (subset: T[]): Promise<T[] | undefined> => {
    const sig = signature(subset);
    if (known.has(sig)) return known.get(sig);
    if (runs >= opts.maxRuns - 1) throw new BudgetSpent(); // one run stays spare for the verification
    return run(subset);
  };

  let current = items;
  let complete = true;
  try {
    const empty = await attempt([]);
    if (empty) return { items: [], runs, complete: true, verified: true };
    if (opts.groupOf) {
      for (const group of new Set(current.map(opts.groupOf))) {
        const without = current.filter((i) => opts.groupOf!(i) !== group);
        if (without.length === current.length || without.length === 0) continue;
        current = (await attempt(without)) ?? current;
      }
    }
    let n = 2;
    while (current.length >= 2) {
      const chunks = split(current, n);
      let next: T[] | undefined;
      for (const chunk of chunks) if ((next = await attempt(chunk))) break;
      if (!next && n > 2) {
        for (const chunk of chunks) {
          const inChunk = new Set(chunk.map(opts.id));
          if ((next = await attempt(current.filter((i) => !inChunk.has(opts.id(i)))))) break;
        }
        if (next) n = Math.max(n - 1, 2);
      } else if (next) n = 2;
      if (next) current = next;
      else if (n >= current.length) break;
      else n = Math.min(n * 2, current.length);
    }
  } catch (err) {
    if (!(err instanceof BudgetSpent)) throw err;
    complete = false;
  }

  if (!exact.has(signature(current))) {
    // Seen only as the struck part of a larger failing run: run it exactly, or fall back.
    if (!(runs < opts.maxRuns && (await run(current)))) current = best;
  }
  return { items: current, runs, complete, verified: exact.has(signature(current)) };
}

/** n chunks of nearly equal size, in order. */
function split<T>(items: T[], n: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = start + Math.floor((items.length - start) / (n - i));
    if (end > start) out.push(items.slice(start, end));
    start = end;
  }
  return out;
}
