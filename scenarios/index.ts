/**
 * kubeharness/scenarios: seeded chaos against a controller under test, on the fake API server.
 *
 *   const result = await runScenario({ seed: 42, faults: { errors: { rate: 0.05 } }, controller, workload, invariant });
 *   result.ok; formatTrace(result.trace); result.reproducer  // a minimal fault list that still fails
 */
export { runScenario } from './run-scenario.js';
export { formatTrace, describeFault, faultsOf } from './trace.js';
export type { ScenarioTrace, TraceEntry, ScenarioPhase, RequestSummary, FormatOptions } from './trace.js';
export { requestKey } from './request-key.js';
export { HARNESS_USER_AGENT } from './injector.js';
export { minimize } from './shrink.js';
export type { MinimizeOptions, MinimizeResult } from './shrink.js';
export type { ScenarioRandom } from './random.js';
export type {
  ScenarioConfig,
  ScenarioResult,
  ScenarioError,
  FailurePhase,
  FaultProfile,
  RestartProfile,
  ErrorCode,
  InjectedFault,
  FaultKind,
  ReplayPlan,
  Reproducer,
  ShrinkOptions,
  SetupContext,
  ControllerContext,
  WorkloadContext,
  InvariantContext,
} from './types.js';
