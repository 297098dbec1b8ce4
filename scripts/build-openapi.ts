/**
 * Builds fake-apiserver/openapi/data/ from the upstream OpenAPI documents of the Go module
 * k8s.io/kubernetes (api/openapi-spec/swagger.json and api/openapi-spec/v3/*.json).
 *
 *   npx tsx scripts/build-openapi.ts [path-to-module-dir] [--served dump|catalog] [--exclude KEY,KEY]
 *
 * path-to-module-dir defaults to $(go env GOMODCACHE)/k8s.io/kubernetes@v1.35.4.
 *
 * Upstream generates those documents with every API enabled; a default v1.35 server serves fewer.
 * The served documents ("served keys": v3 discovery keys such as `api/v1`, `apis/apps`,
 * `apis/apps/v1`, `version`) come from the reference cluster's dump of a real v1.35.4 /openapi/v3
 * (`--served dump`, the default when the dump exists) or from the fake's catalog (`--served
 * catalog`). `--exclude` narrows either list. The v2 document keeps the paths that belong to a
 * served key and the global parameters and definitions those paths reach.
 *
 * Normalisations, each matching what a real v1.35.4 server serves:
 *  - info.version "unversioned" becomes "<major>.<minor>" of the module version;
 *  - CBOR media types are dropped (the CBOR feature gates are off by default in 1.35);
 *  - top-level keys are in the order the server's Go structs marshal them.
 *
 * Output (deterministic: compact JSON, gzip level 9 with a zero mtime):
 *   data/swagger.json.gz, data/v3/<key with '/' as '__'>.json.gz, data/manifest.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';

const MODULE = 'k8s.io/kubernetes';
const MODULE_VERSION = 'v1.35.4';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'fake-apiserver/openapi/data');
const DUMP_DIR = join(ROOT, 'conformance/reference-cluster/dumps', MODULE_VERSION);
const CATALOG = join(ROOT, 'fake-apiserver/catalog/data/builtin-resources.json');

/** Served keys that are not group versions; a default server has these (and no `logs`). */
const NON_GV_KEYS = ['.well-known/openid-configuration', 'api', 'apis', 'openid/v1/jwks', 'version'];
const CBOR_TYPES = new Set(['application/cbor', 'application/cbor-seq', 'application/apply-patch+cbor']);

type Json = any;

export interface OpenAPIManifest {
  source: { module: string; version: string; ziphash?: string; files: string };
  servedFrom: 'dump' | 'catalog';
  excluded: string[];
  /** Served v3 discovery keys, sorted. */
  served: string[];
  normalisations: string[];
}

function gomodcache(): string {
  return execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
}

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function gzip(value: unknown): Buffer {
  // Node writes a zero mtime and a fixed OS byte, so equal input gives equal bytes.
  return gzipSync(Buffer.from(JSON.stringify(value)), { level: 9 });
}

function servedFromDump(): string[] | undefined {
  const file = join(DUMP_DIR, 'openapi-v3.json');
  if (!existsSync(file)) return undefined;
  return Object.keys(readJson(file).paths);
}

function servedFromCatalog(): string[] {
  const catalog = readJson(CATALOG) as { groups: Array<{ name: string; versions: Array<{ version: string }> }> };
  const keys = [...NON_GV_KEYS];
  for (const g of catalog.groups) {
    if (g.name === '') {
      for (const v of g.versions) keys.push(`api/${v.version}`);
    } else {
      keys.push(`apis/${g.name}`);
      for (const v of g.versions) keys.push(`apis/${g.name}/${v.version}`);
    }
  }
  return keys;
}

/** Drops CBOR media types from v3 `content` maps and v2 consumes/produces, in place. */
function dropCbor(node: Json): void {
  if (Array.isArray(node)) {
    node.forEach(dropCbor);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'consumes' || k === 'produces') && Array.isArray(v)) node[k] = v.filter((t: string) => !CBOR_TYPES.has(t));
    else if (k === 'content' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const t of Object.keys(v)) if (CBOR_TYPES.has(t)) delete (v as Json)[t];
      dropCbor(v);
    } else dropCbor(v);
  }
}

function ordered(doc: Json, order: string[]): Json {
  const out: Json = {};
  for (const k of order) if (k in doc) out[k] = doc[k];
  for (const k of Object.keys(doc)) if (!(k in out)) out[k] = doc[k];
  return out;
}

/** Every `$ref` target name (after `prefix`) reachable from `roots` through `defs`. */
function reachable(roots: Json[], defs: Record<string, Json>, prefix: string): Set<string> {
  const seen = new Set<string>();
  const stack: Json[] = [...roots];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      stack.push(...n);
      continue;
    }
    if (n === null || typeof n !== 'object') continue;
    for (const [k, v] of Object.entries(n)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(prefix)) {
        const name = v.slice(prefix.length);
        if (!seen.has(name)) {
          seen.add(name);
          if (defs[name] !== undefined) stack.push(defs[name]);
        }
      } else stack.push(v);
    }
  }
  return seen;
}

/** The v3 key a v2 path belongs to: the longest known key K with path under `/K/`. */
function keyOfPath(path: string, keys: string[]): string | undefined {
  let best: string | undefined;
  for (const k of keys) if (path.startsWith(`/${k}/`) && (!best || k.length > best.length)) best = k;
  return best;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { served: { type: 'string' }, exclude: { type: 'string' } },
  });
  const cache = positionals[0] ? undefined : gomodcache();
  const moduleDir = resolve(positionals[0] ?? join(cache!, `${MODULE}@${MODULE_VERSION}`));
  const specDir = join(moduleDir, 'api/openapi-spec');
  if (!existsSync(join(specDir, 'swagger.json'))) throw new Error(`${specDir}/swagger.json not found`);
  const ziphashFile = join(cache ?? gomodcache(), 'cache/download', MODULE, '@v', `${MODULE_VERSION}.ziphash`);
  const ziphash = existsSync(ziphashFile) ? readFileSync(ziphashFile, 'utf8').trim() : undefined;

  const dumpKeys = servedFromDump();
  const servedFrom = (values.served as 'dump' | 'catalog' | undefined) ?? (dumpKeys ? 'dump' : 'catalog');
  if (servedFrom === 'dump' && !dumpKeys) throw new Error(`--served dump: ${DUMP_DIR}/openapi-v3.json not found`);
  const excluded = (values.exclude ?? '').split(',').filter(Boolean).sort();
  const upstreamKeys = readdirSync(join(specDir, 'v3'))
    .filter((f) => f.endsWith('_openapi.json'))
    .map((f) => f.slice(0, -'_openapi.json'.length).split('__').join('/'))
    .sort();
  const wanted = new Set((servedFrom === 'dump' ? dumpKeys! : servedFromCatalog()).filter((k) => !excluded.includes(k)));
  const served = upstreamKeys.filter((k) => wanted.has(k));
  const missing = [...wanted].filter((k) => !upstreamKeys.includes(k));
  if (missing.length) throw new Error(`served keys without an upstream document: ${missing.join(', ')}`);
  const infoVersion = MODULE_VERSION.replace(/^v(\d+)\.(\d+)\..*$/, '$1.$2');

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'v3'), { recursive: true });

  let total = 0;
  for (const key of served) {
    const doc = readJson(join(specDir, 'v3', `${key.split('/').join('__')}_openapi.json`));
    doc.info = { ...doc.info, version: infoVersion };
    dropCbor(doc.paths);
    const bytes = gzip(ordered(doc, ['openapi', 'info', 'paths', 'components']));
    total += bytes.length;
    writeFileSync(join(OUT, 'v3', `${key.split('/').join('__')}.json.gz`), bytes);
  }

  const swagger = readJson(join(specDir, 'swagger.json'));
  swagger.info = { ...swagger.info, version: infoVersion };
  const paths: Record<string, Json> = {};
  for (const p of Object.keys(swagger.paths).sort()) {
    const key = keyOfPath(p, upstreamKeys);
    if (key !== undefined && served.includes(key)) paths[p] = swagger.paths[p];
  }
  swagger.paths = paths;
  dropCbor(swagger.paths);
  const params = reachable([swagger.paths], {}, '#/parameters/');
  swagger.parameters = Object.fromEntries(
    Object.keys(swagger.parameters)
      .sort()
      .filter((p) => params.has(p))
      .map((p) => [p, swagger.parameters[p]]),
  );
  const used = reachable([swagger.paths, swagger.parameters], swagger.definitions, '#/definitions/');
  swagger.definitions = Object.fromEntries(
    Object.keys(swagger.definitions)
      .sort()
      .filter((d) => used.has(d))
      .map((d) => [d, swagger.definitions[d]]),
  );
  const v2 = ordered(swagger, ['swagger', 'info', 'paths', 'definitions', 'parameters', 'securityDefinitions', 'security']);
  const v2bytes = gzip(v2);
  total += v2bytes.length;
  writeFileSync(join(OUT, 'swagger.json.gz'), v2bytes);

  const manifest: OpenAPIManifest = {
    source: {
      module: MODULE,
      version: MODULE_VERSION,
      ziphash,
      files: 'api/openapi-spec/swagger.json, api/openapi-spec/v3/*_openapi.json',
    },
    servedFrom,
    excluded,
    served,
    normalisations: [
      `info.version "unversioned" -> "${infoVersion}"`,
      `CBOR media types removed: ${[...CBOR_TYPES].join(', ')}`,
      'v2: paths of unserved group versions removed; parameters and definitions pruned to those the kept paths reach',
    ],
  };
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  console.log(
    `served ${served.length} v3 documents (from ${servedFrom}); v2: ${Object.keys(v2.paths).length} paths, ${Object.keys(v2.definitions).length} definitions`,
  );
  console.log(`wrote ${OUT}: ${(total / 1024).toFixed(0)} KiB compressed`);
  crossCheck(v2);
}

/** Reports how the v2 document differs from the real server's dump, when the dump exists. */
function crossCheck(v2: Json): void {
  const file = join(DUMP_DIR, 'openapi-v2.json');
  if (!existsSync(file)) return;
  const real = readJson(file);
  const diffKeys = (a: Json, b: Json) => [Object.keys(a).filter((k) => !(k in b)), Object.keys(b).filter((k) => !(k in a))];
  const [extraPaths, missingPaths] = diffKeys(v2.paths, real.paths);
  const [extraDefs, missingDefs] = diffKeys(v2.definitions, real.definitions);
  const changedDefs = Object.keys(v2.definitions).filter(
    (d) => d in real.definitions && !isDeepStrictEqual(v2.definitions[d], real.definitions[d]),
  );
  const changedPaths = Object.keys(v2.paths).filter((p) => p in real.paths && !isDeepStrictEqual(v2.paths[p], real.paths[p]));
  console.log(`cross-check against ${file}:`);
  console.log(`  paths: ${extraPaths.length} extra, ${missingPaths.length} missing, ${changedPaths.length} differ`);
  console.log(
    `  definitions: ${extraDefs.length} extra, ${missingDefs.length} missing, ${changedDefs.length} differ (upstream documents carry no enums)`,
  );
  for (const x of [...extraPaths, ...missingPaths, ...extraDefs, ...missingDefs].slice(0, 20)) console.log(`    ${x}`);
}

main();
