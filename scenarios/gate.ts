/**
 * The harness clientset's rate limiter: no throttling, but requests wait while the API server is
 * restarting, so setup, workload and invariant code never meet a restart (the controller does).
 */
import type { RateLimiter } from '../client/config/rest-config.js';

export class HarnessGate implements RateLimiter {
  private closed: { promise: Promise<void>; open: () => void } | undefined;

  close(): void {
    if (this.closed) return;
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.closed = { promise, open };
  }

  open(): void {
    const c = this.closed;
    this.closed = undefined;
    c?.open();
  }

  async wait(signal?: AbortSignal): Promise<void> {
    while (this.closed) {
      if (signal?.aborted) throw signal.reason;
      const closed = this.closed.promise;
      if (!signal) await closed;
      else
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => reject(signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
          void closed.then(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          });
        });
    }
    if (signal?.aborted) throw signal.reason;
  }

  tryAccept(): boolean {
    return !this.closed;
  }

  qps(): number {
    return 0;
  }

  stop(): void {
    this.open();
  }
}
