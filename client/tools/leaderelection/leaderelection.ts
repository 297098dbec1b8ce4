/**
 * Leader election over a Lease (client-go tools/leaderelection/leaderelection.go).
 *
 * This is not fencing: it does not guarantee that only one candidate acts as leader at any
 * instant (clock skew, pauses and slow requests can overlap two leaders briefly). It guarantees
 * that a candidate acts only while it believes it holds an unexpired lease.
 *
 * Algorithm (client-go's, with times in ms on an injected clock):
 * - acquire: try every retryPeriod × [1, 2.2) (JitterFactor 1.2, sliding) until
 *   tryAcquireOrRenew succeeds; then onStartedLeading(signal) runs (not awaited).
 * - renew: every retryPeriod, poll tryAcquireOrRenew every retryPeriod for at most renewDeadline;
 *   if no attempt succeeds within renewDeadline, leadership is lost: the leading signal aborts.
 * - tryAcquireOrRenew: a leader with a still-valid observed lease first updates optimistically;
 *   otherwise get (create when missing); a different holder whose lease is still valid wins; else
 *   update, keeping acquireTime/transitions when renewing and bumping transitions when taking
 *   over. Updates carry the lease's resourceVersion, so concurrent takeovers conflict.
 * - validity is judged by the LOCAL time at which this candidate last saw the record change
 *   (observedTime + leaseDuration > now), never by the server's renewTime: skew-tolerant, so a
 *   candidate waits a full leaseDuration after the last observed change before taking over.
 * - onStoppedLeading runs when run() ends, whether or not this candidate ever led (as client-go).
 * - releaseOnCancel: on stop, a leader re-reads the lock (for its resourceVersion) and writes a
 *   record with no holder and a 1 s duration so the next candidate need not wait out the lease.
 *   Unlike client-go, it writes nothing when the re-read shows another holder (a leader that lost
 *   the lease must not clear its successor's).
 * - coordinated (client-go's alpha Coordinated Leader Election): the candidate never creates or
 *   takes over the lease; the coordinator (kube-controller-manager) names the holder, and the
 *   candidate only renews while it is named, the lease is unexpired and no preferredHolder asks
 *   it to step down ("end of term").
 * - check(maxTolerableExpiredLease) / watchDog: a leader that has not renewed for longer than
 *   leaseDuration + the tolerance reports an error (see healthzadaptor.ts).
 * - metrics: see metrics.ts (setProvider).
 */
import { isNotFound } from '../../errors.js';
import { consoleLogger, type Logger } from '../../cache/log.js';
import { jitter } from '../wait/backoff.js';
import { mathRandom, realClock, sleep, type Clock, type Random } from '../clock/clock.js';
import type { HealthzAdaptor } from './healthzadaptor.js';
import { newLeaderMetrics, type LeaderMetric } from './metrics.js';
import type { LeaderElectionRecord, ResourceLock } from './resourcelock.js';
import { microTime } from './resourcelock.js';

export const JITTER_FACTOR = 1.2;

export interface LeaderCallbacks {
  /** Runs when leadership is acquired; `signal` aborts when it is lost or the election stops. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Runs once when run() ends (leadership lost, or stopped), even if this candidate never led. */
  onStoppedLeading(): void;
  /** Runs when the observed leader changes (including to this candidate). */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  lock: ResourceLock;
  /** How long a lease is valid without renewal (client-go example: 60 s; components: 15 s). */
  leaseDurationMs: number;
  /** How long the leader retries renewing before giving up (e.g. 15 s / 10 s). */
  renewDeadlineMs: number;
  /** The interval between attempts (e.g. 5 s / 2 s). */
  retryPeriodMs: number;
  callbacks: LeaderCallbacks;
  /**
   * The health checker to tie to the elector; runLeaderElection (RunOrDie) ties it, a
   * LeaderElector built directly does not.
   */
  watchDog?: HealthzAdaptor;
  /**
   * Release the lock when stopped. Everything the lease guards must have finished before the
   * signal aborts, or two processes may act on the critical path at once.
   */
  releaseOnCancel?: boolean;
  /** The name of the lock for debugging: in check()'s error and as the metrics' label. */
  name?: string;
  /** Coordinated Leader Election (ALPHA in client-go): renew only a lease the coordinator granted. */
  coordinated?: boolean;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
}

export class LeaderElector {
  private observedRecord: LeaderElectionRecord = { holderIdentity: '', leaseDurationSeconds: 0, leaderTransitions: 0 };
  private observedRawRecord = '';
  private observedTime = 0;
  private reportedLeader = '';
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly logger: Logger;
  private readonly metrics: LeaderMetric;

  constructor(private readonly config: LeaderElectionConfig) {
    validate(config);
    this.clock = config.clock ?? realClock;
    this.random = config.random ?? mathRandom;
    this.logger = config.logger ?? consoleLogger;
    this.metrics = newLeaderMetrics();
    this.metrics.off(this.name());
  }

  private name(): string {
    return this.config.name ?? '';
  }

  /** The identity of the leader last observed ("" if none). */
  getLeader(): string {
    return this.observedRecord.holderIdentity;
  }

  isLeader(): boolean {
    return this.observedRecord.holderIdentity === this.config.lock.identity();
  }

  /** Contends, leads while it can, and resolves after onStoppedLeading once stopped or deposed. */
  async run(signal: AbortSignal): Promise<void> {
    try {
      if (!(await this.acquire(signal))) return;
      const leading = new AbortController();
      const onStop = () => leading.abort();
      signal.addEventListener('abort', onStop, { once: true });
      try {
        void Promise.resolve()
          .then(() => this.config.callbacks.onStartedLeading(leading.signal))
          .catch((err) => this.logger.error(`onStartedLeading failed: ${String(err)}`));
        await this.renew(leading);
      } finally {
        signal.removeEventListener('abort', onStop);
        leading.abort();
      }
    } finally {
      this.config.callbacks.onStoppedLeading();
    }
  }

  private async acquire(signal: AbortSignal): Promise<boolean> {
    const desc = this.config.lock.describe();
    this.logger.info(`attempting to acquire leader lease ${desc}...`);
    while (!signal.aborted) {
      const ok = await this.tryOnce(signal);
      this.maybeReportTransition();
      if (ok) {
        this.config.lock.recordEvent('became leader');
        this.metrics.on(this.name());
        this.logger.info(`successfully acquired lease ${desc}`);
        return true;
      }
      if (!(await sleep(this.clock, jitter(this.config.retryPeriodMs, JITTER_FACTOR, this.random), signal))) break;
    }
    return false;
  }

  private async renew(leading: AbortController): Promise<void> {
    const desc = this.config.lock.describe();
    const signal = leading.signal;
    while (!signal.aborted) {
      const renewed = await this.pollRenew(signal);
      this.maybeReportTransition();
      if (signal.aborted) break;
      if (!renewed) {
        this.metrics.off(this.name());
        this.logger.info(`failed to renew lease ${desc}: timed out waiting for the condition`);
        leading.abort();
        break;
      }
      if (!(await sleep(this.clock, this.config.retryPeriodMs, signal))) break;
    }
    if (this.config.releaseOnCancel) await this.release();
    // client-go defers this event, so it follows the release.
    this.config.lock.recordEvent('stopped leading');
  }

  private tryOnce(signal?: AbortSignal): Promise<boolean> {
    return this.config.coordinated ? this.tryCoordinatedRenew(signal) : this.tryAcquireOrRenew(signal);
  }

  /** PollUntilContextTimeout(retryPeriod, renewDeadline, immediate): true once an attempt succeeds. */
  private async pollRenew(signal: AbortSignal): Promise<boolean> {
    const deadline = this.clock.now() + this.config.renewDeadlineMs;
    const attempt = new AbortController();
    const timer = this.clock.setTimer(this.config.renewDeadlineMs, () => attempt.abort());
    const onStop = () => attempt.abort();
    signal.addEventListener('abort', onStop, { once: true });
    try {
      for (;;) {
        if (await this.tryOnce(attempt.signal)) return true;
        if (attempt.signal.aborted || this.clock.now() >= deadline) return false;
        if (!(await sleep(this.clock, this.config.retryPeriodMs, attempt.signal))) return false;
        if (this.clock.now() >= deadline) return false;
      }
    } finally {
      timer.cancel();
      signal.removeEventListener('abort', onStop);
    }
  }

  /** One attempt; never throws (failures are logged and count as "not acquired"). */
  async tryAcquireOrRenew(signal?: AbortSignal): Promise<boolean> {
    const lock = this.config.lock;
    const now = microTime(this.clock.now());
    const record: LeaderElectionRecord = {
      holderIdentity: lock.identity(),
      leaseDurationSeconds: Math.floor(this.config.leaseDurationMs / 1000),
      renewTime: now,
      acquireTime: now,
      leaderTransitions: 0,
    };
    // 1. Fast path: the leader updates optimistically, assuming its last observed record is current.
    if (this.isLeader() && this.isLeaseValid(this.clock.now())) {
      const old = this.observedRecord;
      const next = { ...record, acquireTime: old.acquireTime, leaderTransitions: old.leaderTransitions };
      try {
        await lock.update(next, signal);
        this.setObservedRecord(next);
        return true;
      } catch (err) {
        this.logger.warn(`Failed to update lock optimistically: ${describe(err)}, falling back to slow path`);
      }
    }
    // 2. Get, or create when missing.
    let old: LeaderElectionRecord;
    let raw: string;
    try {
      ({ record: old, raw } = await lock.get(signal));
    } catch (err) {
      if (!isNotFound(err)) {
        this.logger.error(`error retrieving resource lock ${lock.describe()}: ${describe(err)}`);
        return false;
      }
      try {
        await lock.create(record, signal);
      } catch (createErr) {
        this.logger.error(`error initially creating leader election record: ${describe(createErr)}`);
        return false;
      }
      this.setObservedRecord(record);
      return true;
    }
    // 3. Note when the record last changed, by our clock.
    if (raw !== this.observedRawRecord) {
      this.setObservedRecord(old);
      this.observedRawRecord = raw;
    }
    if (old.holderIdentity !== '' && this.isLeaseValid(this.clock.now()) && !this.isLeader()) {
      this.logger.debug(`lock is held by ${old.holderIdentity} and has not yet expired`);
      return false;
    }
    // 4. Take over or renew.
    if (this.isLeader()) {
      record.acquireTime = old.acquireTime;
      record.leaderTransitions = old.leaderTransitions;
      this.metrics.slowpathExercised(this.name());
    } else {
      record.leaderTransitions = old.leaderTransitions + 1;
    }
    try {
      await lock.update(record, signal);
    } catch (err) {
      this.logger.warn(`Failed to update lock: ${describe(err)}`);
      return false;
    }
    this.setObservedRecord(record);
    return true;
  }

  /**
   * Coordinated Leader Election: the coordinator picks the holder, so this never creates or takes
   * over the lease. It renews only a lease that names this candidate, is unexpired by this
   * candidate's clock, and carries no preferredHolder (the coordinator's "end of term").
   */
  async tryCoordinatedRenew(signal?: AbortSignal): Promise<boolean> {
    const lock = this.config.lock;
    const nowMs = this.clock.now();
    const now = microTime(nowMs);
    const record: LeaderElectionRecord = {
      holderIdentity: lock.identity(),
      leaseDurationSeconds: Math.floor(this.config.leaseDurationMs / 1000),
      renewTime: now,
      acquireTime: now,
      leaderTransitions: 0,
    };
    // 1. Obtain the record; a missing lease is not ours to create.
    let old: LeaderElectionRecord;
    let raw: string;
    try {
      ({ record: old, raw } = await lock.get(signal));
    } catch (err) {
      if (!isNotFound(err)) this.logger.error(`error retrieving lease lock ${lock.describe()}: ${describe(err)}`);
      else this.logger.info(`lease lock ${lock.describe()} not found: ${describe(err)}`);
      return false;
    }
    // 2. Note when the record last changed, by our clock.
    if (raw !== this.observedRawRecord) {
      this.setObservedRecord(old);
      this.observedRawRecord = raw;
    }
    if (this.observedTime + old.leaseDurationSeconds * 1000 < nowMs) {
      this.logger.info(`lease ${lock.describe()} has expired`);
      return false;
    }
    if (!this.isLeader()) {
      this.logger.debug(`lease ${lock.describe()} is held by ${old.holderIdentity} and has not yet expired`);
      return false;
    }
    // 2b. Marked as "end of term": do not renew; the lease runs out and leadership is lost.
    if (old.preferredHolder) {
      this.logger.debug(`lease ${lock.describe()} is marked as 'end of term'`);
      return false;
    }
    // 3. Renew, keeping what the coordinator and the acquisition set.
    record.acquireTime = old.acquireTime;
    record.leaderTransitions = old.leaderTransitions;
    if (old.strategy) record.strategy = old.strategy;
    this.metrics.slowpathExercised(this.name());
    try {
      await lock.update(record, signal);
    } catch (err) {
      this.logger.error(`Failed to update lock ${lock.describe()}: ${describe(err)}`);
      return false;
    }
    this.setObservedRecord(record);
    return true;
  }

  /**
   * Gives the lease up: re-reads the lock (refreshing its resourceVersion), then writes a record
   * with no holder and a 1 s duration. The re-read's transitions count is kept.
   */
  private async release(): Promise<boolean> {
    const lock = this.config.lock;
    const timeout = new AbortController();
    const timer = this.clock.setTimer(this.config.renewDeadlineMs, () => timeout.abort(new Error('context deadline exceeded')));
    try {
      let current: LeaderElectionRecord;
      try {
        ({ record: current } = await lock.get(timeout.signal));
      } catch (err) {
        if (!isNotFound(err)) this.logger.error(`error retrieving resource lock ${lock.describe()}: ${describe(err)}`);
        else this.logger.info(`lease lock ${lock.describe()} not found`);
        return false;
      }
      if (!this.isLeader()) return true;
      // Not in client-go: a lease another candidate took over (after ours lapsed) is left alone.
      if (current.holderIdentity !== lock.identity()) return true;
      const now = microTime(this.clock.now());
      const record: LeaderElectionRecord = {
        holderIdentity: '',
        leaseDurationSeconds: 1,
        renewTime: now,
        acquireTime: now,
        leaderTransitions: current.leaderTransitions,
      };
      try {
        await lock.update(record, timeout.signal);
      } catch (err) {
        this.logger.error(`Failed to release lease ${lock.describe()}: ${describe(err)}`);
        return false;
      }
      this.setObservedRecord(record);
      return true;
    } finally {
      timer.cancel();
    }
  }

  /**
   * Check: an Error when this candidate is leader but last renewed (by its clock) more than
   * leaseDuration + maxTolerableExpiredLeaseMs ago; undefined otherwise (a standby is never
   * unhealthy).
   */
  check(maxTolerableExpiredLeaseMs: number): Error | undefined {
    if (!this.isLeader()) return undefined;
    if (this.clock.now() - this.observedTime > this.config.leaseDurationMs + maxTolerableExpiredLeaseMs) {
      return new Error(`failed election to renew leadership on lease ${this.name()}`);
    }
    return undefined;
  }

  private isLeaseValid(now: number): boolean {
    return this.observedTime + this.observedRecord.leaseDurationSeconds * 1000 > now;
  }

  private setObservedRecord(record: LeaderElectionRecord): void {
    this.observedRecord = { ...record };
    this.observedTime = this.clock.now();
  }

  private maybeReportTransition(): void {
    if (this.observedRecord.holderIdentity === this.reportedLeader) return;
    this.reportedLeader = this.observedRecord.holderIdentity;
    const cb = this.config.callbacks.onNewLeader;
    if (cb) {
      const leader = this.reportedLeader;
      queueMicrotask(() => cb(leader));
    }
  }
}

function validate(c: LeaderElectionConfig): void {
  if (c.leaseDurationMs <= c.renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
  if (c.renewDeadlineMs <= JITTER_FACTOR * c.retryPeriodMs) throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
  if (c.leaseDurationMs < 1) throw new Error('leaseDuration must be greater than zero');
  if (c.renewDeadlineMs < 1) throw new Error('renewDeadline must be greater than zero');
  if (c.retryPeriodMs < 1) throw new Error('retryPeriod must be greater than zero');
  if (!c.callbacks?.onStartedLeading) throw new Error('OnStartedLeading callback must not be nil');
  if (!c.callbacks?.onStoppedLeading) throw new Error('OnStoppedLeading callback must not be nil');
  if (!c.lock) throw new Error('Lock must not be nil.');
  if (!c.lock.identity()) throw new Error('Lock identity is empty');
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** client-go NewLeaderElector. */
export function newLeaderElector(config: LeaderElectionConfig): LeaderElector {
  return new LeaderElector(config);
}

/**
 * client-go RunOrDie: validates (throwing on a bad config), ties the config's watchDog to the
 * elector, then runs until stopped or deposed.
 */
export function runLeaderElection(config: LeaderElectionConfig, signal: AbortSignal): Promise<void> {
  const le = new LeaderElector(config);
  config.watchDog?.setLeaderElection(le);
  return le.run(signal);
}
