/**
 * startFakeApiServer(): one in-memory Kubernetes API server on a loopback port. Each instance has
 * its own store, catalog and watches, so many can run in one process (one per test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ResourceCatalog } from './catalog/catalog.js';
import { rfc3339, systemClock, type Clock } from './clock.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { CrdController } from './crd/crd-controller.js';
import { OpenAPIService } from './openapi/index.js';
import { registerOpenAPIRoutes } from './http/openapi-routes.js';
import { NamespaceController } from './controllers/namespace-controller.js';
import { isStatusError, StatusError } from './errors/status.js';
import { NO_FAULTS, type FaultHook } from './faults.js';
import { buildKubeconfig, writeKubeconfig, type KubeconfigObject } from './kubeconfig.js';
import { createRandom } from './random.js';
import { Registry } from './registry/registry.js';
import type { WriteOptions } from './registry/write-options.js';
import { DEFAULT_COMPACTION, RevisionStore, type CompactionWindow } from './store/revision-store.js';
import { DEFAULT_TUNING, type ApiContext, type ApiTuning } from './http/api-context.js';
import { serveGroup, serveGroupVersion, serveRootDiscovery, versionInfo } from './http/discovery-routes.js';
import { parsePath } from './http/request-info.js';
import { handleResourceRequest } from './http/resource-handler.js';
import { sendJson, sendPlainNotFound, sendStatus } from './http/respond.js';
import { acceptsJson, notAcceptable } from './http/negotiation.js';
import type { KubeObject } from './store/types.js';

export interface FakeApiServerOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free port. */
  port?: number;
  /** Where to write the kubeconfig; by default a file in a fresh temporary directory. */
  kubeconfigPath?: string;
  /** Seeds generated names and UIDs, for reproducible runs. */
  seed?: number | string;
  clock?: Clock;
  /** The event window that list-at-RV, continue tokens and watch-from-RV can reach. */
  compaction?: Partial<CompactionWindow>;
  /** Protocol timing and limits; defaults mirror the real server. */
  tuning?: Partial<ApiTuning>;
  /** Fault injection seam; no faults by default. */
  faults?: FaultHook;
  /**
   * Run kube-controller-manager's loops inside the fake: the namespace controller and the garbage
   * collector. Default true; false gives envtest-like behaviour (CRDs are still established).
   */
  controllers?: boolean;
  /** The Kubernetes version reported by /version. */
  kubernetesVersion?: string;
}

export interface FakeApiServer extends AsyncDisposable {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly kubeconfig: { readonly object: KubeconfigObject; readonly path: string };
  /** The server's MVCC store (read access for assertions; write through the API). */
  readonly store: RevisionStore;
  readonly catalog: ResourceCatalog;
  /** Empties the cluster (objects, history, watches) and recreates the default namespaces; keeps the port. */
  reset(): Promise<void>;
  /** Forces compaction so that older resourceVersions answer 410 Expired. */
  compact(): void;
  /**
   * Restarts the API server process as its clients see it, keeping the cluster's state (the store
   * plays etcd): the port stops listening, open watches are cut, requests already being handled
   * finish (as kube-apiserver drains them on shutdown), idle connections are closed; after
   * `downtimeMs` (connections are refused meanwhile) it listens again on the same host and port.
   * resourceVersions continue from where they were; the in-server controllers keep running.
   */
  restart(options?: { downtimeMs?: number }): Promise<void>;
  /** Replaces the fault hook (scenarios install seeded faults here). */
  setFaults(faults: FaultHook): void;
  /** Resolves once the control loops have nothing left to do. */
  waitForIdle(): Promise<void>;
  /** The number of watch streams currently open (to check that clients release their watches). */
  openWatches(): number;
  close(): Promise<void>;
}

export const DEFAULT_KUBERNETES_VERSION = 'v1.35.4';
const BOOTSTRAP_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const random = createRandom(options.seed);
  const tuning: ApiTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const store = new RevisionStore({ ...DEFAULT_COMPACTION, ...options.compaction }, clock);
  const catalog = ResourceCatalog.builtin();
  const registry = new Registry(store, clock, random);
  const gitVersion = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const [major, minor] = gitVersion.replace(/^v/, '').split('.');
  const ctx: ApiContext = {
    catalog,
    registry,
    store,
    clock,
    random,
    faults: options.faults ?? NO_FAULTS,
    tuning,
    watches: new Set(),
    version: { major, minor, gitVersion },
  };
  const gc = new GarbageCollector(registry, catalog, clock);
  const openapi = new OpenAPIService({ now: () => new Date(clock.now()) });
  const crds = new CrdController(registry, catalog, registry.customResources, clock, openapi);
  // CRD establishment is part of the API server itself; the namespace controller and the garbage
  // collector belong to kube-controller-manager and can be switched off (envtest-like behaviour).
  const controllerLoops = (options.controllers ?? true) ? [new NamespaceController(registry, catalog, clock), gc] : [];
  const loops = new ControlLoops(true, [crds, ...controllerLoops]);
  ctx.afterWrite = () => loops.kick();

  bootstrap(ctx);
  let app = buildApp(ctx, () => serverAddress, openapi);
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  const serverAddress = `${urlHost}:${port}`;

  let ownedDir: string | undefined;
  let kubeconfigPath = options.kubeconfigPath;
  if (!kubeconfigPath) {
    ownedDir = mkdtempSync(join(tmpdir(), 'kubeharness-'));
    kubeconfigPath = join(ownedDir, 'kubeconfig');
  }
  const kubeconfigObject = buildKubeconfig(url);
  writeKubeconfig(kubeconfigPath, kubeconfigObject);

  let closed = false;
  let restarting: Promise<void> | undefined;
  const endWatches = (destroy = false) => {
    for (const w of [...ctx.watches]) w.close(destroy);
    ctx.watches.clear();
  };
  const restart = async (downtimeMs: number) => {
    await drainAndClose(app, () => endWatches(true));
    if (downtimeMs > 0) await new Promise((r) => setTimeout(r, downtimeMs));
    if (closed) return;
    app = buildApp(ctx, () => serverAddress, openapi);
    await app.listen({ host, port });
  };
  const server: FakeApiServer = {
    url,
    host,
    port,
    kubeconfig: { object: kubeconfigObject, path: kubeconfigPath },
    store,
    catalog,
    async reset() {
      endWatches();
      await loops.idle();
      store.reset();
      gc.reset();
      crds.reset();
      bootstrap(ctx);
    },
    compact() {
      store.compact();
    },
    async restart({ downtimeMs = 0 } = {}) {
      if (closed) throw new Error('the fake API server is closed');
      const run = (restarting ?? Promise.resolve()).then(() => restart(downtimeMs));
      restarting = run.catch(() => undefined);
      return run;
    },
    setFaults(faults) {
      ctx.faults = faults;
    },
    waitForIdle: () => loops.idle(),
    openWatches: () => ctx.watches.size,
    async close() {
      if (closed) return;
      closed = true;
      await restarting;
      loops.stop();
      gc.stop();
      endWatches();
      await app.close();
      if (ownedDir) rmSync(ownedDir, { recursive: true, force: true });
    },
    [Symbol.asyncDispose]() {
      return server.close();
    },
  };
  return server;
}

/**
 * Stops listening, lets requests in flight finish (at most 5 s, then their connections are cut)
 * while idle keep-alive connections are closed and watches are cut (`cutWatches`, also for watches
 * that arrived on a kept-alive connection meanwhile), then closes the app.
 */
async function drainAndClose(app: FastifyInstance, cutWatches: () => void): Promise<void> {
  const srv = app.server;
  cutWatches();
  await new Promise<void>((resolve) => {
    const reap = setInterval(() => {
      cutWatches();
      srv.closeIdleConnections();
    }, 5);
    const deadline = setTimeout(() => srv.closeAllConnections(), 5000);
    srv.close(() => {
      clearInterval(reap);
      clearTimeout(deadline);
      resolve();
    });
    srv.closeIdleConnections();
  });
  await app.close();
}

const BOOTSTRAP_WRITE: WriteOptions = {
  dryRun: false,
  fieldManager: undefined,
  manager: 'kube-apiserver',
  fieldValidation: 'Ignore',
  managedFieldsPrepared: true,
};

/**
 * What a new real cluster has: the system namespaces and the `kubernetes` service, with the
 * managedFields kube-apiserver gives them (observed on the reference cluster). Writing those
 * directly keeps the OpenAPI schemas (needed by the field manager) unloaded until the first
 * client write, so a server starts in milliseconds.
 */
function bootstrap(ctx: ApiContext): void {
  const info = ctx.catalog.lookup('', 'v1', 'namespaces')!;
  const s = ctx.registry.strategy(info);
  const time = rfc3339(ctx.clock.now());
  const managed = (fieldsV1: object) => [
    { manager: 'kube-apiserver', operation: 'Update', apiVersion: 'v1', time, fieldsType: 'FieldsV1', fieldsV1 },
  ];
  for (const name of BOOTSTRAP_NAMESPACES) {
    if (!ctx.store.get('/namespaces', '', name)) {
      const ns = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, managedFields: managed({ 'f:metadata': { 'f:labels': { '.': {}, 'f:kubernetes.io/metadata.name': {} } } }) },
      };
      ctx.registry.create(s, '', ns as KubeObject, BOOTSTRAP_WRITE);
    }
  }
  if (!ctx.store.get('/services', 'default', 'kubernetes')) {
    const svc = ctx.registry.strategy(ctx.catalog.lookup('', 'v1', 'services')!);
    ctx.registry.create(
      svc,
      'default',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kubernetes',
          labels: { component: 'apiserver', provider: 'kubernetes' },
          managedFields: managed({
            'f:metadata': { 'f:labels': { '.': {}, 'f:component': {}, 'f:provider': {} } },
            'f:spec': {
              'f:clusterIP': {},
              'f:internalTrafficPolicy': {},
              'f:ipFamilyPolicy': {},
              'f:ports': {
                '.': {},
                'k:{"port":443,"protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} },
              },
              'f:sessionAffinity': {},
              'f:type': {},
            },
          }),
        },
        spec: {
          clusterIP: '10.96.0.1',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          sessionAffinity: 'None',
          type: 'ClusterIP',
        },
      } as KubeObject,
      BOOTSTRAP_WRITE,
    );
  }
}

/** A control loop: one reconcile pass over its pending work; true when it wrote something. */
export interface ControlLoop {
  reconcile(): boolean;
}

/**
 * Runs the control loops after writes, one pass at a time, until a pass changes nothing. Passes
 * run on setImmediate, so a client sees the effects shortly after its write, as with real
 * controllers, and waitForIdle() tells tests when everything has settled.
 */
class ControlLoops {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly enabled: boolean,
    private readonly loops: ControlLoop[],
  ) {}

  kick(): void {
    if (!this.enabled || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((resolve) => {
      const pass = () => {
        this.again = false;
        let changed = false;
        for (const loop of this.loops) {
          try {
            changed = loop.reconcile() || changed;
          } catch {
            // A failed pass is retried on the next write; the API keeps serving.
          }
        }
        if ((changed || this.again) && !this.stopped) setImmediate(pass);
        else {
          this.running = undefined;
          resolve();
        }
      };
      setImmediate(pass);
    });
  }

  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  stop(): void {
    this.stopped = true;
  }
}

function buildApp(ctx: ApiContext, serverAddress: () => string, openapi: OpenAPIService): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: ctx.tuning.maxRequestBodyBytes,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 4096 },
    // The real server accepts request lines and headers up to 1 MiB (MaxHeaderBytes); Node's
    // default of 16 KiB would turn long label selectors into 431s.
    serverFactory: (handler) => createServer({ maxHeaderSize: 1024 * 1024 }, handler),
    // Go's net/http answers a malformed URL escape with a plain-text 400 before any handler.
    frameworkErrors: (error, _req, reply: FastifyReply) => {
      if ((error as { code?: string }).code === 'FST_ERR_BAD_URL') {
        void reply.code(400).header('content-type', 'text/plain; charset=utf-8').header('connection', 'close').send('400 Bad Request');
        return;
      }
      sendStatus(reply, new StatusError(400, 'BadRequest', error.message));
    },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: unknown, _req: FastifyRequest, reply: FastifyReply) => {
    if (isStatusError(err)) return sendStatus(reply, err);
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
      return sendStatus(
        reply,
        new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${ctx.tuning.maxRequestBodyBytes}`),
      );
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return sendStatus(reply, new StatusError(400, 'BadRequest', e.message ?? 'bad request'));
    }
    return sendStatus(
      reply,
      new StatusError(500, 'InternalError', `Internal error occurred: ${e.message ?? String(err)}`, {
        causes: [{ message: e.message ?? String(err) }],
      }),
    );
  });
  app.setNotFoundHandler((_req, reply) => sendPlainNotFound(reply));

  const json = (handler: (req: FastifyRequest, reply: FastifyReply) => void) => (req: FastifyRequest, reply: FastifyReply) => {
    if (!acceptsJson(req.headers.accept) && !req.headers.accept?.includes('apidiscovery')) return sendStatus(reply, notAcceptable());
    return handler(req, reply);
  };
  app.get(
    '/version',
    json((_req, reply) => sendJson(reply, 200, versionInfo(ctx))),
  );
  for (const path of ['/healthz', '/livez', '/readyz']) {
    app.get(path, (_req, reply) => void reply.code(200).header('content-type', 'text/plain; charset=utf-8').send('ok'));
  }
  registerOpenAPIRoutes(app, openapi);
  const api = async (req: FastifyRequest, reply: FastifyReply) => {
    const urlPath = (req.raw.url ?? '/').split('?')[0];
    const parsed = parsePath(urlPath);
    switch (parsed.kind) {
      case 'root':
        if (req.method !== 'GET')
          return sendStatus(
            reply,
            new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
          );
        return serveRootDiscovery(ctx, req, reply, parsed.prefix, serverAddress());
      case 'group':
        if (req.method !== 'GET') return sendPlainNotFound(reply);
        return serveGroup(ctx, reply, parsed.group);
      case 'group-version':
        if (req.method !== 'GET') return sendPlainNotFound(reply);
        return serveGroupVersion(ctx, reply, parsed.group, parsed.version);
      case 'resource':
        return handleResourceRequest(ctx, req, reply, parsed.path);
      default:
        return sendPlainNotFound(reply);
    }
  };
  for (const url of ['/api', '/api/*', '/apis', '/apis/*']) app.all(url, api);
  return app;
}
