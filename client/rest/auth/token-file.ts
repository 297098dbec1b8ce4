/**
 * A bearer token read from a file and re-read when the file changes (projected service-account
 * tokens rotate every hour). client-go re-reads every minute; here the file's mtime and size are
 * checked at most once per `checkIntervalMs` (1 s), and at once after a 401.
 *
 * Failure mode: if the file cannot be read, the last good token (or the config's bearerToken) is
 * used, as client-go's cachingTokenSource does.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Clock } from '../clock.js';

export class FileTokenSource {
  private token: string | undefined;
  private stamp = '';
  private checkedAt = -Infinity;

  constructor(
    private readonly path: string,
    private readonly fallback: string | undefined,
    private readonly clock: Clock,
    private readonly checkIntervalMs = 1000,
  ) {}

  current(): string | undefined {
    const now = this.clock.now();
    if (now - this.checkedAt >= this.checkIntervalMs) {
      this.checkedAt = now;
      try {
        const st = statSync(this.path);
        const stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
        if (stamp !== this.stamp) {
          this.token = readFileSync(this.path, 'utf8').trim();
          this.stamp = stamp;
        }
      } catch {
        // keep the last good token
      }
    }
    return this.token || this.fallback;
  }

  /** After a 401: check the file on the next request regardless of the interval. */
  invalidate(): void {
    this.checkedAt = -Infinity;
    this.stamp = '';
  }
}
