/** The scenario lifecycle: phases, settling, and how each way of failing is reported. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runScenario } from './index.js';
import type { ScenarioConfig } from './types.js';

const until = (signal: AbortSignal) =>
  new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })));

const base: ScenarioConfig = {
  seed: 1,
  controller: ({ signal }) => until(signal),
  invariant: () => {},
  chaosMs: 0, // no workload: the chaos phase would otherwise last 1000 ms
  settleMs: 300,
  pollMs: 10,
  shrink: false,
};

const phases = (r: { trace: { entries: Array<{ type: string; phase?: string }> } }) =>
  r.trace.entries.flatMap((e) => (e.type === 'phase' ? [e.phase!] : []));

describe('runScenario', () => {
  it('runs setup, chaos (controller + workload), settle and shutdown in order, and polls the invariant until it holds', async () => {
    let created = 0;
    const r = await runScenario({
      ...base,
      setup: async ({ clientset }) =>
        void (await clientset
          .coreV1()
          .namespaces()
          .create({ metadata: { name: 'fixtures' } })),
      workload: async ({ clientset, random }) => {
        for (let i = 0; i < 5; i++) {
          await clientset
            .coreV1()
            .configMaps('fixtures')
            .create({ metadata: { name: `cm-${random.int(1e9)}` } });
          created++;
        }
      },
      controller: async ({ clientset, signal }) => {
        // Converges late: labels every ConfigMap in `fixtures` once 150 ms have passed.
        await new Promise((r) => setTimeout(r, 150));
        for (const cm of (await clientset.coreV1().configMaps('fixtures').list()).items) {
          await clientset
            .coreV1()
            .configMaps('fixtures')
            .update({ ...cm, metadata: { ...cm.metadata, labels: { done: 'yes' } } });
        }
        await until(signal);
      },
      invariant: async ({ clientset }) => {
        const items = (await clientset.coreV1().configMaps('fixtures').list()).items;
        const pending = items.filter((c) => c.metadata?.labels?.done !== 'yes').length;
        if (items.length !== 5 || pending) throw new Error(`${pending} of ${items.length} not labelled`);
      },
      settleMs: 3000,
    });
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(created).toBe(5);
    expect(phases(r)).toEqual(['setup', 'chaos', 'controller-started', 'workload-done', 'settle', 'invariant-held', 'shutdown', 'done']);
    const held = r.trace.entries.find((e) => e.type === 'phase' && e.phase === 'invariant-held');
    expect(held?.type === 'phase' && Number(held.detail?.match(/after (\d+) checks/)?.[1])).toBeGreaterThan(1);
  });

  it('an invariant that never holds fails with its last error, after settleMs', async () => {
    let n = 0;
    const t0 = Date.now();
    const r = await runScenario({
      ...base,
      invariant: () => {
        throw new Error(`wrong #${++n}`);
      },
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(r).toMatchObject({ ok: false, error: { phase: 'invariant', message: `wrong #${n}` } });
    expect(r.reproducer).toBeUndefined(); // shrink: false
    expect(phases(r)).toContain('invariant-failed');
  });

  it('reports a failing setup, workload, an early controller exit, and a controller that does not stop', async () => {
    const setup = await runScenario({ ...base, shrink: true, setup: () => Promise.reject(new Error('no fixtures')) });
    expect(setup).toMatchObject({ ok: false, error: { phase: 'setup', message: 'no fixtures' } });
    expect(setup.reproducer).toBeUndefined(); // nothing to shrink before chaos
    expect(phases(setup)).toEqual(['setup', 'done']);

    const workload = await runScenario({ ...base, workload: () => Promise.reject(new Error('bad write')) });
    expect(workload.error).toEqual({ phase: 'workload', message: 'bad write' });

    const crash = await runScenario({ ...base, controller: () => Promise.reject(new Error('panic: nil map')) });
    expect(crash.error).toEqual({ phase: 'controller', message: 'panic: nil map' });
    const returned = await runScenario({ ...base, controller: async () => {}, workload: () => new Promise((r) => setTimeout(r, 50)) });
    expect(returned.error).toEqual({ phase: 'controller', message: 'the controller returned before the scenario stopped it' });

    const stuck = await runScenario({ ...base, controller: () => new Promise(() => {}), stopTimeoutMs: 100 });
    expect(stuck.error).toEqual({ phase: 'shutdown', message: 'the controller did not stop within 100 ms of its signal aborting' });
  });

  it('faults stay on for chaosMs when there is no workload', async () => {
    let requests = 0;
    const r = await runScenario({
      ...base,
      chaosMs: 200,
      faults: { errors: { rate: 1, codes: [503] } },
      controller: async ({ clientset, signal }) => {
        while (!signal.aborted) {
          await clientset
            .coreV1()
            .configMaps('default')
            .list()
            .catch(() => undefined);
          requests++;
          await new Promise((r) => setTimeout(r, 10));
        }
      },
    });
    expect(r.error).toBeUndefined();
    const errors = r.faults.filter((f) => f.kind === 'error').length;
    expect(errors).toBeGreaterThan(5);
    expect(requests).toBeGreaterThan(errors); // after chaos, requests are answered
  });

  it('rejects when a restart cannot listen again (the port was taken meanwhile)', async () => {
    const squatter = createServer();
    await expect(
      runScenario({
        ...base,
        replay: { faults: [{ kind: 'restart', occurrence: 0, atMs: 0, downtimeMs: 200 }] },
        controller: async ({ server, signal }) => {
          await new Promise((r) => setTimeout(r, 80));
          await new Promise<void>((resolve) => squatter.listen(server.port, server.host, resolve));
          await until(signal);
        },
      }),
    ).rejects.toThrow(/restarting the API server failed: .*EADDRINUSE/);
    await new Promise((r) => squatter.close(r));
  });

  it('rejects an invalid profile before starting anything', async () => {
    await expect(runScenario({ ...base, faults: { watchDrops: 2 } })).rejects.toThrow(/watchDrops/);
  });
});
