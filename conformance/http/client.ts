/**
 * Raw HTTP to an API server with undici: one Dispatcher per target (TLS client certificates from
 * the kubeconfig), one ApiClient per case run, which records every exchange for the report.
 * Deliberately independent of kubeharness/client, so a client bug cannot hide a server bug.
 */
import { Agent, request, type Dispatcher } from 'undici';
import type { Exchange } from '../types.js';
import type { ConnectionConfig } from './kubeconfig.js';
import { WatchStream } from './watch.js';

export interface Connection {
  baseUrl: string;
  dispatcher: Dispatcher;
  /** Sent with every request (Authorization). */
  headers: Record<string, string>;
  close(): Promise<void>;
}

export function connect(
  config: Pick<ConnectionConfig, 'server' | 'ca' | 'cert' | 'key' | 'insecureSkipTlsVerify' | 'tlsServerName' | 'headers'>,
): Connection {
  const agent = new Agent({
    connect: {
      ca: config.ca,
      cert: config.cert,
      key: config.key,
      rejectUnauthorized: !config.insecureSkipTlsVerify,
      servername: config.tlsServerName,
    },
    // Watches stay open for as long as a case reads them.
    bodyTimeout: 0,
    headersTimeout: 60_000,
    connections: 32,
  });
  return { baseUrl: config.server.replace(/\/+$/, ''), dispatcher: agent, headers: { ...config.headers }, close: () => agent.close() };
}

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Default application/json when there is a body; null sends no Content-Type. */
  contentType?: string | null;
  headers?: Record<string, string>;
  query?: Query;
  /** Default 20 s. */
  timeoutMs?: number;
}

export interface Res {
  /** Exchange id in the case's record. */
  id: number;
  method: string;
  path: string;
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: any;
  durationMs: number;
}

/** Appends `query` to `path` (which may already carry a query string); undefined values are left out. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (v === '' ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`));
  if (parts.length === 0) return path;
  return path + (path.includes('?') ? '&' : '?') + parts.join('&');
}

const MAX_RECORDED_TEXT = 16_000;
/** The field manager real servers derive from it is `kubeharness-conformance`. */
export const USER_AGENT = 'kubeharness-conformance/0.1';

export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function recordedBody(text: string, json: unknown): unknown {
  if (json !== undefined && text.length <= MAX_RECORDED_TEXT * 4) return json;
  return text.length > MAX_RECORDED_TEXT ? `${text.slice(0, MAX_RECORDED_TEXT)}… (${text.length} bytes)` : text;
}

export function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** The request headers worth showing in a report (never Authorization). */
function shownHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() !== 'authorization') out[k] = v;
  return out;
}

export class ApiClient {
  readonly exchanges: Exchange[] = [];
  private readonly watches = new Set<WatchStream>();
  private nextId = 1;

  constructor(private readonly conn: Connection) {}

  /** The most recent exchange (for assertions that do not name one). */
  get lastExchangeId(): number | undefined {
    return this.exchanges.at(-1)?.id;
  }

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<Res> {
    const fullPath = withQuery(path, opts.query);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT, ...lower(opts.headers ?? {}) };
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      if (opts.contentType !== null && headers['content-type'] === undefined)
        headers['content-type'] = opts.contentType ?? 'application/json';
    }
    const exchange: Exchange = {
      id: this.nextId++,
      method,
      path: fullPath,
      requestHeaders: shownHeaders(headers),
      requestBody: opts.body === undefined ? undefined : typeof opts.body === 'string' ? (parseJson(opts.body) ?? opts.body) : opts.body,
    };
    this.exchanges.push(exchange);
    const started = performance.now();
    try {
      const res = await request(this.conn.baseUrl + fullPath, {
        method: method as Dispatcher.HttpMethod,
        headers: { ...this.conn.headers, ...headers },
        body,
        dispatcher: this.conn.dispatcher,
        headersTimeout: opts.timeoutMs ?? 20_000,
        bodyTimeout: opts.timeoutMs ?? 20_000,
      });
      const text = await res.body.text();
      const json = parseJson(text);
      const durationMs = Math.round(performance.now() - started);
      const responseHeaders = headerRecord(res.headers);
      Object.assign(exchange, { status: res.statusCode, responseHeaders, responseBody: recordedBody(text, json), durationMs });
      return { id: exchange.id, method, path: fullPath, status: res.statusCode, headers: responseHeaders, text, json, durationMs };
    } catch (e) {
      exchange.error = (e as Error).message;
      exchange.durationMs = Math.round(performance.now() - started);
      throw e;
    }
  }

  /** Opens a watch (GET with watch=true added unless the path uses /watch/). */
  async watch(path: string, query: Query = {}, headers: Record<string, string> = {}): Promise<WatchStream> {
    const q: Query = path.includes('/watch/') ? query : { watch: 'true', ...query };
    const fullPath = withQuery(path, q);
    const h = { accept: 'application/json', 'user-agent': USER_AGENT, ...lower(headers) };
    const exchange: Exchange = { id: this.nextId++, method: 'GET', path: fullPath, requestHeaders: shownHeaders(h), events: [] };
    this.exchanges.push(exchange);
    const stream = await WatchStream.open(this.conn, fullPath, h, exchange);
    this.watches.add(stream);
    return stream;
  }

  /** Closes every watch this client opened (the harness calls it when a case ends). */
  closeAll(): void {
    for (const w of this.watches) w.close();
    this.watches.clear();
  }
}

function lower(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

export { request };
