/**
 * runScenario: one seeded (or replayed) run; when it fails, its faults are shrunk to a minimal
 * list that still fails, returned as `result.reproducer` (`runScenario({ ...config, replay: result.reproducer })`).
 */
import { runOnce } from './run-once.js';
import { shrinkScenario } from './shrink-scenario.js';
import type { ScenarioConfig, ScenarioResult } from './types.js';

export async function runScenario(config: ScenarioConfig): Promise<ScenarioResult> {
  const result = await runOnce(config, config.replay);
  if (result.ok || config.shrink === false || result.error?.phase === 'setup') return result;
  const reproducer = await shrinkScenario(config, result, typeof config.shrink === 'object' ? config.shrink : {});
  return { ...result, reproducer };
}
