/** patch-strategic: strategic merge patch on built-ins (api-semantics.md 5.3). */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import type { Obj } from '../harness/fixtures.js';
import { R } from '../harness/resources.js';

const names = (xs: Obj[] | undefined) => (xs ?? []).map((x) => x.name);

async function deployment(t: CaseContext, containers: Obj[]): Promise<Obj> {
  return t.mustCreate(R.deployments, t.fx.deployment('d1', { containers }));
}

const tmpl = (spec: Obj) => ({ spec: { template: { spec } } });

export default [
  defineCase({
    name: 'smp-merges-containers-by-name',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'containers merge by name: a patch naming one container changes it and keeps the others.',
    async run(t) {
      await deployment(t, [
        { name: 'a', image: 'img:1' },
        { name: 'b', image: 'img:1' },
      ]);
      const res = await t.patch(R.deployments, 'd1', 'strategic', tmpl({ containers: [{ name: 'b', image: 'img:2' }] }));
      t.must.status(res, 200);
      const cs = res.json.spec.template.spec.containers;
      t.must.equal('names', names(cs), ['a', 'b']);
      t.must.equal(
        'images',
        cs.map((c: Obj) => c.image),
        ['img:1', 'img:2'],
      );
      t.observe('containers', cs);
    },
  }),
  defineCase({
    name: 'smp-adds-new-container',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'A container with a new name is added to the list.',
    async run(t) {
      await deployment(t, [{ name: 'a', image: 'img:1' }]);
      const res = await t.patch(R.deployments, 'd1', 'strategic', tmpl({ containers: [{ name: 'z', image: 'img:9' }] }));
      t.must.status(res, 200);
      t.must.equal('names', names(res.json.spec.template.spec.containers).sort(), ['a', 'z']);
    },
  }),
  defineCase({
    name: 'smp-merges-env-by-name',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'env merges by name inside a merged container.',
    async run(t) {
      await deployment(t, [
        {
          name: 'a',
          image: 'img:1',
          env: [
            { name: 'X', value: '1' },
            { name: 'Y', value: '2' },
          ],
        },
      ]);
      const res = await t.patch(
        R.deployments,
        'd1',
        'strategic',
        tmpl({ containers: [{ name: 'a', env: [{ name: 'Y', value: 'two' }] }] }),
      );
      t.must.status(res, 200);
      t.must.equal('env', res.json.spec.template.spec.containers[0].env, [
        { name: 'X', value: '1' },
        { name: 'Y', value: 'two' },
      ]);
    },
  }),
  defineCase({
    name: 'smp-delete-directive-removes-element',
    area: 'patch-strategic',
    spec: '5.3',
    description: '{"$patch": "delete", name: X} removes that element from a merged list.',
    async run(t) {
      await deployment(t, [
        { name: 'a', image: 'img:1' },
        { name: 'b', image: 'img:1' },
      ]);
      const res = await t.patch(R.deployments, 'd1', 'strategic', tmpl({ containers: [{ name: 'a', $patch: 'delete' }] }));
      t.must.status(res, 200);
      t.must.equal('names', names(res.json.spec.template.spec.containers), ['b']);
    },
  }),
  defineCase({
    name: 'smp-replace-directive-replaces-list',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'A {"$patch": "replace"} element replaces the whole list.',
    async run(t) {
      await deployment(t, [
        { name: 'a', image: 'img:1' },
        { name: 'b', image: 'img:1' },
      ]);
      const res = await t.patch(
        R.deployments,
        'd1',
        'strategic',
        tmpl({ containers: [{ name: 'c', image: 'img:3' }, { $patch: 'replace' }] }),
      );
      t.must.status(res, 200);
      t.must.equal('names', names(res.json.spec.template.spec.containers), ['c']);
    },
  }),
  defineCase({
    name: 'smp-replace-directive-on-map',
    area: 'patch-strategic',
    spec: '5.3',
    description: '"$patch": "replace" inside a map replaces the map instead of merging it.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1', b: '2' } }));
      const res = await t.patch(R.configmaps, 'cm1', 'strategic', { data: { $patch: 'replace', c: '3' } });
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { c: '3' });
    },
  }),
  defineCase({
    name: 'smp-delete-directive-on-map',
    area: 'patch-strategic',
    spec: '5.3',
    description: '"$patch": "delete" inside a map deletes the map.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1', b: '2' } }));
      const res = await t.patch(R.configmaps, 'cm1', 'strategic', { data: { $patch: 'delete' } });
      t.must.status(res, 200);
      t.must.absent('data', res.json.data);
    },
  }),
  defineCase({
    name: 'smp-finalizers-are-a-set-union',
    area: 'patch-strategic',
    spec: '5.3, 13.14',
    description: 'metadata.finalizers merge as a set: a strategic patch adds but cannot remove by omission.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { finalizers: ['example.com/a'] }));
      t.cleanup(() => t.patch(R.configmaps, 'cm1', 'merge', { metadata: { finalizers: null } }));
      const res = await t.patch(R.configmaps, 'cm1', 'strategic', { metadata: { finalizers: ['example.com/b'] } });
      t.must.status(res, 200);
      t.must.equal('finalizers (as a set)', [...res.json.metadata.finalizers].sort(), ['example.com/a', 'example.com/b']);
      t.should.equal('order: patch values first, then the rest', res.json.metadata.finalizers, ['example.com/b', 'example.com/a']);
    },
  }),
  defineCase({
    name: 'smp-delete-from-primitive-list',
    area: 'patch-strategic',
    spec: '5.3',
    description: '"$deleteFromPrimitiveList/finalizers" removes values from a merged primitive list.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { finalizers: ['example.com/a', 'example.com/b'] }));
      t.cleanup(() => t.patch(R.configmaps, 'cm1', 'merge', { metadata: { finalizers: null } }));
      const res = await t.patch(R.configmaps, 'cm1', 'strategic', {
        metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/a'] },
      });
      t.must.status(res, 200);
      t.must.equal('finalizers', res.json.metadata.finalizers, ['example.com/b']);
    },
  }),
  defineCase({
    name: 'smp-lists-without-strategy-are-replaced',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'Lists without a patch strategy (container args, tolerations) are replaced.',
    async run(t) {
      await t.mustCreate(
        R.deployments,
        (() => {
          const d = t.fx.deployment('d1', { containers: [{ name: 'a', image: 'img:1', args: ['x', 'y'] }] });
          d.spec.template.spec.tolerations = [{ key: 'k1', operator: 'Exists' }];
          return d;
        })(),
      );
      const res = await t.patch(
        R.deployments,
        'd1',
        'strategic',
        tmpl({ containers: [{ name: 'a', args: ['z'] }], tolerations: [{ key: 'k2', operator: 'Exists' }] }),
      );
      t.must.status(res, 200);
      const spec = res.json.spec.template.spec;
      t.must.equal('args replaced', spec.containers[0].args, ['z']);
      t.must.equal('tolerations replaced', spec.tolerations, [{ key: 'k2', operator: 'Exists' }]);
    },
  }),
  defineCase({
    name: 'smp-container-ports-merge-by-container-port',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'Container ports merge by containerPort.',
    async run(t) {
      await deployment(t, [{ name: 'a', image: 'img:1', ports: [{ containerPort: 80, name: 'http' }] }]);
      const res = await t.patch(
        R.deployments,
        'd1',
        'strategic',
        tmpl({ containers: [{ name: 'a', ports: [{ containerPort: 443, name: 'https' }] }] }),
      );
      t.must.status(res, 200);
      const ports = res.json.spec.template.spec.containers[0].ports.map((p: Obj) => p.containerPort).sort();
      t.must.equal('ports', ports, [443, 80]);
    },
  }),
  defineCase({
    name: 'smp-service-ports-merge-by-port',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'Service ports merge by port.',
    async run(t) {
      await t.mustCreate(R.services, t.fx.service('svc1', { ports: [{ name: 'http', port: 80 }] }));
      const res = await t.patch(R.services, 'svc1', 'strategic', { spec: { ports: [{ name: 'https', port: 443 }] } });
      t.must.status(res, 200);
      t.must.equal('ports', res.json.spec.ports.map((p: Obj) => p.port).sort(), [443, 80]);
    },
  }),
  defineCase({
    name: 'smp-set-element-order',
    area: 'patch-strategic',
    spec: '5.3',
    description: '"$setElementOrder/containers" fixes the order of a merged list.',
    async run(t) {
      await deployment(t, [
        { name: 'a', image: 'img:1' },
        { name: 'b', image: 'img:1' },
      ]);
      const res = await t.patch(
        R.deployments,
        'd1',
        'strategic',
        tmpl({ '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }], containers: [{ name: 'a', image: 'img:2' }] }),
      );
      t.must.status(res, 200);
      t.must.equal('order', names(res.json.spec.template.spec.containers), ['b', 'a']);
    },
  }),
  defineCase({
    name: 'smp-maps-merge-and-null-deletes',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'Maps merge and null deletes a key, as in a merge patch.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1', b: '2' } }));
      const res = await t.patch(R.configmaps, 'cm1', 'strategic', { data: { a: null, c: '3' } });
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { b: '2', c: '3' });
    },
  }),
  defineCase({
    name: 'smp-malformed-is-bad-request',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'A strategic merge patch that is not JSON gives 400.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.patch(R.configmaps, 'cm1', 'strategic', '{oops');
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'smp-owner-references-merge-by-uid',
    area: 'patch-strategic',
    spec: '5.3',
    description: 'metadata.ownerReferences merge by uid.',
    async run(t) {
      const o1 = await t.mustCreate(R.configmaps, t.fx.configMap('owner1'));
      const o2 = await t.mustCreate(R.configmaps, t.fx.configMap('owner2'));
      const ref1 = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner1', uid: o1.metadata.uid };
      const ref2 = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner2', uid: o2.metadata.uid };
      await t.mustCreate(R.configmaps, t.fx.configMap('dep', { ownerReferences: [ref1] }));
      const res = await t.patch(R.configmaps, 'dep', 'strategic', { metadata: { ownerReferences: [ref2] } });
      t.must.status(res, 200);
      t.must.equal('owners', res.json.metadata.ownerReferences.map((r: Obj) => r.name).sort(), ['owner1', 'owner2']);
    },
  }),
  defineCase({
    name: 'smp-missing-object-is-not-found',
    area: 'patch-strategic',
    spec: '4.1',
    description: 'A strategic merge patch on a missing object gives 404.',
    async run(t) {
      const res = await t.patch(R.configmaps, 'missing', 'strategic', { data: { a: '1' } });
      t.must.statusError(res, 404, 'NotFound');
    },
  }),
];
