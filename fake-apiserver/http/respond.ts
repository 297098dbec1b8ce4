/** Writing responses: objects as negotiated, errors as metav1.Status with Retry-After. */
import type { FastifyReply } from 'fastify';
import { internalError, isStatusError, type Status, type StatusError } from '../errors/status.js';

export function sendJson(reply: FastifyReply, code: number, body: string | object, contentType = 'application/json'): void {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
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

export function sendStatus(reply: FastifyReply, err: StatusError | Status): void {
  const status = 'status' in err && typeof err.status === 'object' ? (err as StatusError).status : (err as Status);
  const retry = status.details?.retryAfterSeconds;
  if (retry && retry > 0) void reply.header('retry-after', String(retry));
  sendJson(reply, status.code ?? 500, status);
}

/** The plain-text 404 of the Go mux for paths outside every API group. */
export function sendPlainNotFound(reply: FastifyReply): void {
  void reply
    .code(404)
    .header('content-type', 'text/plain; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .send('404 page not found\n');
}
