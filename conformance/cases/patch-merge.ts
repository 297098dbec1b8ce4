/** patch-merge: RFC 7386 JSON Merge Patch and patch content types (api-semantics.md 5, 5.2). */
import { defineCase } from '../define.js';
import { R } from '../harness/resources.js';

export default [
  defineCase({
    name: 'merge-patch-merges-maps',
    area: 'patch-merge',
    spec: '5.2',
    description: 'Maps merge recursively: new keys are added, others kept.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' }, labels: { x: '1' } }));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { data: { b: '2' }, metadata: { labels: { y: '2' } } });
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: '1', b: '2' });
      t.must.subset('labels', res.json.metadata.labels, { x: '1', y: '2' });
      t.observeResponse('patched', res);
    },
  }),
  defineCase({
    name: 'merge-patch-null-deletes-key',
    area: 'patch-merge',
    spec: '5.2',
    description: 'null deletes a key.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1', b: '2' }, labels: { gone: 'soon' } }));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { data: { a: null }, metadata: { labels: { gone: null } } });
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { b: '2' });
      t.must.absent('label removed', res.json.metadata.labels?.gone);
    },
  }),
  defineCase({
    name: 'merge-patch-replaces-lists',
    area: 'patch-merge',
    spec: '5.2',
    description: 'Lists are replaced whole (here the Deployment container list).',
    async run(t) {
      await t.mustCreate(
        R.deployments,
        t.fx.deployment('d1', {
          containers: [
            { name: 'a', image: 'img:1' },
            { name: 'b', image: 'img:1' },
          ],
        }),
      );
      const res = await t.patch(R.deployments, 'd1', 'merge', {
        spec: { template: { spec: { containers: [{ name: 'c', image: 'img:2' }] } } },
      });
      t.must.status(res, 200);
      t.must.equal(
        'containers',
        res.json.spec.template.spec.containers.map((c: { name: string }) => c.name),
        ['c'],
      );
    },
  }),
  defineCase({
    name: 'merge-patch-replaces-finalizers',
    area: 'patch-merge',
    spec: '5.3',
    description: 'A merge patch replaces metadata.finalizers (unlike strategic merge, which unions).',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { finalizers: ['example.com/a', 'example.com/b'] }));
      t.cleanup(() => t.patch(R.configmaps, 'cm1', 'merge', { metadata: { finalizers: null } }));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { metadata: { finalizers: ['example.com/c'] } });
      t.must.status(res, 200);
      t.must.equal('finalizers', res.json.metadata.finalizers, ['example.com/c']);
    },
  }),
  defineCase({
    name: 'merge-patch-missing-object-is-not-found',
    area: 'patch-merge',
    spec: '4.1, 13.18',
    description: 'A merge patch on a missing object gives 404 (no create).',
    async run(t) {
      const res = await t.patch(R.configmaps, 'missing', 'merge', { data: { a: '1' } });
      t.must.statusError(res, 404, 'NotFound');
      t.should.message(res, 'configmaps "missing" not found');
    },
  }),
  defineCase({
    name: 'merge-patch-malformed-is-bad-request',
    area: 'patch-merge',
    spec: '5.2',
    description: 'A merge patch that is not JSON gives 400.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', '{"data": ');
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'merge-patch-non-object-is-bad-request',
    area: 'patch-merge',
    spec: '5.2',
    description: 'A merge patch that is a JSON array or string (not an object) gives 400 "error decoding patch".',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const arr = await t.patch(R.configmaps, 'cm1', 'merge', [1, 2]);
      t.must.statusError(arr, 400, 'BadRequest');
      t.should.match('message', arr.json.message, /^error decoding patch: /);
      const str = await t.patch(R.configmaps, 'cm1', 'merge', '"text"');
      t.must.statusError(str, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'merge-patch-charset-suffix-accepted',
    area: 'patch-merge',
    spec: '5',
    description: 'A "; charset=utf-8" suffix on the patch Content-Type is accepted.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.request('PATCH', t.path(R.configmaps, 'cm1'), {
        body: { data: { a: '1' } },
        contentType: 'application/merge-patch+json; charset=utf-8',
      });
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: '1' });
    },
  }),
  defineCase({
    name: 'patch-unknown-content-type-is-unsupported-media-type',
    area: 'patch-merge',
    spec: '5',
    description: 'A PATCH with an unknown Content-Type gives 415 UnsupportedMediaType.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.request('PATCH', t.path(R.configmaps, 'cm1'), { body: { data: { a: '1' } }, contentType: 'application/xml' });
      t.must.statusError(res, 415, 'UnsupportedMediaType');
    },
  }),
  defineCase({
    name: 'patch-plain-json-content-type-is-unsupported-media-type',
    area: 'patch-merge',
    spec: '5',
    description: 'PATCH with plain application/json is not a patch type: 415.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.request('PATCH', t.path(R.configmaps, 'cm1'), { body: { data: { a: '1' } }, contentType: 'application/json' });
      t.must.statusError(res, 415, 'UnsupportedMediaType');
    },
  }),
  defineCase({
    name: 'merge-patch-rename-is-bad-request',
    area: 'patch-merge',
    spec: '1.2',
    description: 'A merge patch that changes metadata.name gives 400.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { metadata: { name: 'zz' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.message(res, 'the name of the object (zz) does not match the name on the URL (cm1)');
    },
  }),
  defineCase({
    name: 'merge-patch-status-subresource-changes-status-only',
    area: 'patch-merge',
    spec: '4.5',
    description: 'A merge patch to /status changes status but not spec; one to the main resource changes spec but not status.',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1', { replicas: 1 }));
      const st = await t.patch(
        R.deployments,
        'd1',
        'merge',
        { spec: { replicas: 7 }, status: { observedGeneration: 99 } },
        { subresource: 'status' },
      );
      t.must.status(st, 200);
      t.must.equal('status written through /status', st.json.status?.observedGeneration, 99);
      t.must.equal('spec ignored through /status', st.json.spec.replicas, 1);
      const main = await t.patch(R.deployments, 'd1', 'merge', { spec: { replicas: 2 }, status: { observedGeneration: 12345 } });
      t.must.status(main, 200);
      t.must.equal('spec written through the main resource', main.json.spec.replicas, 2);
      t.must.notEqual('status ignored through the main resource', main.json.status?.observedGeneration, 12345);
    },
  }),
];
