import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startFakeApiServer } from '../../../fake-apiserver/index.js';
import { isAlreadyExists, isNotFound } from '../../errors.js';
import { silentLogger } from '../../cache/log.js';
import { clientsFor } from '../../testing/fake-server-clients.js';
import { LeaderElector } from './leaderelection.js';
import {
  LEASES_RESOURCE_LOCK,
  LeaseLock,
  leaseSpecToRecord,
  newResourceLock,
  newResourceLockFromKubeconfig,
  newResourceLockWithLabels,
  recordToLeaseSpec,
  type LeaderElectionRecord,
  type ResourceLock,
} from './resourcelock.js';

const record = (holderIdentity: string, extra: Partial<LeaderElectionRecord> = {}): LeaderElectionRecord => ({
  holderIdentity,
  leaseDurationSeconds: 15,
  acquireTime: '2025-01-02T03:04:05.123456Z',
  renewTime: '2025-01-02T03:04:06.654321Z',
  leaderTransitions: 1,
  ...extra,
});

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('resourcelock.New (newResourceLock)', () => {
  it('fails the lock types client-go v0.35 removed, with its messages', () => {
    const make = (t: string) => () => newResourceLock(t, 'ns', 'name', undefined, { leases: () => ({}) as never }, { identity: 'me' });
    expect(make('endpoints')).toThrow(new Error('endpoints lock is removed, migrate to leases'));
    expect(make('configmaps')).toThrow(new Error('configmaps lock is removed, migrate to leases'));
    expect(make('endpointsleases')).toThrow(new Error('endpointsleases lock is removed, migrate to leases'));
    expect(make('configmapsleases')).toThrow(new Error('configmapsleases lock is removed, migrated to leases'));
    expect(make('Leases')).toThrow(new Error('Invalid lock-type Leases'));
    expect(make('')).toThrow(new Error('Invalid lock-type '));
    const lock = make(LEASES_RESOURCE_LOCK)();
    expect(lock).toBeInstanceOf(LeaseLock);
    expect(lock.describe()).toBe('ns/name');
    expect(lock.identity()).toBe('me');
  });

  it('builds a Lease lock that round-trips the record through the fake API server', async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server, { qps: -1 });
    const events: string[] = [];
    const eventRecorder = {
      eventf: (_o: unknown, type: string, reason: string, fmt: string, ...args: unknown[]) =>
        void events.push(`${type} ${reason} ${fmt} ${args.join(' ')}`),
    };
    const lock = newResourceLock('leases', 'default', 'rl', clientset.coreV1(), clientset.coordinationV1(), {
      identity: 'a',
      eventRecorder,
    });
    lock.recordEvent('before any read'); // nothing to attach it to yet: dropped (client-go would panic here)
    await expect(lock.get()).rejects.toSatisfy(isNotFound);
    await expect(lock.update(record('a'))).rejects.toThrow('lease not initialized, call get or create first');

    await lock.create(record('a', { strategy: 'OldestEmulationVersion' }));
    await expect(lock.create(record('a'))).rejects.toSatisfy(isAlreadyExists);
    const got = await lock.get();
    expect(got.record).toEqual(record('a', { strategy: 'OldestEmulationVersion' }));
    expect(JSON.parse(got.raw)).toEqual(got.record);

    await lock.update(record('', { leaderTransitions: 2, leaseDurationSeconds: 1 }));
    const lease = await clientset.coordinationV1().leases('default').get('rl');
    // As client-go's LeaderElectionRecordToLeaseSpec: an empty holder is written as "", unset strategy is dropped.
    expect(lease.spec).toEqual({
      holderIdentity: '',
      leaseDurationSeconds: 1,
      leaseTransitions: 2,
      acquireTime: '2025-01-02T03:04:05.123456Z',
      renewTime: '2025-01-02T03:04:06.654321Z',
    });
    lock.recordEvent('became leader');
    expect(events).toEqual(['Normal LeaderElection %v %v a became leader']);
  });

  it('converts coordinated-election fields between record and LeaseSpec (strategy, preferredHolder)', () => {
    const r = record('a', { strategy: 'OldestEmulationVersion', preferredHolder: 'b' });
    const spec = recordToLeaseSpec(r);
    expect(spec).toMatchObject({ holderIdentity: 'a', strategy: 'OldestEmulationVersion', preferredHolder: 'b', leaseTransitions: 1 });
    expect(leaseSpecToRecord(spec)).toEqual(r);
    expect(leaseSpecToRecord(undefined)).toEqual({ holderIdentity: '', leaseDurationSeconds: 0, leaderTransitions: 0 });
  });

  it('NewWithLabels: the lock sets its labels on create and re-applies only those keys on every update', async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server, { qps: -1 });
    const leases = clientset.coordinationV1().leases('default');
    const lock = newResourceLockWithLabels(
      'leases',
      'default',
      'labelled',
      undefined,
      clientset.coordinationV1(),
      { identity: 'a' },
      { owner: 'a' },
    );
    await lock.create(record('a'));
    expect((await leases.get('labelled')).metadata?.labels).toEqual({ owner: 'a' });

    // Someone else edits the labels: our key is overwritten back, theirs is kept.
    const current = await leases.get('labelled');
    await leases.update({ ...current, metadata: { ...current.metadata, labels: { owner: 'someone', extra: 'x' } } });
    await lock.get();
    await lock.update(record('a', { leaderTransitions: 3 }));
    const after = await leases.get('labelled');
    expect(after.metadata?.labels).toEqual({ owner: 'a', extra: 'x' });
    expect(after.spec?.leaseTransitions).toBe(3);

    expect(() => newResourceLockWithLabels('configmaps', 'd', 'n', undefined, clientset.coordinationV1(), { identity: 'a' }, {})).toThrow(
      'configmaps lock is removed, migrate to leases',
    );
  });

  it('NewFromKubeconfig: its own clientset, user agent "<default>/leader-election", leaving the config untouched', async () => {
    const agents: string[] = [];
    const http = createServer((req, res) => {
      agents.push(req.headers['user-agent'] ?? '');
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' }));
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    try {
      const config = { host: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, userAgent: 'my-controller/1.0', qps: -1 };
      const frozen = structuredClone(config);
      const lock = newResourceLockFromKubeconfig('leases', 'kube-system', 'ctrl', { identity: 'a' }, config, 10_000);
      expect(lock.describe()).toBe('kube-system/ctrl');
      await expect(lock.get()).rejects.toSatisfy(isNotFound);
      expect(agents).toHaveLength(1);
      expect(agents[0]).toMatch(/^kubeharness\/.+\/leader-election$/);
      expect(config).toEqual(frozen);
      expect(() => newResourceLockFromKubeconfig('endpoints', 'ns', 'n', { identity: 'a' }, config, 10_000)).toThrow(
        'endpoints lock is removed, migrate to leases',
      );
    } finally {
      await new Promise((r) => http.close(r));
    }
  });

  it('NewFromKubeconfig: requests time out after max(1 s, renewDeadline / 2)', { timeout: 20_000 }, async () => {
    let delayMs = 0;
    await using server = await startFakeApiServer({
      faults: { onRequest: (ctx) => (ctx.resource === 'leases' && ctx.verb === 'get' ? { delayMs } : undefined) },
    });
    const { config, clientset } = clientsFor(server, { qps: -1 });
    await clientset
      .coordinationV1()
      .leases('default')
      .create({ metadata: { name: 'slow' }, spec: { holderIdentity: 'x' } });
    const timeoutOf = async (renewDeadlineMs: number) => {
      const lock = newResourceLockFromKubeconfig('leases', 'default', 'slow', { identity: 'a' }, config, renewDeadlineMs);
      const start = Date.now();
      try {
        await lock.get();
        return { ok: true, ms: Date.now() - start };
      } catch {
        return { ok: false, ms: Date.now() - start };
      }
    };
    delayMs = 2_500;
    // renewDeadline 3 s → a 1.5 s timeout.
    const r3 = await timeoutOf(3_000);
    expect(r3.ok).toBe(false);
    expect(r3.ms).toBeGreaterThanOrEqual(1_400);
    expect(r3.ms).toBeLessThan(2_300);
    // renewDeadline 1 s → the 1 s floor, not 0.5 s.
    const r1 = await timeoutOf(1_000);
    expect(r1.ok).toBe(false);
    expect(r1.ms).toBeGreaterThanOrEqual(900);
    expect(r1.ms).toBeLessThan(1_400);
    // renewDeadline 6 s → a 3 s timeout: the 2.5 s request succeeds.
    expect((await timeoutOf(6_000)).ok).toBe(true);
  });

  it('two electors on newResourceLock("leases"): one leader, handover on release', { timeout: 20_000 }, async () => {
    await using server = await startFakeApiServer();
    const { clientset } = clientsFor(server, { qps: -1 });
    const started: string[] = [];
    const make = (id: string) => {
      const lock: ResourceLock = newResourceLock('leases', 'default', 'handover', clientset.coreV1(), clientset.coordinationV1(), {
        identity: id,
      });
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
      return { id, e, stop, run: e.run(stop.signal) };
    };
    const a = make('a');
    const b = make('b');
    while (started.length === 0) await sleepMs(20);
    await sleepMs(600);
    expect(started).toHaveLength(1);
    const [first, second] = started[0] === 'a' ? [a, b] : [b, a];
    expect([first.e.isLeader(), second.e.isLeader()]).toEqual([true, false]);
    expect(second.e.getLeader()).toBe(first.id);
    first.stop.abort();
    await first.run;
    while (started.length < 2) await sleepMs(20);
    expect(started).toEqual([first.id, second.id]);
    const lease = await clientset.coordinationV1().leases('default').get('handover');
    expect(lease.spec).toMatchObject({ holderIdentity: second.id, leaseTransitions: 1, leaseDurationSeconds: 2 });
    second.stop.abort();
    await second.run;
    expect((await clientset.coordinationV1().leases('default').get('handover')).spec).toMatchObject({
      holderIdentity: '',
      leaseDurationSeconds: 1,
      leaseTransitions: 1,
    });
  });
});
