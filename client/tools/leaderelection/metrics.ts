/**
 * Leader-election metrics hooks (client-go tools/leaderelection/metrics.go): a process-wide
 * provider, set once, from which every LeaderElector created afterwards takes a LeaderMetric.
 * An elector reports, under its config `name`:
 * - off(name) when it is created, and when it fails to renew (not when it is merely stopped;
 *   client-go also reports off when a stop interrupts a renewal attempt in flight);
 * - on(name) when it acquires the lease;
 * - slowpathExercised(name) when, as leader, it had to read the lock before renewing (the
 *   optimistic update failed or its lease had run out by its own clock).
 */

/** leaderelection.LeaderMetric. */
export interface LeaderMetric {
  on(name: string): void;
  off(name: string): void;
  slowpathExercised(name: string): void;
}

/** leaderelection.MetricsProvider. */
export interface MetricsProvider {
  newLeaderMetric(): LeaderMetric;
}

const noopMetric: LeaderMetric = { on() {}, off() {}, slowpathExercised() {} };

let provider: MetricsProvider | undefined;

/**
 * SetProvider: sets the metrics provider for all LeaderElectors created afterwards. Only the first
 * call has an effect.
 */
export function setProvider(metricsProvider: MetricsProvider): void {
  provider ??= metricsProvider;
}

/** The metric a new elector reports to: a no-op until a provider is set. */
export function newLeaderMetrics(): LeaderMetric {
  return provider ? provider.newLeaderMetric() : noopMetric;
}
