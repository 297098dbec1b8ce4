/** apply: server-side apply (api-semantics.md 5.4, 13.19; e2e apply.go). */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import type { Obj } from '../harness/fixtures.js';
import { R, type ResourceRef } from '../harness/resources.js';

function apply(
  t: CaseContext,
  ref: ResourceRef,
  name: string,
  body: unknown,
  manager: string | undefined,
  extra: Record<string, string> = {},
) {
  return t.patch(ref, name, 'apply', body, { query: { fieldManager: manager, ...extra } });
}

const cm = (t: CaseContext, name: string, data: Record<string, string>): Obj => {
  const o = t.fx.configMap(name, { data });
  return o;
};

export default [
  defineCase({
    name: 'apply-without-field-manager-is-invalid',
    area: 'apply',
    spec: '5.4, 13.19',
    description: 'An apply patch without fieldManager gives 422 "fieldManager: Required value: is required for apply patch".',
    async run(t) {
      const res = await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '1' }), undefined);
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('details', res.json.details, { group: 'meta.k8s.io', kind: 'PatchOptions' });
      t.should.message(res, 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    },
  }),
  defineCase({
    name: 'apply-creates-missing-object',
    area: 'apply',
    spec: '5.4, 12, 13.19',
    description: 'Apply to a missing object creates it: 201, with an Apply managedFields entry.',
    async run(t) {
      const res = await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '1' }), 'mgr');
      t.must.status(res, 201);
      t.must.equal('data', res.json.data, { a: '1' });
      t.must.subset('managedFields[0]', res.json.metadata.managedFields?.[0], {
        manager: 'mgr',
        operation: 'Apply',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
      });
      t.observeResponse('created', res);
    },
  }),
  defineCase({
    name: 'apply-yaml-body',
    area: 'apply',
    spec: '5.4',
    description: 'The apply body may be YAML.',
    async run(t) {
      const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\n  labels:\n    kubeharness.io/run: "${t.runId}"\ndata:\n  a: "1"\n`;
      const res = await apply(t, R.configmaps, 'cm1', yaml, 'mgr');
      t.must.status(res, 201);
      t.must.equal('data', res.json.data, { a: '1' });
    },
  }),
  defineCase({
    name: 'apply-again-is-200',
    area: 'apply',
    spec: '4.1',
    description: 'A second apply of an existing object answers 200; the same apply again changes nothing (same RV).',
    async run(t) {
      t.must.status(await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '1' }), 'mgr'), 201);
      const second = await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '2' }), 'mgr');
      t.must.status(second, 200);
      t.must.equal('data', second.json.data, { a: '2' });
      const third = await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '2' }), 'mgr');
      t.must.status(third, 200);
      t.must.equal('no-op keeps RV', third.json.metadata.resourceVersion, second.json.metadata.resourceVersion);
    },
  }),
  defineCase({
    name: 'apply-conflict-is-409',
    area: 'apply',
    spec: '5.4, 13.19',
    description: 'Applying a different value for a field another manager owns gives 409 Conflict with a FieldManagerConflict cause.',
    async run(t) {
      t.must.status(await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '1' }), 'm1'), 201);
      const res = await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '2' }), 'm2');
      t.must.statusError(res, 409, 'Conflict');
      t.must.equal('causes', res.json.details?.causes, [
        { reason: 'FieldManagerConflict', message: 'conflict with "m1"', field: '.data.a' },
      ]);
      t.should.message(res, 'Apply failed with 1 conflict: conflict with "m1": .data.a');
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'apply-conflict-with-update-manager',
    area: 'apply',
    spec: '5.4',
    description: 'A field set by an Update (PUT/PATCH) manager also conflicts with a later apply.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }), { query: { fieldManager: 'updater' } });
      const res = await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '2' }), 'applier');
      t.must.statusError(res, 409, 'Conflict');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldManagerConflict', field: '.data.a' });
    },
  }),
  defineCase({
    name: 'apply-force-takes-ownership',
    area: 'apply',
    spec: '5.4, 12, 13.19',
    description: 'force=true resolves the conflict (200) and moves ownership to the new manager.',
    async run(t) {
      t.must.status(await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '1' }), 'm1'), 201);
      const res = await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '2' }), 'm2', { force: 'true' });
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: '2' });
      const m2 = (res.json.metadata.managedFields as Obj[]).find((m) => m.manager === 'm2');
      t.must.present('m2 owns .data.a', m2?.fieldsV1?.['f:data']?.['f:a']);
      const m1 = (res.json.metadata.managedFields as Obj[]).find((m) => m.manager === 'm1');
      t.must.absent('m1 no longer owns .data.a', m1?.fieldsV1?.['f:data']?.['f:a']);
    },
  }),
  defineCase({
    name: 'apply-removes-owned-field-left-out',
    area: 'apply',
    spec: '5.4, 12',
    description: 'A field the manager owned but left out of the next apply is removed.',
    async run(t) {
      t.must.status(await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '1', b: '2' }), 'mgr'), 201);
      const res = await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '1' }), 'mgr');
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: '1' });
    },
  }),
  defineCase({
    name: 'apply-shared-ownership-keeps-field',
    area: 'apply',
    spec: '5.4, 12',
    description: 'Two managers applying the same value share it; one leaving it out does not remove it.',
    async run(t) {
      t.must.status(await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '1', b: '2' }), 'm1'), 201);
      t.must.status(await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { b: '2' }), 'm2'), 200);
      const res = await apply(t, R.configmaps, 'cm1', cm(t, 'cm1', { a: '1' }), 'm1');
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: '1', b: '2' });
    },
  }),
  defineCase({
    name: 'apply-managed-fields-in-body-is-bad-request',
    area: 'apply',
    spec: '5.4',
    description: 'metadata.managedFields in an apply body gives 400 "metadata.managedFields must be nil".',
    async run(t) {
      const body = cm(t, 'cm1', { a: '1' });
      body.metadata.managedFields = [{ manager: 'x', operation: 'Apply' }];
      const res = await apply(t, R.configmaps, 'cm1', body, 'mgr');
      t.must.statusError(res, 400, 'BadRequest');
      t.should.message(res, 'metadata.managedFields must be nil');
    },
  }),
  defineCase({
    name: 'apply-wrong-api-version-is-bad-request',
    area: 'apply',
    spec: '5.4',
    description: 'An apply body whose apiVersion does not match the endpoint gives 400.',
    async run(t) {
      const body = { ...cm(t, 'cm1', { a: '1' }), apiVersion: 'apps/v1' };
      const res = await apply(t, R.configmaps, 'cm1', body, 'mgr');
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'apply-unknown-field-fails',
    area: 'apply',
    spec: '5.4',
    description:
      'An unknown field in an apply to a typed object fails with 500 "failed to create typed patch object ... field not declared in schema".',
    async run(t) {
      const body = { ...cm(t, 'cm1', { a: '1' }), spec: { a: '2' } };
      const res = await apply(t, R.configmaps, 'cm1', body, 'mgr');
      t.must.status(res, 500);
      t.should.match('message', res.json?.message, /^failed to create typed patch object .*\.spec: field not declared in schema$/);
    },
  }),
  defineCase({
    name: 'apply-main-resource-does-not-change-status',
    area: 'apply',
    spec: '5.4, 12',
    description: 'An apply to the main resource leaves status alone; an apply to /status changes it (e2e "should work for subresources").',
    async run(t) {
      const d = t.fx.deployment('d1');
      const created = await apply(t, R.deployments, 'd1', { ...d, status: { observedGeneration: 77 } }, 'mgr');
      t.must.status(created, 201);
      t.must.notEqual('status not applied through the main resource', created.json.status?.observedGeneration, 77);
      const st = await t.patch(
        R.deployments,
        'd1',
        'apply',
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd1' }, status: { observedGeneration: 55 } },
        { subresource: 'status', query: { fieldManager: 'status-mgr', force: 'true' } },
      );
      t.must.status(st, 200);
      t.must.equal('status applied through /status', st.json.status?.observedGeneration, 55);
    },
  }),
  defineCase({
    name: 'apply-strategic-list-merge',
    area: 'apply',
    spec: '5.4',
    description: 'Apply merges associative lists by key: a second manager adding a container keeps the first manager’s.',
    async run(t) {
      const d = t.fx.deployment('d1', { containers: [{ name: 'a', image: 'img:1' }] });
      t.must.status(await apply(t, R.deployments, 'd1', d, 'm1'), 201);
      const partial = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd1' },
        spec: {
          selector: d.spec.selector,
          template: { metadata: d.spec.template.metadata, spec: { containers: [{ name: 'b', image: 'img:2' }] } },
        },
      };
      const res = await apply(t, R.deployments, 'd1', partial, 'm2');
      t.must.status(res, 200);
      t.must.equal('containers', res.json.spec.template.spec.containers.map((c: Obj) => c.name).sort(), ['a', 'b']);
    },
  }),
];
