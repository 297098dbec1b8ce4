/**
 * Judging a case across targets. The real targets are the judge: a case that fails on every real
 * target is a wrong case; a case that a real target passes and the fake fails is a fake gap.
 *
 *   ok                     every target that ran it agrees with the case
 *   unexpected-difference  a real target passes, the fake fails, and nothing lists it   (fails the run)
 *   wrong-case             every real target fails it (or, fake only: every target)     (fails the run)
 *   fake-failure           only the fake ran it, it failed, and nothing lists it         (fails the run)
 *   known-gap              the fake fails as listed in known-fake-gaps.ts or a pending area
 *   deviation              the fake fails as listed in deviations.ts
 *   gap-fixed              listed as a gap or deviation, but the fake passes: remove the entry
 *   targets-disagree       real targets disagree among themselves (reported only)
 *   not-judged             skipped everywhere
 */
import { PENDING_ON_FAKE } from './areas.js';
import { DEVIATIONS, type Deviation } from './deviations.js';
import { KNOWN_FAKE_GAPS, type KnownGap } from './known-fake-gaps.js';
import type { Area, CaseRun, TargetKind } from './types.js';

export type Verdict =
  | 'ok'
  | 'unexpected-difference'
  | 'wrong-case'
  | 'fake-failure'
  | 'known-gap'
  | 'deviation'
  | 'gap-fixed'
  | 'targets-disagree'
  | 'not-judged';

export const FAILING_VERDICTS: ReadonlySet<Verdict> = new Set(['unexpected-difference', 'wrong-case', 'fake-failure']);

export interface Listings {
  gaps: KnownGap[];
  deviations: Deviation[];
  /** Areas not implemented by the fake yet (default: areas.ts). */
  pending?: Partial<Record<Area, string>>;
}

export const DEFAULT_LISTINGS: Listings = { gaps: KNOWN_FAKE_GAPS, deviations: DEVIATIONS, pending: PENDING_ON_FAKE };

export interface CaseVerdict {
  verdict: Verdict;
  /** One line for the report. */
  note: string;
}

export function judgeCase(
  caseName: string,
  area: Area,
  runs: Array<{ kind: TargetKind; target: string; run: CaseRun }>,
  listings: Listings = DEFAULT_LISTINGS,
): CaseVerdict {
  const judged = runs.filter((r) => r.run.status !== 'skipped');
  if (judged.length === 0) return { verdict: 'not-judged', note: 'skipped on every target' };
  const fake = judged.filter((r) => r.kind === 'fake');
  const real = judged.filter((r) => r.kind === 'real');
  const fakeFailed = fake.some((r) => r.run.status === 'failed');
  const fakePassed = fake.length > 0 && !fakeFailed;
  const deviation = listings.deviations.find((d) => d.case === caseName);
  const gap = listings.gaps.find((g) => g.case === caseName);
  const pending = (listings.pending ?? PENDING_ON_FAKE)[area];
  const listedNote = deviation
    ? `deliberate deviation: ${deviation.reason}`
    : gap
      ? `known fake gap: expected ${gap.expected}; observed ${gap.observed}`
      : pending
        ? `pending area: ${pending}`
        : '';

  const listedVerdict = (): CaseVerdict =>
    deviation ? { verdict: 'deviation', note: listedNote } : { verdict: 'known-gap', note: listedNote };
  const fixedVerdict = (): CaseVerdict | undefined =>
    deviation || gap
      ? {
          verdict: 'gap-fixed',
          note: `fixed, remove from ${deviation ? 'deviations.ts' : 'known-fake-gaps.ts'}: the fake passes this case now`,
        }
      : undefined;

  if (real.length > 0) {
    const realPassed = real.filter((r) => r.run.status === 'passed');
    if (realPassed.length === 0) {
      return { verdict: 'wrong-case', note: `fails on every real target (${real.map((r) => r.target).join(', ')}): the case is wrong` };
    }
    if (fakeFailed) {
      if (deviation || gap || pending) return listedVerdict();
      return {
        verdict: 'unexpected-difference',
        note: `passes on ${realPassed.map((r) => r.target).join(', ')} but fails on the fake`,
      };
    }
    if (fakePassed) {
      const fixed = fixedVerdict();
      if (fixed) return fixed;
    }
    if (realPassed.length < real.length) {
      return {
        verdict: 'targets-disagree',
        note: `fails on ${real
          .filter((r) => r.run.status === 'failed')
          .map((r) => r.target)
          .join(', ')}`,
      };
    }
    return { verdict: 'ok', note: '' };
  }

  // Only the fake ran it.
  if (fakeFailed) {
    if (deviation || gap || pending) return listedVerdict();
    return { verdict: 'fake-failure', note: 'fails on the fake (no real target ran it to judge)' };
  }
  return fixedVerdict() ?? { verdict: 'ok', note: '' };
}
