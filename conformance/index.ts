/**
 * kubeharness/conformance: API-semantics cases that run unchanged against the fake API server and
 * real clusters, a runner, differential comparison, and reports.
 *
 *   const result = await runSuite({ targets: [fakeTarget(), referenceTarget()], cases: ALL_CASES });
 *   await writeReport(buildReport(result));
 */
export { runSuite, runCase, executionOrder, namespaceFor } from './runner.js';
export type { RunSuiteOptions, SuiteResult, TargetRun, CaseOutcome, ProgressEvent } from './runner.js';
export { ALL_CASES } from './cases/index.js';
export { defineCase, selectCases, assertUniqueNames } from './define.js';
export { AREAS } from './types.js';
export type { Area, Strength, CaseDefinition, CaseRun, CaseStatus, AssertionResult, Exchange, TargetInfo, TargetKind } from './types.js';
export { PENDING_ON_FAKE, pendingReason } from './areas.js';
export { DEVIATIONS, type Deviation } from './deviations.js';
export { KNOWN_FAKE_GAPS, type KnownGap } from './known-fake-gaps.js';
export { judgeCase, FAILING_VERDICTS, type Verdict, type CaseVerdict, type Listings } from './verdict.js';
export { normalise, type NormaliseOptions } from './normalise.js';
export { diff, type DiffEntry } from './diff.js';
export { compareObservations, type Difference } from './differential.js';
export { buildReport, exitCodeOf, closingLine, type ReportModel, type ReportCase, type TargetSummary } from './report/model.js';
export { renderHtml } from './report/html.js';
export { renderMarkdown } from './report/markdown.js';
export { writeReport, DEFAULT_REPORT_DIR } from './report/write.js';
export { fakeTarget } from './targets/fake.js';
export { referenceTarget } from './targets/reference.js';
export { kubeconfigTarget } from './targets/kubeconfig.js';
export { k3sTarget, DEFAULT_K3S_IMAGE } from './targets/k3s.js';
export { parseTargetSpec } from './targets/parse.js';
export { TargetUnavailable, type Target, type OpenedTarget } from './targets/types.js';
export { CaseContext, type TargetCapabilities, type PatchType } from './harness/context.js';
export { Checks, CheckFailed, CaseSkipped } from './harness/checks.js';
export { R, resourcePath, type ResourceRef } from './harness/resources.js';
export { connect, ApiClient, type Connection, type Res } from './http/client.js';
export { readKubeconfig, parseKubeconfig, type ConnectionConfig } from './http/kubeconfig.js';
export { WatchStream, type WatchEvent } from './http/watch.js';
