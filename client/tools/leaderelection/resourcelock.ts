/**
 * The lock a leader election contends for (client-go tools/leaderelection/resourcelock:
 * interface.go, leaselock.go, as of client-go v0.35): a LeaderElectionRecord stored in a
 * coordination.k8s.io/v1 Lease, read and written through the clientset:
 *
 *   new LeaseLock({ namespace, name, identity, client: clientset.coordinationV1(), eventRecorder })
 *   newResourceLock(LEASES_RESOURCE_LOCK, namespace, name, clientset.coreV1(), clientset.coordinationV1(), { identity })
 *
 * Invariants:
 * - `update` writes the Lease last read or written (with its resourceVersion), so two electors
 *   racing for the same Lease cannot both succeed: the loser gets 409 Conflict.
 * - `get` returns the record and its raw JSON; the elector compares raw records to notice change.
 * - Times are metav1.MicroTime strings (RFC 3339 with microseconds).
 * - "leases" is the only lock type client-go v0.35 still builds: the endpoints and configmaps
 *   locks, and the endpointsleases/configmapsleases migration multilocks, are names that fail
 *   with client-go's own messages (MultiLock itself is still exported, see multilock.ts).
 */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { defaultUserAgent, type RestConfig } from '../../config/rest-config.js';
import { newForConfig } from '../../kubernetes/clientset.js';
import type { LeaseInterface } from '../../kubernetes/typed/coordination/v1.js';
import type { EventRecorder } from '../record/event.js';

/** The annotation the removed endpoints/configmaps locks stored their record in. */
export const LEADER_ELECTION_RECORD_ANNOTATION_KEY = 'control-plane.alpha.kubernetes.io/leader';
/** The one lock type newResourceLock builds. */
export const LEASES_RESOURCE_LOCK = 'leases';
// Lock types client-go no longer builds (unexported there too): newResourceLock fails for them.
const ENDPOINTS_RESOURCE_LOCK = 'endpoints';
const CONFIGMAPS_RESOURCE_LOCK = 'configmaps';
const ENDPOINTS_LEASES_RESOURCE_LOCK = 'endpointsleases';
const CONFIGMAPS_LEASES_RESOURCE_LOCK = 'configmapsleases';

export interface LeaderElectionRecord {
  /** Empty when nobody holds the lock (e.g. after a release). */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: string;
  renewTime?: string;
  leaderTransitions: number;
  /** Coordinated leader election: the strategy picking the leader (e.g. OldestEmulationVersion); empty when uncoordinated. */
  strategy?: string;
  /** Coordinated leader election: set by the coordinator when the holder should give the lease up ("end of term"). */
  preferredHolder?: string;
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

/** resourcelock.EventRecorder: all a lock needs of a record.EventRecorder. */
export type LockEventRecorder = Pick<EventRecorder, 'eventf'>;

/** resourcelock.ResourceLockConfig: what every lock type shares. */
export interface ResourceLockConfig {
  /** The unique string identifying a lease holder across all participants in an election. */
  identity: string;
  /** Optional. */
  eventRecorder?: LockEventRecorder;
}

export type { Lease };

/** LeaseSpec with the coordinated-leader-election fields (Kubernetes 1.31+), which kubernetes-types 1.30 lacks. */
export type LeaseSpec = NonNullable<Lease['spec']> & { strategy?: string; preferredHolder?: string };

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

/** LeaseSpecToLeaderElectionRecord. */
export function leaseSpecToRecord(spec: LeaseSpec = {}): LeaderElectionRecord {
  const r: LeaderElectionRecord = {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime,
    renewTime: spec.renewTime,
    leaderTransitions: spec.leaseTransitions ?? 0,
  };
  if (spec.preferredHolder) r.preferredHolder = spec.preferredHolder;
  if (spec.strategy) r.strategy = spec.strategy;
  return r;
}

/**
 * LeaderElectionRecordToLeaseSpec: holderIdentity is always written (a released lock holds ""),
 * preferredHolder and strategy only when set.
 */
export function recordToLeaseSpec(r: LeaderElectionRecord): LeaseSpec {
  const spec: LeaseSpec = {
    holderIdentity: r.holderIdentity,
    leaseDurationSeconds: r.leaseDurationSeconds,
    leaseTransitions: r.leaderTransitions,
  };
  if (r.acquireTime) spec.acquireTime = r.acquireTime;
  if (r.renewTime) spec.renewTime = r.renewTime;
  if (r.preferredHolder) spec.preferredHolder = r.preferredHolder;
  if (r.strategy) spec.strategy = r.strategy;
  return spec;
}

export interface LeaseLockConfig {
  namespace: string;
  name: string;
  /** This candidate's identity (unique per process, e.g. hostname + random suffix). */
  identity: string;
  /** `clientset.coordinationV1()`. */
  client: LeasesGetter;
  /** Set on the Lease when created, and (only these keys) overwritten on every update. */
  labels?: Record<string, string>;
  /** Records "<identity> became leader" / "stopped leading" as Normal LeaderElection events on the Lease. */
  eventRecorder?: LockEventRecorder;
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

function newLock(
  lockType: string,
  namespace: string,
  name: string,
  coordinationClient: LeasesGetter,
  rlc: ResourceLockConfig,
  labels: Record<string, string> | undefined,
): ResourceLock {
  switch (lockType) {
    case ENDPOINTS_RESOURCE_LOCK:
      throw new Error(`endpoints lock is removed, migrate to ${LEASES_RESOURCE_LOCK}`);
    case CONFIGMAPS_RESOURCE_LOCK:
      throw new Error(`configmaps lock is removed, migrate to ${LEASES_RESOURCE_LOCK}`);
    case LEASES_RESOURCE_LOCK:
      return new LeaseLock({
        namespace,
        name,
        identity: rlc.identity,
        eventRecorder: rlc.eventRecorder,
        client: coordinationClient,
        labels,
      });
    case ENDPOINTS_LEASES_RESOURCE_LOCK:
      throw new Error(`endpointsleases lock is removed, migrate to ${LEASES_RESOURCE_LOCK}`);
    case CONFIGMAPS_LEASES_RESOURCE_LOCK:
      // sic: "migrated", as client-go words it.
      throw new Error(`configmapsleases lock is removed, migrated to ${LEASES_RESOURCE_LOCK}`);
    default:
      throw new Error(`Invalid lock-type ${lockType}`);
  }
}

/**
 * resourcelock.New: a lock of `lockType` on `namespace`/`name`. Only "leases" is built; the
 * removed types throw client-go's messages. `coreClient` is unused since the endpoints and
 * configmaps locks were removed; it stays for client-go's signature.
 */
export function newResourceLock(
  lockType: string,
  namespace: string,
  name: string,
  coreClient: unknown,
  coordinationClient: LeasesGetter,
  rlc: ResourceLockConfig,
): ResourceLock {
  return newLock(lockType, namespace, name, coordinationClient, rlc, undefined);
}

/** resourcelock.NewWithLabels: as newResourceLock; whoever holds the lock applies `labels` to it. */
export function newResourceLockWithLabels(
  lockType: string,
  namespace: string,
  name: string,
  coreClient: unknown,
  coordinationClient: LeasesGetter,
  rlc: ResourceLockConfig,
  labels: Record<string, string>,
): ResourceLock {
  return newLock(lockType, namespace, name, coordinationClient, rlc, labels);
}

/**
 * resourcelock.NewFromKubeconfig: a lock using its own clientset built from a copy of `config`
 * (never modified), with user agent "<default>/leader-election" and a request timeout of
 * max(1 s, renewDeadline / 2), so that one hung request cannot by itself make the leader miss its
 * renew deadline.
 */
export function newResourceLockFromKubeconfig(
  lockType: string,
  namespace: string,
  name: string,
  rlc: ResourceLockConfig,
  config: RestConfig,
  renewDeadlineMs: number,
): ResourceLock {
  const timeout = Math.max(1000, renewDeadlineMs / 2);
  const clientset = newForConfig({ ...config, timeout, userAgent: `${defaultUserAgent()}/leader-election` });
  return newResourceLock(lockType, namespace, name, clientset.coreV1(), clientset.coordinationV1(), rlc);
}
