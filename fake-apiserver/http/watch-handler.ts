/**
 * Serving a watch over HTTP: validates the options before the stream starts (errors are plain
 * Status responses), then streams newline-delimited JSON over a chunked 200 response
 * (endpoints/handlers/watch.go). Closing the client connection frees the watcher.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../errors/status.js';
import type { RequestFaultContext } from '../faults.js';
import { tooLargeResourceVersion } from '../registry/lister.js';
import { applyWatchListDefaults, decodeListOptions, parseResourceVersion, validateListOptions } from '../registry/list-options.js';
import { apiVersionOf } from '../registry/object-shape.js';
import { buildPredicate } from '../registry/predicate.js';
import type { Strategy } from '../registry/strategy.js';
import type { Status } from '../errors/status.js';
import { resourceKey, type KubeObject } from '../store/types.js';
import { WatchSession, type WatchEncoder, type WatchSink, type WatchStart, type WireEventType } from '../watch/watch-session.js';
import type { ApiContext } from './api-context.js';
import { objectJson } from './encode.js';
import { negotiateOutput } from './negotiation.js';
import type { Query } from './query.js';
import type { ResourceRequestPath } from './request-info.js';
import { buildTable, printerOf } from './table.js';
import type { TablePrinter } from '../printers/index.js';
import { outputView } from './resource-handler.js';

export async function serveWatch(
  ctx: ApiContext,
  s: Strategy,
  req: FastifyRequest,
  reply: FastifyReply,
  path: ResourceRequestPath,
  query: Query,
  faultCtx: RequestFaultContext,
): Promise<void> {
  const format = negotiateOutput(req.headers.accept, false);
  const opts = decodeListOptions(query, path.watchPath);
  applyWatchListDefaults(opts, ctx.tuning.watchListEnabled);
  validateListOptions(opts, ctx.tuning.watchListEnabled);
  let fieldSelector = opts.fieldSelector;
  if (path.name) {
    // Legacy single-object watch: /watch/.../{resource}/{name} is a metadata.name field selector.
    const pinned = /(?:^|,)metadata\.name=([^,]*)/.exec(fieldSelector)?.[1];
    if (pinned !== undefined && pinned !== path.name) throw badRequest("fieldSelector metadata.name doesn't match requested name");
    fieldSelector = fieldSelector ? `${fieldSelector},metadata.name=${path.name}` : `metadata.name=${path.name}`;
  }
  const predicate = buildPredicate(s.info.group, s.info.resource, opts.labelSelector, fieldSelector);
  const store = ctx.store;

  let start: WatchStart;
  const rv = opts.resourceVersion;
  if (opts.sendInitialEvents === true) {
    if (rv !== '' && rv !== '0') {
      const requested = parseResourceVersion(rv)!;
      if (requested > store.revision && !(await store.waitForRevision(requested, ctx.tuning.tooLargeResourceVersionWaitMs))) {
        throw tooLargeResourceVersion(requested, store.revision, true);
      }
    }
    start = { kind: 'initial', initialEventsEndBookmark: true };
  } else if (opts.sendInitialEvents === false) {
    start = { kind: 'since', revision: rv === '' || rv === '0' ? store.revision : parseResourceVersion(rv)! };
  } else if (rv === '' || rv === '0') {
    start = { kind: 'initial', initialEventsEndBookmark: false };
  } else {
    const requested = parseResourceVersion(rv)!;
    start = requested < store.compactedRevision ? { kind: 'expired', revision: requested } : { kind: 'since', revision: requested };
  }
  if (start.kind === 'since' && start.revision < store.compactedRevision) start = { kind: 'expired', revision: start.revision };

  const timeoutMs =
    opts.timeoutSeconds !== undefined && opts.timeoutSeconds > 0
      ? opts.timeoutSeconds * 1000
      : Math.floor(ctx.tuning.minRequestTimeoutMs * (1 + ctx.random.next()));
  const apiVersion = apiVersionOf(s.info.group, s.info.version);
  const view = outputView(s);
  const encoder: WatchEncoder =
    format.transform === 'table'
      ? tableEncoder(printerOf(s), format.version)
      : view
        ? {
            shareable: false,
            encode: (type, object) =>
              `{"type":"${type}","object":${jsonOf(type === 'ERROR' || type === 'BOOKMARK' ? object : view(object as KubeObject))}}\n`,
          }
        : { shareable: true, encode: (type, object) => `{"type":"${type}","object":${jsonOf(object)}}\n` };

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  const bound = ctx.tuning.watchBufferBytes;
  let index = 0;
  const faults = ctx.faults;
  let session: WatchSession | undefined = undefined;
  // The bound applies to what a watcher falls behind by on new events, on top of the initial
  // state it was sent (which the client reads as it would a list).
  let initialAllowance = 0;
  // Initial events are gathered and written a slice at a time: one write per event would cost a
  // chunked-encoding frame and a writev entry each (50,000 pods: ~0.3 s of CPU on writes alone).
  let pending: (string | Buffer)[] = [];
  const flush = () => {
    if (pending.length === 0 || res.destroyed) return;
    const parts = pending;
    pending = [];
    if (parts.length === 1) res.write(parts[0]);
    else if (parts.every((p) => typeof p === 'string')) res.write(parts.join(''));
    else res.write(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
  };
  const sink: WatchSink = {
    write(chunk, initial) {
      if (res.destroyed) return false;
      if (faults.onWatchEvent) {
        const decision = faults.onWatchEvent(faultCtx, index++);
        if (decision === 'close') {
          // Nothing from this event on reaches the client; the events before it do.
          flush();
          session?.close(false);
          return false;
        }
        if (decision === 'reset') {
          // The same, then the connection drops without the end of the chunked body: the socket
          // is destroyed once what was written has left (destroying at once would discard it).
          flush();
          session?.abandon();
          destroyWhenFlushed(res);
          return false;
        }
      }
      if (initial) {
        pending.push(chunk);
        initialAllowance += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        return true;
      }
      flush();
      res.write(chunk);
      return res.writableLength <= bound + initialAllowance;
    },
    end() {
      flush();
      if (!res.destroyed) res.end();
    },
    destroy() {
      pending = [];
      res.destroy();
    },
    flush,
    pace() {
      flush();
      if (res.destroyed) return Promise.resolve();
      if (!res.writableNeedDrain) return new Promise((resolve) => setImmediate(resolve));
      return new Promise((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    },
  };
  session = new WatchSession(
    store,
    {
      resource: resourceKey(s.info.group, s.info.resource),
      namespace: path.namespace,
      predicate,
      kind: s.info.kind,
      apiVersion,
      allowBookmarks: opts.allowWatchBookmarks,
      bookmarkIntervalMs: ctx.tuning.bookmarkIntervalMs,
      timeoutMs,
      onClose: () => ctx.watches.delete(session!),
    },
    encoder,
    sink,
  );
  ctx.watches.add(session);
  res.on('close', () => session!.abandon());
  session.start(start);
}

/** Destroys the response once its buffered bytes reached the socket and left it (at most ~1 s). */
function destroyWhenFlushed(res: ServerResponse): void {
  const deadline = Date.now() + 1000;
  const check = () => {
    const buffered = res.writableLength + (res.socket?.writableLength ?? 0);
    if (buffered === 0 || res.destroyed || Date.now() >= deadline) res.destroy();
    else setTimeout(check, 5);
  };
  check();
}

function jsonOf(object: KubeObject | Status): string {
  return 'metadata' in object && (object as KubeObject).metadata?.uid ? objectJson(object as KubeObject) : JSON.stringify(object);
}

/** Table watches: each event is a one-row Table; column definitions only in the first event. */
function tableEncoder(printer: TablePrinter, version: string): WatchEncoder {
  let first = true;
  return {
    shareable: false,
    encode(type: WireEventType, object: KubeObject | Status): string {
      if (type === 'ERROR' || type === 'BOOKMARK') return `{"type":"${type}","object":${JSON.stringify(object)}}\n`;
      const table = buildTable(
        printer,
        [object as KubeObject],
        version,
        'Metadata',
        { resourceVersion: (object as KubeObject).metadata.resourceVersion },
        !first,
      );
      first = false;
      return `{"type":"${type}","object":${JSON.stringify(table)}}\n`;
    },
  };
}
