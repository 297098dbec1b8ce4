/**
 * The whole conformance suite against the in-process fake: every case must pass except the listed
 * known gaps, deliberate deviations and pending areas. A listed case that passes is reported as
 * "fixed, remove from the list" (a warning, not a failure), so the lead can prune the lists.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_CASES } from './cases/index.js';
import { runSuite, type SuiteResult } from './runner.js';
import { fakeTarget } from './targets/fake.js';
import { FAILING_VERDICTS } from './verdict.js';
import { KNOWN_FAKE_GAPS } from './known-fake-gaps.js';
import { DEVIATIONS } from './deviations.js';

let result: SuiteResult;
const judged = ALL_CASES;

describe('conformance suite on the fake API server', () => {
  beforeAll(async () => {
    // All cases at once, with the CLI's default concurrency: cases that create and delete CRDs of
    // one group at the same time are part of what this checks.
    result = await runSuite({ targets: [fakeTarget()], cases: ALL_CASES, concurrency: 4 });
  }, 600_000);

  it('ran every case on the fake', () => {
    expect(result.targets[0].status).toBe('ran');
    expect(Object.keys(result.targets[0].runs).length).toBe(judged.length);
  });

  it('lists only existing cases in known-fake-gaps.ts and deviations.ts', () => {
    const names = new Set(ALL_CASES.map((c) => c.name));
    expect([...KNOWN_FAKE_GAPS, ...DEVIATIONS].map((g) => g.case).filter((n) => !names.has(n))).toEqual([]);
  });

  for (const def of judged) {
    it(`${def.area}/${def.name}`, () => {
      const outcome = result.cases.find((c) => c.name === def.name)!;
      const run = result.targets[0].runs[def.name];
      if (outcome.verdict.verdict === 'gap-fixed') console.warn(`conformance: ${def.name}: ${outcome.verdict.note}`);
      expect(FAILING_VERDICTS.has(outcome.verdict.verdict), `${outcome.verdict.note}: ${run?.message ?? ''}`).toBe(false);
    });
  }
});
