/**
 * RestConfig: what a client needs to talk to one API server (client-go's rest.Config), with
 * TypeScript manners: milliseconds for durations, PEM bytes as Buffers, and a pluggable rate
 * limiter instead of a flowcontrol.RateLimiter.
 *
 * Defaults (applied when a client is built, never written back into the config):
 * qps 5, burst 10 (qps < 0 disables client-side throttling), contentType application/json,
 * timeout 0 (none; it never applies to watches), userAgent `kubeharness/<version> (<os>/<arch>) node/<version>`.
 */
import type { ExecConfig } from './kubeconfig.js';

export interface GroupVersion {
  group: string;
  version: string;
}

/** flowcontrol.RateLimiter: a client-wide throttle consulted before each request is sent. */
export interface RateLimiter {
  /** Waits for a token; rejects with the signal's reason when aborted. */
  wait(signal?: AbortSignal): Promise<void>;
  /** Takes a token if one is available now, without waiting. */
  tryAccept(): boolean;
  qps(): number;
  stop(): void;
}

export interface TlsClientConfig {
  /** Skip verification of the server's certificate (insecure-skip-tls-verify). */
  insecure?: boolean;
  /** Name to verify the server certificate against, and to send as SNI. */
  serverName?: string;
  caFile?: string;
  caData?: Buffer;
  certFile?: string;
  certData?: Buffer;
  keyFile?: string;
  keyData?: Buffer;
}

export interface ImpersonationConfig {
  userName?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** The cluster details an exec plugin receives when provideClusterInfo is set. */
export interface ExecClusterInfo {
  server: string;
  tlsServerName?: string;
  insecureSkipTlsVerify?: boolean;
  certificateAuthorityData?: string;
  proxyUrl?: string;
  disableCompression?: boolean;
  config?: unknown;
}

export interface ExecProviderConfig extends ExecConfig {
  /** Set by the loader when provideClusterInfo is true. */
  cluster?: ExecClusterInfo;
}

export interface RestConfig {
  /** https://host:port or a bare host[:port]; may carry a path prefix. */
  host: string;
  /** '/api' for the core group, '/apis' for named groups. */
  apiPath?: string;
  groupVersion?: GroupVersion;
  /** Content type of request bodies; default application/json. */
  contentType?: string;
  /** Accept header; default: contentType. */
  acceptContentTypes?: string;
  userAgent?: string;
  qps?: number;
  burst?: number;
  rateLimiter?: RateLimiter;
  /** Per-request timeout in ms for non-watch requests; 0 means none. */
  timeout?: number;
  /** A watch that receives no bytes for this long fails with WatchIdleTimeoutError. */
  watchIdleTimeoutMs?: number;
  bearerToken?: string;
  /** Re-read when it changes; wins over bearerToken once readable. */
  bearerTokenFile?: string;
  username?: string;
  password?: string;
  impersonate?: ImpersonationConfig;
  execProvider?: ExecProviderConfig;
  authProvider?: { name: string; config: Record<string, string> };
  tlsClientConfig?: TlsClientConfig;
  /** http://, https:// (or socks5:// which is rejected when the client is built). */
  proxyUrl?: string;
  disableCompression?: boolean;
}

export const DEFAULT_QPS = 5;
export const DEFAULT_BURST = 10;
export const DEFAULT_CONTENT_TYPE = 'application/json';

/** rest.CopyConfig: a deep copy, so callers can set apiPath/groupVersion without touching the original. */
export function copyConfig(config: RestConfig): RestConfig {
  const { rateLimiter, ...rest } = config;
  const copy = structuredClone(rest) as RestConfig;
  // Buffers survive structuredClone as Uint8Array; give them back their Buffer methods.
  const tls = copy.tlsClientConfig;
  if (tls) {
    for (const k of ['caData', 'certData', 'keyData'] as const) if (tls[k]) tls[k] = Buffer.from(tls[k]!);
  }
  if (rateLimiter) copy.rateLimiter = rateLimiter;
  return copy;
}

export function defaultUserAgent(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return `kubeharness/0.1.0 (${process.platform}/${arch}) node/${process.version}`;
}
