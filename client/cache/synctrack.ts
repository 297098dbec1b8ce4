/**
 * Per-handler "has synced" (client-go tools/cache/synctrack SingleFileTracker): a handler has
 * synced once its informer has synced AND every initial-list notification queued for it has been
 * handled. `start` is called when such a notification is queued, `finished` after the handler
 * returned (or threw) for it.
 *
 * Invariant: the counter never goes negative; if it would, that is a logic error and throws.
 */
export class SingleFileTracker {
  private count = 0;

  constructor(private readonly upstreamHasSynced: () => boolean) {}

  start(): void {
    this.count++;
  }

  finished(): void {
    this.count--;
    if (this.count < 0) throw new Error('synctrack: negative counter; this logic error means HasSynced may return incorrect value');
  }

  hasSynced(): boolean {
    // Ask upstream first: its answer may take time, and the count must not be stale when acted on.
    if (!this.upstreamHasSynced()) return false;
    return this.count <= 0;
  }
}
