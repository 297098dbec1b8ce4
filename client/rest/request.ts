/**
 * The request builder (client-go rest.Request): verb, path parts and parameters, then one of
 * `do()` (a Result), `watch()` (an event stream) or `stream()` (a raw body).
 *
 * Invariants (client-go's request()):
 * - Builder mistakes (an empty name, a path segment with '/', a namespace set twice) are recorded
 *   and reported by do()/watch(), never thrown from the builder.
 * - The rate limiter is consulted BEFORE the request timeout starts, so a throttled client does not
 *   time out before it sends anything. Watches skip it on the first attempt; retries are throttled.
 * - Retries follow with-retry.ts. Non-GET requests are never retried after a transport error.
 * - `timeout(ms)` both bounds the request and is sent as `?timeout=` (Go duration syntax), as
 *   client-go does; RestConfig.timeout bounds non-watch requests only.
 * - A user AbortSignal ends do() with a Result carrying the abort reason, and ends a watch
 *   iteration quietly.
 */
import { gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { WatchEvent } from '../watch-event.js';
import { encodeParams, goDuration } from './options.js';
import { errorForResponse } from './response-error.js';
import { ListBodyDecoder } from './list-body-decoder.js';
import { PendingResult, Result, type DecodedBody } from './result.js';
import type { RESTClient } from './client.js';
import { isProbableEOF, decodeWatchStream } from './watch-stream.js';
import { DEFAULT_MAX_RETRIES, WithRetry } from './with-retry.js';
import { PendingWatch, type WatchStream } from './watch.js';
import type { RoundTripResponse } from './transport.js';

export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface DoOptions {
  signal?: AbortSignal;
}

export interface WatchOptions {
  signal?: AbortSignal;
  /** Overrides RestConfig.watchIdleTimeoutMs / the default for this watch; 0 disables it. */
  idleTimeoutMs?: number;
}

/** rest.IsValidPathSegmentName. */
function invalidSegment(name: string): string | undefined {
  if (name === '.' || name === '..') return `may not be '${name}'`;
  if (name.includes('/')) return "may not contain '/'";
  if (name.includes('%')) return "may not contain '%'";
  return undefined;
}

/** Percent-encodes what a URL path may not contain; names were validated as path segments. */
function encodePath(p: string): string {
  return /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/.test(p) ? p : p.split('/').map(encodeURIComponent).join('/');
}

function joinPath(...parts: string[]): string {
  const segs = parts
    .join('/')
    .split('/')
    .filter((s) => s !== '');
  return '/' + segs.join('/');
}

/** Default idle timeout: the server's own deadline plus a margin, or one hour (twice the API server's default minRequestTimeout), plus 30 s. */
function defaultIdleTimeout(params: Array<[string, string]>): number {
  const ts = params.find(([k]) => k === 'timeoutSeconds');
  const secs = ts ? Number(ts[1]) : NaN;
  return (Number.isFinite(secs) && secs > 0 ? secs * 1000 : 3_600_000) + 30_000;
}

export class Request {
  private err: Error | undefined;
  private pathPrefix: string;
  private ns: string | undefined;
  private res = '';
  private resName = '';
  private sub = '';
  private params: Array<[string, string]> = [];
  private headers: Record<string, string> = {};
  private bodyData: Buffer | undefined;
  private timeoutMs = 0;
  private retries = DEFAULT_MAX_RETRIES;

  constructor(
    private readonly client: RESTClient,
    readonly verb: Verb,
  ) {
    this.pathPrefix = client.versionedPath;
  }

  private fail(msg: string): this {
    this.err ??= new Error(msg);
    return this;
  }

  /** Sets the namespace ('' means all namespaces / cluster scope). */
  namespace(ns: string): this {
    if (this.ns !== undefined) return this.fail(`namespace already set to "${this.ns}", cannot change to "${ns}"`);
    const bad = ns ? invalidSegment(ns) : undefined;
    if (bad) return this.fail(`invalid namespace "${ns}": ${bad}`);
    this.ns = ns;
    return this;
  }

  resource(resource: string): this {
    if (this.res) return this.fail(`resource already set to "${this.res}", cannot change to "${resource}"`);
    const bad = invalidSegment(resource);
    if (bad) return this.fail(`invalid resource "${resource}": ${bad}`);
    this.res = resource;
    return this;
  }

  name(name: string): this {
    if (!name) return this.fail('resource name may not be empty');
    if (this.resName) return this.fail(`resource name already set to "${this.resName}", cannot change to "${name}"`);
    const bad = invalidSegment(name);
    if (bad) return this.fail(`invalid resource name "${name}": ${bad}`);
    this.resName = name;
    return this;
  }

  subResource(...parts: string[]): this {
    const sub = parts.join('/');
    if (this.sub) return this.fail(`subresource already set to "${this.sub}", cannot change to "${sub}"`);
    for (const p of parts) {
      const bad = invalidSegment(p);
      if (bad) return this.fail(`invalid subresource "${p}": ${bad}`);
    }
    this.sub = sub;
    return this;
  }

  /** Replaces the path with these segments under the server's base path (client-go AbsPath). */
  absPath(...segments: string[]): this {
    const base = this.client.baseUrl.pathname;
    const trailing = segments.length > 0 && segments[segments.length - 1].endsWith('/');
    this.pathPrefix = joinPath(base, ...segments) + (trailing ? '/' : '');
    return this;
  }

  /** Adds a query parameter (repeatable). */
  param(key: string, value: string | number | boolean): this {
    this.params.push([key, String(value)]);
    return this;
  }

  /** Adds the fields of an options object (ListOptions, GetOptions, ...) as query parameters. */
  versionedParams(opts: object | undefined): this {
    this.params.push(...encodeParams(opts));
    return this;
  }

  setHeader(key: string, value: string): this {
    this.headers[key.toLowerCase()] = value;
    return this;
  }

  /** A body: objects are encoded as JSON; strings and bytes are sent as they are. */
  body(obj: unknown): this {
    if (obj === undefined || obj === null) return this;
    if (Buffer.isBuffer(obj)) this.bodyData = obj;
    else if (obj instanceof Uint8Array) this.bodyData = Buffer.from(obj);
    else if (typeof obj === 'string') this.bodyData = Buffer.from(obj, 'utf8');
    else this.bodyData = Buffer.from(JSON.stringify(obj), 'utf8');
    return this;
  }

  /** Bounds the request (ms) and asks the server for the same via ?timeout=. */
  timeout(ms: number): this {
    this.timeoutMs = ms;
    return this;
  }

  maxRetries(n: number): this {
    this.retries = Math.max(0, n);
    return this;
  }

  /** The URL this request goes to. */
  url(): string {
    // Segments were validated (no '/', '.', '..'), so plain concatenation is a path join.
    let p =
      this.pathPrefix.endsWith('/') && (this.ns || this.res || this.resName || this.sub) ? this.pathPrefix.slice(0, -1) : this.pathPrefix;
    if (this.ns) p += `/namespaces/${this.ns}`;
    if (this.res) p += `/${this.res.toLowerCase()}`;
    if (this.resName) p += `/${this.resName}`;
    if (this.sub) p += `/${this.sub}`;
    const params = this.timeoutMs > 0 ? [...this.params, ['timeout', goDuration(this.timeoutMs)] as [string, string]] : this.params;
    if (params.length === 0) return this.client.origin + encodePath(p);
    // url.Values.Encode sorts by key, keeping the order of repeated values.
    const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const q = new URLSearchParams();
    for (const [k, v] of sorted) q.append(k, v);
    return `${this.client.origin}${encodePath(p)}?${q.toString()}`;
  }

  private requestHeaders(): Record<string, string> {
    const h: Record<string, string> = { accept: this.client.accept, ...this.headers };
    if (this.bodyData && !h['content-type']) h['content-type'] = this.client.contentType;
    return h;
  }

  /** Runs the request with throttling and retries; resolves with the final response. */
  private async execute(signal: AbortSignal | undefined, watch: boolean): Promise<RoundTripResponse> {
    if (this.err) throw this.err;
    const limiter = this.client.rateLimiter;
    if (!watch) await limiter?.wait(signal);
    const timeouts: AbortSignal[] = [];
    if (signal) timeouts.push(signal);
    if (this.timeoutMs > 0) timeouts.push(AbortSignal.timeout(this.timeoutMs));
    if (!watch && this.client.timeoutMs > 0) timeouts.push(AbortSignal.timeout(this.client.timeoutMs));
    const combined = timeouts.length === 0 ? undefined : timeouts.length === 1 ? timeouts[0] : AbortSignal.any(timeouts);

    const retry = new WithRetry(this.retries, this.client.clock);
    const isRetryable = watch ? (e: Error) => isProbableEOF(e) || isTimeoutError(e) : (e: Error) => this.verb === 'GET' && isProbableEOF(e);
    const url = this.url();
    const headers = this.requestHeaders();
    for (;;) {
      const waiting = retry.before(limiter, combined);
      if (waiting) {
        try {
          await waiting;
        } catch (e) {
          throw retry.wrapPreviousError(e as Error);
        }
      }
      let resp: RoundTripResponse | undefined;
      let error: Error | undefined;
      try {
        resp = await this.client.transport.roundTrip({
          method: this.verb,
          url,
          headers,
          body: this.bodyData,
          signal: combined,
          streaming: watch,
        });
      } catch (e) {
        error = e as Error;
      }
      if (error && combined?.aborted) throw retry.wrapPreviousError(combined.reason as Error);
      const outcome = resp ? { statusCode: resp.statusCode, retryAfterHeader: resp.headers['retry-after'] } : { error };
      const ok = resp && (watch ? resp.statusCode === 200 : resp.statusCode >= 200 && resp.statusCode < 300);
      if (!ok && retry.isNextRetry(outcome, true, isRetryable)) {
        if (resp) await resp.body.dump().catch(() => {});
        continue;
      }
      if (error) throw retry.wrapPreviousError(error);
      return resp!;
    }
  }

  /**
   * The whole body. Read by async iteration: in undici 7.30 that costs far less CPU than
   * body.arrayBuffer()/json() (measured by bench/client-get.bench.ts: ~40 µs per small GET).
   * With `decoder`, each chunk also feeds it, so a large list is parsed while it downloads.
   */
  private async readBody(resp: RoundTripResponse, decoder?: ListBodyDecoder): Promise<Buffer | Buffer[]> {
    if (resp.headers['content-length'] !== undefined && Number(resp.headers['content-length']) === 0) {
      await resp.body.dump();
      return Buffer.alloc(0);
    }
    const enc = resp.headers['content-encoding'];
    const chunks: Buffer[] = decoder ? decoder.chunks : [];
    if (decoder && enc === undefined) {
      for await (const c of resp.body) decoder.push(c as Buffer);
      return chunks;
    }
    for await (const c of resp.body) chunks.push(c as Buffer);
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    if (enc === 'gzip' && body.length > 0) return gunzipSync(body);
    return body;
  }

  private async doInternal(signal: AbortSignal | undefined, wantsDecoded: { value: boolean }): Promise<Result> {
    let resp: RoundTripResponse;
    try {
      resp = await this.execute(signal, false);
    } catch (e) {
      return new Result({ body: Buffer.alloc(0), contentType: '', statusCode: 0, headers: {}, err: e as Error, warnings: [] });
    }
    // A success whose caller chained .into(): decode the JSON while it arrives (see PendingResult).
    const decoder =
      wantsDecoded.value && resp.statusCode >= 200 && resp.statusCode <= 206 && isJson(headerValue(resp.headers['content-type']))
        ? new ListBodyDecoder()
        : undefined;
    let body: Buffer | Buffer[];
    try {
      body = await this.readBody(resp, decoder);
    } catch (e) {
      return new Result({
        body: Buffer.alloc(0),
        contentType: '',
        statusCode: resp.statusCode,
        headers: resp.headers,
        err: e as Error,
        warnings: [],
      });
    }
    let decoded: DecodedBody | undefined;
    if (decoder && Array.isArray(body)) {
      try {
        decoded = { value: decoder.end() };
      } catch (e) {
        decoded = { error: e as Error };
      }
    }
    return this.transformResponse(resp, body, decoded);
  }

  /** client-go transformResponse: success bodies pass through; failures become StatusErrors. */
  private transformResponse(resp: RoundTripResponse, body: Buffer | Buffer[], decoded?: DecodedBody): Result {
    const ct = headerValue(resp.headers['content-type']) ?? '';
    const contentType = ct || this.client.contentType;
    const warnings = parseWarnings(resp.headers.warning);
    if (resp.statusCode >= 200 && resp.statusCode <= 206) {
      return new Result({ body, decoded, contentType, statusCode: resp.statusCode, headers: resp.headers, warnings });
    }
    body = Array.isArray(body) ? Buffer.concat(body) : body;
    const base = { body, contentType, statusCode: resp.statusCode, headers: resp.headers, warnings };
    const err = errorForResponse({
      statusCode: resp.statusCode,
      contentType: ct,
      body,
      method: this.verb,
      retryAfterSeconds: retryAfterSeconds(resp.headers['retry-after']),
      group: this.client.groupVersion?.group,
      resource: this.res,
      name: this.resName,
    });
    return new Result({ ...base, err });
  }

  /** Sends the request. Awaiting never rejects: see Result. */
  do(opts: DoOptions = {}): PendingResult {
    const wantsDecoded = { value: false };
    return new PendingResult(this.doInternal(opts.signal, wantsDecoded), wantsDecoded);
  }

  /** DoRaw: the body, or a thrown error. */
  async doRaw(opts: DoOptions = {}): Promise<Buffer> {
    return (await this.do(opts)).raw();
  }

  /** Opens a watch: await it to connect (start errors reject), or iterate it directly. */
  watch<T = unknown>(opts: WatchOptions = {}): PendingWatch<T> {
    return new PendingWatch<T>(this.openWatch<T>(opts));
  }

  private async openWatch<T>(opts: WatchOptions): Promise<WatchStream<T>> {
    const controller = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
    let resp: RoundTripResponse;
    try {
      resp = await this.execute(signal, true);
    } catch (e) {
      // Retries exhausted on a retryable transport error: client-go returns an empty watch.
      const err = (e as { current?: Error }).current ?? (e as Error);
      if (!signal.aborted && (isProbableEOF(err) || isTimeoutError(err))) return emptyWatch<T>();
      if (opts.signal?.aborted) return emptyWatch<T>();
      throw e;
    }
    if (resp.statusCode !== 200) {
      const body = await this.readBody(resp).catch(() => Buffer.alloc(0));
      const result = this.transformResponse(resp, body);
      throw result.error() ?? new Error(`for request ${this.url()}, got status: ${resp.statusCode}`);
    }
    const idle = opts.idleTimeoutMs ?? this.client.watchIdleTimeoutMs ?? defaultIdleTimeout(this.params);
    const events = decodeWatchStream<T>(resp.body as unknown as Readable, { signal, idleTimeoutMs: idle });
    return {
      [Symbol.asyncIterator]: () => events,
      stop: () => controller.abort(),
      [Symbol.asyncDispose]: async () => {
        controller.abort();
        await events.return();
      },
    };
  }

  /** The raw response body as a stream (logs, proxies). Non-2xx answers reject with a StatusError. */
  async stream(opts: DoOptions = {}): Promise<Readable> {
    const resp = await this.execute(opts.signal, true);
    if (resp.statusCode < 200 || resp.statusCode > 299) {
      const body = await this.readBody(resp).catch(() => Buffer.alloc(0));
      throw this.transformResponse(resp, body).error();
    }
    return resp.body as unknown as Readable;
  }
}

function emptyWatch<T>(): WatchStream<T> {
  const events = (async function* (): AsyncGenerator<WatchEvent<T>, void, undefined> {})();
  return { [Symbol.asyncIterator]: () => events, stop: () => {}, [Symbol.asyncDispose]: async () => {} };
}

function isTimeoutError(e: Error): boolean {
  const code = (e as { code?: string }).code;
  return (
    e.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

/** JSON media types (application/json, application/merge-patch+json, ...): not YAML, protobuf or text. */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function retryAfterSeconds(v: string | string[] | undefined): number | undefined {
  const h = headerValue(v);
  return h !== undefined && /^\d+$/.test(h.trim()) ? Number(h) : undefined;
}

/** `299 - "message"` warning headers → messages. */
function parseWarnings(v: string | string[] | undefined): string[] {
  if (!v) return [];
  const out: string[] = [];
  for (const h of Array.isArray(v) ? v : [v]) {
    const m = /^\s*299\s+\S+\s+"((?:[^"\\]|\\.)*)"/.exec(h);
    if (m) out.push(m[1].replace(/\\(.)/g, '$1'));
  }
  return out;
}
