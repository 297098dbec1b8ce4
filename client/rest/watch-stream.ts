/**
 * Decoding a watch response body into WatchEvents (client-go's StreamWatcher + JSON framer).
 *
 * How an iteration ends:
 * - the server closes the stream (timeoutSeconds elapsed, server shutdown): the iterator completes;
 * - the connection is reset or ends mid-stream (EOF, ECONNRESET): the iterator completes, as Go's
 *   StreamWatcher treats probable-EOF errors as a normal end (the reflector re-watches);
 * - the caller's AbortSignal fires, or the loop breaks: the iterator completes and the connection
 *   is closed;
 * - no byte arrives for `idleTimeoutMs`: the iterator THROWS WatchIdleTimeoutError. This is how a
 *   silent, half-open stream is detected (client-go relies on HTTP/2 pings, which undici lacks);
 * - a frame that is not a watch event: one ERROR event carrying an InternalError Status
 *   ("unable to decode an event from the watch stream: ..."), then the iterator completes.
 *
 * Frames are JSON objects; the API server ends each with a newline, but objects written back to
 * back are also accepted.
 */
import type { Readable } from 'node:stream';
import type { Status } from '../errors.js';
import type { WatchEvent } from '../watch-event.js';

export class WatchIdleTimeoutError extends Error {
  override readonly name = 'WatchIdleTimeoutError';
  constructor(readonly idleTimeoutMs: number) {
    super(`watch stream received no data for ${idleTimeoutMs} ms; the connection is presumed dead`);
  }
}

const NEWLINE = 0x0a;

/** Whitespace only (JSON's whitespace: space, tab, CR, LF). */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return false;
  }
  return true;
}

const EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

function decodeError(message: string): WatchEvent<never> {
  const object: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `unable to decode an event from the watch stream: ${message}`,
    reason: 'InternalError',
    code: 500,
    details: { causes: [{ reason: 'UnexpectedServerResponse', message }] },
  };
  return { type: 'ERROR', object };
}

/** Splits back-to-back JSON objects ("{...}{...}"); strings may contain braces. */
export function splitJsonObjects(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */) {
      if (depth++ === 0) start = i;
    } else if (c === 125 /* } */) {
      if (--depth === 0) out.push(text.slice(start, i + 1));
      if (depth < 0) throw new Error('unbalanced braces');
    } else if (depth === 0 && c > 32) throw new Error(`unexpected character ${JSON.stringify(text[i])} between objects`);
  }
  if (depth !== 0) throw new Error('unexpected end of a JSON object');
  return out;
}

/** Checks that a decoded frame is a watch event; throws the message the ERROR event carries. */
function asEvent<T>(v: unknown): WatchEvent<T> {
  const e = v as { type?: unknown; object?: unknown };
  if (!e || typeof e !== 'object' || typeof e.type !== 'string' || !EVENT_TYPES.has(e.type)) {
    throw new Error(`got invalid watch event type: ${JSON.stringify(e?.type)}`);
  }
  if (!e.object || typeof e.object !== 'object') throw new Error(`watch event ${e.type} has no object`);
  return e as WatchEvent<T>;
}

/** The events of one frame: one JSON object (the API server's framing) or several back to back. */
function toEvents<T>(frame: string): WatchEvent<T> | WatchEvent<T>[] {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch (first) {
    let values: unknown[];
    try {
      values = splitJsonObjects(frame).map((s) => JSON.parse(s));
    } catch {
      throw new Error((first as Error).message);
    }
    return values.map((v) => asEvent<T>(v));
  }
  return asEvent<T>(value);
}

/** Connection-level endings that mean "the stream is over", not "something is broken". */
export function isProbableEOF(err: unknown): boolean {
  const e = err as { code?: string; message?: string; name?: string } | null;
  if (!e) return false;
  if (
    e.code === 'ECONNRESET' ||
    e.code === 'EPIPE' ||
    e.code === 'UND_ERR_SOCKET' ||
    e.code === 'UND_ERR_CLOSED' ||
    e.code === 'ERR_STREAM_PREMATURE_CLOSE'
  ) {
    return true;
  }
  const m = (e.message ?? '').toLowerCase();
  return m.includes('other side closed') || m.includes('connection reset by peer') || m.includes('unexpected eof') || m === 'terminated';
}

export interface DecodeOptions {
  signal?: AbortSignal;
  /** 0 disables the idle check. */
  idleTimeoutMs: number;
}

export async function* decodeWatchStream<T>(body: Readable, opts: DecodeOptions): AsyncGenerator<WatchEvent<T>, void, undefined> {
  const { signal, idleTimeoutMs } = opts;
  let last = Date.now();
  let idleFired = false;
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const quiet = Date.now() - last;
    if (quiet >= idleTimeoutMs) {
      idleFired = true;
      body.destroy(new WatchIdleTimeoutError(idleTimeoutMs));
    } else {
      timer = setTimeout(check, idleTimeoutMs - quiet);
      timer.unref();
    }
  };
  if (idleTimeoutMs > 0) {
    timer = setTimeout(check, idleTimeoutMs);
    timer.unref();
  }
  const onAbort = () => body.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  // Frames are found in the bytes (a newline never occurs inside a UTF-8 sequence), and each is
  // decoded alone: no string of a whole chunk, no re-slicing of a growing buffer.
  let rest: Buffer | undefined;
  try {
    for await (const chunk of body) {
      last = Date.now();
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
      let start = 0;
      let nl: number;
      while ((nl = bytes.indexOf(NEWLINE, start)) >= 0) {
        let frame: string;
        if (rest) {
          // The frame began in an earlier chunk: join only its own bytes.
          frame = Buffer.concat([rest, bytes.subarray(0, nl)]).toString('utf8');
          rest = undefined;
        } else frame = bytes.toString('utf8', start, nl);
        start = nl + 1;
        if (isBlank(frame)) continue;
        let events: WatchEvent<T> | WatchEvent<T>[];
        try {
          events = toEvents<T>(frame);
        } catch (e) {
          yield decodeError((e as Error).message);
          return;
        }
        if (Array.isArray(events)) for (const ev of events) yield ev;
        else yield events;
      }
      if (start < bytes.length) rest = rest ? Buffer.concat([rest, bytes]) : bytes.subarray(start);
    }
    const tail = rest ? rest.toString('utf8') : '';
    if (!isBlank(tail)) {
      // A final frame without a newline is complete JSON or a truncated one (an EOF mid-object).
      try {
        const events = toEvents<T>(tail);
        if (Array.isArray(events)) for (const ev of events) yield ev;
        else yield events;
      } catch {
        // truncated by the connection ending: Go's decoder reports unexpected EOF and ends quietly
      }
    }
  } catch (e) {
    if (idleFired) throw new WatchIdleTimeoutError(idleTimeoutMs);
    if (signal?.aborted) return;
    if (isProbableEOF(e) || (e as Error).name === 'AbortError') return;
    throw e;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (!body.destroyed) body.destroy();
  }
}
