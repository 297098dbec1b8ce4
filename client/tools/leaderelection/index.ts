/** kubeharness/client leader election (client-go tools/leaderelection and its resourcelock package). */
export { LeaderElector, newLeaderElector, runLeaderElection, JITTER_FACTOR } from './leaderelection.js';
export type { LeaderElectionConfig, LeaderCallbacks } from './leaderelection.js';
export {
  LeaseLock,
  microTime,
  leaseSpecToRecord,
  recordToLeaseSpec,
  newResourceLock,
  newResourceLockWithLabels,
  newResourceLockFromKubeconfig,
  LEASES_RESOURCE_LOCK,
  LEADER_ELECTION_RECORD_ANNOTATION_KEY,
} from './resourcelock.js';
export type {
  LeaderElectionRecord,
  ResourceLock,
  ResourceLockConfig,
  LockEventRecorder,
  Lease,
  LeaseSpec,
  LeasesGetter,
  LeaseLockConfig,
} from './resourcelock.js';
export { MultiLock, UNKNOWN_LEADER, concatRawRecord } from './multilock.js';
export { HealthzAdaptor, newLeaderHealthzAdaptor } from './healthzadaptor.js';
export { setProvider } from './metrics.js';
export type { LeaderMetric, MetricsProvider } from './metrics.js';
