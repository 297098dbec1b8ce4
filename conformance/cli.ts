/**
 * npx tsx conformance/cli.ts --target fake --target reference [--out DIR] [--area X] [--case NAME]
 *
 * Runs the cases against every target, prints progress, writes the report, and ends with one line
 * per target: `TARGET: N passed, M failed`. Exit code 1 on an unexpected difference or a wrong case.
 */
import { parseArgs } from 'node:util';
import { pendingReason } from './areas.js';
import { ALL_CASES } from './cases/index.js';
import { selectCases } from './define.js';
import { buildReport, closingLine } from './report/model.js';
import { DEFAULT_REPORT_DIR, writeReport } from './report/write.js';
import { runSuite } from './runner.js';
import { parseTargetSpec } from './targets/parse.js';
import { AREAS } from './types.js';

const USAGE = `Usage: conformance --target SPEC [--target SPEC ...] [options]

Targets (repeatable):
  fake                              the in-process fake API server
  reference                         the reference cluster (started if needed, stopped after if started)
  k3s[=IMAGE]                       k3s in Docker via testcontainers (skipped without Docker or the packages)
  kubeconfig=PATH[,context=NAME]    any cluster from a kubeconfig

Options:
  --out DIR          report directory (default ${DEFAULT_REPORT_DIR})
  --area AREA        only this area (repeatable): ${AREAS.join(', ')}
  --case NAME        only this case (repeatable; exact name or substring)
  --concurrency N    cases in flight per target (default 4)
  --strict           known fake gaps fail the run too
  --list             list the cases and exit
  --quiet            print only failures and the closing lines
`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string', multiple: true },
      out: { type: 'string' },
      area: { type: 'string', multiple: true },
      case: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      strict: { type: 'boolean' },
      list: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const cases = selectCases(ALL_CASES, { areas: values.area, names: values.case });
  if (values.list) {
    for (const c of cases) {
      const pending = pendingReason(c.area);
      console.log(`${c.area.padEnd(17)} ${c.name}${pending ? '   [pending on fake]' : ''}`);
    }
    console.log(`${cases.length} cases`);
    return 0;
  }
  if (!values.target || values.target.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (cases.length === 0) {
    process.stderr.write('no case matches the filters\n');
    return 2;
  }
  const targets = values.target.map(parseTargetSpec);
  const width = Math.max(...targets.map((t) => t.name.length));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`conformance: ${cases.length} cases x ${targets.length} target(s): ${targets.map((t) => t.name).join(', ')}`);
  const result = await runSuite({
    targets,
    cases,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    log,
    onProgress(e) {
      if (values.quiet && e.run.status !== 'failed') return;
      const mark = e.run.status === 'passed' ? 'PASS' : e.run.status === 'failed' ? 'FAIL' : 'SKIP';
      const soft = e.run.softFailures > 0 ? ` (${e.run.softFailures} soft)` : '';
      const why = e.run.status !== 'passed' && e.run.message ? `  ${e.run.message.split('\n')[0].slice(0, 200)}` : '';
      log(`[${e.target.padEnd(width)} ${String(e.done).padStart(3)}/${e.total}] ${mark} ${e.area}/${e.caseName}${soft}${why}`);
    },
  });
  const model = buildReport(result, { strict: values.strict });
  const paths = await writeReport(model, values.out ?? DEFAULT_REPORT_DIR);
  for (const c of model.cases) {
    if (['unexpected-difference', 'wrong-case', 'fake-failure', 'gap-fixed', 'targets-disagree'].includes(c.verdict)) {
      log(`${c.verdict}: ${c.name}: ${c.note}`);
    }
  }
  log(`report: ${paths.html} (also ${paths.json}, ${paths.markdown})`);
  for (const t of model.targets) {
    if (t.status !== 'ran') log(`${t.name}: ${t.status}: ${t.message ?? ''}`);
  }
  for (const t of model.targets) if (t.status === 'ran') console.log(closingLine(t));
  return model.failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`conformance: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(2);
  },
);
