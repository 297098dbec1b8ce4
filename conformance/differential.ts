/**
 * Differential mode: the same case's observations on two targets, normalised, compared field by
 * field. A difference is reported (never a failure) even when both targets pass. The base is the
 * fake when it ran, otherwise the first target.
 */
import { diff, type DiffEntry } from './diff.js';
import { normalise } from './normalise.js';
import type { CaseRun, TargetKind } from './types.js';

export interface Difference {
  label: string;
  /** The base target (the fake when it ran). */
  a: string;
  b: string;
  entries: DiffEntry[];
}

export interface ComparedRun {
  target: string;
  kind: TargetKind;
  run: CaseRun;
}

const MAX_ENTRIES = 40;

export function normalisedObservations(run: CaseRun): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [label, value] of Object.entries(run.observations)) out[label] = normalise(value, { tokens: run.tokens });
  return out;
}

export function compareObservations(runs: ComparedRun[]): Difference[] {
  if (runs.length < 2) return [];
  const base = runs.find((r) => r.kind === 'fake') ?? runs[0];
  const baseObs = normalisedObservations(base.run);
  const out: Difference[] = [];
  for (const other of runs) {
    if (other === base) continue;
    const obs = normalisedObservations(other.run);
    const bothPassed = base.run.status === 'passed' && other.run.status === 'passed';
    const labels = [...new Set([...Object.keys(baseObs), ...Object.keys(obs)])].sort();
    for (const label of labels) {
      const inA = label in baseObs;
      const inB = label in obs;
      // A case that stopped early has fewer observations; that is its failure, not a difference.
      if ((!inA || !inB) && !bothPassed) continue;
      const entries = diff(baseObs[label], obs[label]);
      if (entries.length > 0) out.push({ label, a: base.target, b: other.target, entries: entries.slice(0, MAX_ENTRIES) });
    }
  }
  return out;
}
