/**
 * Minimal raw-HTTP helpers for the fake's own tests: requests with fetch (undici), and a watch
 * reader that parses the newline-delimited event stream. Kept deliberately independent of
 * kubeharness/client so a client bug cannot hide a server bug.
 */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      (init.headers as Record<string, string>)['content-type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
    }
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface WatchEvent {
  type: string;
  object: any;
}

/** An open watch: events arrive in `events`; `next()` waits for the next one. */
export class WatchReader {
  readonly events: WatchEvent[] = [];
  status = 0;
  ended = false;
  private waiters: Array<() => void> = [];
  private readonly controller = new AbortController();
  private consumed = 0;

  static async open(base: string, path: string, headers: Record<string, string> = {}): Promise<WatchReader> {
    const w = new WatchReader();
    const res = await fetch(base + path, { signal: w.controller.signal, headers });
    w.status = res.status;
    if (res.status !== 200 || !res.body) {
      w.ended = true;
      (w as { errorBody?: string }).errorBody = await res.text();
      return w;
    }
    void w.pump(res.body);
    return w;
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) this.events.push(JSON.parse(line));
        }
        this.wake();
      }
    } catch {
      // aborted or reset
    }
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until at least `count` events arrived in total (or the stream ended). */
  async waitFor(count: number, timeoutMs = 5000): Promise<WatchEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count && !this.ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${count} watch events; got ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.events;
  }

  /** The next event not yet returned by next(). */
  async next(timeoutMs = 5000): Promise<WatchEvent> {
    await this.waitFor(this.consumed + 1, timeoutMs);
    if (this.events.length <= this.consumed) throw new Error('watch ended');
    return this.events[this.consumed++];
  }

  async waitEnded(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('watch did not end');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.controller.abort();
  }
}
