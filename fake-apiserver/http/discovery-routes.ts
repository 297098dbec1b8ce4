/**
 * Non-resource endpoints: /version, health checks, legacy and aggregated discovery.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { aggregatedDiscovery, AGGREGATED_MEDIA_TYPE, etagOf, wantsAggregated } from '../discovery/aggregated.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from '../discovery/legacy.js';
import type { ApiContext } from './api-context.js';
import { sendJson, sendPlainNotFound } from './respond.js';

export function versionInfo(ctx: ApiContext): object {
  return {
    major: ctx.version.major,
    minor: ctx.version.minor,
    emulationMajor: ctx.version.major,
    emulationMinor: ctx.version.minor,
    minCompatibilityMajor: ctx.version.major,
    minCompatibilityMinor: String(Math.max(0, Number(ctx.version.minor) - 1)),
    gitVersion: ctx.version.gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.24.0',
    compiler: 'gc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}

/** /api and /apis: aggregated v2 when asked for (with ETag/304), legacy otherwise. */
export function serveRootDiscovery(
  ctx: ApiContext,
  req: FastifyRequest,
  reply: FastifyReply,
  prefix: 'api' | 'apis',
  serverAddress: string,
): void {
  if (wantsAggregated(req.headers.accept)) {
    const body = JSON.stringify(aggregatedDiscovery(ctx.catalog, prefix === 'api'));
    const etag = etagOf(body);
    void reply.header('etag', etag).header('vary', 'Accept').header('cache-control', 'public');
    if (req.headers['if-none-match'] === etag) {
      void reply.code(304).send();
      return;
    }
    return sendJson(reply, 200, body, AGGREGATED_MEDIA_TYPE);
  }
  return sendJson(reply, 200, prefix === 'api' ? apiVersions(serverAddress) : apiGroupList(ctx.catalog));
}

export function serveGroup(ctx: ApiContext, reply: FastifyReply, group: string): void {
  const doc = apiGroup(ctx.catalog, group);
  if (!doc) return sendPlainNotFound(reply);
  return sendJson(reply, 200, doc);
}

export function serveGroupVersion(ctx: ApiContext, reply: FastifyReply, group: string, version: string): void {
  if (ctx.catalog.resourcesFor(group, version).length === 0) return sendPlainNotFound(reply);
  return sendJson(reply, 200, apiResourceList(ctx.catalog, group, version));
}
