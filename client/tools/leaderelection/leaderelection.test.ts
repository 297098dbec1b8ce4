import { describe, expect, it } from 'vitest';
import { startFakeApiServer } from '../../../fake-apiserver/index.js';
import { StatusError } from '../../errors.js';
import { silentLogger } from '../../cache/log.js';
import { FakeClock } from '../clock/fake-clock.js';
import { LeaderElector, type LeaderElectionConfig } from './leaderelection.js';
import { clientsFor } from '../../testing/fake-server-clients.js';
import { newBroadcaster } from '../record/event.js';
import { newEventSink } from '../record/sink.js';
import { LeaseLock, type Lease, type LeasesGetter } from './resourcelock.js';

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
    expect(leases.lease?.spec?.holderIdentity).toBeUndefined();
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
