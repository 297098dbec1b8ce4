/**
 * HealthzAdaptor (client-go tools/leaderelection/healthzadaptor.go): a health check that can be
 * registered before the election exists. It fails while this process believes it is leader but
 * has not renewed its lease for longer than leaseDuration + timeout — a leader that should have
 * stepped down (or died) but is stuck, so the kubelet can restart it. Before the elector is tied
 * in, and while the process is not leader, it passes.
 *
 *   const watchDog = newLeaderHealthzAdaptor(20_000);
 *   // register watchDog.check under watchDog.name() with the process's health endpoint
 *   await runLeaderElection({ ..., watchDog }, signal); // ties the elector in
 */
import type { LeaderElector } from './leaderelection.js';

export class HealthzAdaptor {
  private le: LeaderElector | undefined;

  /** `timeoutMs`: how long past the lease's expiry the check still passes. */
  constructor(private readonly timeoutMs: number) {}

  /** The name of the health check: "leaderElection". */
  name(): string {
    return 'leaderElection';
  }

  /** The health check: an Error when the lease is held but was not renewed in time, else undefined. */
  check(): Error | undefined {
    return this.le?.check(this.timeoutMs);
  }

  /** Ties a leader elector to this adaptor (runLeaderElection does it for its `watchDog`). */
  setLeaderElection(le: LeaderElector): void {
    this.le = le;
  }
}

/** NewLeaderHealthzAdaptor. */
export function newLeaderHealthzAdaptor(timeoutMs: number): HealthzAdaptor {
  return new HealthzAdaptor(timeoutMs);
}
