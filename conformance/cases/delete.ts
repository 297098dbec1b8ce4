/** delete: DELETE responses, options, preconditions, deletecollection (api-semantics.md 6.1, 6.2, 6.4, 6.5). */
import { defineCase } from '../define.js';
import { R } from '../harness/resources.js';
import { itemNames } from './util.js';

export default [
  defineCase({
    name: 'delete-configmap-returns-success-status',
    area: 'delete',
    spec: '6.4, 13.16',
    description: 'Deleting a ConfigMap answers 200 with a Success Status (no code) whose details carry name, kind "configmaps" and uid.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1');
      t.must.status(res, 200);
      t.must.subset('Status', res.json, { kind: 'Status', apiVersion: 'v1', status: 'Success' });
      t.must.equal('details', res.json.details, { name: 'cm1', kind: 'configmaps', uid: created.metadata.uid });
      t.must.absent('no code', res.json.code);
      t.must.statusError(await t.get(R.configmaps, 'cm1'), 404, 'NotFound');
      t.observeResponse('deleted', res);
    },
  }),
  defineCase({
    name: 'delete-secret-returns-success-status',
    area: 'delete',
    spec: '6.4',
    description: 'Deleting a Secret also answers with a Success Status, details.kind "secrets".',
    async run(t) {
      await t.mustCreate(R.secrets, t.fx.secret('s1'));
      const res = await t.del(R.secrets, 's1');
      t.must.status(res, 200);
      t.must.subset('Status', res.json, { kind: 'Status', status: 'Success', details: { name: 's1', kind: 'secrets' } });
    },
  }),
  defineCase({
    name: 'delete-deployment-returns-success-status-with-group',
    area: 'delete',
    spec: '6.4',
    description: 'Deleting a Deployment (Background) answers with a Success Status carrying details.group "apps".',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      const res = await t.del(R.deployments, 'd1');
      t.must.status(res, 200);
      t.must.subset('Status', res.json, { kind: 'Status', status: 'Success', details: { name: 'd1', group: 'apps', kind: 'deployments' } });
    },
  }),
  defineCase({
    name: 'delete-unscheduled-pod-returns-the-pod',
    area: 'delete',
    spec: '6.3, 6.4',
    description: 'A Pod without nodeName is deleted at once; the store returns the deleted Pod (ReturnDeletedObject).',
    async run(t) {
      t.must.status(await t.createPod(t.fx.pod('p1')), 201);
      const res = await t.del(R.pods, 'p1');
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'Pod');
      t.must.equal('name', res.json.metadata?.name, 'p1');
      t.must.statusError(await t.get(R.pods, 'p1'), 404, 'NotFound');
    },
  }),
  defineCase({
    name: 'delete-scheduled-pod-is-graceful',
    area: 'delete',
    spec: '6.3',
    description:
      'A Pod with spec.nodeName is deleted gracefully: 200 with deletionTimestamp and deletionGracePeriodSeconds 30; it remains until grace 0.',
    async run(t) {
      t.must.status(await t.createPod(t.fx.pod('p1', { nodeName: 'no-such-node' })), 201);
      const res = await t.del(R.pods, 'p1');
      t.must.status(res, 200);
      t.must.present('deletionTimestamp', res.json.metadata?.deletionTimestamp);
      t.must.equal('deletionGracePeriodSeconds', res.json.metadata?.deletionGracePeriodSeconds, 30);
      t.must.status(await t.get(R.pods, 'p1'), 200);
      const now = await t.del(R.pods, 'p1', { query: { gracePeriodSeconds: 0 } });
      t.must.status(now, 200);
      await t.poll('the pod is gone after grace 0', async () => ((await t.get(R.pods, 'p1')).status === 404 ? true : undefined), {
        timeoutMs: 10_000,
      });
    },
  }),
  defineCase({
    name: 'delete-missing-object-is-not-found',
    area: 'delete',
    spec: '6.4',
    description: 'Deleting a missing object gives 404 NotFound.',
    async run(t) {
      const res = await t.del(R.configmaps, 'missing');
      t.must.statusError(res, 404, 'NotFound');
      t.should.message(res, 'configmaps "missing" not found');
    },
  }),
  defineCase({
    name: 'delete-uid-precondition-mismatch-is-conflict',
    area: 'delete',
    spec: '6.2, 13.15',
    description: 'A wrong preconditions.uid gives 409 Conflict naming the Kind; the object stays.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { body: { preconditions: { uid: 'not-the-uid' } } });
      t.must.statusError(res, 409, 'Conflict');
      t.must.subset('details', res.json.details, { name: 'cm1', kind: 'ConfigMap' });
      t.should.message(
        res,
        `Operation cannot be fulfilled on ConfigMap "cm1": the UID in the precondition (not-the-uid) does not match the UID in record (${created.metadata.uid}). The object might have been deleted and then recreated`,
      );
      t.must.status(await t.get(R.configmaps, 'cm1'), 200);
    },
  }),
  defineCase({
    name: 'delete-resource-version-precondition-mismatch-is-conflict',
    area: 'delete',
    spec: '6.2',
    description: 'A stale preconditions.resourceVersion gives 409 Conflict.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const upd = await t.patch(R.configmaps, 'cm1', 'merge', { data: { a: '1' } });
      const res = await t.del(R.configmaps, 'cm1', { body: { preconditions: { resourceVersion: created.metadata.resourceVersion } } });
      t.must.statusError(res, 409, 'Conflict');
      t.should.message(
        res,
        `Operation cannot be fulfilled on ConfigMap "cm1": the ResourceVersion in the precondition (${created.metadata.resourceVersion}) does not match the ResourceVersion in record (${upd.json.metadata.resourceVersion}). The object might have been modified`,
      );
    },
  }),
  defineCase({
    name: 'delete-matching-preconditions-succeeds',
    area: 'delete',
    spec: '6.2',
    description: 'Matching uid and resourceVersion preconditions let the delete through.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', {
        body: {
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          preconditions: { uid: created.metadata.uid, resourceVersion: created.metadata.resourceVersion },
        },
      });
      t.must.status(res, 200);
      t.must.statusError(await t.get(R.configmaps, 'cm1'), 404, 'NotFound');
    },
  }),
  defineCase({
    name: 'delete-invalid-propagation-policy-is-invalid',
    area: 'delete',
    spec: '6.1',
    description: 'An unknown propagationPolicy gives 422 (DeleteOptions) with a FieldValueNotSupported cause.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { query: { propagationPolicy: 'Bogus' } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('details', res.json.details, { group: 'meta.k8s.io', kind: 'DeleteOptions' });
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueNotSupported', field: 'propagationPolicy' });
      t.should.match(
        'message',
        res.json.message,
        /^DeleteOptions\.meta\.k8s\.io "" is invalid: propagationPolicy: Unsupported value: "Bogus"/,
      );
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'delete-orphan-dependents-with-propagation-policy-is-invalid',
    area: 'delete',
    spec: '6.1',
    description: 'orphanDependents together with propagationPolicy gives 422.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { body: { orphanDependents: true, propagationPolicy: 'Background' } });
      t.must.statusError(res, 422, 'Invalid');
      t.should.match('message', res.json.message, /orphanDependents and deletionPropagation cannot be both set/);
    },
  }),
  defineCase({
    name: 'delete-non-integer-grace-period-is-bad-request',
    area: 'delete',
    spec: '2.1',
    description: 'A non-integer gracePeriodSeconds query parameter gives 400.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { query: { gracePeriodSeconds: 'abc' } });
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'delete-body-options-override-query',
    area: 'delete',
    spec: '6.1',
    description: 'When a DeleteOptions body is present, query parameters are ignored (an invalid query propagationPolicy does not matter).',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', {
        query: { propagationPolicy: 'Bogus' },
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
      });
      t.must.status(res, 200);
    },
  }),
  defineCase({
    name: 'deletecollection-by-label-returns-list',
    area: 'delete',
    spec: '6.5',
    description: 'DELETE on the collection with a label selector deletes the matches and answers 200 with a ConfigMapList of them.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a', { labels: { doomed: 'yes' } }));
      await t.mustCreate(R.configmaps, t.fx.configMap('b', { labels: { doomed: 'yes' } }));
      await t.mustCreate(R.configmaps, t.fx.configMap('c', { labels: { doomed: 'no' } }));
      const res = await t.deleteCollection(R.configmaps, { query: { labelSelector: `${t.sel},doomed=yes` } });
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'ConfigMapList');
      t.must.equal('items', itemNames(res), ['a', 'b']);
      const left = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      t.must.equal('remaining', itemNames(left), ['c']);
      t.observeResponse('deleted', res);
    },
  }),
  defineCase({
    name: 'deletecollection-namespaces-is-method-not-allowed',
    area: 'delete',
    spec: '6.5',
    description: 'namespaces do not support deletecollection: 405 MethodNotAllowed.',
    async run(t) {
      const res = await t.request('DELETE', '/api/v1/namespaces', { query: { labelSelector: 'kubeharness.io/never=match' } });
      t.must.statusError(res, 405, 'MethodNotAllowed');
      t.should.message(res, 'the server does not allow this method on the requested resource');
    },
  }),
  defineCase({
    name: 'deletecollection-invalid-list-options-is-invalid',
    area: 'delete',
    spec: '6.5',
    description: 'ListOptions validation applies to deletecollection: resourceVersionMatch without RV gives 422.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const res = await t.deleteCollection(R.configmaps, { query: { labelSelector: t.sel, resourceVersionMatch: 'Exact' } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.status(await t.get(R.configmaps, 'a'), 200);
    },
  }),
  defineCase({
    name: 'delete-emits-deleted-event-with-new-resource-version',
    area: 'delete',
    spec: '3.2, 6.3',
    description: 'A delete emits DELETED whose object RV is the deletion RV (newer than the object’s last RV).',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const w = await t.watch(R.configmaps, { resourceVersion: created.metadata.resourceVersion, labelSelector: t.sel });
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const e = await w.nextFor('cm1');
      t.must.equal('type', e?.type, 'DELETED');
      t.must.ok(
        'newer RV',
        Number(e?.object?.metadata?.resourceVersion) > Number(created.metadata.resourceVersion),
        e?.object?.metadata?.resourceVersion,
      );
    },
  }),
  defineCase({
    name: 'delete-foreground-without-dependents-adds-finalizer',
    area: 'delete',
    spec: '6.3',
    description: 'propagationPolicy=Foreground answers 200 with the object: deletionTimestamp set and the foregroundDeletion finalizer.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { body: { propagationPolicy: 'Foreground' } });
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'ConfigMap');
      t.must.present('deletionTimestamp', res.json.metadata?.deletionTimestamp);
      t.must.includes('finalizers', res.json.metadata?.finalizers, 'foregroundDeletion');
    },
  }),
  defineCase({
    name: 'delete-orphan-adds-orphan-finalizer',
    area: 'delete',
    spec: '6.3',
    description: 'propagationPolicy=Orphan answers 200 with the object carrying deletionTimestamp and the orphan finalizer.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.del(R.configmaps, 'cm1', { body: { propagationPolicy: 'Orphan' } });
      t.must.status(res, 200);
      t.must.present('deletionTimestamp', res.json.metadata?.deletionTimestamp);
      t.must.includes('finalizers', res.json.metadata?.finalizers, 'orphan');
    },
  }),
];
