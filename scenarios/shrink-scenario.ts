/**
 * Shrinking a failed scenario: its injected faults are minimised (shrink.ts) by replaying the
 * scenario with explicit fault lists; a candidate "still fails" when its run fails in the same phase.
 */
import { faultId } from './plan.js';
import { runOnce } from './run-once.js';
import { minimize } from './shrink.js';
import type { InjectedFault, Reproducer, ScenarioConfig, ScenarioError, ScenarioResult, ShrinkOptions } from './types.js';

export const DEFAULT_MAX_SHRINK_RUNS = 24;

export async function shrinkScenario(config: ScenarioConfig, failed: ScenarioResult, opts: ShrinkOptions = {}): Promise<Reproducer> {
  const phase = failed.error!.phase;
  const errors = new Map<string, ScenarioError>();
  const signature = (faults: InjectedFault[]) => faults.map(faultId).sort().join('\u0001');
  errors.set(signature(failed.faults), failed.error!);
  const test = async (subset: InjectedFault[]): Promise<InjectedFault[] | undefined> => {
    const r = await runOnce(config, { faults: subset });
    if (r.ok || r.error?.phase !== phase) return undefined;
    errors.set(signature(subset), r.error);
    const struck = new Set(r.faults.map(faultId));
    return subset.filter((f) => struck.has(faultId(f)));
  };
  const m = await minimize(failed.faults, test, {
    maxRuns: opts.maxRuns ?? DEFAULT_MAX_SHRINK_RUNS,
    id: faultId,
    groupOf: (f) => f.kind,
  });
  return {
    seed: config.seed,
    faults: m.items,
    originalFaultCount: failed.faults.length,
    runs: m.runs,
    complete: m.complete,
    verified: m.verified,
    error: errors.get(signature(m.items)) ?? failed.error!,
  };
}
