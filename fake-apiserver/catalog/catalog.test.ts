import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog, serializeCatalog } from '../../scripts/build-catalog.js';
import { ResourceCatalog, type ResourceInfo } from './catalog.js';
import { storageVersionHash } from './storage-version-hash.js';
import { byVersionPriority, compareKubeAwareVersions } from './version-order.js';

// The expectations below are computed from the verbatim upstream documents wherever possible.
const DATA = join(dirname(fileURLToPath(import.meta.url)), 'data');
const UPSTREAM = join(DATA, 'upstream');
const raw = <T>(file: string): T => JSON.parse(readFileSync(join(UPSTREAM, file), 'utf8')) as T;

interface RawAggregated {
  items: Array<{ metadata: { name: string }; versions: Array<{ version: string; resources: unknown[] }> }>;
}
interface RawLegacy {
  groupVersion: string;
  resources: Array<{
    name: string;
    kind: string;
    namespaced: boolean;
    singularName: string;
    verbs: string[];
    group?: string;
    version?: string;
    shortNames?: string[];
    categories?: string[];
    storageVersionHash?: string;
  }>;
}

const aggregated = raw<RawAggregated>('aggregated_v2.json');
const coreList = raw<RawLegacy>('api__v1.json');
const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const GPU = ['get', 'patch', 'update'];

const catalog = ResourceCatalog.builtin({ groupVersions: 'all' });
const must = (group: string, version: string, resource: string): ResourceInfo => {
  const info = catalog.lookup(group, version, resource);
  if (!info) throw new Error(`${group}/${version}/${resource} missing`);
  return info;
};
const sub = (info: ResourceInfo, name: string) => info.subresources.find((s) => s.name === name);

describe('built-in catalog: well-known resources', () => {
  it('configmaps is a namespaced core/v1 ConfigMap', () => {
    const cm = must('', 'v1', 'configmaps');
    expect(cm).toMatchObject({
      group: '',
      version: 'v1',
      kind: 'ConfigMap',
      listKind: 'ConfigMapList',
      singular: 'configmap',
      namespaced: true,
    });
    expect(cm.shortNames).toEqual(['cm']);
    expect(cm.verbs).toEqual(CRUD);
    expect(cm.categories).toEqual([]);
    expect(cm.subresources).toEqual([]);
    expect(cm.storageVersionHash).toBe('qFsyl6wFWjQ=');
  });

  it('deployments is apps/v1 with scale (autoscaling/v1 Scale) and status', () => {
    const d = must('apps', 'v1', 'deployments');
    expect(d).toMatchObject({ kind: 'Deployment', namespaced: true, singular: 'deployment' });
    expect(d.shortNames).toEqual(['deploy']);
    expect(d.categories).toEqual(['all']);
    expect(d.subresources).toEqual([
      { name: 'scale', kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: GPU },
      { name: 'status', kind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: GPU },
    ]);
  });

  it('namespaces is cluster-scoped with status and finalize, and no deletecollection', () => {
    const ns = must('', 'v1', 'namespaces');
    expect(ns.namespaced).toBe(false);
    expect(ns.shortNames).toEqual(['ns']);
    expect(ns.verbs).toEqual(CRUD.filter((v) => v !== 'deletecollection'));
    expect(sub(ns, 'finalize')).toEqual({ name: 'finalize', kind: { group: '', version: 'v1', kind: 'Namespace' }, verbs: ['update'] });
    expect(sub(ns, 'status')?.verbs).toEqual(GPU);
  });

  it('pods has every upstream subresource with its response kind', () => {
    const pods = must('', 'v1', 'pods');
    const expected = coreList.resources.filter((r) => r.name.startsWith('pods/')).map((r) => r.name.slice('pods/'.length));
    expect(pods.subresources.map((s) => s.name)).toEqual(expected);
    expect(expected).toEqual(
      expect.arrayContaining(['binding', 'eviction', 'log', 'exec', 'status', 'ephemeralcontainers', 'attach', 'portforward', 'proxy']),
    );
    expect(sub(pods, 'eviction')?.kind).toEqual({ group: 'policy', version: 'v1', kind: 'Eviction' });
    expect(sub(pods, 'binding')?.kind).toEqual({ group: '', version: 'v1', kind: 'Binding' });
    expect(sub(pods, 'exec')).toEqual({
      name: 'exec',
      kind: { group: '', version: 'v1', kind: 'PodExecOptions' },
      verbs: ['create', 'get'],
    });
    expect(sub(pods, 'log')?.verbs).toEqual(['get']);
    expect(pods.categories).toEqual(['all']);
    expect(pods.shortNames).toEqual(['po']);
  });

  it('serviceaccounts/token answers with authentication.k8s.io/v1 TokenRequest', () => {
    expect(sub(must('', 'v1', 'serviceaccounts'), 'token')?.kind).toEqual({
      group: 'authentication.k8s.io',
      version: 'v1',
      kind: 'TokenRequest',
    });
  });

  it('leases and customresourcedefinitions live where they should', () => {
    expect(must('coordination.k8s.io', 'v1', 'leases')).toMatchObject({ kind: 'Lease', namespaced: true });
    const crd = must('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
    expect(crd).toMatchObject({ kind: 'CustomResourceDefinition', namespaced: false });
    expect(crd.shortNames).toEqual(['crd', 'crds']);
    expect(crd.categories).toEqual(['api-extensions']);
    expect(sub(crd, 'status')).toBeDefined();
  });

  it('byKind finds resources by kind within a group version', () => {
    expect(catalog.byKind('apps', 'v1', 'StatefulSet')?.resource).toBe('statefulsets');
    expect(catalog.byKind('', 'v1', 'Endpoints')?.resource).toBe('endpoints');
    expect(catalog.byKind('apps', 'v1', 'Pod')).toBeUndefined();
  });
});

describe('built-in catalog: structure', () => {
  const all = catalog.groups().flatMap((g) => g.versions.flatMap((v) => catalog.resourcesFor(g.name, v)));

  it('every resource has a kind, a list kind, a singular name and verbs, and qualified subresource kinds', () => {
    for (const r of all) {
      expect(r.kind, r.resource).not.toBe('');
      expect(r.listKind).toBe(`${r.kind}List`);
      expect(r.singular, r.resource).not.toBe('');
      expect(r.verbs.length, r.resource).toBeGreaterThan(0);
      for (const s of r.subresources) {
        expect(s.kind.kind, `${r.resource}/${s.name}`).not.toBe('');
        expect(s.kind.version, `${r.resource}/${s.name}`).not.toBe('');
        expect(s.verbs.length, `${r.resource}/${s.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('kinds are unique per group version, so byKind is unambiguous', () => {
    for (const g of catalog.groups()) {
      for (const v of g.versions) {
        const kinds = catalog.resourcesFor(g.name, v).map((r) => r.kind);
        expect(new Set(kinds).size, `${g.name}/${v}`).toBe(kinds.length);
      }
    }
  });

  it('/api serves only the core group, at v1 only', () => {
    expect(raw<{ versions: string[] }>('api.json').versions).toEqual(['v1']);
    expect(catalog.groups()[0]).toEqual({ name: '', versions: ['v1'], preferredVersion: 'v1' });
  });

  it('lists groups in the server order: core first, then the order of aggregated /apis', () => {
    const names = catalog.groups().map((g) => g.name);
    expect(names).toEqual(['', ...aggregated.items.map((g) => g.metadata.name)]);
    // The head of a real /apis, independent of the files above.
    expect(names.slice(0, 8)).toEqual([
      '',
      'apiregistration.k8s.io',
      'apps',
      'events.k8s.io',
      'authentication.k8s.io',
      'authorization.k8s.io',
      'autoscaling',
      'batch',
    ]);
  });

  it('lists versions preferred first, as legacy /apis says', () => {
    const groupList = raw<{ groups: Array<{ name: string; versions: Array<{ version: string }>; preferredVersion: { version: string } }> }>(
      'apis.json',
    );
    for (const g of groupList.groups) {
      const info = catalog.groups().find((x) => x.name === g.name);
      expect(info?.versions, g.name).toEqual(g.versions.map((v) => v.version));
      expect(info?.preferredVersion, g.name).toBe(g.preferredVersion.version);
    }
    expect(catalog.groups().find((g) => g.name === 'autoscaling')?.versions).toEqual(['v2', 'v1']);
  });

  it('has exactly as many groups, versions and resources as the upstream documents', () => {
    const coreTop = coreList.resources.filter((r) => !r.name.includes('/')).length;
    const aggVersions = aggregated.items.reduce((n, g) => n + g.versions.length, 0);
    const aggResources = aggregated.items.reduce((n, g) => n + g.versions.reduce((m, v) => m + v.resources.length, 0), 0);
    expect(catalog.groups().length).toBe(1 + aggregated.items.length);
    expect(catalog.groups().reduce((n, g) => n + g.versions.length, 0)).toBe(1 + aggVersions);
    expect(all.length).toBe(coreTop + aggResources);
    expect(catalog.gvrs().length).toBe(all.length);
  });

  it('agrees with every legacy discovery document, entry by entry', () => {
    const files = readdirSync(UPSTREAM).filter(
      (f) => /^apis?__.+\.json$/.test(f) && f.split('__').length === (f.startsWith('api__') ? 2 : 3),
    );
    expect(files.length).toBe(1 + aggregated.items.reduce((n, g) => n + g.versions.length, 0));
    for (const file of files) {
      const list = raw<RawLegacy>(file);
      const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
      for (const e of list.resources) {
        const [name, subName] = e.name.split('/');
        const info = must(group, version, name);
        if (subName === undefined) {
          expect({ ...info, subresources: undefined }, `${file} ${e.name}`).toEqual({
            group,
            version,
            resource: name,
            kind: e.kind,
            listKind: `${e.kind}List`,
            singular: e.singularName,
            namespaced: e.namespaced,
            verbs: e.verbs,
            shortNames: e.shortNames ?? [],
            categories: e.categories ?? [],
            subresources: undefined,
            ...(e.storageVersionHash === undefined ? {} : { storageVersionHash: e.storageVersionHash }),
          });
        } else {
          expect(sub(info, subName), `${file} ${e.name}`).toEqual({
            name: subName,
            kind: { group: e.group ?? group, version: e.version ?? version, kind: e.kind },
            verbs: e.verbs,
          });
        }
      }
      expect(catalog.resourcesFor(group, version).length, file).toBe(list.resources.filter((r) => !r.name.includes('/')).length);
    }
  });

  it('every storageVersionHash is the hash of some group/version/kind the apiserver knows', () => {
    expect(storageVersionHash('', 'v1', 'ConfigMap')).toBe('qFsyl6wFWjQ=');
    const groups = catalog.groups().map((g) => g.name);
    const versions = ['v1', 'v2', ...['beta', 'alpha'].flatMap((t) => [1, 2, 3].map((n) => `v1${t}${n}`))];
    const hashed = all.filter((r) => r.storageVersionHash !== undefined);
    expect(hashed.length).toBeGreaterThan(70);
    for (const r of hashed) {
      const candidates = groups.flatMap((g) => versions.map((v) => storageVersionHash(g, v, r.kind)));
      expect(candidates, `${r.group}/${r.version}/${r.resource}`).toContain(r.storageVersionHash);
    }
  });

  it('matches what scripts/build-catalog.ts derives from the upstream documents now', () => {
    expect(readFileSync(join(DATA, 'builtin-resources.json'), 'utf8')).toBe(serializeCatalog(buildCatalog()));
  });

  it('shares frozen entries: callers cannot change the built-in data', () => {
    const cm = must('', 'v1', 'configmaps');
    expect(() => cm.verbs.push('x')).toThrow(TypeError);
    expect(ResourceCatalog.builtin({ groupVersions: 'all' }).lookup('', 'v1', 'configmaps')?.verbs).toEqual(CRUD);
  });
});

describe('catalog changes (CRDs)', () => {
  const widget = (version: string, group = 'example.com', resource = 'widgets'): ResourceInfo => ({
    group,
    version,
    resource,
    kind: 'Widget',
    listKind: 'WidgetList',
    singular: 'widget',
    namespaced: true,
    verbs: CRUD,
    shortNames: ['wd'],
    categories: ['all'],
    subresources: [{ name: 'status', kind: { group, version, kind: 'Widget' }, verbs: GPU }],
  });

  it('a new group appears with its first resource and disappears with its last', () => {
    const c = ResourceCatalog.builtin({ groupVersions: 'all' });
    const builtinNames = c.groups().map((g) => g.name);
    c.add(widget('v1'));
    expect(c.groups().map((g) => g.name)).toEqual([...builtinNames, 'example.com']);
    expect(c.groups().at(-1)).toEqual({ name: 'example.com', versions: ['v1'], preferredVersion: 'v1' });
    expect(c.lookup('example.com', 'v1', 'widgets')?.kind).toBe('Widget');
    expect(c.byKind('example.com', 'v1', 'Widget')?.resource).toBe('widgets');
    expect(c.gvrs()).toContainEqual({ group: 'example.com', version: 'v1', resource: 'widgets' });

    expect(c.remove('example.com', 'v1', 'widgets')).toBe(true);
    expect(c.groups().map((g) => g.name)).toEqual(builtinNames);
    expect(c.lookup('example.com', 'v1', 'widgets')).toBeUndefined();
    expect(c.resourcesFor('example.com', 'v1')).toEqual([]);
    expect(c.remove('example.com', 'v1', 'widgets')).toBe(false);
  });

  it('orders added versions by Kubernetes version priority and added groups by name after the built-ins', () => {
    const c = ResourceCatalog.builtin({ groupVersions: 'all' });
    for (const v of ['v1beta1', 'v1', 'v2alpha1', 'v2']) c.add(widget(v));
    c.add(widget('v1', 'a.example.com'));
    expect(c.groups().find((g) => g.name === 'example.com')).toEqual({
      name: 'example.com',
      versions: ['v2', 'v1', 'v1beta1', 'v2alpha1'],
      preferredVersion: 'v2',
    });
    expect(
      c
        .groups()
        .slice(-2)
        .map((g) => g.name),
    ).toEqual(['a.example.com', 'example.com']);

    c.remove('example.com', 'v2', 'widgets');
    expect(c.groups().find((g) => g.name === 'example.com')?.preferredVersion).toBe('v1');
  });

  it('keeps resources sorted by name and replaces an entry added twice', () => {
    const c = ResourceCatalog.builtin({ groupVersions: 'all' });
    c.add(widget('v1', 'example.com', 'widgets'));
    c.add(widget('v1', 'example.com', 'gadgets'));
    c.add({ ...widget('v1', 'example.com', 'widgets'), shortNames: ['w'] });
    expect(c.resourcesFor('example.com', 'v1').map((r) => r.resource)).toEqual(['gadgets', 'widgets']);
    expect(c.lookup('example.com', 'v1', 'widgets')?.shortNames).toEqual(['w']);
  });

  it('changes stay within one catalog', () => {
    const c = ResourceCatalog.builtin({ groupVersions: 'all' });
    c.add(widget('v1'));
    c.remove('', 'v1', 'configmaps');
    const other = ResourceCatalog.builtin({ groupVersions: 'all' });
    expect(other.lookup('example.com', 'v1', 'widgets')).toBeUndefined();
    expect(other.lookup('', 'v1', 'configmaps')).toBeDefined();
  });

  it('an empty catalog starts with no groups', () => {
    const c = ResourceCatalog.empty();
    expect(c.groups()).toEqual([]);
    c.add(widget('v1'));
    expect(c.groups()).toEqual([{ name: 'example.com', versions: ['v1'], preferredVersion: 'v1' }]);
  });
});

describe('version priority', () => {
  it('orders GA, then beta, then alpha, then other names ascending', () => {
    const versions = ['v1alpha1', 'foo', 'v2', 'v1', 'v1beta2', 'bar', 'v1beta1', 'v10', 'v2alpha1', 'v11alpha2'];
    expect([...versions].sort(byVersionPriority)).toEqual([
      'v10',
      'v2',
      'v1',
      'v1beta2',
      'v1beta1',
      'v11alpha2',
      'v2alpha1',
      'v1alpha1',
      'bar',
      'foo',
    ]);
    expect(compareKubeAwareVersions('v1', 'v1')).toBe(0);
    expect(compareKubeAwareVersions('v1', 'v2beta1')).toBeGreaterThan(0);
  });
});

describe('default-enabled group versions', () => {
  const dump = join(dirname(fileURLToPath(import.meta.url)), '../../conformance/reference-cluster/dumps/v1.35.4');
  const readDump = (f: string) => JSON.parse(readFileSync(join(dump, f), 'utf8'));

  it('serves exactly the group versions a real v1.35.4 server serves with default flags', () => {
    const apis = readDump('apis.json') as {
      groups: Array<{ name: string; versions: Array<{ version: string }>; preferredVersion: { version: string } }>;
    };
    const catalog = ResourceCatalog.builtin();
    const served = catalog.groups().filter((g) => g.name !== '');
    expect(served.map((g) => g.name).sort()).toEqual(apis.groups.map((g) => g.name).sort());
    for (const g of apis.groups) {
      const mine = served.find((x) => x.name === g.name)!;
      expect(mine.versions).toEqual(g.versions.map((v) => v.version));
      expect(mine.preferredVersion).toBe(g.preferredVersion.version);
    }
  });

  it('matches the real server resource by resource (kind, scope, verbs, short names, subresources)', () => {
    const catalog = ResourceCatalog.builtin();
    for (const g of catalog.groups()) {
      for (const v of g.versions) {
        const file = g.name ? `apis__${g.name}__${v}.json` : 'api__v1.json';
        const real = readDump(file) as {
          resources: Array<{ name: string; kind: string; namespaced: boolean; verbs: string[]; shortNames?: string[] }>;
        };
        const mine = catalog.resourcesFor(g.name, v);
        const realMain = real.resources.filter((r) => !r.name.includes('/'));
        expect(mine.map((r) => r.resource).sort(), `${g.name}/${v}`).toEqual(realMain.map((r) => r.name).sort());
        for (const r of realMain) {
          const m = mine.find((x) => x.resource === r.name)!;
          expect(
            { kind: m.kind, namespaced: m.namespaced, verbs: [...m.verbs].sort(), shortNames: m.shortNames },
            `${g.name}/${v} ${r.name}`,
          ).toEqual({
            kind: r.kind,
            namespaced: r.namespaced,
            verbs: [...r.verbs].sort(),
            shortNames: r.shortNames ?? [],
          });
          const subs = real.resources
            .filter((x) => x.name.startsWith(`${r.name}/`))
            .map((x) => x.name.slice(r.name.length + 1))
            .sort();
          expect(m.subresources.map((s) => s.name).sort(), `${g.name}/${v} ${r.name} subresources`).toEqual(subs);
        }
      }
    }
  });
});
