/**
 * RESTClient (client-go rest.RESTClient): a base URL (host + apiPath + group/version), content
 * settings, a transport and a rate limiter, and the verbs that start a Request.
 *
 * restClientFor(config) requires groupVersion (as client-go does); unversionedRESTClientFor does
 * not (discovery, /version). Clients made from configs with equal TLS settings share connections.
 */
import type { GroupVersion, RateLimiter, RestConfig } from '../config/rest-config.js';
import { DEFAULT_BURST, DEFAULT_CONTENT_TYPE, DEFAULT_QPS } from '../config/rest-config.js';
import { systemClock, type Clock } from './clock.js';
import { TokenBucketRateLimiter } from './rate-limiter.js';
import { Request } from './request.js';
import { normalizeHost, Transport } from './transport.js';

export type PatchType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

/** types.JSONPatchType and friends. */
export const jsonPatchType: PatchType = 'application/json-patch+json';
export const mergePatchType: PatchType = 'application/merge-patch+json';
export const strategicMergePatchType: PatchType = 'application/strategic-merge-patch+json';
export const applyPatchType: PatchType = 'application/apply-patch+yaml';

/** Test seams: not part of RestConfig because they are not configuration. */
export interface ClientInternals {
  clock?: Clock;
  transport?: Transport;
}

export class RESTClient {
  readonly baseUrl: URL;
  /** scheme://host:port, no trailing slash. */
  readonly origin: string;
  /** base path + apiPath + group/version, e.g. /api/v1 or /apis/apps/v1. */
  readonly versionedPath: string;
  readonly groupVersion: GroupVersion | undefined;
  readonly contentType: string;
  readonly accept: string;
  readonly rateLimiter: RateLimiter | undefined;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly watchIdleTimeoutMs: number | undefined;

  constructor(config: RestConfig, internals: ClientInternals = {}) {
    this.baseUrl = normalizeHost(config);
    this.origin = this.baseUrl.origin;
    this.groupVersion = config.groupVersion ? { ...config.groupVersion } : undefined;
    const base = this.baseUrl.pathname.replace(/\/+$/, '');
    const apiPath = (config.apiPath ?? '').replace(/^\/*/, '/').replace(/\/+$/, '');
    const gv = this.groupVersion
      ? this.groupVersion.group
        ? `/${this.groupVersion.group}/${this.groupVersion.version}`
        : `/${this.groupVersion.version}`
      : '';
    this.versionedPath = `${base}${apiPath === '/' ? '' : apiPath}${gv}` || '/';
    this.contentType = config.contentType || DEFAULT_CONTENT_TYPE;
    this.accept = config.acceptContentTypes || this.contentType;
    this.clock = internals.clock ?? systemClock;
    this.transport = internals.transport ?? new Transport(config, this.clock);
    this.timeoutMs = config.timeout ?? 0;
    this.watchIdleTimeoutMs = config.watchIdleTimeoutMs;
    if (config.rateLimiter) this.rateLimiter = config.rateLimiter;
    else {
      const qps = config.qps || DEFAULT_QPS;
      const burst = config.burst || DEFAULT_BURST;
      if (qps > 0) this.rateLimiter = new TokenBucketRateLimiter(qps, burst, this.clock);
    }
  }

  verb(verb: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'): Request {
    return new Request(this, verb);
  }

  get(): Request {
    return this.verb('GET');
  }

  post(): Request {
    return this.verb('POST');
  }

  put(): Request {
    return this.verb('PUT');
  }

  /** PATCH with the given patch content type. */
  patch(type: PatchType): Request {
    return this.verb('PATCH').setHeader('content-type', type);
  }

  delete(): Request {
    return this.verb('DELETE');
  }
}

/** rest.RESTClientFor: groupVersion is required. */
export function restClientFor(config: RestConfig, internals?: ClientInternals): RESTClient {
  if (!config.groupVersion) throw new Error('groupVersion is required when initializing a RESTClient');
  return new RESTClient(config, internals);
}

/** rest.UnversionedRESTClientFor: for paths outside any group version (discovery, /version). */
export function unversionedRESTClientFor(config: RestConfig, internals?: ClientInternals): RESTClient {
  return new RESTClient({ ...config, groupVersion: undefined, apiPath: config.apiPath ?? '' }, internals);
}
