/**
 * The lock a leader election contends for (client-go tools/leaderelection/resourcelock:
 * interface.go, leaselock.go): a LeaderElectionRecord stored in a coordination.k8s.io/v1 Lease,
 * read and written through the clientset:
 *
 *   new LeaseLock({ namespace, name, identity, client: clientset.coordinationV1(), eventRecorder })
 *
 * Invariants:
 * - `update` writes the Lease last read or written (with its resourceVersion), so two electors
 *   racing for the same Lease cannot both succeed: the loser gets 409 Conflict.
 * - `get` returns the record and its raw JSON; the elector compares raw records to notice change.
 * - Times are metav1.MicroTime strings (RFC 3339 with microseconds).
 */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { LeaseInterface } from '../../kubernetes/typed/coordination/v1.js';
import type { EventRecorder } from '../record/event.js';

export interface LeaderElectionRecord {
  /** Empty when nobody holds the lock (e.g. after a release). */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: string;
  renewTime?: string;
  leaderTransitions: number;
}

/** resourcelock.Interface. */
export interface ResourceLock {
  get(signal?: AbortSignal): Promise<{ record: LeaderElectionRecord; raw: string }>;
  create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
  update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
  recordEvent(message: string): void;
  identity(): string;
  describe(): string;
}

export type { Lease };

/**
 * client-go coordinationv1client.LeasesGetter: `clientset.coordinationV1()` (or a test double
 * with the same three verbs).
 */
export interface LeasesGetter {
  leases(namespace: string): Pick<LeaseInterface, 'get' | 'create' | 'update'>;
}

/** metav1.MicroTime: RFC 3339 with six fractional digits, UTC. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function leaseSpecToRecord(spec: Lease['spec'] = {}): LeaderElectionRecord {
  return {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime,
    renewTime: spec.renewTime,
    leaderTransitions: spec.leaseTransitions ?? 0,
  };
}

export function recordToLeaseSpec(r: LeaderElectionRecord): NonNullable<Lease['spec']> {
  const spec: NonNullable<Lease['spec']> = { leaseDurationSeconds: r.leaseDurationSeconds, leaseTransitions: r.leaderTransitions };
  if (r.holderIdentity) spec.holderIdentity = r.holderIdentity;
  if (r.acquireTime) spec.acquireTime = r.acquireTime;
  if (r.renewTime) spec.renewTime = r.renewTime;
  return spec;
}

export interface LeaseLockConfig {
  namespace: string;
  name: string;
  /** This candidate's identity (unique per process, e.g. hostname + random suffix). */
  identity: string;
  /** `clientset.coordinationV1()`. */
  client: LeasesGetter;
  labels?: Record<string, string>;
  /** Records "<identity> became leader" / "stopped leading" as Normal LeaderElection events on the Lease. */
  eventRecorder?: EventRecorder;
}

export class LeaseLock implements ResourceLock {
  private lease: Lease | undefined;

  constructor(private readonly cfg: LeaseLockConfig) {}

  private leases() {
    return this.cfg.client.leases(this.cfg.namespace);
  }

  async get(signal?: AbortSignal): Promise<{ record: LeaderElectionRecord; raw: string }> {
    this.lease = await this.leases().get(this.cfg.name, { signal });
    const record = leaseSpecToRecord(this.lease.spec);
    return { record, raw: JSON.stringify(record) };
  }

  async create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    this.lease = await this.leases().create(
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.cfg.name, namespace: this.cfg.namespace, ...(this.cfg.labels ? { labels: this.cfg.labels } : {}) },
        spec: recordToLeaseSpec(record),
      },
      { signal },
    );
  }

  async update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    if (!this.lease) throw new Error('lease not initialized, call get or create first');
    const next: Lease = { ...this.lease, spec: recordToLeaseSpec(record) };
    // Only the labels this lock sets are overwritten.
    if (this.cfg.labels) next.metadata = { ...next.metadata, labels: { ...next.metadata?.labels, ...this.cfg.labels } };
    this.lease = await this.leases().update(next, { signal });
  }

  recordEvent(message: string): void {
    if (!this.cfg.eventRecorder || !this.lease) return;
    // The Lease as it was last read or written, with its type set so a reference can be built.
    const subject = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: this.lease.metadata };
    this.cfg.eventRecorder.eventf(subject, 'Normal', 'LeaderElection', '%v %v', this.cfg.identity, message);
  }

  identity(): string {
    return this.cfg.identity;
  }

  describe(): string {
    return `${this.cfg.namespace}/${this.cfg.name}`;
  }
}
