/**
 * One run of a scenario, on its own fake API server:
 *
 *   setup      no faults; fixtures through the harness clientset
 *   chaos      faults on; the controller starts, the workload runs, restarts happen; it ends when
 *              the workload finished, every restart is over and `chaosMs` passed
 *   settle     faults off; the invariant is polled until it holds or `settleMs` passed
 *   shutdown   the controller's signal aborts; it must resolve within `stopTimeoutMs`
 *
 * A controller that returns or throws before shutdown fails the run (phase 'controller'). A restart
 * that cannot listen again on its port rejects the run (the scenario cannot go on without a server).
 */
import { startFakeApiServer, type FakeApiServer } from '../fake-apiserver/index.js';
import { buildConfigFromFlags } from '../client/config/client-config.js';
import { newForConfig, type Clientset } from '../client/kubernetes/clientset.js';
import type { RestartDecision } from './decisions.js';
import { HarnessGate } from './gate.js';
import { FaultInjector, HARNESS_USER_AGENT } from './injector.js';
import { errorMessage, pollInvariant } from './invariant.js';
import { replayPlan, seededPlan } from './plan.js';
import { normalizeProfile } from './profile.js';
import { scenarioRandom } from './random.js';
import { runRestarts, type RestartRun } from './restarts.js';
import { faultsOf, TraceRecorder } from './trace.js';
import type { ReplayPlan, ScenarioConfig, ScenarioError, ScenarioResult } from './types.js';

export const DEFAULT_SETTLE_MS = 5000;
export const DEFAULT_POLL_MS = 50;
export const DEFAULT_STOP_TIMEOUT_MS = 5000;
/** How long faults stay on when a scenario has no workload (and sets no chaosMs). */
export const DEFAULT_CHAOS_MS_WITHOUT_WORKLOAD = 1000;

type Exit = { error?: unknown };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

function isAbort(err: unknown, signal: AbortSignal): boolean {
  return err === signal.reason || (err as Error | undefined)?.name === 'AbortError';
}

export async function runOnce(config: ScenarioConfig, replay: ReplayPlan | undefined): Promise<ScenarioResult> {
  const started = performance.now();
  const { seed } = config;
  const profile = normalizeProfile(config.faults);
  const plan = replay ? replayPlan(replay) : seededPlan(seed, profile);
  const recorder = new TraceRecorder(seed, plan.mode);
  const injector = new FaultInjector(plan, profile, recorder);
  const server = await startFakeApiServer({ ...config.server, seed, faults: injector.hook });
  injector.server = server;
  const gate = new HarnessGate();
  const harness = newForConfig({ ...buildConfigFromFlags('', server.kubeconfig.path), userAgent: HARNESS_USER_AGENT, rateLimiter: gate });
  let error: ScenarioError | undefined;
  const fail = (phase: ScenarioError['phase'], err: unknown) => (error ??= { phase, message: errorMessage(err) });

  try {
    recorder.phase('setup');
    try {
      await config.setup?.({ server, clientset: harness, random: scenarioRandom(seed, 'setup') });
    } catch (err) {
      fail('setup', err);
    }
    if (!error) error = await chaosAndAfter(config, server, harness, gate, injector, recorder, plan.restarts());
  } finally {
    recorder.phase('done', error ? `failed in ${error.phase}` : 'ok');
    await server.close();
  }
  const trace = recorder.trace;
  return { ok: !error, seed, error, trace, faults: faultsOf(trace), durationMs: Math.round(performance.now() - started) };
}

async function chaosAndAfter(
  config: ScenarioConfig,
  server: FakeApiServer,
  harness: Clientset,
  gate: HarnessGate,
  injector: FaultInjector,
  recorder: TraceRecorder,
  restartPlan: RestartDecision[],
): Promise<ScenarioError | undefined> {
  const { seed } = config;
  let error: ScenarioError | undefined;
  const fail = (phase: ScenarioError['phase'], err: unknown) => (error ??= { phase, message: errorMessage(err) });

  recorder.phase('chaos');
  injector.active = true;
  const chaosStart = recorder.now();
  const restarts: RestartRun = runRestarts(restartPlan, server, gate, recorder, chaosStart);
  // A restart that cannot listen again (the port was taken meanwhile) is the harness's failure, not the controller's.
  let restartError: unknown;
  const restartsDone = restarts.done.catch((err: unknown) => void (restartError = err));
  const stop = new AbortController();
  const clientConfig = { ...buildConfigFromFlags('', server.kubeconfig.path), ...config.client };
  const controller = Promise.resolve().then(() =>
    config.controller({
      kubeconfig: server.kubeconfig.path,
      config: clientConfig,
      clientset: newForConfig(clientConfig),
      server,
      signal: stop.signal,
      random: scenarioRandom(seed, 'controller'),
    }),
  );
  const exited: Promise<Exit> = controller.then(
    () => ({}),
    (e: unknown) => ({ error: e }),
  );
  let exitedEarly = false;
  const earlyExit = exited.then((x) => {
    if (stop.signal.aborted) return;
    exitedEarly = true;
    fail('controller', x.error ?? new Error('the controller returned before the scenario stopped it'));
  });
  recorder.phase('controller-started');

  // Chaos: until the workload is done, restarts are over and chaosMs passed, or the controller exits.
  const workload = Promise.resolve()
    .then(() => config.workload?.({ clientset: harness, random: scenarioRandom(seed, 'workload'), server }))
    .then(
      () => recorder.phase('workload-done'),
      (err: unknown) => void fail('workload', err),
    );
  const chaosMs = config.chaosMs ?? (config.workload ? 0 : DEFAULT_CHAOS_MS_WITHOUT_WORKLOAD);
  await Promise.race([Promise.all([workload, restartsDone, sleep(chaosMs - (recorder.now() - chaosStart))]), earlyExit]);
  injector.active = false;

  if (!error && restartError === undefined) {
    recorder.phase('settle');
    const outcome = await Promise.race([
      pollInvariant(
        () => config.invariant({ clientset: harness, server }),
        config.settleMs ?? DEFAULT_SETTLE_MS,
        config.pollMs ?? DEFAULT_POLL_MS,
      ),
      earlyExit.then(() => undefined),
    ]);
    if (outcome?.ok) recorder.phase('invariant-held', `after ${outcome.checks} checks`);
    else if (outcome) {
      recorder.phase('invariant-failed', outcome.message);
      fail('invariant', outcome.message);
    }
  }

  recorder.phase('shutdown');
  restarts.cancel();
  await restartsDone;
  await workload;
  stop.abort();
  if (!exitedEarly) {
    const stopTimeoutMs = config.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    const exit = await Promise.race([exited, sleep(stopTimeoutMs).then(() => 'timeout' as const)]);
    if (exit === 'timeout') fail('shutdown', new Error(`the controller did not stop within ${stopTimeoutMs} ms of its signal aborting`));
    else if (exit.error !== undefined && !isAbort(exit.error, stop.signal)) fail('shutdown', exit.error);
  }
  if (restartError !== undefined) throw new Error(`restarting the API server failed: ${errorMessage(restartError)}`);
  return error;
}
