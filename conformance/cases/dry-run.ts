/** dry-run: dryRun=All on every write verb (api-semantics.md 4.7). */
import { defineCase } from '../define.js';
import { R } from '../harness/resources.js';
import { UUID_RE } from './util.js';

const DRY = { dryRun: 'All' };

export default [
  defineCase({
    name: 'dry-run-create-is-not-persisted',
    area: 'dry-run',
    spec: '4.7',
    description: 'A dry-run create answers 201 with uid and creationTimestamp but no resourceVersion; nothing is stored.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }), { query: DRY });
      t.must.status(res, 201);
      t.must.match('uid', res.json.metadata?.uid, UUID_RE);
      t.must.present('creationTimestamp', res.json.metadata?.creationTimestamp);
      t.must.absent('resourceVersion', res.json.metadata?.resourceVersion);
      t.must.statusError(await t.get(R.configmaps, 'cm1'), 404, 'NotFound');
      t.observeResponse('created', res);
    },
  }),
  defineCase({
    name: 'dry-run-unsupported-value-is-invalid',
    area: 'dry-run',
    spec: '4.7',
    description: 'dryRun values other than All give 422 (CreateOptions) "Unsupported value".',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1'), { query: { dryRun: 'Bogus' } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('details', res.json.details, { group: 'meta.k8s.io', kind: 'CreateOptions' });
      t.should.message(res, 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Bogus"]: supported values: "All"');
    },
  }),
  defineCase({
    name: 'dry-run-delete-unsupported-value-is-invalid',
    area: 'dry-run',
    spec: '4.7',
    description: 'An unsupported dryRun on DELETE gives 422 (DeleteOptions).',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { query: { dryRun: 'Bogus' } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('details', res.json.details, { group: 'meta.k8s.io', kind: 'DeleteOptions' });
    },
  }),
  defineCase({
    name: 'dry-run-create-existing-is-already-exists',
    area: 'dry-run',
    spec: '4.7',
    description: 'A dry-run create of an existing name gives 409 AlreadyExists.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.create(R.configmaps, t.fx.configMap('cm1'), { query: DRY });
      t.must.statusError(res, 409, 'AlreadyExists');
    },
  }),
  defineCase({
    name: 'dry-run-create-validates',
    area: 'dry-run',
    spec: '4.7',
    description: 'Dry-run still validates: an invalid name gives 422.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('Bad_Name'), { query: DRY });
      t.must.statusError(res, 422, 'Invalid');
    },
  }),
  defineCase({
    name: 'dry-run-create-runs-admission',
    area: 'dry-run',
    spec: '4.7, 7',
    description: 'Dry-run still runs admission: creating in a missing namespace gives 404.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1'), { ns: t.name('kh-missing'), query: DRY });
      t.must.statusError(res, 404, 'NotFound');
    },
  }),
  defineCase({
    name: 'dry-run-create-applies-defaults',
    area: 'dry-run',
    spec: '4.7',
    description: 'Dry-run still defaults: a dry-run Deployment has the default strategy.',
    async run(t) {
      const res = await t.create(R.deployments, t.fx.deployment('d1'), { query: DRY });
      t.must.status(res, 201);
      t.must.equal('strategy.type', res.json.spec?.strategy?.type, 'RollingUpdate');
      t.must.equal('generation', res.json.metadata?.generation, 1);
    },
  }),
  defineCase({
    name: 'dry-run-generate-name-returns-a-name',
    area: 'dry-run',
    spec: '4.7',
    description: 'A dry-run create with generateName returns a generated name.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap(undefined, { generateName: 'dry-' }), { query: DRY });
      t.must.status(res, 201);
      t.must.match('name', res.json.metadata?.name, /^dry-[a-z0-9]{5}$/);
    },
  }),
  defineCase({
    name: 'dry-run-update-is-not-persisted',
    area: 'dry-run',
    spec: '4.7',
    description: 'A dry-run PUT answers 200 with the new content; the stored object keeps its data and resourceVersion.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      const res = await t.put(R.configmaps, 'cm1', { ...created, data: { a: '2' } }, { query: DRY });
      t.must.status(res, 200);
      t.must.equal('response data', res.json.data, { a: '2' });
      const get = await t.mustGet(R.configmaps, 'cm1');
      t.must.equal('stored data', get.data, { a: '1' });
      t.must.equal('stored RV', get.metadata.resourceVersion, created.metadata.resourceVersion);
    },
  }),
  defineCase({
    name: 'dry-run-patch-is-not-persisted',
    area: 'dry-run',
    spec: '4.7',
    description: 'A dry-run PATCH answers 200 with the patched content; nothing is stored.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { data: { b: '2' } }, { query: DRY });
      t.must.status(res, 200);
      t.must.equal('response data', res.json.data, { a: '1', b: '2' });
      const get = await t.mustGet(R.configmaps, 'cm1');
      t.must.equal('stored RV', get.metadata.resourceVersion, created.metadata.resourceVersion);
    },
  }),
  defineCase({
    name: 'dry-run-delete-is-not-persisted',
    area: 'dry-run',
    spec: '4.7',
    description: 'A dry-run DELETE answers like a real one (Success Status) but the object stays.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { query: DRY });
      t.must.status(res, 200);
      t.must.subset('Status', res.json, { kind: 'Status', status: 'Success', details: { name: 'cm1', kind: 'configmaps' } });
      t.must.status(await t.get(R.configmaps, 'cm1'), 200);
    },
  }),
  defineCase({
    name: 'dry-run-delete-in-body',
    area: 'dry-run',
    spec: '4.7, 6.1',
    description: 'dryRun in a DeleteOptions body works like the query parameter.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { body: { kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', dryRun: ['All'] } });
      t.must.status(res, 200);
      t.must.status(await t.get(R.configmaps, 'cm1'), 200);
    },
  }),
  defineCase({
    name: 'dry-run-delete-missing-is-not-found',
    area: 'dry-run',
    spec: '4.7',
    description: 'A dry-run DELETE of a missing object gives 404.',
    async run(t) {
      const res = await t.del(R.configmaps, 'missing', { query: DRY });
      t.must.statusError(res, 404, 'NotFound');
    },
  }),
  defineCase({
    name: 'dry-run-delete-checks-preconditions',
    area: 'dry-run',
    spec: '4.7',
    description: 'A dry-run DELETE with a wrong uid precondition gives 409.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { query: DRY, body: { preconditions: { uid: 'wrong' } } });
      t.must.statusError(res, 409, 'Conflict');
    },
  }),
  defineCase({
    name: 'dry-run-emits-no-watch-event',
    area: 'dry-run',
    spec: '4.7',
    description: 'Dry-run writes emit no watch events.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const w = await t.watch(R.configmaps, { resourceVersion: created.metadata.resourceVersion, labelSelector: t.sel });
      t.must.status(await t.create(R.configmaps, t.fx.configMap('cm2'), { query: DRY }), 201);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { a: '1' } }, { query: DRY }), 200);
      t.must.status(await t.del(R.configmaps, 'cm1', { query: DRY }), 200);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { real: 'yes' } }), 200);
      const e = await w.next();
      t.must.equal('first event is the real write', [e?.type, e?.object?.data], ['MODIFIED', { real: 'yes' }]);
    },
  }),
];
