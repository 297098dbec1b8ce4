/**
 * The trace of one scenario run: its phases, every resource request the server saw, and every
 * fault injected, in order, with millisecond offsets from the start. Plain data: JSON.stringify
 * and JSON.parse give it back unchanged.
 */
import type { RequestFaultContext } from '../fake-apiserver/index.js';
import type { InjectedFault } from './types.js';

export type ScenarioPhase =
  | 'setup'
  | 'chaos'
  | 'controller-started'
  | 'workload-done'
  | 'server-down'
  | 'server-up'
  | 'settle'
  | 'invariant-held'
  | 'invariant-failed'
  | 'shutdown'
  | 'done';

export interface RequestSummary {
  method: string;
  path: string;
  verb: string;
  resource: string;
  namespace: string;
  name: string;
}

export type TraceEntry =
  | { seq: number; t: number; type: 'phase'; phase: ScenarioPhase; detail?: string }
  | {
      seq: number;
      t: number;
      type: 'request';
      key: string;
      /** Counted per key for the controller's requests; null for the harness's own (never faulted). */
      occurrence: number | null;
      client: 'controller' | 'harness';
      request: RequestSummary;
    }
  | {
      seq: number;
      t: number;
      type: 'fault';
      fault: InjectedFault;
      request?: RequestSummary;
      /** False when the fault could not take effect (a compaction that expired nothing). */
      effective: boolean;
      detail?: string;
    };

export interface ScenarioTrace {
  seed: number | string;
  mode: 'seeded' | 'replay';
  startedAt: string;
  entries: TraceEntry[];
}

type Entry<T extends TraceEntry['type']> = Omit<Extract<TraceEntry, { type: T }>, 'seq' | 't' | 'type'>;

export class TraceRecorder {
  readonly trace: ScenarioTrace;
  private readonly t0 = performance.now();

  constructor(seed: number | string, mode: 'seeded' | 'replay') {
    this.trace = { seed, mode, startedAt: new Date().toISOString(), entries: [] };
  }

  /** Milliseconds since the run started, to 0.1 ms. */
  now(): number {
    return Math.round((performance.now() - this.t0) * 10) / 10;
  }

  phase(phase: ScenarioPhase, detail?: string): void {
    this.push('phase', detail === undefined ? { phase } : { phase, detail });
  }

  request(e: Entry<'request'>): void {
    this.push('request', e);
  }

  fault(e: Entry<'fault'>): void {
    this.push('fault', e);
  }

  private push<T extends TraceEntry['type']>(type: T, e: Entry<T>): void {
    const entries = this.trace.entries;
    entries.push({ seq: entries.length, t: this.now(), type, ...e } as unknown as TraceEntry);
  }
}

export function summarize(ctx: RequestFaultContext): RequestSummary {
  return { method: ctx.method, path: ctx.path, verb: ctx.verb, resource: ctx.resource, namespace: ctx.namespace, name: ctx.objectName };
}

/** The faults a run injected, in order. */
export function faultsOf(trace: ScenarioTrace): InjectedFault[] {
  return trace.entries.flatMap((e) => (e.type === 'fault' ? [e.fault] : []));
}

export function describeFault(f: InjectedFault): string {
  switch (f.kind) {
    case 'latency':
      return `latency ${f.ms}ms  ${f.key} #${f.occurrence}`;
    case 'error':
      return `error ${f.code}  ${f.key} #${f.occurrence}`;
    case 'reset':
      return `reset  ${f.key} #${f.occurrence}`;
    case 'expired':
      return `compact (410 Expired)  ${f.key} #${f.occurrence}`;
    case 'watchDrop':
      return `watch ${f.mode} before event ${f.event}  ${f.key} #${f.occurrence}`;
    case 'restart':
      return `restart #${f.occurrence} at +${f.atMs}ms, down ${f.downtimeMs}ms`;
  }
}

export interface FormatOptions {
  /** Include every request, not only phases and faults (default false). */
  requests?: boolean;
}

/** One line per entry: offset, what happened. */
export function formatTrace(trace: ScenarioTrace, opts: FormatOptions = {}): string {
  const lines = [`scenario seed=${JSON.stringify(trace.seed)} mode=${trace.mode} started ${trace.startedAt}`];
  const at = (t: number) => `${t.toFixed(1)}ms`.padStart(10);
  for (const e of trace.entries) {
    if (e.type === 'phase') lines.push(`${at(e.t)}  ${`== ${e.phase}`.padEnd(8)}${e.detail ? `  ${e.detail}` : ''}`);
    else if (e.type === 'fault') {
      const notes = [e.effective ? '' : '(no effect)', e.detail ?? ''].filter(Boolean).join(' ');
      lines.push(`${at(e.t)}  FAULT   ${describeFault(e.fault)}${notes ? `  ${notes}` : ''}`);
    } else if (opts.requests) {
      const who = e.client === 'harness' ? 'harness' : `#${e.occurrence}`;
      lines.push(`${at(e.t)}  req     ${e.key} ${who}`);
    }
  }
  const faults = faultsOf(trace);
  const byKind = new Map<string, number>();
  for (const f of faults) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const requests = trace.entries.filter((e) => e.type === 'request').length;
  lines.push(
    `${requests} requests, ${faults.length} faults${faults.length ? ` (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`,
  );
  return lines.join('\n');
}
