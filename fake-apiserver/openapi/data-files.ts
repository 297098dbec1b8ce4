/**
 * Reads the OpenAPI documents kept in fake-apiserver/openapi/data/ (written by
 * scripts/build-openapi.ts; provenance in data/README.md).
 *
 * Invariants:
 * - Every file is read and gunzipped at most once per process; the returned Buffers are shared,
 *   so callers must not mutate them.
 * - The bytes returned are exactly what the server sends for the built-in documents, so a hash
 *   of them is the document's ETag.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const DATA_DIR = 'fake-apiserver/openapi/data';

export interface OpenAPIManifest {
  source: { module: string; version: string; ziphash?: string; files: string };
  servedFrom: 'dump' | 'catalog';
  excluded: string[];
  /** The v3 discovery keys served (`api/v1`, `apis/apps`, `apis/apps/v1`, `version`, ...), sorted. */
  served: string[];
  normalisations: string[];
}

let dataDir: string | undefined;

/** Walks up from this file (source tree or dist/) to the first directory holding the data. */
function findDataDir(): string {
  if (dataDir) return dataDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (true) {
    const candidate = join(dir, DATA_DIR);
    if (existsSync(join(candidate, 'manifest.json'))) return (dataDir = candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`openapi: ${DATA_DIR}/manifest.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

let manifest: OpenAPIManifest | undefined;

export function openAPIManifest(): OpenAPIManifest {
  return (manifest ??= JSON.parse(readFileSync(join(findDataDir(), 'manifest.json'), 'utf8')) as OpenAPIManifest);
}

const raw = new Map<string, Buffer>();

function readGz(relative: string): Buffer {
  let bytes = raw.get(relative);
  if (!bytes) {
    bytes = gunzipSync(readFileSync(join(findDataDir(), relative)));
    raw.set(relative, bytes);
  }
  return bytes;
}

/** The built-in Swagger 2.0 document, compact JSON. */
export function builtinV2Bytes(): Buffer {
  return readGz('swagger.json.gz');
}

/** A built-in OpenAPI v3 document by discovery key (`apis/apps/v1`), or undefined if not served. */
export function builtinV3Bytes(key: string): Buffer | undefined {
  if (!openAPIManifest().served.includes(key)) return undefined;
  return readGz(`v3/${key.split('/').join('__')}.json.gz`);
}
