/**
 * Determinism of fault decisions, without a server: the injector's hook is fed request contexts
 * directly, in different interleavings, and the faults it decides are compared per request key.
 */
import { describe, expect, it } from 'vitest';
import type { RequestFaultContext } from '../fake-apiserver/index.js';
import { decideRequest, decideRestarts } from './decisions.js';
import { FaultInjector, HARNESS_USER_AGENT } from './injector.js';
import { replayPlan, seededPlan } from './plan.js';
import { normalizeProfile } from './profile.js';
import { requestKey } from './request-key.js';
import { faultsOf, TraceRecorder } from './trace.js';
import type { FaultProfile, InjectedFault } from './types.js';

function ctx(verb: string, resource: string, namespace: string, name: string, query = '', userAgent = 'controller/1'): RequestFaultContext {
  const path = `/api/v1/namespaces/${namespace}/${resource}${name ? `/${name}` : ''}${query ? `?${query}` : ''}`;
  return { method: 'GET', path, verb, group: '', version: 'v1', resource, namespace, name, subresource: '', userAgent, objectName: name };
}

const PROFILE: FaultProfile = { latencyMs: [0, 40], errors: { rate: 0.2, codes: [429, 500, 503, 504] }, resets: 0.1, watchDrops: 0.1 };

/** Feeds `requests` to a fresh injector (chaos on); each watch is also offered 30 events. */
function decide(seed: number | string, requests: RequestFaultContext[], profile: FaultProfile = PROFILE): InjectedFault[] {
  const p = normalizeProfile(profile);
  const recorder = new TraceRecorder(seed, 'seeded');
  const injector = new FaultInjector(seededPlan(seed, p), p, recorder);
  injector.active = true;
  for (const r of requests) {
    injector.hook.onRequest!(r);
    if (r.verb === 'watch') for (let i = 0; i < 30; i++) if (injector.hook.onWatchEvent!(r, i) !== 'deliver') break;
  }
  return faultsOf(recorder.trace);
}

const byKey = (faults: InjectedFault[]) => faults.map((f) => JSON.stringify(f)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** 4 keys × 25 requests, as separate streams per key. */
function streams(): RequestFaultContext[][] {
  return [
    Array.from({ length: 25 }, () => ctx('get', 'configmaps', 'default', 'a')),
    Array.from({ length: 25 }, () => ctx('get', 'configmaps', 'default', 'b')),
    Array.from({ length: 25 }, () => ctx('update', 'secrets', 'default', 'a')),
    Array.from({ length: 25 }, () => ctx('watch', 'configmaps', '', '', 'watch=true&resourceVersion=5')),
  ];
}

function interleave(lists: RequestFaultContext[][], seed: number): RequestFaultContext[] {
  const queues = lists.map((l) => [...l]);
  const out: RequestFaultContext[] = [];
  let x = seed;
  while (queues.some((q) => q.length)) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const q = queues.filter((l) => l.length)[x % queues.filter((l) => l.length).length];
    out.push(q.shift()!);
  }
  return out;
}

describe('seeded fault decisions', () => {
  it('the same seed gives the same faults for the same requests per key, however keys interleave', () => {
    const sequential = decide(42, streams().flat());
    const shuffled = decide(42, interleave(streams(), 7));
    const again = decide(42, interleave(streams(), 99));
    expect(sequential.length).toBeGreaterThan(20);
    expect(byKey(shuffled)).toEqual(byKey(sequential));
    expect(byKey(again)).toEqual(byKey(sequential));
    // Every kind the profile asks for was decided somewhere.
    expect(new Set(sequential.map((f) => f.kind))).toEqual(new Set(['latency', 'error', 'reset', 'watchDrop']));
  });

  it('different seeds give different faults', () => {
    const a = byKey(decide(1, streams().flat()));
    const b = byKey(decide(2, streams().flat()));
    const c = byKey(decide('seed-3', streams().flat()));
    expect(a).not.toEqual(b);
    expect(b).not.toEqual(c);
  });

  it('each kind draws from its own position: changing one rate moves no other kind', () => {
    const errorsOf = (faults: InjectedFault[]) => byKey(faults.filter((f) => f.kind === 'error'));
    const base = decide(5, streams().flat(), { errors: { rate: 0.2, codes: [500, 503] } });
    const more = decide(5, streams().flat(), {
      errors: { rate: 0.2, codes: [500, 503] },
      resets: 0.5,
      latencyMs: [10, 90],
      watchDrops: 0.3,
    });
    expect(errorsOf(more)).toEqual(errorsOf(base));
  });

  it('rates are honoured over many requests, and the harness is never faulted', () => {
    const p = normalizeProfile({ errors: { rate: 0.1 }, resets: 0.05, latencyMs: [0, 10] });
    let errors = 0;
    let resets = 0;
    for (let i = 0; i < 4000; i++) {
      const d = decideRequest(9, `get pods default/p${i % 50}`, Math.floor(i / 50), p, false);
      if (d.error) errors++;
      if (d.reset) resets++;
      expect(d.latencyMs).toBeGreaterThanOrEqual(0);
      expect(d.latencyMs).toBeLessThanOrEqual(10);
    }
    expect(errors / 4000).toBeGreaterThan(0.08);
    expect(errors / 4000).toBeLessThan(0.12);
    expect(resets / 4000).toBeGreaterThan(0.03); // 0.05 of the 90% without an error
    expect(resets / 4000).toBeLessThan(0.06);
    const harness = Array.from({ length: 200 }, () => ctx('get', 'configmaps', 'default', 'a', '', HARNESS_USER_AGENT));
    expect(decide(9, harness, { errors: { rate: 1 }, latencyMs: [5, 5] })).toEqual([]);
  });

  it('only the resources and verbs the profile names are faulted', () => {
    const faults = decide(3, streams().flat(), { errors: { rate: 1 }, resources: ['secrets'], verbs: ['update'] });
    expect(faults).toHaveLength(25);
    expect(new Set(faults.map((f) => (f as { key: string }).key))).toEqual(new Set(['update secrets default/a']));
  });

  it('restart times and downtimes follow the seed and stay inside the profile', () => {
    const p = normalizeProfile({ restarts: { count: 3, withinMs: 500, downtimeMs: [20, 60] } });
    const a = decideRestarts(11, p);
    expect(decideRestarts(11, p)).toEqual(a);
    expect(decideRestarts(12, p)).not.toEqual(a);
    expect(a.map((r) => r.occurrence).sort()).toEqual([0, 1, 2]);
    for (const r of a) {
      expect(r.atMs).toBeGreaterThanOrEqual(0);
      expect(r.atMs).toBeLessThanOrEqual(500);
      expect(r.downtimeMs).toBeGreaterThanOrEqual(20);
      expect(r.downtimeMs).toBeLessThanOrEqual(60);
    }
    expect(a.map((r) => r.atMs)).toEqual([...a.map((r) => r.atMs)].sort((x, y) => x - y));
  });

  it('a replay plan injects exactly the listed faults, where they are listed', () => {
    const listed: InjectedFault[] = [
      { kind: 'error', key: 'get configmaps default/a', occurrence: 2, code: 503 },
      { kind: 'latency', key: 'get configmaps default/a', occurrence: 2, ms: 7 },
      { kind: 'reset', key: 'update secrets default/a', occurrence: 0 },
      { kind: 'watchDrop', key: 'watch configmaps *', occurrence: 1, event: 4, mode: 'reset' },
    ];
    const p = normalizeProfile({});
    const recorder = new TraceRecorder(1, 'replay');
    const injector = new FaultInjector(replayPlan({ faults: listed }), p, recorder);
    injector.active = true;
    const answers: unknown[] = [];
    for (const r of interleave(streams(), 3)) {
      const f = injector.hook.onRequest!(r);
      if (f) answers.push({ key: requestKey(r), delayMs: f.delayMs, code: f.error?.code, reset: f.resetConnection });
      if (r.verb === 'watch') for (let i = 0; i < 30; i++) if (injector.hook.onWatchEvent!(r, i) !== 'deliver') break;
    }
    expect(byKey(faultsOf(recorder.trace))).toEqual(byKey(listed));
    expect(answers).toEqual(
      expect.arrayContaining([
        { key: 'get configmaps default/a', delayMs: 7, code: 503, reset: undefined },
        { key: 'update secrets default/a', delayMs: undefined, code: undefined, reset: true },
      ]),
    );
    expect(answers).toHaveLength(2);
  });

  it('request keys name verb, resource, object and selectors', () => {
    expect(requestKey(ctx('get', 'configmaps', 'default', 'x'))).toBe('get configmaps default/x');
    expect(requestKey(ctx('list', 'configmaps', '', '', 'labelSelector=a%3Db&limit=500'))).toBe('list configmaps * labelSelector=a=b');
    expect(requestKey({ ...ctx('create', 'leases', 'kube-system', ''), group: 'coordination.k8s.io', objectName: 'lock' })).toBe(
      'create leases.coordination.k8s.io kube-system/lock',
    );
    expect(requestKey({ ...ctx('update', 'pods', 'ns', 'p'), subresource: 'status' })).toBe('update pods/status ns/p');
  });

  it('rejects a profile it cannot honour', () => {
    expect(() => normalizeProfile({ errors: { rate: 1.5 } })).toThrow(/errors.rate/);
    expect(() => normalizeProfile({ errors: { rate: 0.1, codes: [418 as 500] } })).toThrow(/418/);
    expect(() => normalizeProfile({ latencyMs: [50, 10] })).toThrow(/latencyMs/);
    expect(() => normalizeProfile({ restarts: -1 })).toThrow(/restarts/);
    expect(() => normalizeProfile({ errors: { rate: 0.1, retryAfterSeconds: 0 } })).toThrow(/retryAfterSeconds/);
  });
});
