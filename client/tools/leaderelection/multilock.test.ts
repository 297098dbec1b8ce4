import { describe, expect, it } from 'vitest';
import { startFakeApiServer } from '../../../fake-apiserver/index.js';
import { StatusError } from '../../../fake-apiserver/index.js';
import { isForbidden, isNotFound } from '../../errors.js';
import { silentLogger } from '../../cache/log.js';
import { clientsFor } from '../../testing/fake-server-clients.js';
import type { Clientset } from '../../kubernetes/clientset.js';
import { LeaderElector } from './leaderelection.js';
import { MultiLock, UNKNOWN_LEADER, concatRawRecord } from './multilock.js';
import { LeaseLock, type LeaderElectionRecord, type LockEventRecorder } from './resourcelock.js';

const record = (holderIdentity: string, leaderTransitions = 0): LeaderElectionRecord => ({
  holderIdentity,
  leaseDurationSeconds: 15,
  acquireTime: '2025-01-02T03:04:05.000000Z',
  renewTime: '2025-01-02T03:04:05.000000Z',
  leaderTransitions,
});

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

function locks(clientset: Clientset, identity: string, eventRecorder?: LockEventRecorder) {
  const client = clientset.coordinationV1();
  const primary = new LeaseLock({ namespace: 'default', name: 'primary', identity, client, eventRecorder });
  const secondary = new LeaseLock({ namespace: 'default', name: 'secondary', identity, client, eventRecorder });
  return { primary, secondary, multi: new MultiLock(primary, secondary) };
}

async function seed(clientset: Clientset, name: string, r: LeaderElectionRecord) {
  await new LeaseLock({ namespace: 'default', name, identity: 'seeder', client: clientset.coordinationV1() }).create(r);
}

describe('MultiLock', () => {
  it('get: a lock an old client holds on the primary alone reads as the primary record', async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server, { qps: -1 });
    await seed(clientset, 'primary', record('old', 4));
    const { primary, multi } = locks(clientset, 'new');
    const got = await multi.get();
    expect(got.record).toEqual(record('old', 4));
    expect(got.raw).toBe((await primary.get()).raw); // no secondary part
  });

  it('get: NotFound from the secondary when this candidate holds the primary', async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server, { qps: -1 });
    await seed(clientset, 'primary', record('new'));
    const { multi } = locks(clientset, 'new');
    await expect(multi.get()).rejects.toSatisfy(isNotFound);
    // And NotFound from the primary propagates as it is.
    const other = new MultiLock(
      new LeaseLock({ namespace: 'default', name: 'absent', identity: 'new', client: clientset.coordinationV1() }),
      new LeaseLock({ namespace: 'default', name: 'primary', identity: 'new', client: clientset.coordinationV1() }),
    );
    await expect(other.get()).rejects.toSatisfy(isNotFound);
  });

  it('get: holders that differ read as the unknown leader; the raw record is "primary,secondary"', async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server, { qps: -1 });
    await seed(clientset, 'primary', record('x', 2));
    await seed(clientset, 'secondary', record('y', 3));
    const { primary, secondary, multi } = locks(clientset, 'me');
    const got = await multi.get();
    expect(UNKNOWN_LEADER).toBe('leaderelection.k8s.io/unknown');
    expect(got.record).toEqual({ ...record('x', 2), holderIdentity: UNKNOWN_LEADER });
    const secondaryRaw = (await secondary.get()).raw;
    expect(got.raw).toBe(`${JSON.stringify(got.record)},${secondaryRaw}`);

    // Same holder on both: the primary's record, and both raw records.
    await secondary.update(record('x', 3));
    const same = await multi.get();
    expect(same.record).toEqual(record('x', 2));
    expect(same.raw).toBe(concatRawRecord((await primary.get()).raw, (await secondary.get()).raw));
  });

  it('create: an existing primary is kept, the secondary is created; other primary errors propagate', async () => {
    let forbid = false;
    await using server = await startFakeApiServer({
      faults: {
        onRequest: (ctx) =>
          forbid && ctx.verb === 'create' && ctx.name === '' && ctx.resource === 'leases'
            ? { error: new StatusError(403, 'Forbidden', 'leases is forbidden') }
            : undefined,
      },
    });
    const { clientset } = clientsFor(server, { qps: -1 });
    const leases = clientset.coordinationV1().leases('default');
    await seed(clientset, 'primary', record('old', 7));
    const { multi } = locks(clientset, 'new');
    await multi.create(record('new'));
    expect((await leases.get('primary')).spec?.holderIdentity).toBe('old');
    expect((await leases.get('secondary')).spec).toMatchObject({ holderIdentity: 'new', leaseTransitions: 0 });

    await leases.delete('primary');
    await leases.delete('secondary');
    forbid = true;
    await expect(locks(clientset, 'new').multi.create(record('new'))).rejects.toSatisfy(isForbidden);
    forbid = false;
    await expect(leases.get('secondary')).rejects.toSatisfy(isNotFound); // never reached
  });

  it('update: writes both, recreating a missing secondary', async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server, { qps: -1 });
    const leases = clientset.coordinationV1().leases('default');
    const { multi } = locks(clientset, 'new');
    await multi.create(record('new'));
    await multi.update(record('new', 1));
    expect((await leases.get('primary')).spec?.leaseTransitions).toBe(1);
    expect((await leases.get('secondary')).spec?.leaseTransitions).toBe(1);

    await leases.delete('secondary');
    await multi.update(record('new', 2));
    expect((await leases.get('primary')).spec?.leaseTransitions).toBe(2);
    expect((await leases.get('secondary')).spec).toMatchObject({ holderIdentity: 'new', leaseTransitions: 2 });
  });

  it("describe and identity are the primary's; events go to both locks", async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server, { qps: -1 });
    const events: string[] = [];
    const recorder: LockEventRecorder = {
      eventf: (obj, _type, _reason, _fmt, ...args) =>
        void events.push(`${(obj as { metadata: { name: string } }).metadata.name}: ${args.join(' ')}`),
    };
    const primary = new LeaseLock({
      namespace: 'default',
      name: 'primary',
      identity: 'p',
      client: clientset.coordinationV1(),
      eventRecorder: recorder,
    });
    const secondary = new LeaseLock({
      namespace: 'kube-system',
      name: 'secondary',
      identity: 's',
      client: clientset.coordinationV1(),
      eventRecorder: recorder,
    });
    const multi = new MultiLock(primary, secondary);
    expect(multi.describe()).toBe('default/primary');
    expect(multi.identity()).toBe('p');
    await multi.create(record('p'));
    multi.recordEvent('became leader');
    expect(events).toEqual(['primary: p became leader', 'secondary: s became leader']);
  });

  it('migration: a new elector on MultiLock waits for an old primary-only leader, then holds both locks', { timeout: 20_000 }, async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server, { qps: -1 });
    const leases = clientset.coordinationV1().leases('default');
    const started: string[] = [];
    const elect = (id: string, lock: LeaseLock | MultiLock) => {
      const stop = new AbortController();
      const e = new LeaderElector({
        lock,
        leaseDurationMs: 2_000,
        renewDeadlineMs: 1_000,
        retryPeriodMs: 200,
        releaseOnCancel: true,
        logger: silentLogger,
        callbacks: { onStartedLeading: () => void started.push(id), onStoppedLeading: () => {} },
      });
      return { e, stop, run: e.run(stop.signal) };
    };
    const old = elect('old', new LeaseLock({ namespace: 'default', name: 'primary', identity: 'old', client: clientset.coordinationV1() }));
    while (started.length === 0) await sleepMs(20);
    const n1 = elect('new-1', locks(clientset, 'new-1').multi);
    const n2 = elect('new-2', locks(clientset, 'new-2').multi);
    await sleepMs(800);
    expect(started).toEqual(['old']);
    expect(n1.e.getLeader()).toBe('old');
    await expect(leases.get('secondary')).rejects.toSatisfy(isNotFound);

    old.stop.abort();
    await old.run;
    while (started.length < 2) await sleepMs(20);
    await sleepMs(800);
    expect(started).toHaveLength(2);
    const leader = started[1]!;
    expect(['new-1', 'new-2']).toContain(leader);
    expect((await leases.get('primary')).spec).toMatchObject({ holderIdentity: leader, leaseTransitions: 1 });
    expect((await leases.get('secondary')).spec).toMatchObject({ holderIdentity: leader, leaseTransitions: 1 });
    expect([n1.e.isLeader(), n2.e.isLeader()].filter(Boolean)).toHaveLength(1);
    n1.stop.abort();
    n2.stop.abort();
    await Promise.all([n1.run, n2.run]);
  });
});
