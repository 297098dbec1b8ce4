/** field-validation: fieldValidation=Ignore|Warn|Strict (api-semantics.md 4.8). */
import { defineCase } from '../define.js';
import { R } from '../harness/resources.js';

export default [
  defineCase({
    name: 'field-validation-strict-unknown-field-is-bad-request',
    area: 'field-validation',
    spec: '4.8, 12',
    description: 'Strict create with unknown fields gives 400 "cannot be handled as a ConfigMap: strict decoding error: unknown field".',
    async run(t) {
      const body = { ...t.fx.configMap('cm1'), foo: 'bar' };
      const res = await t.create(R.configmaps, body, { query: { fieldValidation: 'Strict' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.message(res, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "foo"');
      t.must.status(await t.get(R.configmaps, 'cm1'), 404);
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'field-validation-strict-unknown-metadata-field',
    area: 'field-validation',
    spec: '4.8, 12',
    description: 'Strict create with an unknown metadata field gives 400 naming "metadata.foo".',
    async run(t) {
      const body = t.fx.configMap('cm1');
      body.metadata.foo = 1;
      const res = await t.create(R.configmaps, body, { query: { fieldValidation: 'Strict' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, /strict decoding error: unknown field "metadata\.foo"/);
    },
  }),
  defineCase({
    name: 'field-validation-strict-duplicate-field-is-bad-request',
    area: 'field-validation',
    spec: '4.8, 12',
    description: 'Strict create with a duplicated field gives 400 "duplicate field".',
    async run(t) {
      const text = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1"},"data":{"a":"1"},"data":{"b":"2"}}`;
      const res = await t.create(R.configmaps, text, { query: { fieldValidation: 'Strict' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, /strict decoding error: duplicate field "data"/);
    },
  }),
  defineCase({
    name: 'field-validation-strict-update-unknown-field',
    area: 'field-validation',
    spec: '4.8',
    description: 'Strict PUT with an unknown field gives 400.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.put(R.configmaps, 'cm1', { ...created, extra: true }, { query: { fieldValidation: 'Strict' } });
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'field-validation-warn-is-default',
    area: 'field-validation',
    spec: '4.8',
    description: 'Without fieldValidation (Warn) an unknown field is dropped and reported in a Warning: 299 header.',
    async run(t) {
      const res = await t.create(R.configmaps, { ...t.fx.configMap('cm1'), foo: 'bar' });
      t.must.status(res, 201);
      t.must.absent('unknown field dropped', res.json.foo);
      t.must.equal('Warning header', res.headers.warning, '299 - "unknown field \\"foo\\""');
    },
  }),
  defineCase({
    name: 'field-validation-warn-explicit',
    area: 'field-validation',
    spec: '4.8',
    description: 'fieldValidation=Warn also succeeds with a Warning header.',
    async run(t) {
      const res = await t.create(R.configmaps, { ...t.fx.configMap('cm1'), foo: 'bar' }, { query: { fieldValidation: 'Warn' } });
      t.must.status(res, 201);
      t.must.match('Warning header', res.headers.warning, /^299 - "unknown field \\"foo\\""$/);
    },
  }),
  defineCase({
    name: 'field-validation-ignore-sends-no-warning',
    area: 'field-validation',
    spec: '4.8',
    description: 'fieldValidation=Ignore drops unknown fields silently (no Warning header).',
    async run(t) {
      const res = await t.create(R.configmaps, { ...t.fx.configMap('cm1'), foo: 'bar' }, { query: { fieldValidation: 'Ignore' } });
      t.must.status(res, 201);
      t.must.absent('Warning header', res.headers.warning);
      t.must.absent('unknown field dropped', res.json.foo);
    },
  }),
  defineCase({
    name: 'field-validation-unsupported-value-is-invalid',
    area: 'field-validation',
    spec: '4.8',
    description: 'An unknown fieldValidation value gives 422 (CreateOptions) listing the supported values.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1'), { query: { fieldValidation: 'Bogus' } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('details', res.json.details, { group: 'meta.k8s.io', kind: 'CreateOptions' });
      t.should.match(
        'message',
        res.json.message,
        /fieldValidation: Unsupported value: "Bogus": supported values: "", "Ignore", "Strict", "Warn"/,
      );
    },
  }),
  defineCase({
    name: 'field-validation-strict-merge-patch-is-invalid',
    area: 'field-validation',
    spec: '4.8',
    description: 'A Strict merge patch introducing an unknown field gives 422 Invalid on field "patch".',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { foo: 'x' }, { query: { fieldValidation: 'Strict' } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { field: 'patch' });
      t.should.match('message', res.json.message, /strict decoding error: unknown field "foo"/);
    },
  }),
  defineCase({
    name: 'field-validation-strict-strategic-patch-is-invalid',
    area: 'field-validation',
    spec: '4.8',
    description: 'A Strict strategic merge patch with an unknown field gives 422 Invalid.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.patch(R.configmaps, 'cm1', 'strategic', { foo: 'x' }, { query: { fieldValidation: 'Strict' } });
      t.must.statusError(res, 422, 'Invalid');
      t.should.match('message', res.json.message, /strict decoding error: unknown field "foo"/);
    },
  }),
  defineCase({
    name: 'field-validation-strict-valid-object-succeeds',
    area: 'field-validation',
    spec: '4.8',
    description: 'A Strict create of a valid object succeeds without a Warning.',
    async run(t) {
      const res = await t.create(R.deployments, t.fx.deployment('d1'), { query: { fieldValidation: 'Strict' } });
      t.must.status(res, 201);
      t.must.absent('Warning header', res.headers.warning);
    },
  }),
  defineCase({
    name: 'field-validation-strict-nested-unknown-field',
    area: 'field-validation',
    spec: '4.8',
    description: 'Strict reports nested unknown fields with their path (spec.replica on a Deployment).',
    async run(t) {
      const d = t.fx.deployment('d1');
      d.spec.replica = 2;
      const res = await t.create(R.deployments, d, { query: { fieldValidation: 'Strict' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.message(
        res,
        'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
      );
    },
  }),
];
