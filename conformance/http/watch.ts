/**
 * A watch stream read incrementally: JSON objects back to back (the server's json.Encoder adds a
 * newline, but nothing here depends on it). Events are queued; `next()` consumes them in order.
 */
import { request, type Dispatcher } from 'undici';
import type { Exchange } from '../types.js';
import { headerRecord, parseJson } from './client.js';

export interface WatchEvent {
  type: string;
  object: any;
  /** Milliseconds since the watch was opened. */
  atMs: number;
}

const MAX_RECORDED_EVENTS = 60;

/** Splits a byte stream into complete top-level JSON values (objects). */
export class JsonObjectSplitter {
  private buf = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private scanned = 0;

  push(chunk: string): string[] {
    this.buf += chunk;
    const out: string[] = [];
    for (let i = this.scanned; i < this.buf.length; i++) {
      const c = this.buf[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') {
        if (this.depth === 0) this.start = i;
        this.depth++;
      } else if (c === '}' || c === ']') {
        this.depth--;
        if (this.depth === 0 && this.start >= 0) {
          out.push(this.buf.slice(this.start, i + 1));
          this.start = -1;
        }
      }
    }
    if (this.depth === 0) {
      this.buf = '';
      this.scanned = 0;
    } else {
      this.buf = this.buf.slice(this.start);
      this.scanned = this.buf.length;
      this.start = 0;
    }
    return out;
  }
}

export class WatchStream {
  status = 0;
  headers: Record<string, string> = {};
  /** Non-200 responses: the parsed error body (a Status) or its text. */
  errorBody: any;
  readonly events: WatchEvent[] = [];
  ended = false;
  /** Set when the stream broke (not a normal end). */
  error?: string;
  private cursor = 0;
  private waiters: Array<() => void> = [];
  private readonly abort = new AbortController();
  private openedAt = performance.now();

  private constructor(private readonly exchange: Exchange) {}

  static async open(
    conn: { baseUrl: string; dispatcher: Dispatcher; headers: Record<string, string> },
    path: string,
    headers: Record<string, string>,
    exchange: Exchange,
  ): Promise<WatchStream> {
    const w = new WatchStream(exchange);
    const res = await request(conn.baseUrl + path, {
      method: 'GET',
      headers: { ...conn.headers, ...headers },
      dispatcher: conn.dispatcher,
      signal: w.abort.signal,
      headersTimeout: 20_000,
      bodyTimeout: 0,
    });
    w.status = res.statusCode;
    w.headers = headerRecord(res.headers);
    exchange.status = res.statusCode;
    exchange.responseHeaders = w.headers;
    exchange.durationMs = Math.round(performance.now() - w.openedAt);
    if (res.statusCode !== 200) {
      const text = await res.body.text();
      w.errorBody = parseJson(text) ?? text;
      exchange.responseBody = w.errorBody;
      w.finish();
      return w;
    }
    void w.pump(res.body);
    return w;
  }

  private async pump(body: AsyncIterable<Buffer>): Promise<void> {
    const splitter = new JsonObjectSplitter();
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        for (const text of splitter.push(decoder.decode(chunk, { stream: true }))) {
          const parsed = parseJson(text) as { type?: string; object?: unknown } | undefined;
          const event: WatchEvent = { type: String(parsed?.type ?? 'UNPARSEABLE'), object: parsed?.object ?? text, atMs: this.elapsed() };
          this.events.push(event);
          if (this.exchange.events && this.exchange.events.length < MAX_RECORDED_EVENTS) {
            this.exchange.events.push({ type: event.type, object: event.object });
          }
          this.wake();
        }
      }
    } catch (e) {
      if (!this.abort.signal.aborted) this.error = (e as Error).message;
    }
    this.finish();
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.openedAt);
  }

  private finish(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  private wait(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const ms = Math.max(0, deadline - performance.now());
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  /** The next unconsumed event, or undefined when none arrives before the timeout or the stream ends. */
  async next(timeoutMs = 10_000): Promise<WatchEvent | undefined> {
    const deadline = performance.now() + timeoutMs;
    while (this.cursor >= this.events.length) {
      if (this.ended || performance.now() >= deadline) return undefined;
      await this.wait(deadline);
    }
    return this.events[this.cursor++];
  }

  /** Consumes events until one matches; non-matching events are skipped (and returned in `skipped`). */
  async nextMatching(pred: (e: WatchEvent) => boolean, timeoutMs = 10_000, skipped: WatchEvent[] = []): Promise<WatchEvent | undefined> {
    const deadline = performance.now() + timeoutMs;
    while (true) {
      const e = await this.next(Math.max(0, deadline - performance.now()));
      if (!e) return undefined;
      if (pred(e)) return e;
      skipped.push(e);
    }
  }

  /** The next event about the named object (other objects' events are skipped). */
  nextFor(name: string, timeoutMs = 10_000): Promise<WatchEvent | undefined> {
    return this.nextMatching((e) => e.object?.metadata?.name === name, timeoutMs);
  }

  /** Waits `ms` and returns (consuming) every event that arrived, optionally only those matching. */
  async collect(ms: number, pred: (e: WatchEvent) => boolean = () => true): Promise<WatchEvent[]> {
    const deadline = performance.now() + ms;
    while (!this.ended && performance.now() < deadline) await this.wait(deadline);
    const out = this.events.slice(this.cursor).filter(pred);
    this.cursor = this.events.length;
    return out;
  }

  /** Resolves true when the server ends the stream within the timeout. */
  async waitEnd(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!this.ended && performance.now() < deadline) await this.wait(deadline);
    return this.ended;
  }

  close(): void {
    if (!this.ended) this.abort.abort();
    this.finish();
  }
}
