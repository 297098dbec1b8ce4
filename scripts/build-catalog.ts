/**
 * Builds fake-apiserver/catalog/data/builtin-resources.json from the upstream discovery documents
 * kept verbatim in fake-apiserver/catalog/data/upstream/ (see the README.md there).
 *
 *   npx tsx scripts/build-catalog.ts
 *
 * Every fact in the output comes from those documents: the aggregated /apis document gives the
 * group order, version order and resources of every non-core group; api.json and api__v1.json
 * give the core group; the legacy per-group-version documents give storageVersionHash. The
 * script refuses to write anything when the documents disagree with each other, so a partial or
 * mixed-up set of files cannot turn into a catalog. Output is deterministic (fixed key order,
 * two-space indent, trailing newline).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { CatalogFile, ResourceInfo, SubresourceInfo } from '../fake-apiserver/catalog/types.js';

/** Where the documents in data/upstream/ were copied from; the README records how. */
const SOURCE: CatalogFile['source'] = { repository: 'kubernetes/kubernetes', ref: 'v1.35.4', path: 'api/discovery' };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'fake-apiserver/catalog/data');
const UPSTREAM = join(DATA, 'upstream');
const OUTPUT = join(DATA, 'builtin-resources.json');

type Entry = Omit<ResourceInfo, 'group' | 'version'>;

interface Kind {
  group: string;
  version: string;
  kind: string;
}
interface AggregatedResource {
  resource: string;
  responseKind: Kind;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: Array<{ subresource: string; responseKind: Kind; verbs: string[] }>;
}
interface AggregatedList {
  kind: string;
  items: Array<{ metadata: { name: string }; versions: Array<{ version: string; resources: AggregatedResource[] }> }>;
}
interface LegacyResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}
interface LegacyList {
  kind: string;
  groupVersion: string;
  resources: LegacyResource[];
}
interface GroupVersions {
  name: string;
  versions: Array<{ groupVersion: string; version: string }>;
  preferredVersion: { groupVersion: string; version: string };
}

function read<T>(file: string): T {
  return JSON.parse(readFileSync(join(UPSTREAM, file), 'utf8')) as T;
}

function fail(message: string): never {
  throw new Error(`build-catalog: ${message}`);
}

/** Fixed key order, so that the output only changes when a fact does. */
function entry(e: Entry): Entry {
  const out: Entry = {
    resource: e.resource,
    kind: e.kind,
    listKind: e.listKind,
    singular: e.singular,
    namespaced: e.namespaced,
    verbs: e.verbs,
    shortNames: e.shortNames,
    categories: e.categories,
    subresources: e.subresources.map((s) => ({
      name: s.name,
      kind: { group: s.kind.group, version: s.kind.version, kind: s.kind.kind },
      verbs: s.verbs,
    })),
  };
  if (e.storageVersionHash !== undefined) out.storageVersionHash = e.storageVersionHash;
  return out;
}

// Every built-in list type is named <Kind>List; discovery does not carry it.
const listKindOf = (kind: string) => `${kind}List`;

/** Aggregated discovery leaves group and version empty when a kind is in the resource's own group version. */
function qualify(k: Kind, group: string, version: string): Kind {
  return k.group === '' && k.version === '' ? { group, version, kind: k.kind } : { group: k.group, version: k.version, kind: k.kind };
}

function fromAggregated(group: string, version: string, r: AggregatedResource): Entry {
  const kind = r.responseKind.kind;
  return {
    resource: r.resource,
    kind,
    listKind: listKindOf(kind),
    singular: r.singularResource,
    namespaced: r.scope === 'Namespaced',
    verbs: r.verbs,
    shortNames: r.shortNames ?? [],
    categories: r.categories ?? [],
    subresources: (r.subresources ?? [])
      .map((s): SubresourceInfo => ({ name: s.subresource, kind: qualify(s.responseKind, group, version), verbs: s.verbs }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Legacy lists flatten subresources into "<resource>/<subresource>" entries after their parent. */
function fromLegacy(group: string, version: string, list: LegacyList): Entry[] {
  const byName = new Map<string, Entry>();
  for (const r of list.resources) {
    const [name, sub] = r.name.split('/');
    if (sub === undefined) {
      byName.set(name, {
        resource: name,
        kind: r.kind,
        listKind: listKindOf(r.kind),
        singular: r.singularName,
        namespaced: r.namespaced,
        verbs: r.verbs,
        shortNames: r.shortNames ?? [],
        categories: r.categories ?? [],
        subresources: [],
        ...(r.storageVersionHash === undefined ? {} : { storageVersionHash: r.storageVersionHash }),
      });
      continue;
    }
    const parent = byName.get(name) ?? fail(`${list.groupVersion}: ${r.name} is listed before its resource`);
    if (r.namespaced !== parent.namespaced) fail(`${list.groupVersion}: ${r.name} and ${name} disagree on scope`);
    parent.subresources.push({ name: sub, kind: { group: r.group ?? group, version: r.version ?? version, kind: r.kind }, verbs: r.verbs });
  }
  for (const e of byName.values()) e.subresources.sort((a, b) => a.name.localeCompare(b.name));
  return [...byName.values()];
}

function legacyFile(group: string, version: string): string {
  return group === '' ? `api__${version}.json` : `apis__${group}__${version}.json`;
}

/** The catalog the upstream documents describe; throws when they disagree with each other. */
export function buildCatalog(): CatalogFile {
  const files = new Set(readdirSync(UPSTREAM).filter((f) => f.endsWith('.json')));
  const used = new Set<string>();
  const take = <T>(file: string): T => {
    if (!files.has(file)) fail(`missing upstream document ${file}`);
    used.add(file);
    return read<T>(file);
  };

  const groups: CatalogFile['groups'] = [];

  // Core group: /api lists its versions; each /api/<version> lists the resources.
  const api = take<{ kind: string; versions: string[] }>('api.json');
  if (api.kind !== 'APIVersions') fail('api.json is not an APIVersions document');
  groups.push({
    name: '',
    preferredVersion: api.versions[0],
    versions: api.versions.map((version) => {
      const list = take<LegacyList>(legacyFile('', version));
      if (list.groupVersion !== version) fail(`${legacyFile('', version)} is for ${list.groupVersion}`);
      return { version, resources: fromLegacy('', version, list).map(entry) };
    }),
  });

  // Named groups: the aggregated document is in the server's priority order, versions preferred first.
  const aggregated = take<AggregatedList>('aggregated_v2.json');
  if (aggregated.kind !== 'APIGroupDiscoveryList') fail('aggregated_v2.json is not an APIGroupDiscoveryList');
  const groupList = take<{ kind: string; groups: GroupVersions[] }>('apis.json');
  const legacyGroups = groupList.groups.map((g) => g.name);
  const aggregatedGroups = aggregated.items.map((g) => g.metadata.name);
  if (!isDeepStrictEqual(legacyGroups, aggregatedGroups)) fail(`apis.json and aggregated_v2.json list different groups or orders`);

  for (const [i, item] of aggregated.items.entries()) {
    const group = item.metadata.name;
    const versions = item.versions.map((v) => v.version);
    for (const doc of [groupList.groups[i], take<GroupVersions>(`apis__${group}.json`)]) {
      if (
        !isDeepStrictEqual(
          doc.versions.map((v) => v.version),
          versions,
        ) ||
        doc.preferredVersion.version !== versions[0]
      ) {
        fail(`legacy discovery of ${group} disagrees with aggregated_v2.json on versions or the preferred version`);
      }
    }
    groups.push({
      name: group,
      preferredVersion: versions[0],
      versions: item.versions.map(({ version, resources }) => {
        const fromAgg = resources.map((r) => fromAggregated(group, version, r));
        const legacy = fromLegacy(group, version, take<LegacyList>(legacyFile(group, version)));
        const withoutHash = (es: Entry[]) => es.map(({ storageVersionHash: _h, ...rest }) => rest);
        if (!isDeepStrictEqual(withoutHash(fromAgg), withoutHash(legacy))) {
          fail(`${legacyFile(group, version)} and aggregated_v2.json disagree about ${group}/${version}`);
        }
        return { version, resources: legacy.map(entry) };
      }),
    });
  }

  const unused = [...files].filter((f) => !used.has(f));
  if (unused.length > 0) fail(`upstream documents not accounted for: ${unused.join(', ')}`);
  return { source: SOURCE, groups };
}

function main(): void {
  const catalog = buildCatalog();
  writeFileSync(OUTPUT, serializeCatalog(catalog));
  const versions = catalog.groups.reduce((n, g) => n + g.versions.length, 0);
  const resources = catalog.groups.reduce((n, g) => n + g.versions.reduce((m, v) => m + v.resources.length, 0), 0);
  console.log(`wrote ${OUTPUT}: ${catalog.groups.length} groups, ${versions} group versions, ${resources} resources`);
}

export function serializeCatalog(catalog: CatalogFile): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
