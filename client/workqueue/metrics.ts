/**
 * Workqueue metrics hooks (client-go util/workqueue/metrics.go). A queue given a
 * `metricsProvider` reports:
 *   depth (gauge), adds (counter), queue latency (seconds from add to get), work duration
 *   (seconds from get to done), unfinished work (total seconds of in-flight items, refreshed every
 *   500 ms), longest running processor (seconds), retries (counter, delaying queues).
 * Without a provider every hook is a no-op and no timer runs.
 */
import type { Clock, Timer } from '../tools/clock/clock.js';

export interface GaugeMetric {
  inc(): void;
  dec(): void;
}
export interface SettableGaugeMetric {
  set(value: number): void;
}
export interface CounterMetric {
  inc(): void;
}
export interface HistogramMetric {
  observe(value: number): void;
}

export interface MetricsProvider {
  newDepthMetric(name: string): GaugeMetric;
  newAddsMetric(name: string): CounterMetric;
  newLatencyMetric(name: string): HistogramMetric;
  newWorkDurationMetric(name: string): HistogramMetric;
  newUnfinishedWorkSecondsMetric(name: string): SettableGaugeMetric;
  newLongestRunningProcessorSecondsMetric(name: string): SettableGaugeMetric;
  newRetriesMetric(name: string): CounterMetric;
}

export const UNFINISHED_WORK_UPDATE_PERIOD_MS = 500;

/** Per-queue bookkeeping behind the hooks. Items are compared as Map keys (identity). */
export class QueueMetrics<T> {
  private readonly addTimes = new Map<T, number>();
  private readonly processingStartTimes = new Map<T, number>();
  private readonly depth: GaugeMetric;
  private readonly adds: CounterMetric;
  private readonly latency: HistogramMetric;
  private readonly workDuration: HistogramMetric;
  private readonly unfinishedWork: SettableGaugeMetric;
  private readonly longestRunning: SettableGaugeMetric;
  private readonly retries: CounterMetric;
  private timer: Timer | undefined;

  constructor(
    name: string,
    provider: MetricsProvider,
    private readonly clock: Clock,
  ) {
    this.depth = provider.newDepthMetric(name);
    this.adds = provider.newAddsMetric(name);
    this.latency = provider.newLatencyMetric(name);
    this.workDuration = provider.newWorkDurationMetric(name);
    this.unfinishedWork = provider.newUnfinishedWorkSecondsMetric(name);
    this.longestRunning = provider.newLongestRunningProcessorSecondsMetric(name);
    this.retries = provider.newRetriesMetric(name);
    this.schedule();
  }

  add(item: T): void {
    this.adds.inc();
    this.depth.inc();
    if (!this.addTimes.has(item)) this.addTimes.set(item, this.clock.now());
  }

  get(item: T): void {
    this.depth.dec();
    const now = this.clock.now();
    this.processingStartTimes.set(item, now);
    const added = this.addTimes.get(item);
    if (added !== undefined) {
      this.latency.observe((now - added) / 1000);
      this.addTimes.delete(item);
    }
  }

  done(item: T): void {
    const started = this.processingStartTimes.get(item);
    if (started !== undefined) {
      this.workDuration.observe((this.clock.now() - started) / 1000);
      this.processingStartTimes.delete(item);
    }
  }

  retry(): void {
    this.retries.inc();
  }

  updateUnfinishedWork(): void {
    let total = 0;
    let oldest = 0;
    const now = this.clock.now();
    for (const t of this.processingStartTimes.values()) {
      const age = (now - t) / 1000;
      total += age;
      if (age > oldest) oldest = age;
    }
    this.unfinishedWork.set(total);
    this.longestRunning.set(oldest);
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(UNFINISHED_WORK_UPDATE_PERIOD_MS, () => {
      this.updateUnfinishedWork();
      this.schedule();
    });
  }
}
