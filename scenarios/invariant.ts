/** Polling an invariant until it holds or the settle time is over. */

export type InvariantOutcome = { ok: true; checks: number } | { ok: false; checks: number; message: string };

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

/**
 * Calls `check` every `pollMs` until it returns without throwing, or `settleMs` has passed (then the
 * outcome carries the last error's message). A check still running at the deadline counts as failed.
 */
export async function pollInvariant(check: () => Promise<void> | void, settleMs: number, pollMs: number): Promise<InvariantOutcome> {
  const deadline = Date.now() + settleMs;
  let message: string | undefined;
  let checks = 0;
  for (;;) {
    checks++;
    const left = Math.max(0, deadline - Date.now());
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left + 1)));
    try {
      const r = await Promise.race([Promise.resolve().then(check), timedOut]);
      if (r === 'timeout') {
        const last = message === undefined ? '' : ` (last error: ${message})`;
        return { ok: false, checks, message: `the invariant did not return within ${settleMs} ms${last}` };
      }
      return { ok: true, checks };
    } catch (err) {
      message = errorMessage(err);
    } finally {
      clearTimeout(timer);
    }
    const now = Date.now();
    if (now >= deadline) return { ok: false, checks, message: message! };
    await new Promise((r) => setTimeout(r, Math.min(pollMs, deadline - now)));
  }
}
