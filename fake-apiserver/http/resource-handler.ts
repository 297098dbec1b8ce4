/**
 * Resource requests: resolves the URL against the catalog, checks scope, subresource and verb
 * like the real server's route table, runs the fault hook, and dispatches to the registry.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, methodNotAllowedRoute, routeNotFound, StatusError } from '../errors/status.js';
import type { ResourceInfo } from '../catalog/catalog.js';
import type { RequestFaultContext } from '../faults.js';
import { decodeDeleteOptions } from '../registry/delete-options.js';
import { deleteObject } from '../registry/deleter.js';
import { listObjects, tooLargeResourceVersion } from '../registry/lister.js';
import { decodeListOptions, parseResourceVersion, validateListOptions } from '../registry/list-options.js';
import { buildPredicate } from '../registry/predicate.js';
import { patchObject, parsePatchBody, patchTypeOf, APPLY_PATCH } from '../registry/patcher.js';
import { applyObject } from '../registry/applier.js';
import { apiVersionOf } from '../registry/object-shape.js';
import type { Strategy } from '../registry/strategy.js';
import { decodeWriteOptions } from '../registry/write-options.js';
import type { KubeObject } from '../store/types.js';
import type { ApiContext } from './api-context.js';
import { decodeObjectBody, decodeOptionalBody } from './body.js';
import { encodeList, encodeObject } from './encode.js';
import { checkObjectBody, checkPatchedObject } from '../fieldvalidation/field-validation.js';
import { negotiateOutput } from './negotiation.js';
import type { Query } from './query.js';
import { queryString } from './query.js';
import type { ResourceRequestPath } from './request-info.js';
import { sendJson, sendPlainNotFound, sendStatus, setWarnings } from './respond.js';
import { printerOf, validateIncludeObject } from './table.js';
import { serveWatch } from './watch-handler.js';
import { serveScale } from './scale.js';
import { answerReview, isReviewResource } from './reviews.js';

type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export async function handleResourceRequest(
  ctx: ApiContext,
  req: FastifyRequest,
  reply: FastifyReply,
  path: ResourceRequestPath,
): Promise<void> {
  const info = ctx.catalog.lookup(path.group, path.version, path.resource);
  if (!info) {
    if (ctx.catalog.resourcesFor(path.group, path.version).length === 0) return sendPlainNotFound(reply);
    return sendStatus(reply, routeNotFound());
  }
  const query = req.query as Query;
  const verb = verbOf(req.method, path, query);
  if (!routeExists(info, path, verb)) return sendStatus(reply, routeNotFound());
  const sub = path.subresource ? info.subresources.find((s) => s.name === path.subresource) : undefined;
  if (path.subresource && !sub) return sendStatus(reply, routeNotFound());
  if (!verb || !(sub ? sub.verbs : info.verbs).includes(verb)) {
    if (verb === 'watch' && info.verbs.includes('list')) {
      return sendStatus(reply, new StatusError(405, 'MethodNotAllowed', `watch is not supported on resources of kind "${info.resource}"`));
    }
    return sendStatus(reply, methodNotAllowedRoute());
  }

  let objectName: string | undefined;
  const faultCtx: RequestFaultContext = {
    method: req.method,
    path: req.url,
    verb,
    group: path.group,
    version: path.version,
    resource: path.resource,
    namespace: path.namespace,
    name: path.name,
    subresource: path.subresource,
    userAgent: req.headers['user-agent'] ?? '',
    get objectName() {
      return (objectName ??= path.name || (verb === 'create' ? createdName(req, info) : ''));
    },
  };
  const fault = ctx.faults.onRequest?.(faultCtx);
  if (fault) {
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.resetConnection) {
      req.raw.socket.destroy();
      return;
    }
    if (fault.error) return sendStatus(reply, fault.error);
  }

  const s = ctx.registry.strategy(info, isCustom(info));
  if (path.subresource === 'scale') return serveScale(ctx, s, req, reply, path, verb);
  if (verb === 'watch') return serveWatch(ctx, s, req, reply, path, query, faultCtx);
  const accept = req.headers.accept;
  const view = outputView(s) ?? ((o: KubeObject) => o);
  const env = { kind: `${info.kind}List`, apiVersion: apiVersionOf(info.group, info.version), itemsKeepTypeMeta: isCustom(info) };
  switch (verb) {
    case 'get': {
      const format = negotiateOutput(accept, true);
      const includeObject = validateIncludeObject(queryString(query, 'includeObject'));
      await waitForReadableRevision(ctx, queryString(query, 'resourceVersion'));
      const obj = ctx.registry.get(s, path.namespace, path.name);
      const enc = encodeObject(view(obj), format, includeObject, printerOf(s, path.subresource));
      return sendJson(reply, 200, enc.body, enc.contentType);
    }
    case 'list': {
      const format = negotiateOutput(accept, false);
      const includeObject = validateIncludeObject(queryString(query, 'includeObject'));
      const opts = decodeListOptions(query, false);
      validateListOptions(opts, ctx.tuning.watchListEnabled);
      const predicate = buildPredicate(info.group, info.resource, opts.labelSelector, opts.fieldSelector);
      const list = await listObjects(
        { store: ctx.store, tooLargeResourceVersionWaitMs: ctx.tuning.tooLargeResourceVersionWaitMs },
        s,
        path.namespace,
        opts,
        predicate,
      );
      const enc = encodeList(env, list, format, includeObject, printerOf(s));
      return sendJson(reply, 200, enc.body, enc.contentType);
    }
    case 'create': {
      const format = negotiateOutput(accept, true);
      const opts = decodeWriteOptions(query, req.headers['user-agent'], 'CreateOptions');
      if (path.subresource) return createSubresource(ctx, s, req, reply, path, opts.dryRun);
      if (isReviewResource(info.group, info.resource)) {
        const review = decodeObjectBody(
          req.body as Buffer | undefined,
          req.headers['content-type'],
          info.kind,
          apiVersionOf(info.group, info.version),
        ) as KubeObject;
        return sendJson(reply, 201, answerReview(info.group, info.resource, info.kind, apiVersionOf(info.group, info.version), review));
      }
      const body = decodeObjectBody(
        req.body as Buffer | undefined,
        req.headers['content-type'],
        info.kind,
        apiVersionOf(info.group, info.version),
        !isCustom(info),
      ) as KubeObject;
      warn(reply, checkObjectBody(s, body, jsonText(req), opts.fieldValidation));
      const created = ctx.registry.create(s, path.namespace, body, opts);
      ctx.afterWrite?.();
      const enc = encodeObject(view(created), format, 'Object', printerOf(s));
      return sendJson(reply, 201, enc.body, enc.contentType);
    }
    case 'update': {
      const format = negotiateOutput(accept, true);
      const opts = decodeWriteOptions(query, req.headers['user-agent'], 'UpdateOptions');
      const body = decodeObjectBody(
        req.body as Buffer | undefined,
        req.headers['content-type'],
        info.kind,
        apiVersionOf(info.group, info.version),
        !isCustom(info),
      ) as KubeObject;
      if (path.resource === 'namespaces' && path.subresource === 'finalize') {
        const result = finalizeNamespace(ctx, s, path.name, body, opts.dryRun);
        ctx.afterWrite?.();
        return sendJson(reply, 200, encodeObject(result, format, 'Object').body);
      }
      warn(reply, checkObjectBody(s, body, jsonText(req), opts.fieldValidation));
      const result = ctx.registry.update(s, path.namespace, path.name, body, opts, path.subresource === 'status' ? 'status' : '');
      ctx.afterWrite?.();
      const enc = encodeObject(view(result.object), format, 'Object', printerOf(s, path.subresource));
      return sendJson(reply, result.created ? 201 : 200, enc.body, enc.contentType);
    }
    case 'patch': {
      const format = negotiateOutput(accept, true);
      const type = patchTypeOf(req.headers['content-type'], isCustom(info));
      const opts = decodeWriteOptions(query, req.headers['user-agent'], 'PatchOptions');
      if (type === APPLY_PATCH) {
        const force = queryString(query, 'force');
        const result = applyObject(
          ctx.registry,
          s,
          path.namespace,
          path.name,
          (req.body as Buffer | undefined) ?? Buffer.alloc(0),
          opts,
          force !== undefined && !(force.toLowerCase() === 'false' || force === '0'),
          path.subresource === 'status' ? 'status' : '',
          ctx.clock.now(),
        );
        ctx.afterWrite?.();
        const enc = encodeObject(view(result.object), format, 'Object', printerOf(s, path.subresource));
        return sendJson(reply, result.created ? 201 : 200, enc.body, enc.contentType);
      }
      if (queryString(query, 'force') !== undefined) {
        const { invalidOptions, forbiddenField } = await import('../errors/field-errors.js');
        throw invalidOptions('PatchOptions', [forbiddenField('force', 'may not be specified for non-apply patch')]);
      }
      const patch = parsePatchBody((req.body as Buffer | undefined) ?? Buffer.alloc(0));
      const result = patchObject(
        ctx.registry,
        s,
        path.namespace,
        path.name,
        type,
        patch,
        opts,
        path.subresource === 'status' ? 'status' : '',
        (patched) => warn(reply, checkPatchedObject(s, patched, opts.fieldValidation)),
      );
      ctx.afterWrite?.();
      const enc = encodeObject(view(result.object), format, 'Object', printerOf(s, path.subresource));
      return sendJson(reply, 200, enc.body, enc.contentType);
    }
    case 'delete': {
      const format = negotiateOutput(accept, true);
      const opts = decodeDeleteOptions(decodeOptionalBody(req.body as Buffer | undefined, req.headers['content-type']), query);
      if (path.resource === 'namespaces' && path.group === '' && ctx.registry.isImmortalNamespace(path.name)) {
        throw new StatusError(403, 'Forbidden', `namespaces "${path.name}" is forbidden: this namespace may not be deleted`, {
          name: path.name,
          kind: 'namespaces',
        });
      }
      const result = deleteObject(ctx.registry, ctx.clock, s, path.namespace, path.name, opts);
      ctx.afterWrite?.();
      if (result.status) return sendJson(reply, 200, result.status);
      const enc = encodeObject(view(result.object!), format, 'Object', printerOf(s));
      return sendJson(reply, 200, enc.body, enc.contentType);
    }
    case 'deletecollection': {
      const format = negotiateOutput(accept, false);
      const listOpts = decodeListOptions(query, false);
      validateListOptions(listOpts, ctx.tuning.watchListEnabled);
      const delOpts = decodeDeleteOptions(decodeOptionalBody(req.body as Buffer | undefined, req.headers['content-type']), query);
      const predicate = buildPredicate(info.group, info.resource, listOpts.labelSelector, listOpts.fieldSelector);
      const list = await listObjects(
        { store: ctx.store, tooLargeResourceVersionWaitMs: ctx.tuning.tooLargeResourceVersionWaitMs },
        s,
        path.namespace,
        { ...listOpts, limit: 0, continue: '' },
        predicate,
      );
      for (const item of list.items) {
        try {
          deleteObject(ctx.registry, ctx.clock, s, item.metadata.namespace ?? '', item.metadata.name!, delOpts);
        } catch (e) {
          // Not atomic, as upstream: an item deleted meanwhile is skipped.
          if (!(e instanceof StatusError && e.code === 404)) throw e;
        }
      }
      ctx.afterWrite?.();
      const enc = encodeList(env, list, format, 'Object', printerOf(s));
      return sendJson(reply, 200, enc.body, enc.contentType);
    }
  }
}

/**
 * Custom resources are stored at the CRD's storage version; with conversion None, serving another
 * version only rewrites apiVersion (identity for everything else).
 */
export function outputView(s: Strategy): ((o: KubeObject) => KubeObject) | undefined {
  const requested = apiVersionOf(s.info.group, s.info.version);
  if (requested === s.storageApiVersion) return undefined;
  return (o) => (o.apiVersion === requested ? o : { ...o, apiVersion: requested });
}

/**
 * GET with resourceVersion=N means "not older than N": the watch cache waits up to 3 s for a
 * future N, then answers 504 with cause ResourceVersionTooLarge and Retry-After: 1.
 */
async function waitForReadableRevision(ctx: ApiContext, rv: string | undefined): Promise<void> {
  if (!rv || rv === '0') return;
  const requested = parseResourceVersion(rv);
  if (requested === undefined || requested <= ctx.store.revision) return;
  if (!(await ctx.store.waitForRevision(requested, ctx.tuning.tooLargeResourceVersionWaitMs))) {
    throw tooLargeResourceVersion(requested, ctx.store.revision, true);
  }
}

/** The request text when the body is JSON (for duplicate-field detection). */
function jsonText(req: FastifyRequest): string | undefined {
  const ct = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const body = req.body as Buffer | undefined;
  return body && (ct === '' || ct === 'application/json') ? body.toString('utf8') : undefined;
}

function warn(reply: FastifyReply, problems: string[]): void {
  setWarnings(reply, problems);
}

export function isCustom(info: ResourceInfo): boolean {
  return (info as ResourceInfo & { custom?: boolean }).custom === true;
}

function verbOf(method: string, path: ResourceRequestPath, query: Query): Verb | undefined {
  const watchParam = queryString(query, 'watch');
  const watch = path.watchPath || (watchParam !== undefined && !(watchParam.toLowerCase() === 'false' || watchParam === '0'));
  switch (method) {
    case 'GET':
      if (watch) return path.subresource ? undefined : 'watch';
      return path.name ? 'get' : 'list';
    case 'POST':
      return path.name && !path.subresource ? undefined : 'create';
    case 'PUT':
      return path.name ? 'update' : undefined;
    case 'PATCH':
      return path.name ? 'patch' : undefined;
    case 'DELETE':
      if (path.subresource) return undefined;
      return path.name ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

/** Does the real server register a route for this URL shape (scope, name presence)? */
function routeExists(info: ResourceInfo, path: ResourceRequestPath, verb: Verb | undefined): boolean {
  if (path.rest.length > 0) return false;
  if (info.namespaced) {
    if (path.hasNamespaceSegment) return true;
    // Cluster-wide paths of namespaced resources serve only list and watch.
    return !path.name && (verb === 'list' || verb === 'watch');
  }
  return !path.hasNamespaceSegment;
}

/** POST to a subresource: pods/binding and pods/eviction. */
function createSubresource(
  ctx: ApiContext,
  s: Strategy,
  req: FastifyRequest,
  reply: FastifyReply,
  path: ResourceRequestPath,
  dryRun: boolean,
): void {
  const body = decodeObjectBody(req.body as Buffer | undefined, req.headers['content-type']);
  if (path.group === '' && path.resource === 'pods' && path.subresource === 'binding') {
    const target = (body.target ?? {}) as { name?: string };
    if (!target.name) throw badRequest('target.name is required for a binding');
    const pod = ctx.registry.get(s, path.namespace, path.name);
    if ((pod.spec as { nodeName?: string } | undefined)?.nodeName) {
      throw new StatusError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on pods/binding "${path.name}": pod ${path.name} is already assigned to node "${(pod.spec as { nodeName?: string }).nodeName}"`,
        { name: path.name, kind: 'pods/binding' },
      );
    }
    if (!dryRun) {
      const next = structuredClone(pod);
      (next.spec as Record<string, unknown>).nodeName = target.name;
      ctx.registry.commitUpdate(
        s,
        pod,
        next,
        { dryRun: false, fieldManager: undefined, manager: '\u0000system', fieldValidation: 'Ignore' },
        '',
      );
      ctx.afterWrite?.();
    }
    return sendJson(reply, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  if (path.group === '' && path.resource === 'pods' && path.subresource === 'eviction') {
    const deleteOptions = decodeDeleteOptions((body.deleteOptions as unknown) ?? undefined, {});
    deleteObject(ctx.registry, ctx.clock, s, path.namespace, path.name, { ...deleteOptions, dryRun: dryRun || deleteOptions.dryRun });
    ctx.afterWrite?.();
    return sendJson(reply, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  throw methodNotAllowedRoute();
}

/** PUT /api/v1/namespaces/{name}/finalize: the only way to change spec.finalizers. */
function finalizeNamespace(ctx: ApiContext, s: Strategy, name: string, body: KubeObject, dryRun: boolean): KubeObject {
  const current = ctx.registry.get(s, '', name);
  const next = structuredClone(current);
  next.spec = { ...(next.spec as object), finalizers: ((body.spec ?? {}) as { finalizers?: string[] }).finalizers ?? [] };
  if (((next.spec as { finalizers: string[] }).finalizers ?? []).length === 0) delete (next.spec as { finalizers?: string[] }).finalizers;
  if (dryRun) return next;
  const result = ctx.registry.commitUpdate(
    s,
    current,
    next,
    { dryRun: false, fieldManager: undefined, manager: '\u0000system', fieldValidation: 'Ignore' },
    '',
  );
  return result.object;
}

/** For the fault hook: metadata.name of a create's body, or '' when the body does not decode. */
function createdName(req: FastifyRequest, info: ResourceInfo): string {
  try {
    const obj = decodeObjectBody(
      req.body as Buffer | undefined,
      req.headers['content-type'],
      info.kind,
      apiVersionOf(info.group, info.version),
    );
    const name = (obj.metadata as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' ? name : '';
  } catch {
    return '';
  }
}
