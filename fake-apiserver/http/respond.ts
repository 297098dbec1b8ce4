/** Writing responses: objects as negotiated, errors as metav1.Status with Retry-After. */
import type { FastifyReply } from 'fastify';
import yaml from 'js-yaml';
import { internalError, isStatusError, type Status, type StatusError } from '../errors/status.js';

/**
 * Output is indented for `?pretty=true` and for browsers and command-line fetchers
 * (User-Agent curl, Wget, Mozilla/5.0), as the real server does.
 */
function wantsPretty(reply: FastifyReply): boolean {
  const req = reply.request;
  const pretty = (req.query as Record<string, unknown> | undefined)?.pretty;
  if (typeof pretty === 'string') return !(pretty.toLowerCase() === 'false' || pretty === '0');
  const ua = req.headers['user-agent'] ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}

export function sendJson(reply: FastifyReply, code: number, body: string | Buffer | object, contentType = 'application/json'): void {
  let payload: string | Buffer = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  if (contentType.startsWith('application/json') && wantsPretty(reply))
    payload = `${JSON.stringify(JSON.parse(payload.toString()), null, 2)}\n`;
  if (contentType.includes(';')) {
    // Fastify re-serialises media-type parameters (quoting them); discovery clients compare the
    // echoed Content-Type byte for byte, so write such responses directly.
    const headers: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = v as string;
    reply.hijack();
    reply.raw.writeHead(code, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(payload) });
    reply.raw.end(payload);
    return;
  }
  void reply.code(code).header('content-type', contentType).send(payload);
}

export function statusOf(err: unknown): Status {
  if (isStatusError(err)) return err.status;
  return internalError(err instanceof Error ? err.message : String(err)).status;
}

/** Errors are content-negotiated too: YAML when the client prefers it, JSON otherwise. */
export function sendStatus(reply: FastifyReply, err: StatusError | Status): void {
  const status = 'status' in err && typeof err.status === 'object' ? (err as StatusError).status : (err as Status);
  const retry = status.details?.retryAfterSeconds;
  if (retry && retry > 0) void reply.header('retry-after', String(retry));
  if (prefersYaml(reply.request.headers.accept)) {
    void reply
      .code(status.code ?? 500)
      .header('content-type', 'application/yaml')
      .send(yaml.dump(status, { lineWidth: -1 }));
    return;
  }
  sendJson(reply, status.code ?? 500, status);
}

function prefersYaml(accept: string | undefined): boolean {
  if (!accept) return false;
  for (const clause of accept.split(',')) {
    const mt = clause.split(';')[0].trim().toLowerCase();
    if (mt === 'application/yaml') return true;
    if (mt === 'application/json' || mt === '*/*' || mt === 'application/*') return false;
  }
  return false;
}

const WARNING_TOTAL_RUNES = 4 * 1024;
const WARNING_ITEM_RUNES = 256;

/**
 * `Warning: 299 - "<text>"` headers, limited as apiserver's filters/warning.go does (over 4096
 * runes in all, each is cut to 256 runes, and warnings past the limit are dropped), and written
 * as raw UTF-8 like Go's net/http (Node refuses non-Latin-1 header text).
 */
export function setWarnings(reply: FastifyReply, texts: string[]): void {
  if (texts.length === 0) return;
  const runes = (t: string) => [...t].length;
  let items = texts;
  if (items.reduce((n, t) => n + runes(t), 0) > WARNING_TOTAL_RUNES) {
    items = items.map((t) => (runes(t) > WARNING_ITEM_RUNES ? [...t].slice(0, WARNING_ITEM_RUNES).join('') : t));
    const kept: string[] = [];
    let total = 0;
    for (const t of items) {
      if (total + runes(t) > WARNING_TOTAL_RUNES) break;
      kept.push(t);
      total += runes(t);
    }
    items = kept;
  }
  const values = items.map((t) => Buffer.from(`299 - ${JSON.stringify(t)}`, 'utf8').toString('latin1'));
  void reply.header('warning', values);
}

/** The plain-text 404 of the Go mux for paths outside every API group. */
export function sendPlainNotFound(reply: FastifyReply): void {
  void reply
    .code(404)
    .header('content-type', 'text/plain; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .send('404 page not found\n');
}
