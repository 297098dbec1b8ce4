/**
 * Transport-error classification the reflector needs (apimachinery pkg/util/net:
 * IsConnectionRefused, IsProbableEOF), for the errors Node's fetch (undici) raises: a TypeError
 * "fetch failed" or "terminated" whose `cause` (possibly nested) carries a system error code or an
 * undici SocketError.
 */

/** The error, its `cause` chain and AggregateError members (happy-eyeballs connects). */
function causes(err: unknown, depth = 0): unknown[] {
  if (!err || depth > 5) return [];
  const out: unknown[] = [err];
  const nested = (err as { errors?: unknown }).errors;
  if (Array.isArray(nested)) for (const e of nested) out.push(...causes(e, depth + 1));
  out.push(...causes((err as { cause?: unknown }).cause, depth + 1));
  return out;
}

function codeOf(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

function messageOf(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : '';
}

/** The API server is (probably) not listening: retrying the watch beats relisting. */
export function isConnectionRefused(err: unknown): boolean {
  return causes(err).some((e) => codeOf(e) === 'ECONNREFUSED');
}

/** The connection dropped mid-response: client-go treats this as a normal end of a watch. */
export function isProbableEOF(err: unknown): boolean {
  return causes(err).some((e) => {
    const code = codeOf(e);
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return true;
    const msg = messageOf(e);
    return (
      msg === 'terminated' ||
      msg.includes('other side closed') ||
      msg.includes('connection reset by peer') ||
      msg.includes('unexpected EOF') ||
      msg.includes('socket hang up')
    );
  });
}

/** An AbortSignal fired (ours or the caller's). */
export function isAbortError(err: unknown): boolean {
  return causes(err).some((e) => (e as { name?: unknown } | null)?.name === 'AbortError');
}
