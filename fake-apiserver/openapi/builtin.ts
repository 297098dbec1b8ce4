/**
 * The built-in documents (no CRDs): bytes and parsed forms, each produced once per process.
 * Parsed documents are shared: treat them as read-only.
 */
import { builtinV2Bytes, builtinV3Bytes, openAPIManifest } from './data-files.js';
import { computeETag, serverRelativeURL } from './etag.js';

type Json = any;

/** The Swagger 2.0 document of the built-in APIs, exactly as served (compact JSON). */
export function openapiV2(): Buffer {
  return builtinV2Bytes();
}

let v2Object: Json;

/** The parsed built-in Swagger 2.0 document (shared, read-only). */
export function builtinV2Object(): Json {
  return (v2Object ??= JSON.parse(builtinV2Bytes().toString('utf8')));
}

/** The served v3 discovery keys of the built-in APIs, sorted. */
export function builtinV3Keys(): readonly string[] {
  return openAPIManifest().served;
}

/** One built-in OpenAPI v3 document by discovery key (`api/v1`, `apis/apps/v1`), as served. */
export function openapiV3Document(key: string): Buffer | undefined {
  return builtinV3Bytes(key);
}

const v3Objects = new Map<string, Json>();

/** The parsed built-in v3 document (shared, read-only), or undefined when not served. */
export function builtinV3Object(key: string): Json | undefined {
  let doc = v3Objects.get(key);
  if (doc === undefined) {
    const bytes = builtinV3Bytes(key);
    if (!bytes) return undefined;
    doc = JSON.parse(bytes.toString('utf8'));
    v3Objects.set(key, doc);
  }
  return doc;
}

const etags = new Map<string, string>();

/** ETag (unquoted) of a built-in v3 document. */
export function builtinV3ETag(key: string): string | undefined {
  let etag = etags.get(key);
  if (etag === undefined) {
    const bytes = builtinV3Bytes(key);
    if (!bytes) return undefined;
    etag = computeETag(bytes);
    etags.set(key, etag);
  }
  return etag;
}

export interface OpenAPIV3Discovery {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** The /openapi/v3 discovery document of the built-in APIs. `base` is where v3 is mounted. */
export function openapiV3Index(serverRelativeBase = '/openapi/v3'): OpenAPIV3Discovery {
  const paths: OpenAPIV3Discovery['paths'] = {};
  for (const key of builtinV3Keys()) paths[key] = { serverRelativeURL: serverRelativeURL(key, builtinV3ETag(key)!, serverRelativeBase) };
  return { paths };
}
