/** rv: resourceVersion semantics, optimistic concurrency, no-op writes, too-large RVs. */
import { defineCase } from '../define.js';
import { R } from '../harness/resources.js';
import { itemNames, num } from './util.js';

const FAR_FUTURE = 1_000_000_000;

export default [
  defineCase({
    name: 'update-stale-resource-version-is-conflict',
    area: 'rv',
    spec: '1.2, 13.3',
    description: 'PUT with a stale resourceVersion gives 409 Conflict with details {name, kind: configmaps}.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      t.must.status(await t.put(R.configmaps, 'cm1', { ...created, data: { a: '2' } }), 200);
      const res = await t.put(R.configmaps, 'cm1', { ...created, data: { a: '3' } });
      t.must.statusError(res, 409, 'Conflict');
      t.must.subset('details', res.json.details, { name: 'cm1', kind: 'configmaps' });
      t.should.message(
        res,
        'Operation cannot be fulfilled on configmaps "cm1": the object has been modified; please apply your changes to the latest version and try again',
      );
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'update-stale-resource-version-names-the-group',
    area: 'rv',
    spec: '1.2',
    description: 'A Deployment update conflict names "deployments.apps" and carries details.group.',
    async run(t) {
      const created = await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      t.must.status(await t.patch(R.deployments, 'd1', 'merge', { metadata: { labels: { bump: '1' } } }), 200);
      const res = await t.put(R.deployments, 'd1', created);
      t.must.statusError(res, 409, 'Conflict');
      t.must.subset('details', res.json.details, { name: 'd1', group: 'apps', kind: 'deployments' });
      t.should.match('message', res.json.message, /^Operation cannot be fulfilled on deployments\.apps "d1": the object has been modified/);
    },
  }),
  defineCase({
    name: 'update-without-resource-version-is-unconditional',
    area: 'rv',
    spec: '1.2, 13.3',
    description: 'PUT without metadata.resourceVersion on a ConfigMap is an unconditional update (200).',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { a: '2' } }), 200);
      const res = await t.put(R.configmaps, 'cm1', t.fx.configMap('cm1', { data: { a: '3' } }));
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: '3' });
    },
  }),
  defineCase({
    name: 'noop-update-keeps-resource-version',
    area: 'rv',
    spec: '1.1, 13.4',
    description: 'A PUT that changes nothing answers 200 with the same resourceVersion.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      const res = await t.put(R.configmaps, 'cm1', created);
      t.must.status(res, 200);
      t.must.equal('resourceVersion', res.json.metadata.resourceVersion, created.metadata.resourceVersion);
    },
  }),
  defineCase({
    name: 'noop-patch-keeps-resource-version',
    area: 'rv',
    spec: '1.1',
    description: 'A merge patch that changes nothing answers 200 with the same resourceVersion.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { data: { a: '1' } });
      t.must.status(res, 200);
      t.must.equal('resourceVersion', res.json.metadata.resourceVersion, created.metadata.resourceVersion);
    },
  }),
  defineCase({
    name: 'noop-update-emits-no-watch-event',
    area: 'rv',
    spec: '1.1, 13.4',
    description: 'A no-op PUT emits no watch event: the next event seen is the following real change.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      const w = await t.watch(R.configmaps, { resourceVersion: created.metadata.resourceVersion, labelSelector: t.sel });
      t.must.equal('watch status', w.status, 200);
      t.must.status(await t.put(R.configmaps, 'cm1', created), 200);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { a: '2' } }), 200);
      const e = await w.nextFor('cm1');
      t.must.equal('first event', [e?.type, e?.object?.data], ['MODIFIED', { a: '2' }]);
    },
  }),
  defineCase({
    name: 'patch-with-stale-resource-version-is-conflict',
    area: 'rv',
    spec: '1.2',
    description: 'A patch that sets a stale metadata.resourceVersion gets the same 409 Conflict as PUT.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { a: '2' } }), 200);
      const res = await t.patch(R.configmaps, 'cm1', 'merge', {
        metadata: { resourceVersion: created.metadata.resourceVersion },
        data: { a: '3' },
      });
      t.must.statusError(res, 409, 'Conflict');
      t.should.match('message', res.json.message, /the object has been modified/);
    },
  }),
  defineCase({
    name: 'patch-with-current-resource-version-succeeds',
    area: 'rv',
    spec: '1.2',
    description: 'A patch carrying the current resourceVersion succeeds.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', {
        metadata: { resourceVersion: created.metadata.resourceVersion },
        data: { a: '2' },
      });
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: '2' });
    },
  }),
  defineCase({
    name: 'resource-version-is-one-counter-across-types',
    area: 'rv',
    spec: '1.1',
    description: 'resourceVersions come from one cluster-wide counter: a Secret created after a ConfigMap has a larger one.',
    async run(t) {
      const cm = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const s = await t.mustCreate(R.secrets, t.fx.secret('s1'));
      const l = await t.mustCreate(R.leases, t.fx.lease('l1'));
      t.must.ok(
        'configmap < secret < lease',
        num(cm.metadata.resourceVersion) < num(s.metadata.resourceVersion) &&
          num(s.metadata.resourceVersion) < num(l.metadata.resourceVersion),
        [cm.metadata.resourceVersion, s.metadata.resourceVersion, l.metadata.resourceVersion],
      );
    },
  }),
  defineCase({
    name: 'list-resource-version-covers-items',
    area: 'rv',
    spec: '1.1',
    description: 'A list carries its own resourceVersion, at least as new as every item; items keep their own.',
    async run(t) {
      const a = await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const b = await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      const res = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      t.must.status(res, 200);
      const listRv = num(res.json.metadata?.resourceVersion);
      t.must.ok('list RV >= item RVs', listRv >= num(b.metadata.resourceVersion), [
        res.json.metadata?.resourceVersion,
        b.metadata.resourceVersion,
      ]);
      t.must.equal(
        'item RVs',
        res.json.items.map((i: { metadata: { resourceVersion: string } }) => i.metadata.resourceVersion),
        [a.metadata.resourceVersion, b.metadata.resourceVersion],
      );
    },
  }),
  defineCase({
    name: 'get-with-resource-version-zero',
    area: 'rv',
    spec: '2.1',
    description: 'GET with resourceVersion=0 (any version) answers 200.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      // resourceVersion=0 may be served from a cache that lags a little behind.
      const res = await t.poll(
        'GET ?resourceVersion=0 finds the object',
        async () => {
          const r = await t.get(R.configmaps, 'cm1', { query: { resourceVersion: '0' } });
          return r.status === 200 ? r : undefined;
        },
        { timeoutMs: 5000 },
      );
      t.must.equal('name', res.json.metadata.name, 'cm1');
    },
  }),
  defineCase({
    name: 'get-with-current-resource-version',
    area: 'rv',
    spec: '2.1',
    description: 'GET with resourceVersion=N (not older than N) answers with the object at N or newer.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.get(R.configmaps, 'cm1', { query: { resourceVersion: created.metadata.resourceVersion } });
      t.must.status(res, 200);
      t.must.equal('resourceVersion', res.json.metadata.resourceVersion, created.metadata.resourceVersion);
    },
  }),
  defineCase({
    name: 'get-future-resource-version-times-out',
    area: 'rv',
    spec: '2.2',
    timeoutMs: 20_000,
    description:
      'GET with a resourceVersion far in the future waits about 3 s, then 504 Timeout with cause ResourceVersionTooLarge and Retry-After: 1.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.get(R.configmaps, 'cm1', { query: { resourceVersion: String(FAR_FUTURE) } });
      t.must.statusError(res, 504, 'Timeout');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'ResourceVersionTooLarge', message: 'Too large resource version' });
      t.must.equal('details.retryAfterSeconds', res.json.details?.retryAfterSeconds, 1);
      t.should.equal('Retry-After header', res.headers['retry-after'], '1');
      t.should.match('message', res.json.message, new RegExp(`^Timeout: Too large resource version: ${FAR_FUTURE}, current: \\d+$`));
      t.may.ok('waited about 3 s', res.durationMs >= 2500 && res.durationMs < 6000, res.durationMs, '2500-6000 ms');
    },
  }),
  defineCase({
    name: 'list-future-resource-version-times-out',
    area: 'rv',
    spec: '2.2, 13.8',
    timeoutMs: 20_000,
    description: 'LIST with a future resourceVersion and NotOlderThan gives 504 Timeout (ResourceVersionTooLarge) with Retry-After: 1.',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { resourceVersion: String(FAR_FUTURE), resourceVersionMatch: 'NotOlderThan' } });
      t.must.statusError(res, 504, 'Timeout');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'ResourceVersionTooLarge' });
      t.should.equal('Retry-After header', res.headers['retry-after'], '1');
      t.may.ok('waited about 3 s', res.durationMs >= 2500 && res.durationMs < 6000, res.durationMs, '2500-6000 ms');
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'list-exact-future-resource-version-times-out',
    area: 'rv',
    spec: '2.2',
    timeoutMs: 20_000,
    description: 'LIST with a future resourceVersion and Exact gives 504 Timeout with cause ResourceVersionTooLarge.',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { resourceVersion: String(FAR_FUTURE), resourceVersionMatch: 'Exact' } });
      t.must.statusError(res, 504, 'Timeout');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'ResourceVersionTooLarge' });
    },
  }),
  defineCase({
    name: 'list-non-numeric-resource-version-is-bad-request',
    area: 'rv',
    spec: '2.2',
    description: 'LIST with resourceVersion=abc gives 400 "invalid resource version".',
    async run(t) {
      const res = await t.list(R.configmaps, { query: { resourceVersion: 'abc', resourceVersionMatch: 'NotOlderThan' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, /invalid resource version/);
    },
  }),
  defineCase({
    name: 'list-exact-old-resource-version-shows-old-state',
    area: 'rv',
    spec: '2.1',
    description: 'LIST with resourceVersionMatch=Exact at an older RV shows the state at that RV and reports that RV.',
    async run(t) {
      const a = await t.mustCreate(R.configmaps, t.fx.configMap('a', { data: { v: '1' } }));
      await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      t.must.status(await t.patch(R.configmaps, 'a', 'merge', { data: { v: '2' } }), 200);
      const res = await t.list(R.configmaps, {
        query: { labelSelector: t.sel, resourceVersion: a.metadata.resourceVersion, resourceVersionMatch: 'Exact' },
      });
      t.must.status(res, 200);
      t.must.equal('items at that RV', itemNames(res), ['a']);
      t.must.equal('data at that RV', res.json.items[0].data, { v: '1' });
      t.must.equal('list resourceVersion', res.json.metadata.resourceVersion, a.metadata.resourceVersion);
    },
  }),
  defineCase({
    name: 'list-not-older-than-current-resource-version',
    area: 'rv',
    spec: '2.1',
    description: 'LIST with resourceVersionMatch=NotOlderThan at the latest write sees that write.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const b = await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      const res = await t.list(R.configmaps, {
        query: { labelSelector: t.sel, resourceVersion: b.metadata.resourceVersion, resourceVersionMatch: 'NotOlderThan' },
      });
      t.must.status(res, 200);
      t.must.equal('items', itemNames(res), ['a', 'b']);
      t.must.ok(
        'list RV not older',
        num(res.json.metadata.resourceVersion) >= num(b.metadata.resourceVersion),
        res.json.metadata.resourceVersion,
      );
    },
  }),
  defineCase({
    name: 'delete-then-recreate-gets-new-uid',
    area: 'rv',
    spec: '1.1',
    description: 'Deleting and re-creating a name gives a new uid and a larger resourceVersion.',
    async run(t) {
      const first = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const second = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      t.must.notEqual('uid', second.metadata.uid, first.metadata.uid);
      t.must.ok(
        'resourceVersion grew',
        num(second.metadata.resourceVersion) > num(first.metadata.resourceVersion),
        second.metadata.resourceVersion,
      );
    },
  }),
];
