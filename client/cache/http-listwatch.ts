/**
 * A ListerWatcher over raw HTTP (fetch, i.e. undici): GET a resource collection for list, and
 * GET ?watch=true for a newline-delimited JSON event stream. It exists so the informer stack can be
 * tested and used before the client core lands; `listerWatcherFactoryFromClient` (source.ts in
 * client/informers) replaces it with the clientset later.
 *
 * Failure modes:
 * - A non-2xx answer throws `StatusError` with the server's Status, or one synthesised from the
 *   HTTP code as client-go's NewGenericServerResponse does; `Retry-After` becomes
 *   `details.retryAfterSeconds`.
 * - Transport failures (refused, reset) reject with fetch's TypeError; see net-errors.ts.
 * - In a watch stream, a dropped connection ends the iteration normally (probable EOF), and a line
 *   that is not a watch event yields one ERROR event with an InternalError Status and ends the
 *   stream, as client-go's StreamWatcher does.
 *
 * List items come back without kind/apiVersion for built-in types; this implementation fills them
 * in from the list's kind so objects from lists and watches look alike in the cache.
 */
import { StatusError, type Status } from '../errors.js';
import type { WatchEvent } from '../watch-event.js';
import type { GroupVersionResource, ListerWatcher, ListOptions, ListResult, TweakListOptions } from './listwatch.js';
import { isAbortError, isProbableEOF } from './net-errors.js';

export interface HttpListWatchConfig {
  /** e.g. http://127.0.0.1:6443 (no trailing slash needed). */
  baseUrl: string;
  /** Bearer token. */
  token?: string;
  headers?: Record<string, string>;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** /api/v1/namespaces/{ns}/pods, /apis/apps/v1/deployments ... ("" namespace: all / cluster-scoped). */
export function resourcePath(gvr: GroupVersionResource, namespace = ''): string {
  const root = gvr.group === '' ? `/api/${gvr.version}` : `/apis/${gvr.group}/${gvr.version}`;
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${root}${ns}/${gvr.resource}`;
}

export function encodeListOptions(opts: ListOptions, watch: boolean): string {
  const q = new URLSearchParams();
  if (watch) q.set('watch', 'true');
  if (opts.labelSelector) q.set('labelSelector', opts.labelSelector);
  if (opts.fieldSelector) q.set('fieldSelector', opts.fieldSelector);
  if (opts.resourceVersion !== undefined && opts.resourceVersion !== '') q.set('resourceVersion', opts.resourceVersion);
  if (opts.resourceVersionMatch) q.set('resourceVersionMatch', opts.resourceVersionMatch);
  if (opts.limit) q.set('limit', String(opts.limit));
  if (opts.continue) q.set('continue', opts.continue);
  if (opts.allowWatchBookmarks) q.set('allowWatchBookmarks', 'true');
  if (opts.sendInitialEvents !== undefined) q.set('sendInitialEvents', String(opts.sendInitialEvents));
  if (opts.timeoutSeconds !== undefined) q.set('timeoutSeconds', String(opts.timeoutSeconds));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The StatusError for a failed response: the body's Status when it is one, else synthesised. */
export function statusErrorFromResponse(code: number, body: string, headers: Headers): StatusError {
  let status: Status | undefined;
  try {
    const parsed = JSON.parse(body) as Status;
    if (parsed && parsed.kind === 'Status') status = parsed;
  } catch {
    // not JSON: synthesise below
  }
  if (!status) {
    status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      code,
      reason: REASON_BY_CODE[code] ?? '',
      message: body.trim()
        ? `the server responded with the status code ${code}: ${body.trim().slice(0, 200)}`
        : `the server responded with the status code ${code}`,
    };
  }
  if (status.code === undefined) status.code = code;
  const retryAfter = Number(headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0 && status.details?.retryAfterSeconds === undefined) {
    status.details = { ...status.details, retryAfterSeconds: retryAfter };
  }
  return new StatusError(status);
}

function internalError(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, reason: 'InternalError', message };
}

/** A ListerWatcher for one resource in one namespace ("" = all namespaces or cluster-scoped). */
export function newHttpListerWatcher<T>(
  config: HttpListWatchConfig,
  gvr: GroupVersionResource,
  namespace = '',
  tweak?: TweakListOptions,
): ListerWatcher<T> {
  const doFetch = config.fetch ?? fetch;
  const base = config.baseUrl.replace(/\/+$/, '');
  const path = resourcePath(gvr, namespace);
  const headers: Record<string, string> = { accept: 'application/json', ...config.headers };
  if (config.token) headers.authorization = `Bearer ${config.token}`;
  const apiVersion = gvr.group === '' ? gvr.version : `${gvr.group}/${gvr.version}`;
  const tweaked = (opts: ListOptions): ListOptions => {
    const o = { ...opts };
    tweak?.(o);
    return o;
  };

  return {
    async list(opts, signal) {
      const res = await doFetch(base + path + encodeListOptions(tweaked(opts), false), { headers, signal });
      const text = await res.text();
      if (res.status < 200 || res.status > 299) throw statusErrorFromResponse(res.status, text, res.headers);
      const body = JSON.parse(text) as { kind?: string; metadata?: ListResult<T>['metadata']; items?: T[] };
      const items = body.items ?? [];
      const kind = body.kind?.endsWith('List') ? body.kind.slice(0, -4) : undefined;
      if (kind) {
        for (const item of items as Array<{ kind?: string; apiVersion?: string }>) {
          if (item && item.kind === undefined) {
            item.kind = kind;
            item.apiVersion = apiVersion;
          }
        }
      }
      return { metadata: body.metadata ?? {}, items };
    },
    async watch(opts, signal) {
      const res = await doFetch(base + path + encodeListOptions(tweaked(opts), true), { headers, signal });
      if (res.status !== 200 || !res.body) {
        const text = await res.text().catch(() => '');
        throw statusErrorFromResponse(res.status, text, res.headers);
      }
      return parseWatchStream<T>(res.body);
    },
  };
}

/** Decodes a newline-delimited JSON watch body into events; see the file comment for endings. */
export async function* parseWatchStream<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<WatchEvent<T>> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (isAbortError(err)) throw err;
        if (isProbableEOF(err)) return;
        yield { type: 'ERROR', object: internalError(`unable to decode an event from the watch stream: ${String(err)}`) };
        return;
      }
      if (chunk.done) return;
      buf += decoder.decode(chunk.value, { stream: true });
      let start = 0;
      let nl: number;
      const events: WatchEvent<T>[] = [];
      let bad: string | undefined;
      while ((nl = buf.indexOf('\n', start)) >= 0) {
        const line = buf.slice(start, nl);
        start = nl + 1;
        if (line.trim() === '') continue;
        const ev = decodeLine<T>(line);
        if (typeof ev === 'string') {
          bad = ev;
          break;
        }
        events.push(ev);
      }
      buf = start > 0 ? buf.slice(start) : buf;
      for (const ev of events) yield ev;
      if (bad !== undefined) {
        yield { type: 'ERROR', object: internalError(`unable to decode an event from the watch stream: ${bad}`) };
        return;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

const EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

function decodeLine<T>(line: string): WatchEvent<T> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    return (e as Error).message;
  }
  const ev = parsed as { type?: unknown; object?: unknown };
  if (!ev || typeof ev.type !== 'string' || !EVENT_TYPES.has(ev.type) || typeof ev.object !== 'object' || ev.object === null) {
    return `got invalid watch event: ${line.slice(0, 200)}`;
  }
  return ev as WatchEvent<T>;
}
