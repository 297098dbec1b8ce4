/**
 * Runs cases against targets. Targets run concurrently; on each target up to `concurrency` cases
 * run at once, each in a namespace of its own that the harness creates before and deletes after
 * (without waiting: deletion is asynchronous on a real cluster). Exclusive cases run alone.
 */
import { randomSuffix, CaseContext } from './harness/context.js';
import { CaseSkipped, CheckFailed } from './harness/checks.js';
import { CONFORMANCE_LABEL } from './harness/fixtures.js';
import { ApiClient } from './http/client.js';
import { TargetUnavailable, type OpenedTarget, type Target } from './targets/types.js';
import type { CaseDefinition, CaseRun, TargetInfo } from './types.js';
import { compareObservations, type Difference } from './differential.js';
import { judgeCase, type CaseVerdict, type Listings, DEFAULT_LISTINGS } from './verdict.js';

export interface ProgressEvent {
  target: string;
  caseName: string;
  area: string;
  run: CaseRun;
  done: number;
  total: number;
}

export interface RunSuiteOptions {
  targets: Target[];
  cases: CaseDefinition[];
  /** Cases in flight per target (default 4). */
  concurrency?: number;
  onProgress?: (e: ProgressEvent) => void;
  log?: (line: string) => void;
  listings?: Listings;
}

export interface TargetRun {
  info: TargetInfo;
  /** ran; unavailable (skipped with message); error (could not be opened). */
  status: 'ran' | 'unavailable' | 'error';
  message?: string;
  runs: Record<string, CaseRun>;
  durationMs: number;
}

export interface CaseOutcome {
  name: string;
  area: CaseDefinition['area'];
  description: string;
  spec?: string;
  verdict: CaseVerdict;
  differences: Difference[];
}

export interface SuiteResult {
  startedAt: string;
  durationMs: number;
  targets: TargetRun[];
  cases: CaseOutcome[];
}

export async function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const targetRuns = await Promise.all(options.targets.map((t) => runTarget(t, options, log)));
  const cases: CaseOutcome[] = options.cases.map((def) => {
    const runs = targetRuns
      .filter((tr) => tr.status === 'ran' && tr.runs[def.name])
      .map((tr) => ({ kind: tr.info.kind, target: tr.info.name, run: tr.runs[def.name] }));
    const differences =
      def.differential === false
        ? []
        : compareObservations(runs.filter((r) => r.run.status !== 'skipped').map((r) => ({ target: r.target, kind: r.kind, run: r.run })));
    return {
      name: def.name,
      area: def.area,
      description: def.description,
      spec: def.spec,
      verdict: judgeCase(def.name, def.area, runs, options.listings ?? DEFAULT_LISTINGS),
      differences,
    };
  });
  return { startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, targets: targetRuns, cases };
}

async function runTarget(target: Target, options: RunSuiteOptions, log: (l: string) => void): Promise<TargetRun> {
  const started = Date.now();
  const info: TargetInfo = { name: target.name, kind: target.kind, description: target.description };
  const result: TargetRun = { info, status: 'ran', runs: {}, durationMs: 0 };
  let opened: OpenedTarget;
  try {
    opened = await target.open(log);
  } catch (e) {
    result.status = e instanceof TargetUnavailable ? 'unavailable' : 'error';
    result.message = (e as Error).message;
    log(`[${target.name}] ${result.status}: ${result.message}`);
    result.durationMs = Date.now() - started;
    return result;
  }
  try {
    const probe = new ApiClient(opened.connection);
    const version = await probe.request('GET', '/version');
    info.version = version.json?.gitVersion;
    await runCases(target, opened, info, options, result);
  } catch (e) {
    result.status = 'error';
    result.message = (e as Error).message;
    log(`[${target.name}] error: ${result.message}`);
  } finally {
    await opened.close().catch((e) => log(`[${target.name}] close failed: ${(e as Error).message}`));
  }
  result.durationMs = Date.now() - started;
  return result;
}

async function runCases(
  target: Target,
  opened: OpenedTarget,
  info: TargetInfo,
  options: RunSuiteOptions,
  result: TargetRun,
): Promise<void> {
  const limit = Math.max(1, options.concurrency ?? 4);
  const queue = executionOrder(options.cases);
  const total = queue.length;
  let done = 0;
  const inFlight = new Set<Promise<void>>();
  const start = (def: CaseDefinition) => {
    const p = runCase(def, opened, info).then((run) => {
      result.runs[def.name] = run;
      done++;
      options.onProgress?.({ target: target.name, caseName: def.name, area: def.area, run, done, total });
    });
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  for (const def of queue) {
    if (def.exclusive) {
      await Promise.all(inFlight);
      start(def);
      await Promise.all(inFlight);
      continue;
    }
    while (inFlight.size >= limit) await Promise.race(inFlight);
    start(def);
  }
  await Promise.all(inFlight);
}

/**
 * Longest-first: cases with a long timeout wait on controllers (namespace deletion, garbage
 * collection), whose queues fill up with every case namespace the harness deletes, so they start
 * first. Exclusive cases run last, when nothing else needs to be in flight. Stable otherwise.
 */
export function executionOrder(cases: CaseDefinition[]): CaseDefinition[] {
  const rank = (c: CaseDefinition) => (c.exclusive ? 1 : 0);
  return cases
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || (b.c.timeoutMs ?? 30_000) - (a.c.timeoutMs ?? 30_000) || a.i - b.i)
    .map((x) => x.c);
}

class CaseTimeout extends Error {}

/** Namespace names: `kh-<case name, shortened>-<5 random chars>` (at most 63 characters). */
export function namespaceFor(caseName: string): string {
  const slug = caseName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  return `kh-${slug}-${randomSuffix()}`;
}

export async function runCase(def: CaseDefinition, opened: OpenedTarget, info: TargetInfo): Promise<CaseRun> {
  const api = new ApiClient(opened.connection);
  const ns = namespaceFor(def.name);
  const runId = randomSuffix(8);
  const t = new CaseContext(ns, runId, info, api, opened.capabilities);
  const started = performance.now();
  let status: CaseRun['status'] = 'passed';
  let message: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const nsRes = await api.request('POST', '/api/v1/namespaces', {
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { [CONFORMANCE_LABEL]: 'true' } } },
    });
    if (nsRes.status !== 201)
      throw new Error(`harness: could not create namespace ${ns}: HTTP ${nsRes.status} ${nsRes.text.slice(0, 200)}`);
    const timeoutMs = def.timeoutMs ?? 30_000;
    await Promise.race([
      def.run(t),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CaseTimeout(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (e) {
    if (e instanceof CaseSkipped) {
      status = 'skipped';
      message = e.message;
    } else {
      status = 'failed';
      message = e instanceof CheckFailed || e instanceof CaseTimeout ? e.message : `error: ${(e as Error).message ?? String(e)}`;
    }
  } finally {
    clearTimeout(timer);
  }
  api.closeAll();
  const cleanupErrors = await t.runCleanups();
  try {
    await api.request('DELETE', `/api/v1/namespaces/${ns}`);
  } catch {
    // Best effort: leftovers carry the kubeharness.io/conformance label.
  }
  if (cleanupErrors.length > 0 && status === 'passed') message = `cleanup: ${cleanupErrors.join('; ')}`;
  return {
    status,
    durationMs: Math.round(performance.now() - started),
    message,
    assertions: t.assertions,
    observations: t.observations,
    exchanges: api.exchanges,
    namespace: ns,
    softFailures: t.assertions.filter((a) => !a.passed && a.strength !== 'MUST').length,
    tokens: Object.fromEntries([[ns, '<ns>'], [runId, '<run>'], ...t.randomTokens.map((r) => [r, '<rand>'])]),
  };
}
