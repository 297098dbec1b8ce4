/** patch-json: RFC 6902 JSON Patch (api-semantics.md 5.1). */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import { R } from '../harness/resources.js';

async function cm(t: CaseContext, data: Record<string, string> = { a: '1', b: '2' }) {
  return t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data }));
}

export default [
  defineCase({
    name: 'json-patch-add-replace-remove',
    area: 'patch-json',
    spec: '5.1',
    description: 'add, replace and remove operations apply in order; 200 with the patched object.',
    async run(t) {
      await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', [
        { op: 'add', path: '/data/c', value: '3' },
        { op: 'replace', path: '/data/a', value: 'one' },
        { op: 'remove', path: '/data/b' },
      ]);
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: 'one', c: '3' });
      t.observeResponse('patched', res);
    },
  }),
  defineCase({
    name: 'json-patch-test-success-applies',
    area: 'patch-json',
    spec: '5.1',
    description: 'A passing test operation lets the following operations apply.',
    async run(t) {
      await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', [
        { op: 'test', path: '/data/a', value: '1' },
        { op: 'replace', path: '/data/a', value: '10' },
      ]);
      t.must.status(res, 200);
      t.must.equal('data.a', res.json.data.a, '10');
    },
  }),
  defineCase({
    name: 'json-patch-test-failure-is-invalid',
    area: 'patch-json',
    spec: '5.1, 13.18',
    description: 'A failing test operation gives 422 Invalid with the generic message and empty details; nothing changes.',
    async run(t) {
      const created = await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', [
        { op: 'test', path: '/data/a', value: 'nope' },
        { op: 'replace', path: '/data/a', value: 'changed' },
      ]);
      t.must.statusError(res, 422, 'Invalid');
      t.should.message(res, 'the server rejected our request due to an error in our request');
      t.should.equal('details', res.json.details, {});
      const after = await t.mustGet(R.configmaps, 'cm1');
      t.must.equal('unchanged', after.metadata.resourceVersion, created.metadata.resourceVersion);
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'json-patch-remove-missing-path-is-invalid',
    area: 'patch-json',
    spec: '5.1',
    description: 'remove of a missing path gives 422 Invalid.',
    async run(t) {
      await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', [{ op: 'remove', path: '/data/missing' }]);
      t.must.statusError(res, 422, 'Invalid');
    },
  }),
  defineCase({
    name: 'json-patch-replace-missing-key-adds-it',
    area: 'patch-json',
    spec: '5.1',
    description:
      'replace of a missing key inside an existing map succeeds and sets the key (the apiserver’s JSON Patch library is lenient here).',
    async run(t) {
      await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', [{ op: 'replace', path: '/data/missing', value: 'x' }]);
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: '1', b: '2', missing: 'x' });
    },
  }),
  defineCase({
    name: 'json-patch-replace-under-missing-parent-is-invalid',
    area: 'patch-json',
    spec: '5.1',
    description: 'replace below a missing parent (metadata.labels absent) gives 422 Invalid.',
    async run(t) {
      await t.mustCreate(R.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nolabels' } });
      const res = await t.patch(R.configmaps, 'nolabels', 'json', [{ op: 'replace', path: '/metadata/labels/missing', value: 'x' }]);
      t.must.statusError(res, 422, 'Invalid');
      t.should.message(res, 'the server rejected our request due to an error in our request');
    },
  }),
  defineCase({
    name: 'json-patch-malformed-is-bad-request',
    area: 'patch-json',
    spec: '5.1',
    description: 'A body that is not JSON gives 400 BadRequest "error decoding patch".',
    async run(t) {
      await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', '{not json');
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, /^error decoding patch: /);
    },
  }),
  defineCase({
    name: 'json-patch-object-body-is-bad-request',
    area: 'patch-json',
    spec: '5.1',
    description: 'A JSON Patch that is an object rather than an array gives 400.',
    async run(t) {
      await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', { op: 'add', path: '/data/y', value: '2' });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, /^error decoding patch: /);
    },
  }),
  defineCase({
    name: 'json-patch-missing-object-is-not-found',
    area: 'patch-json',
    spec: '4.1',
    description: 'A JSON patch on a missing object gives 404.',
    async run(t) {
      const res = await t.patch(R.configmaps, 'missing', 'json', [{ op: 'add', path: '/data', value: {} }]);
      t.must.statusError(res, 404, 'NotFound');
    },
  }),
  defineCase({
    name: 'json-patch-move-and-copy',
    area: 'patch-json',
    spec: '5.1',
    description: 'move and copy operations work on object members.',
    async run(t) {
      await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', [
        { op: 'move', from: '/data/a', path: '/data/moved' },
        { op: 'copy', from: '/data/b', path: '/data/copied' },
      ]);
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { b: '2', copied: '2', moved: '1' });
    },
  }),
  defineCase({
    name: 'json-patch-append-to-list',
    area: 'patch-json',
    spec: '5.1',
    description: '`/-` appends to a list (here a Deployment container list).',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      const res = await t.patch(R.deployments, 'd1', 'json', [
        { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'sidecar', image: 'registry.k8s.io/pause:3.10' } },
      ]);
      t.must.status(res, 200);
      t.must.equal(
        'containers',
        res.json.spec.template.spec.containers.map((c: { name: string }) => c.name),
        ['main', 'sidecar'],
      );
    },
  }),
  defineCase({
    name: 'json-patch-escaped-path',
    area: 'patch-json',
    spec: '5.1',
    description: 'The JSON Pointer escape ~1 (for "/") addresses keys such as prefixed label names.',
    async run(t) {
      await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', [{ op: 'add', path: '/metadata/labels/example.com~1role', value: 'web' }]);
      t.must.status(res, 200);
      t.must.equal('label', res.json.metadata.labels['example.com/role'], 'web');
    },
  }),
  defineCase({
    name: 'json-patch-rename-is-bad-request',
    area: 'patch-json',
    spec: '1.2',
    description: 'A patch that changes metadata.name gives 400 "does not match the name on the URL".',
    async run(t) {
      await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', [{ op: 'replace', path: '/metadata/name', value: 'other' }]);
      t.must.statusError(res, 400, 'BadRequest');
      t.should.message(res, 'the name of the object (other) does not match the name on the URL (cm1)');
    },
  }),
  defineCase({
    name: 'json-patch-stale-resource-version-is-conflict',
    area: 'patch-json',
    spec: '1.2',
    description: 'A JSON patch that sets a stale metadata.resourceVersion gives 409 Conflict.',
    async run(t) {
      const created = await cm(t);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { a: 'x' } }), 200);
      const res = await t.patch(R.configmaps, 'cm1', 'json', [
        { op: 'replace', path: '/metadata/resourceVersion', value: created.metadata.resourceVersion },
        { op: 'replace', path: '/data/a', value: 'y' },
      ]);
      t.must.statusError(res, 409, 'Conflict');
    },
  }),
  defineCase({
    name: 'json-patch-empty-array-is-noop',
    area: 'patch-json',
    spec: '1.1, 5.1',
    description: 'An empty JSON Patch answers 200 and keeps the resourceVersion.',
    async run(t) {
      const created = await cm(t);
      const res = await t.patch(R.configmaps, 'cm1', 'json', []);
      t.must.status(res, 200);
      t.must.equal('resourceVersion', res.json.metadata.resourceVersion, created.metadata.resourceVersion);
    },
  }),
];
