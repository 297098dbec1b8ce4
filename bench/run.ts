/**
 * `npm run bench [-- NAME...] [--quick] [--json FILE] [--strict]`
 *
 * Runs every `bench/*.bench.ts` (or the named ones: `fake-apiserver` runs
 * bench/fake-apiserver.bench.ts), each in its own Node process so that one benchmark's heap and
 * JIT state cannot colour the next. Prints the machine once, each bench's own output as it runs,
 * and a summary table of every measurement at the end.
 *
 *   --quick       reduced sizes (sets BENCH_QUICK=1), for smoke runs
 *   --json FILE   also write every result as JSON
 *   --strict      exit 1 when a measurement misses its target (default: report only, since shared
 *                 machines make timings noisy)
 *
 * Any `*.bench.ts` script works: it runs with no arguments, prints what it measured, and exits 0
 * (non-zero counts as a failed bench). Scripts that use bench/harness.ts
 * (`await runBench('name', async (log) => [...measurements])`) also get their measurements, with
 * floors, ratios and targets, into the summary table.
 */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatDetails, formatMachine, formatTable, machineInfo, meetsTarget, RESULT_PREFIX, type BenchResult } from './harness.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function usage(): string {
  return 'Usage: npm run bench [-- NAME...] [--quick] [--json FILE] [--strict]\n';
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { quick: { type: 'boolean' }, json: { type: 'string' }, strict: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n${usage()}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(usage());
    return 0;
  }
  const available = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const nameOf = (f: string) => basename(f, '.bench.ts');
  let chosen = available;
  if (parsed.positionals.length > 0) {
    const wanted = parsed.positionals.map((p) => basename(p).replace(/\.bench\.ts$/, ''));
    const unknown = wanted.filter((w) => !available.some((f) => nameOf(f) === w));
    if (unknown.length) {
      process.stderr.write(`bench: no bench named ${unknown.join(', ')}; available: ${available.map(nameOf).join(', ') || '(none)'}\n`);
      return 2;
    }
    chosen = available.filter((f) => wanted.includes(nameOf(f)));
  }
  if (chosen.length === 0) {
    process.stderr.write(`bench: no bench/*.bench.ts files found\n`);
    return 2;
  }

  process.stdout.write(`${formatMachine(machineInfo())}\n\n`);
  const results: BenchResult[] = [];
  const failed: string[] = [];
  const reportOnly: string[] = [];
  for (const file of chosen) {
    const r = await runChild(join(BENCH_DIR, file), parsed.values.quick === true);
    if (!r.ok) failed.push(nameOf(file));
    else if (r.result) results.push(r.result);
    else reportOnly.push(nameOf(file));
    process.stdout.write('\n');
  }

  const rows = results.flatMap((r) => r.measurements.map((m) => ({ bench: r.bench, m })));
  if (rows.length) {
    process.stdout.write(`Summary (${new Date().toISOString()})\n\n${formatTable(rows)}\n`);
    const details = formatDetails(rows);
    if (details) process.stdout.write(`\n${details}\n`);
  }
  if (parsed.values.json) {
    writeFileSync(parsed.values.json, JSON.stringify({ machine: machineInfo(), results }, null, 2) + '\n');
    process.stdout.write(`\nwrote ${parsed.values.json}\n`);
  }
  if (reportOnly.length) process.stdout.write(`\nNot in the table (their own output is above): ${reportOnly.join(', ')}\n`);
  const missed = rows.filter(({ m }) => meetsTarget(m) === false);
  if (missed.length)
    process.stdout.write(
      `\n${missed.length} measurement(s) missed their target: ${missed.map(({ bench, m }) => `${bench}: ${m.name}`).join('; ')}\n`,
    );
  if (failed.length) {
    process.stdout.write(`\nFailed: ${failed.join(', ')}\n`);
    return 1;
  }
  return parsed.values.strict && missed.length ? 1 : 0;
}

/** Runs one bench file in a child Node process, streaming its output; returns its result, if it reports one. */
function runChild(file: string, quick: boolean): Promise<{ ok: boolean; result?: BenchResult }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', TSX_LOADER, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_CHILD: '1', ...(quick ? { BENCH_QUICK: '1' } : {}) },
    });
    let result: BenchResult | undefined;
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
        else process.stdout.write(`${line}\n`);
      }
    });
    child.on('close', (code, signal) => {
      if (pending) process.stdout.write(pending);
      if (code !== 0) process.stderr.write(`bench: ${basename(file)} exited with ${signal ?? `code ${code}`}\n`);
      resolve({ ok: code === 0, result });
    });
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
