/** kubeharness/client leader election (client-go tools/leaderelection). */
export { LeaderElector, newLeaderElector, runLeaderElection, JITTER_FACTOR } from './leaderelection.js';
export type { LeaderElectionConfig, LeaderCallbacks } from './leaderelection.js';
export { LeaseLock, microTime, leaseSpecToRecord, recordToLeaseSpec } from './resourcelock.js';
export type { LeaderElectionRecord, ResourceLock, Lease, LeasesGetter, LeaseLockConfig } from './resourcelock.js';
