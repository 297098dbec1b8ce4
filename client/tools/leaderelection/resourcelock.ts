/**
 * The lock a leader election contends for (client-go tools/leaderelection/resourcelock:
 * interface.go, leaselock.go): a LeaderElectionRecord stored in a coordination.k8s.io/v1 Lease.
 *
 * Invariants:
 * - `update` writes the Lease last read or written (with its resourceVersion), so two electors
 *   racing for the same Lease cannot both succeed: the loser gets 409 Conflict.
 * - `get` returns the record and its raw JSON; the elector compares raw records to notice change.
 * - Times are metav1.MicroTime strings (RFC 3339 with microseconds).
 */
import { statusErrorFromResponse, type HttpListWatchConfig } from '../../cache/http-listwatch.js';

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

export interface Lease {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace: string; resourceVersion?: string; labels?: Record<string, string>; [k: string]: unknown };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/** What LeaseLock needs from a client (the clientset's coordination/v1 leases, later). */
export interface LeaseClient {
  get(namespace: string, name: string, signal?: AbortSignal): Promise<Lease>;
  create(lease: Lease, signal?: AbortSignal): Promise<Lease>;
  update(lease: Lease, signal?: AbortSignal): Promise<Lease>;
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
  client: LeaseClient;
  labels?: Record<string, string>;
  /** Receives "became leader" / "stopped leading" (an event recorder, later). */
  onEvent?: (message: string) => void;
}

export class LeaseLock implements ResourceLock {
  private lease: Lease | undefined;

  constructor(private readonly cfg: LeaseLockConfig) {}

  async get(signal?: AbortSignal): Promise<{ record: LeaderElectionRecord; raw: string }> {
    this.lease = await this.cfg.client.get(this.cfg.namespace, this.cfg.name, signal);
    const record = leaseSpecToRecord(this.lease.spec);
    return { record, raw: JSON.stringify(record) };
  }

  async create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    this.lease = await this.cfg.client.create(
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.cfg.name, namespace: this.cfg.namespace, ...(this.cfg.labels ? { labels: this.cfg.labels } : {}) },
        spec: recordToLeaseSpec(record),
      },
      signal,
    );
  }

  async update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    if (!this.lease) throw new Error('lease not initialized, call get or create first');
    const next: Lease = { ...this.lease, spec: recordToLeaseSpec(record) };
    if (this.cfg.labels) next.metadata = { ...next.metadata, labels: { ...next.metadata.labels, ...this.cfg.labels } };
    this.lease = await this.cfg.client.update(next, signal);
  }

  recordEvent(message: string): void {
    this.cfg.onEvent?.(`${this.cfg.identity} ${message}`);
  }

  identity(): string {
    return this.cfg.identity;
  }

  describe(): string {
    return `${this.cfg.namespace}/${this.cfg.name}`;
  }
}

/** A LeaseClient over raw HTTP, until the clientset lands. Failures throw StatusError. */
export function newHttpLeaseClient(config: HttpListWatchConfig): LeaseClient {
  const base = config.baseUrl.replace(/\/+$/, '');
  const doFetch = config.fetch ?? fetch;
  const path = (ns: string, name?: string) =>
    `${base}/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(ns)}/leases${name ? `/${encodeURIComponent(name)}` : ''}`;
  const call = async (method: string, url: string, body: unknown, signal?: AbortSignal): Promise<Lease> => {
    const headers: Record<string, string> = { accept: 'application/json', ...config.headers };
    if (config.token) headers.authorization = `Bearer ${config.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) throw statusErrorFromResponse(res.status, text, res.headers);
    return JSON.parse(text) as Lease;
  };
  return {
    get: (ns, name, signal) => call('GET', path(ns, name), undefined, signal),
    create: (lease, signal) => call('POST', path(lease.metadata.namespace), lease, signal),
    update: (lease, signal) => call('PUT', path(lease.metadata.namespace, lease.metadata.name), lease, signal),
  };
}
