/** discovery: /version, legacy and aggregated discovery (api-semantics.md 9.1, 9.2). */
import { defineCase } from '../define.js';
import type { Obj } from '../harness/fixtures.js';
import { mediaTypeOf } from './util.js';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const CLIENT_GO_ACCEPT = `${AGGREGATED},application/json`;
const sortedCopy = (xs: string[]) => [...xs].sort();

export default [
  defineCase({
    name: 'discovery-version',
    area: 'discovery',
    spec: '9.1, 12',
    description:
      '/version: major and minor parse as integers (a "+" suffix tolerated), gitVersion starts with "v", platform and goVersion present.',
    async run(t) {
      const res = await t.request('GET', '/version');
      t.must.status(res, 200);
      t.must.match('major', res.json.major, /^\d+\+?$/);
      t.must.match('minor', res.json.minor, /^\d+\+?$/);
      t.must.match('gitVersion', res.json.gitVersion, /^v\d+\.\d+\.\d+/);
      t.must.present('platform', res.json.platform);
      t.must.present('goVersion', res.json.goVersion);
      t.must.ok(
        'gitVersion agrees with major.minor',
        String(res.json.gitVersion).startsWith(`v${String(res.json.major).replace('+', '')}.${String(res.json.minor).replace('+', '')}.`),
        res.json.gitVersion,
      );
    },
  }),
  defineCase({
    name: 'discovery-api-versions',
    area: 'discovery',
    spec: '9.1',
    description: '/api is an APIVersions document listing v1 and serverAddressByClientCIDRs.',
    async run(t) {
      const res = await t.request('GET', '/api');
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'APIVersions');
      t.must.equal('versions', res.json.versions, ['v1']);
      t.must.ok('serverAddressByClientCIDRs', Array.isArray(res.json.serverAddressByClientCIDRs), res.json.serverAddressByClientCIDRs);
    },
  }),
  defineCase({
    name: 'discovery-core-resource-list',
    area: 'discovery',
    spec: '9.1',
    description: '/api/v1 lists configmaps: namespaced, kind ConfigMap, singular configmap, shortNames [cm], verbs sorted.',
    async run(t) {
      const res = await t.request('GET', '/api/v1');
      t.must.status(res, 200);
      t.must.equal('kind/groupVersion', [res.json.kind, res.json.groupVersion], ['APIResourceList', 'v1']);
      const cm = (res.json.resources as Obj[]).find((r) => r.name === 'configmaps');
      t.must.subset('configmaps', cm, {
        name: 'configmaps',
        singularName: 'configmap',
        namespaced: true,
        kind: 'ConfigMap',
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['cm'],
      });
      t.must.present('storageVersionHash', cm?.storageVersionHash);
      const ns = (res.json.resources as Obj[]).find((r) => r.name === 'namespaces');
      t.must.subset('namespaces', ns, { namespaced: false, kind: 'Namespace', shortNames: ['ns'] });
      t.must.ok('namespaces has no deletecollection', !ns?.verbs?.includes('deletecollection'), ns?.verbs);
    },
  }),
  defineCase({
    name: 'discovery-core-subresources',
    area: 'discovery',
    spec: '9.1',
    description: '/api/v1 lists subresources such as pods/status (get, patch, update), namespaces/finalize (update), pods/log (get).',
    async run(t) {
      const res = await t.request('GET', '/api/v1');
      t.must.status(res, 200);
      const byName = new Map((res.json.resources as Obj[]).map((r) => [r.name, r]));
      t.must.subset('pods/status', byName.get('pods/status'), { namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] });
      t.must.subset('namespaces/finalize', byName.get('namespaces/finalize'), { namespaced: false, kind: 'Namespace', verbs: ['update'] });
      t.must.subset('namespaces/status', byName.get('namespaces/status'), { verbs: ['get', 'patch', 'update'] });
      t.must.subset('pods/log', byName.get('pods/log'), { kind: 'Pod', verbs: ['get'] });
    },
  }),
  defineCase({
    name: 'discovery-verbs-are-sorted',
    area: 'discovery',
    spec: '9.1',
    description: 'Built-in verbs are sorted alphabetically in every /api/v1 entry.',
    async run(t) {
      const res = await t.request('GET', '/api/v1');
      t.must.status(res, 200);
      const unsorted = (res.json.resources as Obj[])
        .filter((r) => JSON.stringify(r.verbs) !== JSON.stringify(sortedCopy(r.verbs)))
        .map((r) => r.name);
      t.must.equal('entries with unsorted verbs', unsorted, []);
    },
  }),
  defineCase({
    name: 'discovery-group-list',
    area: 'discovery',
    spec: '9.1, 12',
    description: '/apis is an APIGroupList without the core group; every preferredVersion is one of the group’s versions (e2e).',
    async run(t) {
      const res = await t.request('GET', '/apis');
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'APIGroupList');
      const groups = res.json.groups as Obj[];
      t.must.ok(
        'no core group',
        !groups.some((g) => g.name === ''),
        groups.map((g) => g.name),
      );
      for (const g of groups) {
        t.must.includes(`${g.name} preferredVersion in versions`, g.versions, g.preferredVersion);
      }
      const apps = groups.find((g) => g.name === 'apps');
      t.must.equal('apps', apps, {
        name: 'apps',
        versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
        preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
      });
      t.observe('groups', groups.map((g) => g.name).sort());
    },
  }),
  defineCase({
    name: 'discovery-locates-every-group-version',
    area: 'discovery',
    spec: '12',
    description:
      'Every groupVersion in /apis serves an APIResourceList with that groupVersion (e2e "should locate the groupVersion and a resource within each APIGroup").',
    timeoutMs: 60_000,
    async run(t) {
      const res = await t.request('GET', '/apis');
      t.must.status(res, 200);
      for (const g of res.json.groups as Obj[]) {
        for (const v of g.versions as Obj[]) {
          const gv = await t.request('GET', `/apis/${v.groupVersion}`);
          if (gv.status === 404) {
            // Other cases delete their CRD groups concurrently: only a group that is still listed must answer.
            const now = await t.request('GET', '/apis');
            if (!(now.json?.groups as Obj[] | undefined)?.some((x) => (x.versions as Obj[]).some((y) => y.groupVersion === v.groupVersion)))
              continue;
          }
          t.must.status(gv, 200);
          t.must.equal(`${v.groupVersion} document`, [gv.json?.kind, gv.json?.groupVersion], ['APIResourceList', v.groupVersion]);
        }
      }
    },
  }),
  defineCase({
    name: 'discovery-group',
    area: 'discovery',
    spec: '9.1',
    description: '/apis/apps is an APIGroup with name, versions and preferredVersion.',
    async run(t) {
      const res = await t.request('GET', '/apis/apps');
      t.must.status(res, 200);
      t.must.subset('APIGroup', res.json, {
        kind: 'APIGroup',
        name: 'apps',
        versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
        preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
      });
    },
  }),
  defineCase({
    name: 'discovery-apps-v1-resources',
    area: 'discovery',
    spec: '9.1',
    description: '/apis/apps/v1 lists deployments (shortNames deploy, categories all) and deployments/scale as autoscaling/v1 Scale.',
    async run(t) {
      const res = await t.request('GET', '/apis/apps/v1');
      t.must.status(res, 200);
      t.must.equal('kind/groupVersion', [res.json.kind, res.json.groupVersion], ['APIResourceList', 'apps/v1']);
      const byName = new Map((res.json.resources as Obj[]).map((r) => [r.name, r]));
      t.must.subset('deployments', byName.get('deployments'), {
        kind: 'Deployment',
        namespaced: true,
        shortNames: ['deploy'],
        categories: ['all'],
      });
      t.must.subset('deployments/scale', byName.get('deployments/scale'), {
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
      t.must.subset('deployments/status', byName.get('deployments/status'), { kind: 'Deployment', verbs: ['get', 'patch', 'update'] });
    },
  }),
  defineCase({
    name: 'discovery-aggregated-apis',
    area: 'discovery',
    spec: '9.2, 13.22',
    description:
      'Aggregated discovery on /apis: Content-Type echoes the v2 media type, ETag, Vary: Accept; body is an APIGroupDiscoveryList.',
    async run(t) {
      const res = await t.request('GET', '/apis', { headers: { accept: CLIENT_GO_ACCEPT } });
      t.must.status(res, 200);
      t.must.equal('content-type', res.headers['content-type'], AGGREGATED);
      t.must.present('ETag', res.headers.etag);
      t.should.equal('Vary', res.headers.vary, 'Accept');
      t.must.equal('kind/apiVersion', [res.json.kind, res.json.apiVersion], ['APIGroupDiscoveryList', 'apidiscovery.k8s.io/v2']);
      const apps = (res.json.items as Obj[]).find((i) => i.metadata?.name === 'apps');
      const deploy = (apps?.versions?.[0]?.resources as Obj[] | undefined)?.find((r) => r.resource === 'deployments');
      // responseKind group/version may be empty: they default to the enclosing group-version.
      t.must.subset('apps/v1 deployments', deploy, {
        resource: 'deployments',
        scope: 'Namespaced',
        singularResource: 'deployment',
        shortNames: ['deploy'],
      });
      t.must.equal('responseKind.kind', deploy?.responseKind?.kind, 'Deployment');
      t.observe('deployments', deploy);
      const scale = (deploy?.subresources as Obj[] | undefined)?.find((s) => s.subresource === 'scale');
      t.must.subset('scale subresource', scale, {
        responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
        verbs: ['get', 'patch', 'update'],
      });
    },
  }),
  defineCase({
    name: 'discovery-aggregated-if-none-match',
    area: 'discovery',
    spec: '9.2, 13.22',
    description: 'A request with If-None-Match equal to the aggregated ETag gets 304 (retried while discovery changes underneath).',
    async run(t) {
      // Other cases create and delete CRDs, which changes the document and its ETag: retry then.
      for (let attempt = 0; ; attempt++) {
        const first = await t.request('GET', '/apis', { headers: { accept: AGGREGATED } });
        t.must.status(first, 200);
        const again = await t.request('GET', '/apis', { headers: { accept: AGGREGATED, 'if-none-match': first.headers.etag } });
        if (again.status === 200 && again.headers.etag !== first.headers.etag && attempt < 10) {
          await t.sleep(500);
          continue;
        }
        t.must.status(again, 304);
        return;
      }
    },
  }),
  defineCase({
    name: 'discovery-aggregated-core',
    area: 'discovery',
    spec: '9.2',
    description: 'Aggregated discovery on /api has one item (the core group, empty name) with v1 resources.',
    async run(t) {
      const res = await t.request('GET', '/api', { headers: { accept: AGGREGATED } });
      t.must.status(res, 200);
      t.must.equal('content-type', res.headers['content-type'], AGGREGATED);
      t.must.equal('one item', res.json.items?.length, 1);
      t.must.ok('core group name empty', !res.json.items?.[0]?.metadata?.name, res.json.items?.[0]?.metadata);
      const cm = (res.json.items?.[0]?.versions?.[0]?.resources as Obj[] | undefined)?.find((r) => r.resource === 'configmaps');
      t.must.subset('configmaps', cm, { scope: 'Namespaced', shortNames: ['cm'], singularResource: 'configmap' });
      t.must.equal('responseKind.kind', cm?.responseKind?.kind, 'ConfigMap');
    },
  }),
  defineCase({
    name: 'discovery-aggregated-lists-builtins',
    area: 'discovery',
    spec: '9.2',
    description:
      'Aggregated discovery lists the built-ins the conformance tests expect (namespaces, deployments, customresourcedefinitions, leases).',
    async run(t) {
      const apis = await t.request('GET', '/apis', { headers: { accept: AGGREGATED } });
      const core = await t.request('GET', '/api', { headers: { accept: AGGREGATED } });
      const all = new Set<string>();
      for (const item of [...(core.json?.items ?? []), ...(apis.json?.items ?? [])] as Obj[]) {
        for (const v of item.versions ?? [])
          for (const r of v.resources ?? []) all.add(`${item.metadata?.name ?? ''}/${v.version}/${r.resource}`);
      }
      for (const want of [
        '/v1/namespaces',
        'apps/v1/deployments',
        'apiextensions.k8s.io/v1/customresourcedefinitions',
        'coordination.k8s.io/v1/leases',
      ]) {
        t.must.ok(
          `lists ${want}`,
          all.has(want),
          [...all].filter((x) => x.endsWith(want.split('/').pop()!)),
        );
      }
    },
  }),
  defineCase({
    name: 'discovery-legacy-json-without-aggregated-accept',
    area: 'discovery',
    spec: '9.2',
    description: 'Without the aggregated Accept header /apis answers the legacy APIGroupList as plain application/json.',
    async run(t) {
      const res = await t.request('GET', '/apis', { headers: { accept: 'application/json' } });
      t.must.status(res, 200);
      t.must.equal('media type', mediaTypeOf(res.headers['content-type']), 'application/json');
      t.should.equal('content-type (no parameters)', res.headers['content-type'], 'application/json');
      t.must.equal('kind', res.json.kind, 'APIGroupList');
    },
  }),
  defineCase({
    name: 'discovery-unknown-group-version-is-not-found',
    area: 'discovery',
    spec: '8.2',
    description: 'GET /apis/apps/v9 (unknown version of a known group) gives 404.',
    async run(t) {
      const res = await t.request('GET', '/apis/apps/v9');
      t.must.status(res, 404);
    },
  }),
];
