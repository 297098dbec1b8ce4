/**
 * Shared pieces of the benchmarks in bench/: the machine description, statistics, and the result
 * table. A bench file (`bench/<name>.bench.ts`) calls `runBench(name, fn)` at top level; `fn`
 * returns its measurements. Run on its own (`npx tsx bench/<name>.bench.ts`) it prints the machine
 * and its table; run by bench/run.ts it also prints one machine-readable `BENCH_RESULT {...}` line
 * that run.ts collects into the summary.
 *
 * Ratios compare a measurement with a floor measured in the same run (the same work done by the
 * simplest possible server), as a cost: time / floor time, or floor rate / rate for throughputs.
 * So 1.0x means "as fast as the floor" and 2.0x "twice the floor's cost", whichever the unit.
 */
import { cpus, freemem, loadavg, totalmem, release, availableParallelism } from 'node:os';

export type Better = 'lower' | 'higher';

export interface Target {
  /** `<` / `<=` / `>=` compare the value; `ratio<=` compares value against floor. */
  kind: '<' | '<=' | '>=' | 'ratio<=';
  value: number;
}

export interface Measurement {
  name: string;
  unit: string;
  value: number;
  better: Better;
  floor?: number;
  target?: Target;
  /** Shown after the table (sizes, percentiles, how it was measured). */
  detail?: string;
}

export interface BenchResult {
  bench: string;
  machine: MachineInfo;
  measurements: Measurement[];
  durationMs: number;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  parallelism: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  loadAverage: number[];
  node: string;
  platform: string;
}

export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    parallelism: availableParallelism(),
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    loadAverage: loadavg().map((l) => round(l, 2)),
    node: process.version,
    platform: `${process.platform} ${process.arch} (kernel ${release()})`,
  };
}

export function formatMachine(m: MachineInfo): string {
  return [
    `CPU:     ${m.cpu} (${m.cores} cores, ${m.parallelism} usable)`,
    `Memory:  ${m.memoryGiB} GiB (${m.freeMemoryGiB} GiB free)`,
    `Node:    ${m.node} on ${m.platform}`,
    `Load:    ${m.loadAverage.join(' / ')} (1 / 5 / 15 min)${m.loadAverage[0] > m.cores ? '  -- busy machine: expect noisy numbers' : ''}`,
  ].join('\n');
}

export const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

/** The cost ratio against the floor: > 1 means slower than the floor. */
export function ratioOf(m: Measurement): number | undefined {
  if (m.floor === undefined || m.floor === 0 || m.value === 0) return undefined;
  return m.better === 'lower' ? m.value / m.floor : m.floor / m.value;
}

export function meetsTarget(m: Measurement): boolean | undefined {
  const t = m.target;
  if (!t) return undefined;
  switch (t.kind) {
    case '<':
      return m.value < t.value;
    case '<=':
      return m.value <= t.value;
    case '>=':
      return m.value >= t.value;
    case 'ratio<=': {
      const r = ratioOf(m);
      return r === undefined ? undefined : r <= t.value;
    }
  }
}

export function formatValue(x: number, unit: string): string {
  if (!Number.isFinite(x)) return String(x);
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`;
}

function formatTarget(m: Measurement): string {
  const t = m.target;
  if (!t) return '';
  if (t.kind === 'ratio<=') return `<= ${t.value}x floor`;
  return `${t.kind} ${formatValue(t.value, m.unit)}`;
}

/** A plain-text table: benchmark, value, floor, ratio, target, verdict. */
export function formatTable(rows: Array<{ bench?: string; m: Measurement }>): string {
  const header = ['benchmark', 'value', 'floor', 'ratio', 'target', 'ok'];
  const body = rows.map(({ bench, m }) => {
    const ratio = ratioOf(m);
    const ok = meetsTarget(m);
    return [
      bench ? `${bench}: ${m.name}` : m.name,
      formatValue(m.value, m.unit),
      m.floor === undefined ? '' : formatValue(m.floor, m.unit),
      ratio === undefined ? '' : `${ratio.toFixed(2)}x`,
      formatTarget(m),
      ok === undefined ? '' : ok ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  const sep = '|' + widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + (i === 0 ? 1 : 1)) + (i === 0 ? '' : ':')).join('|') + '|';
  return [line(header), sep, ...body.map(line)].join('\n');
}

export function formatDetails(rows: Array<{ bench?: string; m: Measurement }>): string {
  return rows
    .filter(({ m }) => m.detail)
    .map(({ bench, m }) => `  - ${bench ? `${bench}: ` : ''}${m.name}: ${m.detail}`)
    .join('\n');
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Whether quick mode was asked for (BENCH_QUICK=1): smaller sizes, for smoke runs. */
export const QUICK = process.env.BENCH_QUICK === '1';

/**
 * Runs one bench file's measurements, prints the machine and a table, and (under bench/run.ts)
 * a BENCH_RESULT line. Exits non-zero only if the bench itself throws.
 */
export async function runBench(bench: string, fn: (log: (line: string) => void) => Promise<Measurement[]>): Promise<void> {
  const machine = machineInfo();
  const log = (line: string) => process.stdout.write(`  ${line}\n`);
  if (!process.env.BENCH_CHILD) process.stdout.write(`${formatMachine(machine)}\n\n`);
  process.stdout.write(`${bench}${QUICK ? ' (quick mode: reduced sizes)' : ''}\n`);
  const t0 = performance.now();
  try {
    const measurements = await fn(log);
    const result: BenchResult = { bench, machine, measurements, durationMs: Math.round(performance.now() - t0) };
    const rows = measurements.map((m) => ({ m }));
    process.stdout.write(`\n${formatTable(rows)}\n`);
    const details = formatDetails(rows);
    if (details) process.stdout.write(`\n${details}\n`);
    if (process.env.BENCH_CHILD) process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
  } catch (e) {
    process.stderr.write(`${bench}: failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}
