import { describe, expect, it } from 'vitest';
import type { CaseRun, TargetKind } from './types.js';
import { judgeCase, type Listings } from './verdict.js';

const run = (status: CaseRun['status']): CaseRun => ({
  status,
  durationMs: 1,
  assertions: [],
  observations: {},
  exchanges: [],
  softFailures: 0,
  tokens: {},
});
const r = (target: string, kind: TargetKind, status: CaseRun['status']) => ({ target, kind, run: run(status) });
const listings: Listings = {
  gaps: [{ case: 'gap', expected: 'e', observed: 'o' }],
  deviations: [{ case: 'dev', reason: 'on purpose' }],
  pending: { apply: 'not yet' },
};
const judge = (name: string, runs: ReturnType<typeof r>[], area: 'crud' | 'apply' = 'crud') =>
  judgeCase(name, area, runs, listings).verdict;

describe('judgeCase', () => {
  it('is ok when every target passes', () => {
    expect(judge('x', [r('fake', 'fake', 'passed'), r('reference', 'real', 'passed')])).toBe('ok');
  });
  it('flags a fake failure that a real target passes', () => {
    expect(judge('x', [r('fake', 'fake', 'failed'), r('reference', 'real', 'passed')])).toBe('unexpected-difference');
    expect(judge('gap', [r('fake', 'fake', 'failed'), r('reference', 'real', 'passed')])).toBe('known-gap');
    expect(judge('dev', [r('fake', 'fake', 'failed'), r('reference', 'real', 'passed')])).toBe('deviation');
    expect(judge('x', [r('fake', 'fake', 'failed'), r('reference', 'real', 'passed')], 'apply')).toBe('known-gap');
  });
  it('calls a case that every real target fails a wrong case, whatever the fake did', () => {
    expect(judge('x', [r('fake', 'fake', 'passed'), r('reference', 'real', 'failed')])).toBe('wrong-case');
    expect(judge('gap', [r('fake', 'fake', 'failed'), r('reference', 'real', 'failed')])).toBe('wrong-case');
  });
  it('reports fixed gaps and deviations', () => {
    expect(judge('gap', [r('fake', 'fake', 'passed'), r('reference', 'real', 'passed')])).toBe('gap-fixed');
    expect(judge('dev', [r('fake', 'fake', 'passed')])).toBe('gap-fixed');
  });
  it('judges fake-only runs by the lists', () => {
    expect(judge('x', [r('fake', 'fake', 'failed')])).toBe('fake-failure');
    expect(judge('gap', [r('fake', 'fake', 'failed')])).toBe('known-gap');
    expect(judge('x', [r('fake', 'fake', 'passed')])).toBe('ok');
  });
  it('reports disagreeing real targets and skipped cases', () => {
    expect(judge('x', [r('fake', 'fake', 'passed'), r('reference', 'real', 'passed'), r('k3s', 'real', 'failed')])).toBe(
      'targets-disagree',
    );
    expect(judge('x', [r('fake', 'fake', 'skipped'), r('reference', 'real', 'skipped')])).toBe('not-judged');
    expect(judge('x', [r('fake', 'fake', 'passed'), r('reference', 'real', 'skipped')])).toBe('ok');
  });
});
