/**
 * Writes fake-apiserver/catalog/data/default-enabled.json: the group versions a real
 * kube-apiserver serves with default flags, read from the reference cluster's discovery dump
 * (conformance/reference-cluster/dumps/<version>/api.json and apis.json; refresh those with
 * `npm run reference-cluster:dump`). The upstream discovery documents list every API including
 * alpha and beta ones; this is the fact that says which of them a default server turns on.
 *
 *   npx tsx scripts/build-default-enabled.ts [v1.35.4]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = process.argv[2] ?? 'v1.35.4';
const dump = join(ROOT, 'conformance/reference-cluster/dumps', version);
const api = JSON.parse(readFileSync(join(dump, 'api.json'), 'utf8')) as { versions: string[] };
const apis = JSON.parse(readFileSync(join(dump, 'apis.json'), 'utf8')) as { groups: Array<{ versions: Array<{ groupVersion: string }> }> };
const groupVersions = [...api.versions, ...apis.groups.flatMap((g) => g.versions.map((v) => v.groupVersion))];
const out = {
  source: { observedOn: `reference cluster ${version} (default flags)`, dump: `conformance/reference-cluster/dumps/${version}` },
  groupVersions,
};
writeFileSync(join(ROOT, 'fake-apiserver/catalog/data/default-enabled.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`default-enabled.json: ${groupVersions.length} group versions`);
