/** The minimiser on synthetic predicates: no server, so its search itself can be checked exactly. */
import { describe, expect, it } from 'vitest';
import { minimize } from './shrink.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const opts = (maxRuns = 100) => ({ maxRuns, id: String });

/** A test that fails when every culprit is present; counts its runs. */
function failsWith(...culprits: number[]) {
  const calls: number[][] = [];
  const test = async (subset: number[]) => {
    calls.push(subset);
    return culprits.every((c) => subset.includes(c)) ? subset : undefined;
  };
  return { test, calls };
}

describe('minimize (ddmin)', () => {
  it('finds the two faults that together cause a failure among 64', async () => {
    const { test, calls } = failsWith(13, 50);
    const r = await minimize(range(64), test, opts());
    expect(r.items.sort((a, b) => a - b)).toEqual([13, 50]);
    expect(r).toMatchObject({ complete: true, verified: true });
    expect(r.runs).toBe(calls.length);
    expect(r.runs).toBeLessThan(40);
    // Never the same set twice.
    expect(new Set(calls.map((c) => c.join())).size).toBe(calls.length);
  });

  it('answers the empty list when the failure needs no fault at all, in one run', async () => {
    const r = await minimize(range(20), async (s) => s, opts());
    expect(r).toEqual({ items: [], runs: 1, complete: true, verified: true });
  });

  it('uses the part of a failing run that struck (trace-guided), saving runs', async () => {
    // Only faults below 10 could strike; the failure needs 7.
    const guided = failsWith(7);
    const plain = await minimize(range(200), guided.test, opts());
    const struck = await minimize(
      range(200),
      async (s) => {
        const r = await guided.test(s);
        return r?.filter((i) => i < 10);
      },
      opts(),
    );
    expect(plain.items).toEqual([7]);
    expect(struck.items).toEqual([7]);
    expect(struck.runs).toBeLessThan(plain.runs);
    expect(struck.verified).toBe(true);
  });

  it('removes whole groups first', async () => {
    const calls: number[][] = [];
    const r = await minimize(
      range(40),
      async (s) => {
        calls.push(s);
        return s.includes(3) ? s : undefined;
      },
      { ...opts(), groupOf: (i) => (i % 2 ? 'odd' : 'even') },
    );
    expect(r.items).toEqual([3]);
    expect(calls[1]).toEqual(range(40).filter((i) => i % 2)); // after [], "without the evens"
  });

  it('stops at the run budget with the smallest set that failed, verified', async () => {
    const { test, calls } = failsWith(1, 30, 61);
    const r = await minimize(range(64), test, opts(14));
    expect(calls.length).toBeLessThanOrEqual(14);
    expect(r.complete).toBe(false);
    expect(r.verified).toBe(true);
    expect(r.items.length).toBeLessThan(64);
    expect(r.items).toEqual(expect.arrayContaining([1, 30, 61]));
  });

  it('falls back to a set that failed exactly when the reduced set does not fail (flaky)', async () => {
    // Runs claim only item 0 struck, but [0] alone passes.
    const r = await minimize(range(8), async (s) => (s.length > 1 ? [0] : undefined), opts());
    expect(r.verified).toBe(true);
    expect(r.items.length).toBeGreaterThan(1);
  });
});
