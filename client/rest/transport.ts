/**
 * The HTTP transport of one RestConfig (client-go's transport package): an undici Agent (or
 * ProxyAgent) with the config's TLS settings, plus the headers every request carries (User-Agent,
 * impersonation, credentials).
 *
 * Invariants:
 * - Dispatchers are shared between configs with the same TLS/proxy settings (client-go's tlsCache),
 *   so many clients built from one config reuse connections.
 * - Credentials precedence: exec plugin > bearer token (file, then literal) > basic auth.
 * - A 401 drops the credentials that were used (exec: re-run the plugin; token file: re-read it).
 * - Exec plugins that return client certificates get their own dispatcher, rebuilt when the
 *   certificate changes.
 * - TCP keep-alive probes are on (30 s, Go's dialer default), which is what lets a half-open
 *   connection eventually fail instead of hanging.
 */
import { readFileSync } from 'node:fs';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import type { RestConfig, TlsClientConfig } from '../config/rest-config.js';
import { defaultUserAgent } from '../config/rest-config.js';
import { ExecAuthenticator, type ExecCredentials } from './auth/exec.js';
import { FileTokenSource } from './auth/token-file.js';
import { systemClock, type Clock } from './clock.js';

export interface RoundTripRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  signal?: AbortSignal;
  /** Watches and streams: no body timeout (the watch layer has its own idle timer). */
  streaming?: boolean;
}

export type RoundTripResponse = Dispatcher.ResponseData;

interface TlsMaterial {
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  rejectUnauthorized: boolean;
  servername?: string;
}

function readMaterial(tls: TlsClientConfig | undefined): TlsMaterial {
  const t = tls ?? {};
  const read = (data: Buffer | undefined, file: string | undefined) => data ?? (file ? readFileSync(file) : undefined);
  const m: TlsMaterial = { rejectUnauthorized: !t.insecure };
  const ca = read(t.caData, t.caFile);
  const cert = read(t.certData, t.certFile);
  const key = read(t.keyData, t.keyFile);
  if (ca) m.ca = ca;
  if (cert) m.cert = cert;
  if (key) m.key = key;
  if (t.serverName) m.servername = t.serverName;
  return m;
}

const dispatcherCache = new Map<string, Dispatcher>();

function cacheKey(m: TlsMaterial, proxy: string | undefined): string {
  const h = (v: string | Buffer | undefined) => (v === undefined ? '' : Buffer.from(v).toString('base64'));
  return JSON.stringify([h(m.ca), h(m.cert), h(m.key), m.rejectUnauthorized, m.servername ?? '', proxy ?? '']);
}

function buildDispatcher(m: TlsMaterial, proxyUrl: string | undefined): Dispatcher {
  const connect = { ...m, keepAlive: true, keepAliveInitialDelay: 30_000 };
  if (proxyUrl) {
    const scheme = new URL(proxyUrl).protocol;
    if (scheme !== 'http:' && scheme !== 'https:') throw new Error(`proxy-url scheme ${scheme} is not supported (http and https are)`);
    return new ProxyAgent({ uri: proxyUrl, requestTls: m, connect });
  }
  return new Agent({ connect });
}

/** A dispatcher for these TLS settings, shared with every config that has the same ones. */
export function dispatcherFor(tls: TlsClientConfig | undefined, proxyUrl?: string): Dispatcher {
  const m = readMaterial(tls);
  const key = cacheKey(m, proxyUrl);
  let d = dispatcherCache.get(key);
  if (!d) {
    d = buildDispatcher(m, proxyUrl);
    dispatcherCache.set(key, d);
  }
  return d;
}

/** Where a request's credentials came from, so a 401 can invalidate exactly those. */
type UsedCredentials = { kind: 'exec'; creds: ExecCredentials } | { kind: 'file' } | { kind: 'none' };

export class Transport {
  readonly userAgent: string;
  private readonly baseHeaders: Record<string, string> = {};
  private readonly dispatcher: Dispatcher;
  private readonly tokenFile: FileTokenSource | undefined;
  private readonly exec: ExecAuthenticator | undefined;
  private execDispatcher: { cert: string; dispatcher: Dispatcher } | undefined;
  private readonly noCredentials: { used: UsedCredentials; dispatcher: Dispatcher };

  constructor(
    private readonly config: RestConfig,
    readonly clock: Clock = systemClock,
    execAuthenticator?: ExecAuthenticator,
  ) {
    if (config.authProvider) {
      throw new Error(`auth-provider "${config.authProvider.name}" is not supported; use an exec credential plugin instead`);
    }
    this.userAgent = config.userAgent || defaultUserAgent();
    this.dispatcher = dispatcherFor(config.tlsClientConfig, config.proxyUrl);
    this.noCredentials = { used: { kind: 'none' }, dispatcher: this.dispatcher };
    if (config.bearerTokenFile) this.tokenFile = new FileTokenSource(config.bearerTokenFile, config.bearerToken, clock);
    if (config.execProvider) this.exec = execAuthenticator ?? new ExecAuthenticator(config.execProvider, clock);
    const h = this.baseHeaders;
    h['user-agent'] = this.userAgent;
    const imp = config.impersonate;
    if (imp?.userName) h['impersonate-user'] = imp.userName;
    if (imp?.uid) h['impersonate-uid'] = imp.uid;
    if (imp?.groups?.length) h['impersonate-group'] = imp.groups.join(', ');
    for (const [k, vs] of Object.entries(imp?.extra ?? {})) h[`impersonate-extra-${encodeURIComponent(k)}`] = vs.join(', ');
    if (!config.disableCompression) h['accept-encoding'] = 'gzip';
    if (!this.exec && !this.tokenFile) {
      if (config.bearerToken) h.authorization = `Bearer ${config.bearerToken}`;
      else if (config.username || config.password) {
        h.authorization = `Basic ${Buffer.from(`${config.username ?? ''}:${config.password ?? ''}`).toString('base64')}`;
      }
    }
  }

  private authorize(
    headers: Record<string, string>,
  ): { used: UsedCredentials; dispatcher: Dispatcher } | Promise<{ used: UsedCredentials; dispatcher: Dispatcher }> {
    if (this.exec) return this.authorizeExec(headers);
    if (this.tokenFile) {
      const token = this.tokenFile.current();
      if (token) headers.authorization = `Bearer ${token}`;
      else if (this.config.username || this.config.password) {
        headers.authorization = `Basic ${Buffer.from(`${this.config.username ?? ''}:${this.config.password ?? ''}`).toString('base64')}`;
      }
      return { used: { kind: 'file' }, dispatcher: this.dispatcher };
    }
    return this.noCredentials;
  }

  private async authorizeExec(headers: Record<string, string>): Promise<{ used: UsedCredentials; dispatcher: Dispatcher }> {
    {
      const creds = await this.exec!.credentials();
      if (creds.token) headers.authorization = `Bearer ${creds.token}`;
      let dispatcher = this.dispatcher;
      if (creds.clientCertificateData) {
        if (this.execDispatcher?.cert !== creds.clientCertificateData) {
          const tls = {
            ...this.config.tlsClientConfig,
            certData: Buffer.from(creds.clientCertificateData),
            keyData: Buffer.from(creds.clientKeyData!),
          };
          delete tls.certFile;
          delete tls.keyFile;
          const old = this.execDispatcher?.dispatcher;
          this.execDispatcher = { cert: creds.clientCertificateData, dispatcher: buildDispatcher(readMaterial(tls), this.config.proxyUrl) };
          // Connections made with the old certificate must not be reused (client-go closes them).
          void old?.close().catch(() => {});
        }
        dispatcher = this.execDispatcher.dispatcher;
      }
      return { used: { kind: 'exec', creds }, dispatcher };
    }
  }

  /** One HTTP exchange: no retries, no throttling. Rejects on transport errors only. */
  async roundTrip(req: RoundTripRequest): Promise<RoundTripResponse> {
    const headers = { ...this.baseHeaders, ...req.headers };
    const auth = this.authorize(headers);
    const { used, dispatcher } = auth instanceof Promise ? await auth : auth;
    const resp = await request(req.url, {
      dispatcher,
      method: req.method as Dispatcher.HttpMethod,
      headers,
      body: req.body,
      signal: req.signal,
      ...(req.streaming ? { bodyTimeout: 0 } : {}),
    });
    if (resp.statusCode === 401) {
      if (used.kind === 'exec') this.exec!.unauthorized(used.creds);
      else if (used.kind === 'file') this.tokenFile!.invalidate();
    }
    return resp;
  }
}

/** Hosts without a scheme get https when TLS is configured, http otherwise (rest.DefaultServerURL). */
export function normalizeHost(config: RestConfig): URL {
  let host = config.host;
  if (!host) throw new Error('host must be a URL or a host:port pair');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) {
    const t = config.tlsClientConfig ?? {};
    const tls = !!(t.caData || t.caFile || t.certData || t.certFile || t.insecure);
    host = `${tls ? 'https' : 'http'}://${host}`;
  }
  const url = new URL(host);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`host ${config.host}: scheme must be http or https`);
  if (url.search || url.hash) throw new Error(`host must be a URL or a host:port pair: "${config.host}"`);
  return url;
}
