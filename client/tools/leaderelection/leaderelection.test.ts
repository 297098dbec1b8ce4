import { describe, expect, it } from 'vitest';
import { startFakeApiServer } from '../../../fake-apiserver/index.js';
import { StatusError, isConflict, isNotFound } from '../../errors.js';
import { silentLogger } from '../../cache/log.js';
import { FakeClock } from '../clock/fake-clock.js';
import { LeaderElector, runLeaderElection, type LeaderElectionConfig } from './leaderelection.js';
import { newLeaderHealthzAdaptor } from './healthzadaptor.js';
import { setProvider, type MetricsProvider } from './metrics.js';
import { clientsFor } from '../../testing/fake-server-clients.js';
import { newBroadcaster } from '../record/event.js';
import { newEventSink } from '../record/sink.js';
import { LeaseLock, microTime, type Lease, type LeaseSpec, type LeasesGetter } from './resourcelock.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An in-memory Lease store with resourceVersion conflicts, and a switch to fail requests. */
class MemoryLeases implements LeasesGetter {
  lease: Lease | undefined;
  private rv = 0;
  failing = new Set<string>();

  leases(_namespace: string) {
    return {
      get: async (_name: string): Promise<Lease> => {
        if (this.failing.has('get')) throw new StatusError({ code: 500, reason: 'InternalError' });
        if (!this.lease) throw new StatusError({ code: 404, reason: 'NotFound' });
        return structuredClone(this.lease);
      },
      create: async (lease: Lease): Promise<Lease> => {
        if (this.lease) throw new StatusError({ code: 409, reason: 'AlreadyExists' });
        this.lease = { ...structuredClone(lease), metadata: { ...lease.metadata, resourceVersion: String(++this.rv) } };
        return structuredClone(this.lease);
      },
      update: async (lease: Lease): Promise<Lease> => {
        if (this.failing.has('update')) throw new StatusError({ code: 500, reason: 'InternalError' });
        if (lease.metadata?.resourceVersion !== this.lease?.metadata?.resourceVersion)
          throw new StatusError({ code: 409, reason: 'Conflict' });
        this.lease = { ...structuredClone(lease), metadata: { ...lease.metadata, resourceVersion: String(++this.rv) } };
        return structuredClone(this.lease);
      },
    };
  }
}

function candidate(id: string, client: LeasesGetter, clock: FakeClock, extra: Partial<LeaderElectionConfig> = {}) {
  const log: string[] = [];
  let leadingSignal: AbortSignal | undefined;
  const elector = new LeaderElector({
    lock: new LeaseLock({ namespace: 'default', name: 'lock', identity: id, client }),
    leaseDurationMs: 15_000,
    renewDeadlineMs: 10_000,
    retryPeriodMs: 2_000,
    clock,
    random: () => 0,
    logger: silentLogger,
    callbacks: {
      onStartedLeading: (s) => {
        leadingSignal = s;
        log.push('started');
      },
      onStoppedLeading: () => log.push('stopped'),
      onNewLeader: (who) => log.push(`leader=${who}`),
    },
    ...extra,
  });
  const stop = new AbortController();
  return { elector, log, stop, leading: () => leadingSignal, run: () => elector.run(stop.signal) };
}

describe('LeaderElector', () => {
  it('validates its configuration as client-go does', () => {
    const base = {
      lock: new LeaseLock({ namespace: 'd', name: 'l', identity: 'a', client: new MemoryLeases() }),
      callbacks: { onStartedLeading: () => {}, onStoppedLeading: () => {} },
    };
    expect(() => new LeaderElector({ ...base, leaseDurationMs: 10, renewDeadlineMs: 10, retryPeriodMs: 1 })).toThrow(
      'leaseDuration must be greater than renewDeadline',
    );
    expect(() => new LeaderElector({ ...base, leaseDurationMs: 30, renewDeadlineMs: 12, retryPeriodMs: 10 })).toThrow(
      'retryPeriod*JitterFactor',
    );
    expect(
      () =>
        new LeaderElector({
          ...base,
          lock: new LeaseLock({ namespace: 'd', name: 'l', identity: '', client: new MemoryLeases() }),
          leaseDurationMs: 30,
          renewDeadlineMs: 20,
          retryPeriodMs: 1,
        }),
    ).toThrow('Lock identity is empty');
  });

  it('one leader at a time; a released lease passes to the waiting candidate', async () => {
    const clock = new FakeClock();
    const leases = new MemoryLeases();
    const a = candidate('a', leases, clock, { releaseOnCancel: true });
    const b = candidate('b', leases, clock);
    const ra = a.run();
    await clock.settle();
    expect(a.log).toEqual(['leader=a', 'started']);
    const rb = b.run();
    await clock.advance(20_000); // a renews every 2 s; b keeps seeing a valid lease held by a
    expect(b.log).toEqual(['leader=a']);
    expect(b.elector.isLeader()).toBe(false);
    a.stop.abort();
    await ra;
    expect(a.log.slice(-1)).toEqual(['stopped']);
    expect(leases.lease?.spec?.holderIdentity).toBe(''); // as client-go, a released Lease holds ""
    // The release wrote a 1 s lease: b takes over on its next attempt after that second.
    await clock.advance(5_000);
    expect(b.log).toContain('started');
    expect(leases.lease?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    b.stop.abort();
    await rb;
  });

  it('a leader that cannot renew within renewDeadline steps down; the other waits a full lease duration', async () => {
    const clock = new FakeClock();
    const leases = new MemoryLeases();
    const a = candidate('a', leases, clock);
    const b = candidate('b', leases, clock);
    const ra = a.run();
    await clock.settle();
    const rb = b.run();
    await clock.settle();
    const lastChange = clock.now();
    leases.failing.add('update'); // a's renewals fail from now on (b's takeover too, for now)
    await clock.advance(9_000);
    expect(a.leading()?.aborted).toBe(false);
    await clock.advance(4_000); // renewDeadline (10 s) passed without a successful renewal
    expect(a.leading()?.aborted).toBe(true);
    await ra;
    expect(a.log.slice(-1)).toEqual(['stopped']);
    leases.failing.clear();
    // b observed the record last change at lastChange: it may take over only 15 s after that.
    while (clock.now() < lastChange + 14_000) await clock.advance(1_000);
    expect(b.elector.isLeader()).toBe(false);
    await clock.advance(5_000);
    expect(b.elector.isLeader()).toBe(true);
    expect(leases.lease?.spec?.leaseTransitions).toBe(1);
    b.stop.abort();
    await rb;
  });

  it('concurrent takeovers conflict: only one candidate wins the lease', async () => {
    const clock = new FakeClock();
    const leases = new MemoryLeases();
    const cands = ['a', 'b', 'c'].map((id) => candidate(id, leases, clock));
    const runs = cands.map((c) => c.run());
    await clock.advance(30_000);
    const leaders = cands.filter((c) => c.elector.isLeader());
    expect(leaders.length).toBe(1);
    for (const c of cands) c.stop.abort();
    await Promise.all(runs);
  });

  it("works against the fake API server through the clientset's Lease API, recording events", { timeout: 20_000 }, async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server);
    const broadcaster = newBroadcaster({ logger: silentLogger });
    broadcaster.startRecordingToSink(newEventSink(clientset.coreV1()));
    const eventRecorder = broadcaster.newRecorder({ component: 'elector' });
    const started: string[] = [];
    const make = (id: string) => {
      const stop = new AbortController();
      const e = new LeaderElector({
        lock: new LeaseLock({ namespace: 'default', name: 'fake-lock', identity: id, client: clientset.coordinationV1(), eventRecorder }),
        leaseDurationMs: 1500,
        renewDeadlineMs: 1000,
        retryPeriodMs: 200,
        releaseOnCancel: true,
        logger: silentLogger,
        callbacks: { onStartedLeading: () => void started.push(id), onStoppedLeading: () => {} },
      });
      return { e, stop, run: e.run(stop.signal) };
    };
    const a = make('a');
    const b = make('b');
    while (started.length === 0) await new Promise((r) => setTimeout(r, 20));
    const first = started[0] === 'a' ? a : b;
    const second = first === a ? b : a;
    await new Promise((r) => setTimeout(r, 600));
    expect(started.length).toBe(1);
    first.stop.abort();
    await first.run;
    while (started.length < 2) await new Promise((r) => setTimeout(r, 20));
    expect(second.e.isLeader()).toBe(true);
    const lease = await clientset.coordinationV1().leases('default').get('fake-lock');
    expect(lease.spec?.holderIdentity).toBe(started[1]);
    expect(lease.spec?.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    second.stop.abort();
    await second.run;
    await broadcaster.shutdown();
    const events = (await clientset.coreV1().events('default').list()).items;
    expect(events.map((e) => e.message).sort()).toEqual(
      [
        `${started[0]} became leader`,
        `${started[0]} stopped leading`,
        `${started[1]} became leader`,
        `${started[1]} stopped leading`,
      ].sort(),
    );
    expect(
      events.every((e) => e.involvedObject.kind === 'Lease' && e.involvedObject.name === 'fake-lock' && e.reason === 'LeaderElection'),
    ).toBe(true);
  });
});

/** Writes to the Lease as another party would (the coordinator, an operator), bumping its resourceVersion. */
async function writeLease(leases: MemoryLeases, spec: LeaseSpec): Promise<void> {
  const api = leases.leases('default');
  if (!leases.lease) {
    await api.create({ metadata: { name: 'lock', namespace: 'default' }, spec });
    return;
  }
  const current = await api.get('lock');
  await api.update({ ...current, spec: { ...current.spec, ...spec } });
}

describe('LeaderElector: client-go v0.35 additions', () => {
  it('check() and the HealthzAdaptor: a leader that stopped renewing turns unhealthy past leaseDuration + timeout', async () => {
    const clock = new FakeClock();
    const leases = new MemoryLeases();
    const watchDog = newLeaderHealthzAdaptor(5_000);
    expect(watchDog.name()).toBe('leaderElection');
    expect(watchDog.check()).toBeUndefined(); // no elector tied in yet
    const stop = new AbortController();
    const run = runLeaderElection(
      {
        lock: new LeaseLock({ namespace: 'default', name: 'lock', identity: 'a', client: leases }),
        leaseDurationMs: 15_000,
        renewDeadlineMs: 10_000,
        retryPeriodMs: 2_000,
        name: 'my-lock',
        watchDog,
        clock,
        random: () => 0,
        logger: silentLogger,
        callbacks: { onStartedLeading: () => {}, onStoppedLeading: () => {} },
      },
      stop.signal,
    );
    const b = candidate('b', leases, clock);
    const rb = b.run();
    await clock.settle();
    expect(leases.lease?.spec?.holderIdentity).toBe('a');
    expect(watchDog.check()).toBeUndefined();
    // Renewals (every retryPeriod from the acquisition on) keep it healthy well past leaseDuration + timeout.
    await clock.advance(30_000);
    expect(watchDog.check()).toBeUndefined();
    const lastRenew = clock.now();
    expect(leases.lease?.spec?.renewTime).toBe(microTime(lastRenew));
    // From now on the API fails: a gives up after renewDeadline, yet its last observed record still names it.
    leases.failing.add('get');
    leases.failing.add('update');
    await clock.advance(12_000);
    await run;
    expect(watchDog.check()).toBeUndefined();
    while (clock.now() < lastRenew + 20_000) await clock.advance(1_000);
    expect(watchDog.check()).toBeUndefined(); // exactly leaseDuration + timeout: still tolerated
    await clock.advance(1);
    expect(watchDog.check()).toEqual(new Error('failed election to renew leadership on lease my-lock'));
    // A standby is never unhealthy.
    expect(b.elector.check(0)).toBeUndefined();
    b.stop.abort();
    await rb;
  });

  it('releaseOnCancel re-reads the lock and leaves a lease another candidate took over alone', async () => {
    const clock = new FakeClock();
    const leases = new MemoryLeases();
    const a = candidate('a', leases, clock, { releaseOnCancel: true });
    const ra = a.run();
    await clock.settle();
    expect(a.elector.isLeader()).toBe(true);
    await writeLease(leases, { holderIdentity: 'b', leaseTransitions: 1 });
    a.stop.abort(); // before a's next renewal notices
    await ra;
    // client-go would have written an empty holder over b's lease here.
    expect(leases.lease?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });

    // Released normally, the transitions count is the one re-read from the lock.
    const c = candidate('c', leases, clock, { releaseOnCancel: true });
    const rc = c.run();
    await clock.advance(20_000); // b's lease (15 s) runs out by c's clock; c takes over
    expect(c.elector.isLeader()).toBe(true);
    expect(leases.lease?.spec).toMatchObject({ holderIdentity: 'c', leaseTransitions: 2 });
    await writeLease(leases, { leaseTransitions: 5 }); // someone bumps the count; c still holds the lease
    c.stop.abort();
    await rc;
    expect(leases.lease?.spec).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 5 });
  });

  it('coordinated: never creates or takes over the lease; renews only while named; stops at end of term', async () => {
    const clock = new FakeClock();
    const leases = new MemoryLeases();
    const a = candidate('a', leases, clock, { coordinated: true });
    const ra = a.run();
    await clock.advance(20_000);
    expect(leases.lease).toBeUndefined(); // never created
    expect(a.elector.isLeader()).toBe(false);

    // The coordinator grants the lease to b; a never takes it, even long after it expired.
    await writeLease(leases, { holderIdentity: 'b', leaseDurationSeconds: 15, leaseTransitions: 0, strategy: 'OldestEmulationVersion' });
    await clock.advance(60_000);
    expect(a.elector.isLeader()).toBe(false);
    expect(leases.lease?.spec?.holderIdentity).toBe('b');
    expect(a.log).toEqual(['leader=b']);

    // Now the coordinator names a: a leads and renews, keeping the coordinator's fields.
    await writeLease(leases, { holderIdentity: 'a', leaseTransitions: 1, acquireTime: '2025-01-01T00:00:00.000000Z' });
    await clock.advance(5_000);
    expect(a.log).toEqual(['leader=b', 'leader=a', 'started']);
    const renewedAt = leases.lease?.spec?.renewTime;
    await clock.advance(4_000);
    expect(leases.lease?.spec?.renewTime).not.toBe(renewedAt);
    expect(leases.lease?.spec).toMatchObject({
      holderIdentity: 'a',
      leaseTransitions: 1,
      acquireTime: '2025-01-01T00:00:00.000000Z',
      strategy: 'OldestEmulationVersion',
    });

    // End of term: the coordinator prefers another holder; a stops renewing and loses leadership after renewDeadline.
    await writeLease(leases, { preferredHolder: 'c' });
    await clock.advance(9_000);
    expect(a.leading()?.aborted).toBe(false);
    await clock.advance(4_000);
    expect(a.leading()?.aborted).toBe(true);
    await ra;
    expect(a.log.slice(-1)).toEqual(['stopped']);
    expect(leases.lease?.spec).toMatchObject({ holderIdentity: 'a', preferredHolder: 'c' }); // left for the coordinator
  });

  it(
    'coordinated against the fake API server: the granted lease is renewed with its strategy until end of term',
    { timeout: 20_000 },
    async () => {
      await using server = await startFakeApiServer();
      const { clientset } = clientsFor(server, { qps: -1 });
      const api = clientset.coordinationV1().leases('default');
      const started: string[] = [];
      let stoppedAt = 0;
      const stop = new AbortController();
      const e = new LeaderElector({
        lock: new LeaseLock({ namespace: 'default', name: 'cle', identity: 'a', client: clientset.coordinationV1() }),
        leaseDurationMs: 3_000,
        renewDeadlineMs: 1_000,
        retryPeriodMs: 200,
        coordinated: true,
        logger: silentLogger,
        callbacks: { onStartedLeading: () => void started.push('a'), onStoppedLeading: () => (stoppedAt = Date.now()) },
      });
      const run = e.run(stop.signal);
      await sleep(600);
      await expect(api.get('cle')).rejects.toSatisfy(isNotFound);
      expect(started).toEqual([]);

      const spec: LeaseSpec = { holderIdentity: 'a', leaseDurationSeconds: 3, leaseTransitions: 0, strategy: 'OldestEmulationVersion' };
      await api.create({
        metadata: { name: 'cle' },
        spec: { ...spec, renewTime: microTime(Date.now()), acquireTime: microTime(Date.now()) },
      });
      while (started.length === 0) await sleep(20);
      await sleep(500);
      const renewed = (await api.get('cle')).spec as LeaseSpec;
      expect(renewed).toMatchObject({ holderIdentity: 'a', strategy: 'OldestEmulationVersion', leaseDurationSeconds: 3 });

      // The coordinator marks end of term (retrying on conflicts with a's renewals).
      for (;;) {
        const current = await api.get('cle');
        try {
          await api.update({ ...current, spec: { ...current.spec, preferredHolder: 'b' } as LeaseSpec });
          break;
        } catch (err) {
          if (!isConflict(err)) throw err;
        }
      }
      const markedAt = Date.now();
      await run;
      expect(stoppedAt - markedAt).toBeGreaterThanOrEqual(900); // it gave up only once renewDeadline had passed
      expect(e.isLeader()).toBe(true); // its last observed record still names it, as in client-go
      expect((await api.get('cle')).spec).toMatchObject({ holderIdentity: 'a', preferredHolder: 'b' });
    },
  );

  it('metrics: the first provider set reports off at creation, on when acquired, slow-path renewals, and off when renewal fails', async () => {
    const events: string[] = [];
    const provider = (tag: string): MetricsProvider => ({
      newLeaderMetric: () => ({
        on: (n) => void events.push(`${tag} on ${n}`),
        off: (n) => void events.push(`${tag} off ${n}`),
        slowpathExercised: (n) => void events.push(`${tag} slowpath ${n}`),
      }),
    });
    setProvider(provider('first'));
    setProvider(provider('second')); // only the first call has an effect
    const clock = new FakeClock();
    const leases = new MemoryLeases();
    const a = candidate('a', leases, clock, { name: 'm' });
    expect(events).toEqual(['first off m']);
    const ra = a.run();
    await clock.settle();
    expect(events).toEqual(['first off m', 'first on m']);
    await clock.advance(10_000); // optimistic renewals: no slow path
    expect(events).toHaveLength(2);
    await writeLease(leases, { leaseTransitions: 0, renewTime: microTime(clock.now()) }); // a's next optimistic update conflicts
    await clock.advance(2_000);
    expect(events).toEqual(['first off m', 'first on m', 'first slowpath m']);
    // Writes fail: each attempt falls back to the slow path, until renewDeadline passes and leadership is off.
    leases.failing.add('update');
    await clock.advance(14_000);
    await ra;
    expect(events.slice(0, 3)).toEqual(['first off m', 'first on m', 'first slowpath m']);
    expect(events.slice(3, -1).length).toBeGreaterThan(0);
    expect(new Set(events.slice(3, -1))).toEqual(new Set(['first slowpath m']));
    expect(events.at(-1)).toBe('first off m');

    // Stopped (not deposed): no "off".
    leases.failing.clear();
    const b = candidate('b', leases, clock, { name: 'n' });
    const rb = b.run();
    await clock.advance(20_000);
    expect(b.elector.isLeader()).toBe(true);
    b.stop.abort();
    await rb;
    expect(events.filter((e) => e.endsWith(' n'))).toEqual(['first off n', 'first on n']);
  });
});
