/** list: list envelopes, ordering, scopes and ListOptions validation. */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import type { Res } from '../http/client.js';
import { R } from '../harness/resources.js';
import { itemNames } from './util.js';

/** ListOptions validation errors: 422 Invalid, details {group: meta.k8s.io, kind: ListOptions}. */
function listOptionsInvalid(t: CaseContext, res: Res, message: RegExp): void {
  t.must.statusError(res, 422, 'Invalid');
  t.must.subset('details', res.json.details, { group: 'meta.k8s.io', kind: 'ListOptions' });
  t.should.match('message', res.json.message, message);
  t.observeResponse('error', res);
}

export default [
  defineCase({
    name: 'list-returns-typed-list-envelope',
    area: 'list',
    spec: '2.3',
    description: 'A list is a ConfigMapList (apiVersion v1) with metadata.resourceVersion; items carry no kind/apiVersion.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const res = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      t.must.status(res, 200);
      t.must.equal('kind/apiVersion', [res.json.kind, res.json.apiVersion], ['ConfigMapList', 'v1']);
      t.must.present('metadata.resourceVersion', res.json.metadata?.resourceVersion);
      t.must.equal('one item', itemNames(res), ['a']);
      t.must.absent('items[0].kind', res.json.items[0].kind);
      t.must.absent('items[0].apiVersion', res.json.items[0].apiVersion);
      t.observeResponse('list', res);
    },
  }),
  defineCase({
    name: 'list-deployments-envelope',
    area: 'list',
    spec: '2.3',
    description: 'A Deployment list is a DeploymentList with apiVersion apps/v1.',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      const res = await t.list(R.deployments, { query: { labelSelector: t.sel } });
      t.must.status(res, 200);
      t.must.equal('kind/apiVersion', [res.json.kind, res.json.apiVersion], ['DeploymentList', 'apps/v1']);
      t.must.equal('items', itemNames(res), ['d1']);
    },
  }),
  defineCase({
    name: 'list-empty-items-is-an-array',
    area: 'list',
    spec: '2.3',
    description: 'An empty list is serialized with "items": [] (never null) and still has a resourceVersion.',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { labelSelector: `${t.sel},none=match` } });
      t.must.status(res, 200);
      t.must.ok('items is an empty array', Array.isArray(res.json.items) && res.json.items.length === 0, res.json.items);
      t.must.present('metadata.resourceVersion', res.json.metadata?.resourceVersion);
      t.observeResponse('list', res);
    },
  }),
  defineCase({
    name: 'list-items-sorted-by-name',
    area: 'list',
    spec: '2.3',
    description: 'Items come back in key order (by name within a namespace), whatever the creation order.',
    async run(t) {
      for (const n of ['c-3', 'a-1', 'b-2', 'a-10']) await t.mustCreate(R.configmaps, t.fx.configMap(n));
      const res = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      t.must.status(res, 200);
      t.must.equal('order', itemNames(res), ['a-1', 'a-10', 'b-2', 'c-3']);
    },
  }),
  defineCase({
    name: 'list-across-namespaces',
    area: 'list',
    spec: '7',
    description:
      'The cluster-wide path /api/v1/configmaps lists every namespace, ordered by namespace then name; items keep their namespace.',
    async run(t) {
      const other = await t.createNamespace('kh-list-other');
      await t.mustCreate(R.configmaps, t.fx.configMap('x'));
      await t.mustCreate(R.configmaps, t.fx.configMap('y'), { ns: other.metadata.name });
      const res = await t.list(R.configmaps, { ns: '', query: { labelSelector: t.sel } });
      t.must.status(res, 200);
      const got = res.json.items.map(
        (i: { metadata: { namespace: string; name: string } }) => `${i.metadata.namespace}/${i.metadata.name}`,
      );
      const want = [`${t.ns}/x`, `${other.metadata.name}/y`].sort();
      t.must.equal('namespace/name in key order', got, want);
    },
  }),
  defineCase({
    name: 'list-in-missing-namespace-is-empty',
    area: 'list',
    spec: '7',
    description: 'Listing in a namespace that does not exist answers 200 with no items.',
    async run(t) {
      const res = await t.list(R.configmaps, { ns: t.name('kh-missing') });
      t.must.status(res, 200);
      t.must.equal('items', res.json.items, []);
    },
  }),
  defineCase({
    name: 'list-namespaces-includes-new-namespace',
    area: 'list',
    spec: '7',
    description: 'Listing the cluster-scoped namespaces resource includes the case namespace.',
    async run(t) {
      const res = await t.request('GET', '/api/v1/namespaces', { query: { labelSelector: `kubernetes.io/metadata.name=${t.ns}` } });
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'NamespaceList');
      t.must.equal('items', itemNames(res), [t.ns]);
    },
  }),
  defineCase({
    name: 'list-exact-without-resource-version-is-invalid',
    area: 'list',
    spec: '2.1, 13.7',
    description: 'resourceVersionMatch=Exact without a resourceVersion gives 422 (ListOptions).',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { resourceVersionMatch: 'Exact' } });
      listOptionsInvalid(
        t,
        res,
        /^ListOptions\.meta\.k8s\.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided$/,
      );
    },
  }),
  defineCase({
    name: 'list-exact-with-resource-version-zero-is-invalid',
    area: 'list',
    spec: '2.1',
    description: 'resourceVersionMatch=Exact with resourceVersion=0 gives 422.',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { resourceVersion: '0', resourceVersionMatch: 'Exact' } });
      listOptionsInvalid(t, res, /resourceVersionMatch "exact" is forbidden for resourceVersion "0"/);
    },
  }),
  defineCase({
    name: 'list-not-older-than-without-resource-version-is-invalid',
    area: 'list',
    spec: '2.1',
    description: 'resourceVersionMatch=NotOlderThan without a resourceVersion gives 422.',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { resourceVersionMatch: 'NotOlderThan' } });
      listOptionsInvalid(t, res, /resourceVersionMatch is forbidden unless resourceVersion is provided/);
    },
  }),
  defineCase({
    name: 'list-unsupported-resource-version-match-is-invalid',
    area: 'list',
    spec: '2.1',
    description: 'An unknown resourceVersionMatch value gives 422 Unsupported value.',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { resourceVersion: '1', resourceVersionMatch: 'Sometime' } });
      listOptionsInvalid(t, res, /resourceVersionMatch: Unsupported value: "Sometime": supported values: "Exact", "NotOlderThan", ""/);
    },
  }),
  defineCase({
    name: 'list-send-initial-events-is-invalid',
    area: 'list',
    spec: '2.1',
    description: 'sendInitialEvents on a list (not a watch) gives 422.',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan' } });
      listOptionsInvalid(t, res, /sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list/);
    },
  }),
  defineCase({
    name: 'list-resource-version-zero-answers',
    area: 'list',
    spec: '2.1',
    description: 'LIST with resourceVersion=0 answers 200 (possibly slightly stale) and eventually shows new objects.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      await t.poll(
        'RV=0 list shows the object',
        async () => {
          const r = await t.list(R.configmaps, { query: { labelSelector: t.sel, resourceVersion: '0' } });
          t.must.status(r, 200);
          return itemNames(r).includes('a') ? true : undefined;
        },
        { timeoutMs: 5000 },
      );
    },
  }),
  defineCase({
    name: 'list-watch-false-is-a-list',
    area: 'list',
    spec: '2.1',
    description: 'watch=false and watch=0 mean list.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      for (const v of ['false', 'FALSE', '0']) {
        const res = await t.list(R.configmaps, { query: { labelSelector: t.sel, watch: v } });
        t.must.status(res, 200);
        t.must.equal(`watch=${v} answers a list`, res.json.kind, 'ConfigMapList');
      }
    },
  }),
  defineCase({
    name: 'list-non-integer-limit-is-bad-request',
    area: 'list',
    spec: '2.1',
    description: 'A non-integer limit gives 400 BadRequest.',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { limit: 'abc' } });
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'list-cluster-scoped-resource-with-namespace-path-is-not-found',
    area: 'list',
    spec: '7',
    description: 'A namespaced URL for a cluster-scoped resource gives 404.',
    async run(t) {
      const res = await t.request('GET', `/api/v1/namespaces/${t.ns}/nodes`);
      t.must.status(res, 404);
      t.should.equal('reason', res.json?.reason, 'NotFound');
    },
  }),
];
