// Runs the client-go conformance program (conformance/clients/client-go) against the fake and/or the
// reference cluster and compares the targets scenario by scenario.
//
//   npx tsx conformance/clients/run-client-go.ts [--target fake] [--target reference]
//       [--reference-kubeconfig PATH] [--reference-state-dir DIR] [--scenarios a,b] [--json]
import { execFile } from 'node:child_process';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { diff, type DiffEntry } from '../diff.js';
import { buildGoModule, type GoBuildResult } from './go-build.js';
import { knownDifference, type KnownDifference } from './known-differences.js';
import { startTarget, type ClientTarget, type TargetName, type TargetOptions } from './targets.js';

export interface ScenarioResult {
  scenario: string;
  ok: boolean;
  observations: Record<string, unknown>;
  error?: string;
  durationMs?: number;
}

export interface ScenarioComparison {
  scenario: string;
  /** ok per target. */
  ok: Partial<Record<TargetName, boolean>>;
  errors: Partial<Record<TargetName, string>>;
  /** Observation differences (a = first target, b = second). */
  differences: DiffEntry[];
  /** Present on only one target. */
  missingOn?: TargetName;
  /** Set when the scenario is listed in known-differences.ts. */
  known?: KnownDifference;
}

export interface ClientGoReport {
  build: GoBuildResult;
  results: Partial<Record<TargetName, ScenarioResult[]>>;
  comparisons: ScenarioComparison[];
  /** Scenarios that fail or differ and are not listed in known-differences.ts. */
  unexpected: ScenarioComparison[];
  /** Listed scenarios that now pass and agree (remove them from the list). */
  fixed: ScenarioComparison[];
  /** True when every scenario passed on every target and the targets agree (known differences aside, unless strict). */
  passed: boolean;
}

export function buildClientGoConformance(options: { force?: boolean; log?: (l: string) => void } = {}): Promise<GoBuildResult> {
  return buildGoModule('client-go', 'client-go-conformance', options);
}

/** Runs the program once against a kubeconfig and parses its JSON lines. */
export function runClientGoProgram(
  binary: string,
  kubeconfig: string,
  options: { namespace?: string; scenarios?: string[]; timeoutMs?: number; stderr?: (chunk: string) => void } = {},
): Promise<ScenarioResult[]> {
  const namespace = options.namespace ?? `kh-cg-${process.pid}-${Date.now() % 100000}`;
  const args = ['--kubeconfig', kubeconfig, '--namespace', namespace];
  if (options.scenarios?.length) args.push('--scenarios', options.scenarios.join(','));
  return new Promise((resolve, reject) => {
    const child = execFile(binary, args, { timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 << 20 }, (err, stdout) => {
      const results: ScenarioResult[] = [];
      for (const line of stdout.split('\n')) {
        if (!line.trim().startsWith('{')) continue;
        try {
          results.push(JSON.parse(line) as ScenarioResult);
        } catch {
          // not a result line
        }
      }
      // Exit code 1 means "some scenario failed"; the results say which.
      if (err && results.length === 0) reject(new Error(`client-go-conformance failed: ${err.message}`));
      else resolve(results);
    });
    child.stderr?.on('data', (d: Buffer) => options.stderr?.(d.toString()));
  });
}

/** Compares the results of two targets: ok must match and observations must be equal. */
export function compareResults(
  a: { name: TargetName; results: ScenarioResult[] },
  b: { name: TargetName; results: ScenarioResult[] },
): ScenarioComparison[] {
  const out: ScenarioComparison[] = [];
  const bBy = new Map(b.results.map((r) => [r.scenario, r]));
  const seen = new Set<string>();
  for (const ra of a.results) {
    seen.add(ra.scenario);
    const rb = bBy.get(ra.scenario);
    if (!rb) {
      out.push({ scenario: ra.scenario, ok: { [a.name]: ra.ok }, errors: {}, differences: [], missingOn: b.name });
      continue;
    }
    out.push({
      scenario: ra.scenario,
      ok: { [a.name]: ra.ok, [b.name]: rb.ok },
      errors: { ...(ra.error ? { [a.name]: ra.error } : {}), ...(rb.error ? { [b.name]: rb.error } : {}) },
      differences: diff(ra.observations, rb.observations),
    });
  }
  for (const rb of b.results) {
    if (!seen.has(rb.scenario))
      out.push({ scenario: rb.scenario, ok: { [b.name]: rb.ok }, errors: {}, differences: [], missingOn: a.name });
  }
  return out;
}

export function comparisonPassed(c: ScenarioComparison): boolean {
  return !c.missingOn && c.differences.length === 0 && Object.values(c.ok).every(Boolean);
}

/** Builds the program and runs it against each target (sequentially), comparing the first two. */
export async function runClientGoConformance(
  options: TargetOptions & {
    targets?: TargetName[];
    scenarios?: string[];
    strict?: boolean;
    buildLog?: (l: string) => void;
    stderr?: (chunk: string) => void;
  } = {},
): Promise<ClientGoReport> {
  const targets = options.targets ?? ['fake', 'reference'];
  const build = await buildClientGoConformance({ log: options.buildLog ?? options.log });
  const results: Partial<Record<TargetName, ScenarioResult[]>> = {};
  for (const name of targets) {
    let target: ClientTarget | undefined;
    try {
      target = await startTarget(name, options);
      results[name] = await runClientGoProgram(build.binary, target.kubeconfigPath, {
        scenarios: options.scenarios,
        stderr: options.stderr,
      });
    } finally {
      await target?.stop();
    }
  }
  let comparisons: ScenarioComparison[];
  if (targets.length >= 2) {
    comparisons = compareResults({ name: targets[0], results: results[targets[0]]! }, { name: targets[1], results: results[targets[1]]! });
  } else {
    const only = targets[0];
    comparisons = (results[only] ?? []).map((r) => ({
      scenario: r.scenario,
      ok: { [only]: r.ok },
      errors: r.error ? { [only]: r.error } : {},
      differences: [],
    }));
  }
  for (const c of comparisons) {
    const known = knownDifference('client-go', c.scenario);
    if (known) c.known = known;
  }
  const unexpected = comparisons.filter((c) => !comparisonPassed(c) && (options.strict || !c.known));
  const fixed = comparisons.filter((c) => comparisonPassed(c) && c.known);
  return { build, results, comparisons, unexpected, fixed, passed: comparisons.length > 0 && unexpected.length === 0 };
}

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

export function formatClientGoReport(report: ClientGoReport): string {
  const lines: string[] = [];
  lines.push(
    `client-go-conformance ${report.build.cached ? '(cached binary)' : `(built in ${report.build.seconds}s)`} ${report.build.binary}`,
  );
  for (const c of report.comparisons) {
    const oks = Object.entries(c.ok)
      .map(([t, ok]) => `${t}=${ok ? 'ok' : 'FAIL'}`)
      .join(' ');
    const verdict = comparisonPassed(c) ? (c.known ? 'FIXED' : 'PASS') : c.known ? 'KNOWN' : 'FAIL';
    lines.push(`${verdict}  ${c.scenario.padEnd(26)} ${oks}${c.differences.length ? `  ${c.differences.length} difference(s)` : ''}`);
    if (c.missingOn) lines.push(`        missing on ${c.missingOn}`);
    if (c.known && comparisonPassed(c)) lines.push('        fixed: remove it from conformance/clients/known-differences.ts');
    if (c.known && !comparisonPassed(c)) lines.push(`        known fake difference: ${c.known.observed}`);
    for (const [t, e] of Object.entries(c.errors)) lines.push(`        ${t} error: ${e}`);
    for (const d of c.differences) lines.push(`        ${d.path || '(root)'}: ${show(d.a)} != ${show(d.b)}`);
  }
  lines.push(
    report.passed ? 'all scenarios agree (known differences aside)' : `${report.unexpected.length} unexpected difference(s) or failure(s)`,
  );
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string', multiple: true },
      'reference-kubeconfig': { type: 'string' },
      'reference-state-dir': { type: 'string' },
      scenarios: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
    },
  });
  const targets = (values.target?.length ? values.target : ['fake', 'reference']) as TargetName[];
  for (const t of targets) if (t !== 'fake' && t !== 'reference') throw new Error(`unknown target ${t}`);
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const report = await runClientGoConformance({
    targets,
    referenceKubeconfig: values['reference-kubeconfig'],
    referenceStateDir: values['reference-state-dir'] ?? process.env.KUBEHARNESS_REFERENCE_DIR,
    scenarios: values.scenarios?.split(',').filter(Boolean),
    strict: values.strict,
    log,
    stderr: values.verbose ? (c) => process.stderr.write(c) : undefined,
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatClientGoReport(report)}\n`);
  return report.passed ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(2);
    },
  );
}
