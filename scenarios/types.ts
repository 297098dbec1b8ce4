/**
 * The public shapes of kubeharness/scenarios: a scenario's configuration, its fault profile, the
 * faults it injected (serialisable, and replayable as an explicit list), and its result.
 */
import type { FakeApiServer, FakeApiServerOptions } from '../fake-apiserver/index.js';
import type { RestConfig } from '../client/config/rest-config.js';
import type { Clientset } from '../client/kubernetes/clientset.js';
import type { ScenarioRandom } from './random.js';
import type { ScenarioTrace } from './trace.js';

/** The HTTP codes an injected error can have; each is answered as the real server's metav1.Status. */
export type ErrorCode = 429 | 500 | 503 | 504;

export interface RestartProfile {
  /** How many restarts. */
  count: number;
  /** Each restart starts at a seeded offset in [0, withinMs] after the chaos phase began (default 1000). */
  withinMs?: number;
  /** Seeded downtime range in ms (default [50, 250]): connections are refused meanwhile. */
  downtimeMs?: [number, number];
}

/** Rates are probabilities in [0, 1]; see decisions.ts for what each is drawn per. */
export interface FaultProfile {
  /** Per watch event: the probability that the stream ends before it (closed or reset, half each). */
  watchDrops?: number;
  /**
   * Per watch request that resumes from a resourceVersion, and per list with a continue token:
   * the probability that history is compacted first, so the resume answers 410 Expired.
   */
  expired410?: number;
  /** Every faulted request waits a seeded time in [min, max] ms before it is handled. */
  latencyMs?: [number, number];
  /** Per request: the probability of an error Status instead of an answer, with a seeded code. */
  errors?: { rate: number; codes?: ErrorCode[]; retryAfterSeconds?: number };
  /** Per request: the probability that the connection is reset without an answer. */
  resets?: number;
  /** API-server restarts during the chaos phase (state kept, same port). */
  restarts?: number | RestartProfile;
  /** Only requests for these resources (plural, e.g. 'secrets') are faulted; default: all. */
  resources?: string[];
  /** Only these verbs (get, list, watch, create, update, patch, delete, deletecollection); default: all. */
  verbs?: string[];
}

/**
 * One injected fault. `key` names the request stream (request-key.ts), `occurrence` counts the
 * requests of that key from 0; a watch drop also names the event index it happened before.
 */
export type InjectedFault =
  | { kind: 'latency'; key: string; occurrence: number; ms: number }
  | { kind: 'error'; key: string; occurrence: number; code: ErrorCode }
  | { kind: 'reset'; key: string; occurrence: number }
  | { kind: 'expired'; key: string; occurrence: number }
  | { kind: 'watchDrop'; key: string; occurrence: number; event: number; mode: 'close' | 'reset' }
  | { kind: 'restart'; occurrence: number; atMs: number; downtimeMs: number };

export type FaultKind = InjectedFault['kind'];

/** An explicit fault list: a replayed scenario injects exactly these, and no seeded ones. */
export interface ReplayPlan {
  faults: InjectedFault[];
}

export type FailurePhase = 'setup' | 'controller' | 'workload' | 'invariant' | 'shutdown';

export interface ScenarioError {
  phase: FailurePhase;
  message: string;
}

export interface Reproducer extends ReplayPlan {
  seed: number | string;
  /** How many faults the failing run injected before shrinking. */
  originalFaultCount: number;
  /** Scenario runs spent shrinking. */
  runs: number;
  /** True when shrinking finished (no single fault can be removed); false when the run budget ran out. */
  complete: boolean;
  /** True when a replay of exactly `faults` failed in the same phase. */
  verified: boolean;
  /** How the minimal replay failed. */
  error: ScenarioError;
}

export interface ScenarioResult {
  ok: boolean;
  seed: number | string;
  /** The last error (an invariant's last failure, or what else went wrong). */
  error?: ScenarioError;
  trace: ScenarioTrace;
  /** The faults this run injected, in order (also in the trace). */
  faults: InjectedFault[];
  /** When the scenario failed and shrinking was on: a minimal fault list that still fails. */
  reproducer?: Reproducer;
  durationMs: number;
}

export interface SetupContext {
  server: FakeApiServer;
  clientset: Clientset;
  random: ScenarioRandom;
}

export interface ControllerContext {
  /** Path of a kubeconfig for the server (valid across restarts: the port is kept). */
  kubeconfig: string;
  /** The RestConfig from that kubeconfig, with `ScenarioConfig.client` applied. */
  config: RestConfig;
  /** A clientset built from `config`: its requests are faulted. */
  clientset: Clientset;
  server: FakeApiServer;
  /** Aborted when the scenario ends: the controller must stop and resolve. */
  signal: AbortSignal;
  random: ScenarioRandom;
}

export interface WorkloadContext {
  /** The harness's clientset: not faulted, and held back while the server restarts. */
  clientset: Clientset;
  random: ScenarioRandom;
  server: FakeApiServer;
}

export interface InvariantContext {
  clientset: Clientset;
  server: FakeApiServer;
}

export interface ShrinkOptions {
  /** Scenario runs at most (default 24). */
  maxRuns?: number;
}

export interface ScenarioConfig {
  /** Seeds fault decisions, restart times, `random`, and the server's generated names and UIDs. */
  seed: number | string;
  faults?: FaultProfile;
  setup?: (ctx: SetupContext) => Promise<void> | void;
  /** Starts the controller under test; resolves once `signal` aborted and it stopped. */
  controller: (ctx: ControllerContext) => Promise<unknown>;
  workload?: (ctx: WorkloadContext) => Promise<void> | void;
  /** Throws (with a message) while the cluster is not as it should be. */
  invariant: (ctx: InvariantContext) => Promise<void> | void;
  /** After the chaos phase, how long the invariant may take to hold (default 5000). */
  settleMs?: number;
  /** Interval between invariant checks (default 50). */
  pollMs?: number;
  /** Faults stay on at least this long, even when the workload finishes earlier (default 0; 1000 without a workload). */
  chaosMs?: number;
  /** How long the controller may take to stop once aborted (default 5000). */
  stopTimeoutMs?: number;
  /** Inject exactly these faults instead of seeded ones (e.g. `result.reproducer`). */
  replay?: ReplayPlan;
  /** Shrink a failure to a minimal fault list (default on, 24 runs); false to skip. */
  shrink?: boolean | ShrinkOptions;
  /** Options of the fake API server (its seed and faults are the scenario's). */
  server?: Omit<FakeApiServerOptions, 'faults' | 'seed'>;
  /** Overrides of the controller's RestConfig (e.g. `{ qps: 50, burst: 100 }`). */
  client?: Partial<RestConfig>;
}
