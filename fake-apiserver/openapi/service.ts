/**
 * The OpenAPI a server publishes: the built-in documents plus those of its CustomResourceDefinitions.
 *
 * Invariants:
 * - Built-in documents are served byte for byte from data/; a document's ETag and v3 `hash` are
 *   the SHA-512 of the bytes served, so they change exactly when the document changes.
 * - CRD documents are rebuilt lazily: setCustomResourceDefinition / deleteCustomResourceDefinition
 *   only invalidate what they touch (the CRD's group versions and the merged v2 document).
 * - A CRD group version whose key is also a built-in key is not published (built-ins win), and
 *   only served versions are published. Like the real openapi controllers, callers should publish
 *   a CRD once it is Established and delete it when it is deleted or no longer Established.
 * - The v3 discovery keys of CRDs are `apis/<group>/<version>` only (the real server publishes no
 *   group-level document for CRD groups).
 */
import { builtinV2Object, builtinV3ETag, builtinV3Keys, openapiV2, openapiV3Document, type OpenAPIV3Discovery } from './builtin.js';
import { buildCRDOpenAPIV2, buildCRDOpenAPIV3, servedVersions, type CRDLike } from './crd-openapi.js';
import { computeETag, serverRelativeURL } from './etag.js';
import { withCustomDefinitions } from './merge-v2.js';
import { respondV2, respondV3, respondV3Index, type OpenAPIRequest, type OpenAPIResponse, type ServedDocument } from './responses.js';

type Json = any;

export interface OpenAPIServiceOptions {
  /** Clock for Last-Modified and Expires; defaults to the wall clock. */
  now?: () => Date;
  /** Narrows the built-in v3 keys served (and the v2 paths are not affected); default: all. */
  servedBuiltinKeys?: (key: string) => boolean;
  /** Where /openapi/v3 is mounted, for serverRelativeURL and redirects. */
  v3Base?: string;
}

export class OpenAPIService {
  private readonly now: () => Date;
  private readonly v3Base: string;
  private readonly builtinKeys: readonly string[];
  private readonly started: Date;
  private readonly crds = new Map<string, CRDLike>();
  private readonly v3Docs = new Map<string, ServedDocument>();
  private v2Doc: ServedDocument | undefined;

  constructor(options: OpenAPIServiceOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.v3Base = options.v3Base ?? '/openapi/v3';
    const keep = options.servedBuiltinKeys ?? (() => true);
    this.builtinKeys = builtinV3Keys().filter(keep);
    this.started = this.now();
  }

  /** Publishes (or republishes) a CRD's served versions. */
  setCustomResourceDefinition(crd: CRDLike): void {
    const name = crd.metadata?.name ?? `${crd.spec.names.plural}.${crd.spec.group}`;
    const old = this.crds.get(name);
    this.crds.set(name, crd);
    this.invalidate(old);
    this.invalidate(crd);
  }

  deleteCustomResourceDefinition(name: string): void {
    const old = this.crds.get(name);
    if (!old) return;
    this.crds.delete(name);
    this.invalidate(old);
  }

  private invalidate(crd: CRDLike | undefined): void {
    if (!crd) return;
    this.v2Doc = undefined;
    for (const v of crd.spec.versions) this.v3Docs.delete(`apis/${crd.spec.group}/${v.name}`);
  }

  /** CRDs publishing into one v3 key, by name. */
  private crdsOf(key: string): CRDLike[] {
    if (this.builtinKeys.includes(key)) return [];
    return [...this.crds.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => c)
      .filter((c) => servedVersions(c).some((v) => `apis/${c.spec.group}/${v}` === key));
  }

  /** All served v3 keys, sorted. */
  v3Keys(): string[] {
    const keys = new Set(this.builtinKeys);
    for (const c of this.crds.values()) for (const v of servedVersions(c)) keys.add(`apis/${c.spec.group}/${v}`);
    return [...keys].sort();
  }

  /** The v3 document of a key, or undefined when not served. */
  v3(key: string): ServedDocument | undefined {
    if (this.builtinKeys.includes(key)) {
      return { bytes: openapiV3Document(key)!, etag: builtinV3ETag(key)!, lastModified: this.started };
    }
    const cached = this.v3Docs.get(key);
    if (cached) return cached;
    const crds = this.crdsOf(key);
    if (crds.length === 0) return undefined;
    const version = key.split('/')[2]!;
    let merged: Json;
    for (const crd of crds) {
      const doc = buildCRDOpenAPIV3(crd, version);
      if (!merged) merged = doc;
      else {
        // MergeSpecsV3: paths and schemas of every CRD in the group version; shared meta types once.
        Object.assign(merged.paths, doc.paths);
        for (const [k, s] of Object.entries(doc.components.schemas)) merged.components.schemas[k] ??= s;
      }
    }
    const sorted = (o: Record<string, Json>) =>
      Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    merged.paths = sorted(merged.paths);
    merged.components.schemas = sorted(merged.components.schemas);
    const bytes = Buffer.from(JSON.stringify(merged));
    const served = { bytes, etag: computeETag(bytes), lastModified: this.now() };
    this.v3Docs.set(key, served);
    return served;
  }

  /** The /openapi/v3 discovery document. */
  v3Index(): OpenAPIV3Discovery {
    const paths: OpenAPIV3Discovery['paths'] = {};
    for (const key of this.v3Keys()) {
      const doc = this.v3(key);
      if (doc) paths[key] = { serverRelativeURL: serverRelativeURL(key, doc.etag, this.v3Base) };
    }
    return { paths };
  }

  /** The /openapi/v2 document, with the served versions of every CRD merged in. */
  v2(): ServedDocument {
    if (this.v2Doc) return this.v2Doc;
    if (this.crds.size === 0) {
      const bytes = openapiV2();
      this.v2Doc = { bytes, etag: computeETag(bytes), lastModified: this.started };
      return this.v2Doc;
    }
    const names = [...this.crds.keys()].sort();
    const parts = names.flatMap((n) => {
      const crd = this.crds.get(n)!;
      return servedVersions(crd).map((v) => buildCRDOpenAPIV2(crd, v));
    });
    const bytes = Buffer.from(JSON.stringify(withCustomDefinitions(builtinV2Object(), parts)));
    this.v2Doc = { bytes, etag: computeETag(bytes), lastModified: this.now() };
    return this.v2Doc;
  }

  /** GET /openapi/v2. */
  handleV2(req: OpenAPIRequest = {}): OpenAPIResponse {
    return respondV2(this.v2(), req);
  }

  /** GET /openapi/v3. */
  handleV3Index(req: OpenAPIRequest = {}): OpenAPIResponse {
    return respondV3Index(Buffer.from(JSON.stringify(this.v3Index())), req, this.now());
  }

  /** GET /openapi/v3/<key>; `key` is the path after `/openapi/v3/` (`apis/apps/v1`). */
  handleV3(key: string, req: OpenAPIRequest = {}): OpenAPIResponse {
    return respondV3(key, this.v3(key), req, this.now(), this.v3Base);
  }
}
