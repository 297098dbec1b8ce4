/**
 * The report model: everything report.json holds, built once from a SuiteResult and rendered as
 * JSON, Markdown and HTML. Also the run's exit code, so the CLI and the report agree.
 */
import { PENDING_ON_FAKE } from '../areas.js';
import { DEVIATIONS, type Deviation } from '../deviations.js';
import { KNOWN_FAKE_GAPS, type KnownGap } from '../known-fake-gaps.js';
import type { CaseOutcome, SuiteResult } from '../runner.js';
import type { CaseRun, TargetInfo } from '../types.js';
import { FAILING_VERDICTS, type Verdict } from '../verdict.js';
import type { Difference } from '../differential.js';

export interface TargetSummary extends TargetInfo {
  status: 'ran' | 'unavailable' | 'error';
  message?: string;
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

export interface ReportCase {
  name: string;
  area: string;
  description: string;
  spec?: string;
  verdict: Verdict;
  note: string;
  differences: Difference[];
  /** Per target name. */
  results: Record<string, CaseRun>;
}

export interface ReportModel {
  tool: 'kubeharness conformance';
  generatedAt: string;
  durationMs: number;
  targets: TargetSummary[];
  verdictCounts: Partial<Record<Verdict, number>>;
  /** True when the run should exit non-zero. */
  failed: boolean;
  strict: boolean;
  deviations: Deviation[];
  knownGaps: KnownGap[];
  pendingAreas: Record<string, string>;
  cases: ReportCase[];
}

export function buildReport(result: SuiteResult, options: { strict?: boolean } = {}): ReportModel {
  const strict = options.strict ?? false;
  const targets: TargetSummary[] = result.targets.map((t) => {
    const runs = Object.values(t.runs);
    return {
      ...t.info,
      status: t.status,
      message: t.message,
      passed: runs.filter((r) => r.status === 'passed').length,
      failed: runs.filter((r) => r.status === 'failed').length,
      skipped: runs.filter((r) => r.status === 'skipped').length,
      durationMs: t.durationMs,
    };
  });
  const cases: ReportCase[] = result.cases.map((c: CaseOutcome) => {
    const runs = result.targets.filter((t) => t.runs[c.name]).map((t) => [t.info.name, t.runs[c.name]] as const);
    // Recorded requests are kept where someone will read them: cases with a failure, a soft
    // failure or a difference on any target (all targets, for the side-by-side view).
    const interesting = c.differences.length > 0 || runs.some(([, r]) => r.status === 'failed' || r.softFailures > 0);
    return {
      name: c.name,
      area: c.area,
      description: c.description,
      spec: c.spec,
      verdict: c.verdict.verdict,
      note: c.verdict.note,
      differences: c.differences,
      results: Object.fromEntries(runs.map(([name, r]) => [name, interesting ? r : { ...r, exchanges: [] }])),
    };
  });
  const verdictCounts: Partial<Record<Verdict, number>> = {};
  for (const c of cases) verdictCounts[c.verdict] = (verdictCounts[c.verdict] ?? 0) + 1;
  return {
    tool: 'kubeharness conformance',
    generatedAt: result.startedAt,
    durationMs: result.durationMs,
    targets,
    verdictCounts,
    failed: exitCodeOf(cases, strict) !== 0 || targets.some((t) => t.status === 'error'),
    strict,
    deviations: DEVIATIONS,
    knownGaps: KNOWN_FAKE_GAPS,
    pendingAreas: { ...PENDING_ON_FAKE } as Record<string, string>,
    cases,
  };
}

/** Non-zero when a case is an unexpected difference or a wrong case (and, with strict, a known gap). */
export function exitCodeOf(cases: Array<{ verdict: Verdict }>, strict = false): number {
  return cases.some((c) => FAILING_VERDICTS.has(c.verdict) || (strict && c.verdict === 'known-gap')) ? 1 : 0;
}

/** `TARGET: N passed, M failed` (exactly this form; skipped cases are not counted). */
export function closingLine(t: TargetSummary): string {
  return `${t.name}: ${t.passed} passed, ${t.failed} failed`;
}
