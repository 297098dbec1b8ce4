/**
 * /openapi/v2, /openapi/v3 and /openapi/v3/<group-version>: the real upstream specifications for
 * built-in types plus generated entries for CRDs (fake-apiserver/openapi), with the real server's
 * ETag, hash redirects, caching headers and 304s. kubectl needs these for validation, explain and
 * client-side apply.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OpenAPIRequest, OpenAPIResponse, OpenAPIService } from '../openapi/index.js';

function requestOf(req: FastifyRequest): OpenAPIRequest {
  const q = req.query as Record<string, string | undefined>;
  return {
    accept: req.headers.accept,
    ifNoneMatch: req.headers['if-none-match'],
    ifModifiedSince: req.headers['if-modified-since'],
    hash: q.hash,
    method: req.method,
  };
}

function send(reply: FastifyReply, r: OpenAPIResponse, head: boolean): void {
  reply.hijack();
  reply.raw.writeHead(r.status, { ...r.headers, 'content-length': r.body.length });
  reply.raw.end(head ? undefined : r.body);
}

export function registerOpenAPIRoutes(app: FastifyInstance, openapi: OpenAPIService): void {
  app.route({
    method: ['GET', 'HEAD'],
    url: '/openapi/v2',
    handler: (req, reply) => send(reply, openapi.handleV2(requestOf(req)), req.method === 'HEAD'),
  });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/openapi/v3',
    handler: (req, reply) => send(reply, openapi.handleV3Index(requestOf(req)), req.method === 'HEAD'),
  });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/openapi/v3/*',
    handler: (req, reply) => {
      const key = decodeURIComponent((req.raw.url ?? '').split('?')[0].slice('/openapi/v3/'.length));
      send(reply, openapi.handleV3(key, requestOf(req)), req.method === 'HEAD');
    },
  });
}
