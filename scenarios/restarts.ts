/**
 * Runs a scenario's API-server restarts: each at its offset from the start of the chaos phase, one
 * after another. The harness gate is closed around each restart (with a short grace for harness
 * requests already on the wire), so only the controller sees the server go away.
 */
import type { FakeApiServer } from '../fake-apiserver/index.js';
import type { RestartDecision } from './decisions.js';
import type { HarnessGate } from './gate.js';
import type { TraceRecorder } from './trace.js';

/** Time for a harness request that passed the gate to reach the server before it stops listening. */
const HARNESS_GRACE_MS = 10;

export interface RestartRun {
  /** Resolves when every restart ran (or was cancelled) and the server is up. */
  done: Promise<void>;
  /** Cancels the restarts not yet started. */
  cancel(): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function runRestarts(
  restarts: RestartDecision[],
  server: FakeApiServer,
  gate: HarnessGate,
  recorder: TraceRecorder,
  chaosStartMs: number,
): RestartRun {
  const cancelled = new AbortController();
  const done = (async () => {
    for (const r of restarts) {
      await sleep(r.atMs - (recorder.now() - chaosStartMs), cancelled.signal);
      if (cancelled.signal.aborted) return;
      recorder.fault({ fault: { kind: 'restart', occurrence: r.occurrence, atMs: r.atMs, downtimeMs: r.downtimeMs }, effective: true });
      gate.close();
      try {
        await new Promise((resolve) => setTimeout(resolve, HARNESS_GRACE_MS));
        recorder.phase('server-down', `restart #${r.occurrence}`);
        await server.restart({ downtimeMs: r.downtimeMs });
        recorder.phase('server-up', `restart #${r.occurrence}`);
      } finally {
        gate.open();
      }
    }
  })();
  return { done, cancel: () => cancelled.abort() };
}
