/**
 * Every fault kind, as a real client sees it: the client-go port's clientset, watches and informers
 * against the scenario's fake API server, with explicit fault lists (replays) aimed at known requests.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isInternalError, isResourceExpired, isServiceUnavailable, isTimeout, reasonAndCode, type Status } from '../client/errors.js';
import type { WatchEvent } from '../client/watch-event.js';
import { runScenario } from './index.js';
import { mirrorScenario } from './test/mirror-scenario.js';
import type { InjectedFault, ScenarioConfig } from './types.js';

const until = (signal: AbortSignal) =>
  new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })));

/**
 * Runs `probe` as the controller, with faults on until it finished (the workload waits for it, unless
 * the test brings its own). Returns what the probe observed.
 */
async function observe<T>(faults: InjectedFault[], probe: ScenarioConfig['controller'], extra: Partial<ScenarioConfig> = {}) {
  let observed: T | undefined;
  let probed!: () => void;
  const probeDone = new Promise<void>((r) => (probed = r));
  const result = await runScenario({
    seed: 'fault-kinds',
    replay: { faults },
    shrink: false,
    settleMs: 5000,
    pollMs: 10,
    client: { qps: -1 },
    controller: async (ctx) => {
      observed = (await probe(ctx)) as T;
      probed();
      await until(ctx.signal);
    },
    workload: () => probeDone,
    invariant: () => {
      if (observed === undefined) throw new Error('the probe is still running');
    },
    ...extra,
  });
  expect(result.error).toBeUndefined();
  return { observed: observed!, result };
}

describe('fault kinds observed by the client', () => {
  it('error Statuses: 500, 503 and 504 reach the caller as metav1.Status; a 429 is retried after its Retry-After', async () => {
    const get = (name: string) => `get configmaps default/${name}`;
    const { observed, result } = await observe<Record<string, unknown>>(
      [
        { kind: 'error', key: get('e500'), occurrence: 0, code: 500 },
        { kind: 'error', key: get('e503'), occurrence: 0, code: 503 },
        { kind: 'error', key: get('e504'), occurrence: 0, code: 504 },
        { kind: 'error', key: get('e429'), occurrence: 0, code: 429 },
      ],
      async ({ clientset }) => {
        const cms = clientset.coreV1().configMaps('default');
        const seen: Record<string, unknown> = {};
        for (const [name, is] of [
          ['e500', isInternalError],
          ['e503', isServiceUnavailable],
          ['e504', isTimeout],
        ] as const) {
          try {
            await cms.get(name);
            seen[name] = 'answered';
          } catch (err) {
            seen[name] = { ...reasonAndCode(err), matches: is(err) };
          }
        }
        const t0 = Date.now();
        seen.e429 = { name: (await cms.get('e429')).metadata?.name, waitedMs: Date.now() - t0 };
        return seen;
      },
      {
        setup: async ({ clientset }) => {
          for (const name of ['e500', 'e503', 'e504', 'e429'])
            await clientset.coreV1().configMaps('default').create({ metadata: { name } });
        },
      },
    );
    expect(observed.e500).toEqual({ reason: 'InternalError', code: 500, matches: true });
    expect(observed.e503).toEqual({ reason: 'ServiceUnavailable', code: 503, matches: true });
    expect(observed.e504).toEqual({ reason: 'Timeout', code: 504, matches: true });
    expect(observed.e429).toMatchObject({ name: 'e429' });
    expect((observed.e429 as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(950);
    // The retry was a second request of the same key, which the plan did not fault.
    const e429 = result.trace.entries.filter(
      (e) => e.type === 'request' && e.key === 'get configmaps default/e429' && e.client === 'controller',
    );
    expect(e429.map((e) => (e as { occurrence: number }).occurrence)).toEqual([0, 1]);
    expect(result.faults.map((f) => f.kind)).toEqual(['error', 'error', 'error', 'error']);
  });

  it('latency delays the answer; a reset drops the connection and the write is not applied', async () => {
    const { observed } = await observe<{ slowMs: number; resetError: string; resetCode: number; afterReset: string }>(
      [
        { kind: 'latency', key: 'get configmaps default/slow', occurrence: 0, ms: 250 },
        { kind: 'reset', key: 'create configmaps default/cut', occurrence: 0 },
      ],
      async ({ clientset }) => {
        const cms = clientset.coreV1().configMaps('default');
        const t0 = Date.now();
        await cms.get('slow');
        const slowMs = Date.now() - t0;
        let resetError = '';
        let resetCode = -1;
        try {
          await cms.create({ metadata: { name: 'cut' } });
        } catch (err) {
          resetError = (err as Error).message;
          resetCode = reasonAndCode(err).code;
        }
        // The same create again is a new occurrence, not faulted: it succeeds, so the first was never applied.
        const again = await cms.create({ metadata: { name: 'cut' } });
        return { slowMs, resetError, resetCode, afterReset: again.metadata!.name! };
      },
      {
        setup: ({ clientset }) =>
          clientset
            .coreV1()
            .configMaps('default')
            .create({ metadata: { name: 'slow' } })
            .then(() => undefined),
      },
    );
    expect(observed.slowMs).toBeGreaterThanOrEqual(245);
    expect(observed.resetError).not.toBe('');
    expect(observed.resetCode).toBe(0); // a transport error, not a Status
    expect(observed.afterReset).toBe('cut');
  });

  it('watch drops end the stream before the chosen event (close and reset); 410 Expired after compaction', async () => {
    let rv0 = '';
    const key = 'watch configmaps default/*';
    const { observed, result } = await observe<{ closed: string[]; reset: string[]; expired: Array<{ type: string; status?: Status }> }>(
      [
        { kind: 'watchDrop', key, occurrence: 0, event: 3, mode: 'close' },
        { kind: 'watchDrop', key, occurrence: 1, event: 2, mode: 'reset' },
        { kind: 'expired', key, occurrence: 2 },
      ],
      async ({ clientset }) => {
        const cms = clientset.coreV1().configMaps('default');
        const names = async (events: AsyncIterable<WatchEvent<ConfigMap>>) => {
          const out: string[] = [];
          for await (const e of events) out.push(e.type === 'ERROR' ? `ERROR ${e.object.message}` : `${e.type} ${e.object.metadata?.name}`);
          return out;
        };
        const closed = await names(cms.watch({ resourceVersion: rv0 }));
        const reset = await names(cms.watch({ resourceVersion: rv0 }));
        const expired: Array<{ type: string; status?: Status }> = [];
        for await (const e of cms.watch({ resourceVersion: rv0 })) expired.push({ type: e.type, status: e.object as Status });
        return { closed, reset, expired };
      },
      {
        setup: async ({ clientset, server }) => {
          rv0 = String(server.store.revision);
          for (let i = 0; i < 6; i++)
            await clientset
              .coreV1()
              .configMaps('default')
              .create({ metadata: { name: `w${i}` } });
        },
      },
    );
    expect(observed.closed).toEqual(['ADDED w0', 'ADDED w1', 'ADDED w2']);
    // A reset delivers the events before the chosen one, then drops the connection.
    expect(observed.reset).toEqual(['ADDED w0', 'ADDED w1']);
    expect(observed.expired).toHaveLength(1);
    expect(observed.expired[0].type).toBe('ERROR');
    expect(isResourceExpired({ status: observed.expired[0].status })).toBe(true);
    expect(result.trace.entries.filter((e) => e.type === 'fault').map((e) => e.type === 'fault' && e.effective)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('an informer recovers from a watch drop and a 410 on its resume: the mirror controller still converges', async () => {
    const key = 'watch configmaps * labelSelector=mirror=true';
    const result = await runScenario({
      seed: 7,
      replay: {
        faults: [
          { kind: 'watchDrop', key, occurrence: 0, event: 5, mode: 'reset' },
          { kind: 'expired', key, occurrence: 1 },
        ],
      },
      ...mirrorScenario(),
      client: { qps: -1 },
      settleMs: 5000,
      shrink: false,
    });
    expect(result.error).toBeUndefined();
    const faults = result.trace.entries.filter((e) => e.type === 'fault');
    expect(faults.map((e) => e.type === 'fault' && [e.fault.kind, e.effective])).toEqual([
      ['watchDrop', true],
      ['expired', true],
    ]);
    // After the 410 the reflector lists again: its next watch asks for the initial events.
    const watches = result.trace.entries.filter((e) => e.type === 'request' && e.key === key);
    expect(watches.length).toBeGreaterThanOrEqual(3);
    expect(watches[2].type === 'request' && watches[2].request.path).toContain('sendInitialEvents=true');
  });

  it('a restart: the client meets refused connections while the server is down, then the same state on the same port', async () => {
    type Sample = { t: number; ok: boolean; rv?: string };
    const { observed, result } = await observe<Sample[]>(
      [{ kind: 'restart', occurrence: 0, atMs: 100, downtimeMs: 300 }],
      async ({ clientset, signal }) => {
        const samples: Sample[] = [];
        const t0 = performance.now();
        while (!signal.aborted && performance.now() - t0 < 800) {
          try {
            const cm = await clientset.coreV1().configMaps('default').get('kept');
            samples.push({ t: performance.now() - t0, ok: true, rv: cm.metadata?.resourceVersion });
          } catch {
            samples.push({ t: performance.now() - t0, ok: false });
          }
          await new Promise((r) => setTimeout(r, 10));
        }
        return samples;
      },
      {
        setup: ({ clientset }) =>
          clientset
            .coreV1()
            .configMaps('default')
            .create({ metadata: { name: 'kept' } })
            .then(() => undefined),
        // The harness keeps writing through the restart: its requests wait while the server is down.
        workload: async ({ clientset }) => {
          for (let i = 0; i < 40; i++) {
            await clientset
              .coreV1()
              .configMaps('default')
              .create({ metadata: { name: `during-${i}` } });
            await new Promise((r) => setTimeout(r, 10));
          }
        },
      },
    );
    const phases = result.trace.entries.flatMap((e) => (e.type === 'phase' ? [e.phase] : []));
    expect(phases).toEqual(expect.arrayContaining(['server-down', 'server-up']));
    const failed = observed.filter((s) => !s.ok);
    expect(failed.length).toBeGreaterThan(5);
    const first = observed.find((s) => s.ok)!;
    const last = observed[observed.length - 1];
    expect(last.ok).toBe(true);
    expect(last.rv).toBe(first.rv); // the object survived with its resourceVersion
    expect(observed.findIndex((s) => !s.ok)).toBeGreaterThan(observed.indexOf(first));
  });
});
