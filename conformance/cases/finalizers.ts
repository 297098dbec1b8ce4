/** finalizers: deletion with finalizers (api-semantics.md 6.3, 13.14). */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import { R } from '../harness/resources.js';

const F = 'example.com/hold';

/** Creates cm1 with a finalizer and registers a cleanup that releases it. */
async function held(t: CaseContext, finalizers = [F]) {
  const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { finalizers, data: { a: '1' } }));
  t.cleanup(() => t.patch(R.configmaps, 'cm1', 'merge', { metadata: { finalizers: null } }));
  return created;
}

export default [
  defineCase({
    name: 'finalizer-delete-marks-object',
    area: 'finalizers',
    spec: '6.3, 13.14',
    description:
      'DELETE of an object with a finalizer answers 200 with the object: deletionTimestamp set, deletionGracePeriodSeconds 0; GET still finds it.',
    async run(t) {
      await held(t);
      const res = await t.del(R.configmaps, 'cm1');
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'ConfigMap');
      t.must.present('deletionTimestamp', res.json.metadata?.deletionTimestamp);
      t.must.equal('deletionGracePeriodSeconds', res.json.metadata?.deletionGracePeriodSeconds, 0);
      t.must.equal('finalizers kept', res.json.metadata?.finalizers, [F]);
      const get = await t.get(R.configmaps, 'cm1');
      t.must.status(get, 200);
      t.must.equal('GET sees deletionTimestamp', get.json.metadata.deletionTimestamp, res.json.metadata.deletionTimestamp);
      t.observeResponse('deleted', res);
    },
  }),
  defineCase({
    name: 'finalizer-delete-emits-modified',
    area: 'finalizers',
    spec: '3.2, 13.14',
    description: 'Marking for deletion emits MODIFIED; removing the last finalizer then emits DELETED.',
    async run(t) {
      const created = await held(t);
      const w = await t.watch(R.configmaps, { resourceVersion: created.metadata.resourceVersion, labelSelector: t.sel });
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const e1 = await w.nextFor('cm1');
      t.must.equal('MODIFIED with deletionTimestamp', [e1?.type, typeof e1?.object?.metadata?.deletionTimestamp], ['MODIFIED', 'string']);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { metadata: { finalizers: null } }), 200);
      const e2 = await w.nextFor('cm1');
      t.must.equal('then DELETED', e2?.type, 'DELETED');
    },
  }),
  defineCase({
    name: 'finalizer-removal-by-merge-patch-deletes-object',
    area: 'finalizers',
    spec: '6.3, 13.14',
    description: 'A merge patch that empties finalizers of a terminating object deletes it: 200, then 404.',
    async run(t) {
      await held(t);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { metadata: { finalizers: null } });
      t.must.status(res, 200);
      t.must.statusError(await t.get(R.configmaps, 'cm1'), 404, 'NotFound');
    },
  }),
  defineCase({
    name: 'finalizer-removal-by-json-patch-deletes-object',
    area: 'finalizers',
    spec: '6.3',
    description: 'A JSON patch removing the last finalizer deletes a terminating object.',
    async run(t) {
      await held(t);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'json', [{ op: 'remove', path: '/metadata/finalizers' }]), 200);
      t.must.statusError(await t.get(R.configmaps, 'cm1'), 404, 'NotFound');
    },
  }),
  defineCase({
    name: 'finalizer-removal-by-update-deletes-object',
    area: 'finalizers',
    spec: '6.3',
    description: 'A PUT that leaves finalizers empty on a terminating object deletes it.',
    async run(t) {
      await held(t);
      const marked = await t.del(R.configmaps, 'cm1');
      const body = structuredClone(marked.json);
      body.metadata.finalizers = [];
      const res = await t.put(R.configmaps, 'cm1', body);
      t.must.status(res, 200);
      t.must.statusError(await t.get(R.configmaps, 'cm1'), 404, 'NotFound');
    },
  }),
  defineCase({
    name: 'finalizer-partial-removal-keeps-object',
    area: 'finalizers',
    spec: '6.3',
    description: 'Removing one of two finalizers keeps the terminating object.',
    async run(t) {
      await held(t, [F, 'example.com/other']);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { metadata: { finalizers: ['example.com/other'] } }), 200);
      const get = await t.get(R.configmaps, 'cm1');
      t.must.status(get, 200);
      t.must.equal('finalizers', get.json.metadata.finalizers, ['example.com/other']);
    },
  }),
  defineCase({
    name: 'finalizer-cannot-be-added-while-terminating',
    area: 'finalizers',
    spec: '6.3',
    description: 'A terminating object cannot get new finalizers: 422 Forbidden "no new finalizers can be added".',
    async run(t) {
      await held(t);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { metadata: { finalizers: [F, 'example.com/new'] } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueForbidden', field: 'metadata.finalizers' });
      t.should.match(
        'message',
        res.json.message,
        /metadata\.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers (\[\]string\{)?\[?"example\.com\/new"/,
      );
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'finalizer-deletion-timestamp-cannot-be-changed',
    area: 'finalizers',
    spec: '6.3',
    description: 'An update cannot change or remove deletionTimestamp: it is restored silently.',
    async run(t) {
      await held(t);
      const marked = await t.del(R.configmaps, 'cm1');
      const body = structuredClone(marked.json);
      delete body.metadata.deletionTimestamp;
      body.data = { a: '2' };
      const res = await t.put(R.configmaps, 'cm1', body);
      t.must.status(res, 200);
      t.must.equal('deletionTimestamp kept', res.json.metadata.deletionTimestamp, marked.json.metadata.deletionTimestamp);
      t.must.equal('other changes applied', res.json.data, { a: '2' });
    },
  }),
  defineCase({
    name: 'finalizer-repeated-delete-changes-nothing',
    area: 'finalizers',
    spec: '6.3',
    description: 'A second DELETE of a terminating object answers 200 with it, same resourceVersion and deletionTimestamp.',
    async run(t) {
      await held(t);
      const first = await t.del(R.configmaps, 'cm1');
      const second = await t.del(R.configmaps, 'cm1');
      t.must.status(second, 200);
      t.must.equal('resourceVersion', second.json.metadata?.resourceVersion, first.json.metadata.resourceVersion);
      t.must.equal('deletionTimestamp', second.json.metadata?.deletionTimestamp, first.json.metadata.deletionTimestamp);
    },
  }),
  defineCase({
    name: 'finalizer-create-existing-terminating-name',
    area: 'finalizers',
    spec: '4.4',
    description: 'Creating a name that is still terminating gives 409 AlreadyExists with message prefix "object is being deleted: ".',
    async run(t) {
      await held(t);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const res = await t.create(R.configmaps, t.fx.configMap('cm1'));
      t.must.statusError(res, 409, 'AlreadyExists');
      t.should.message(res, 'object is being deleted: configmaps "cm1" already exists');
    },
  }),
  defineCase({
    name: 'finalizer-deletion-bumps-deployment-generation',
    area: 'finalizers',
    spec: '4.2, 6.3',
    description: 'Marking an object that has a generation for deletion bumps the generation once.',
    async run(t) {
      const d = await t.mustCreate(R.deployments, t.fx.deployment('d1', { finalizers: [F] }));
      t.cleanup(() => t.patch(R.deployments, 'd1', 'merge', { metadata: { finalizers: null } }));
      const res = await t.del(R.deployments, 'd1');
      t.must.status(res, 200);
      t.must.equal('generation', res.json.metadata?.generation, d.metadata.generation + 1);
      const again = await t.del(R.deployments, 'd1');
      t.must.equal('not bumped again', again.json.metadata?.generation, d.metadata.generation + 1);
    },
  }),
  defineCase({
    name: 'finalizer-smp-cannot-remove-by-omission',
    area: 'finalizers',
    spec: '5.3, 13.14',
    description: 'A strategic merge patch listing fewer finalizers does not remove any (set union); the object stays.',
    async run(t) {
      await held(t, [F, 'example.com/other']);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const res = await t.patch(R.configmaps, 'cm1', 'strategic', { metadata: { finalizers: ['example.com/other'] } });
      t.must.status(res, 200);
      t.must.equal('finalizers', res.json.metadata.finalizers, [F, 'example.com/other']);
    },
  }),
  defineCase({
    name: 'finalizer-delete-with-precondition-on-terminating',
    area: 'finalizers',
    spec: '6.2',
    description: 'Preconditions are checked on a terminating object too: a wrong uid gives 409.',
    async run(t) {
      await held(t);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const res = await t.del(R.configmaps, 'cm1', { body: { preconditions: { uid: 'wrong' } } });
      t.must.statusError(res, 409, 'Conflict');
    },
  }),
];
