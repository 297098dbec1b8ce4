// Dumps the discovery documents and OpenAPI of the reference cluster into dumps/<kubernetes version>/,
// pretty-printed, for cross-checking the fake apiserver's catalog.
//
//   npx tsx conformance/reference-cluster/dump-discovery.ts [--state-dir DIR] [--out DIR]
//
// Uses the running cluster of the state dir when there is one; otherwise starts a temporary one
// (building it if needed) and stops it afterwards.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ReferenceCluster, referenceClusterStatus, startReferenceCluster } from './cluster.js';
import { httpCall } from './http.js';
import { SOURCE_DIR } from './paths.js';
import { KUBERNETES_VERSION } from './versions.js';

export const AGGREGATED_DISCOVERY_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** The loopback port differs per run; dumps use this stable placeholder instead. */
const PORT_PLACEHOLDER = '127.0.0.1:6443';

export async function dumpDiscovery(cluster: Pick<ReferenceCluster, 'url' | 'tls'>, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  for (const f of await readdir(outDir)) if (f.endsWith('.json')) await rm(join(outDir, f));
  const host = new URL(cluster.url).host;
  const written: string[] = [];

  const fetchJson = async (path: string, accept = 'application/json') => {
    const r = await httpCall(`${cluster.url}${path}`, { tls: cluster.tls, headers: { Accept: accept }, timeoutMs: 60_000 });
    if (r.status !== 200) throw new Error(`GET ${path} (${accept}): HTTP ${r.status}: ${r.body.slice(0, 300)}`);
    return { json: JSON.parse(r.body.split(host).join(PORT_PLACEHOLDER)), contentType: String(r.headers['content-type'] ?? '') };
  };
  const save = async (file: string, value: unknown) => {
    await writeFile(join(outDir, file), `${JSON.stringify(value, null, 2)}\n`);
    written.push(file);
  };

  await save('version.json', (await fetchJson('/version')).json);

  const api = (await fetchJson('/api')).json as { versions: string[] };
  await save('api.json', api);
  for (const v of api.versions) await save(`api__${v}.json`, (await fetchJson(`/api/${v}`)).json);

  const apis = (await fetchJson('/apis')).json as { groups: { name: string; versions: { groupVersion: string }[] }[] };
  await save('apis.json', apis);
  for (const g of apis.groups) {
    for (const { groupVersion } of g.versions) {
      await save(`apis__${groupVersion.replace('/', '__')}.json`, (await fetchJson(`/apis/${groupVersion}`)).json);
    }
  }

  for (const [path, file] of [
    ['/api', 'aggregated-api.json'],
    ['/apis', 'aggregated-apis.json'],
  ] as const) {
    const { json, contentType } = await fetchJson(path, AGGREGATED_DISCOVERY_ACCEPT);
    if (json.kind !== 'APIGroupDiscoveryList')
      throw new Error(`${path} did not answer with aggregated discovery (Content-Type ${contentType})`);
    await save(file, json);
  }

  await save('openapi-v2.json', (await fetchJson('/openapi/v2')).json);
  await save('openapi-v3.json', (await fetchJson('/openapi/v3')).json);
  return written;
}

async function main() {
  const { values } = parseArgs({
    options: { 'state-dir': { type: 'string' }, out: { type: 'string' } },
  });
  const outDir = values.out ?? join(SOURCE_DIR, 'dumps', KUBERNETES_VERSION);
  const status = await referenceClusterStatus({ stateDir: values['state-dir'] });
  let cluster: ReferenceCluster;
  let temporary: string | undefined;
  if (status.running) {
    cluster = await startReferenceCluster({ stateDir: status.stateDir, reuse: true, build: false });
  } else {
    temporary = await mkdtemp(join(tmpdir(), 'kubeharness-dump-'));
    cluster = await startReferenceCluster({ stateDir: temporary });
  }
  try {
    const files = await dumpDiscovery(cluster, outDir);
    console.log(`wrote ${files.length} files to ${outDir}`);
  } finally {
    if (temporary) {
      await cluster.stop();
      await rm(temporary, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((err) => {
    process.stderr.write(`dump-discovery: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
