/** Status and scale subresources (area crud; api-semantics.md 4.5, 4.6). */
import { defineCase } from '../define.js';
import { R } from '../harness/resources.js';

export default [
  defineCase({
    name: 'update-status-subresource-keeps-spec',
    area: 'crud',
    spec: '4.5',
    description: 'PUT on /status writes status and keeps spec (and for Deployments labels) from the stored object.',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1', { replicas: 1 }));
      // The deployment controller may write status meanwhile: read-modify-write with retries.
      const res = await t.retryOnConflict(async () => {
        const body = await t.mustGet(R.deployments, 'd1');
        body.spec.replicas = 5;
        body.metadata.labels = { ...body.metadata.labels, via: 'status' };
        body.status = { observedGeneration: 42 };
        return t.put(R.deployments, 'd1', body, { subresource: 'status' });
      });
      t.must.status(res, 200);
      t.must.equal('status', res.json.status?.observedGeneration, 42);
      t.must.equal('spec kept', res.json.spec.replicas, 1);
      t.must.absent('label change ignored', res.json.metadata.labels?.via);
    },
  }),
  defineCase({
    name: 'get-status-subresource',
    area: 'crud',
    spec: '4.5',
    description: 'GET /status returns the whole object.',
    async run(t) {
      const d = await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      const res = await t.get(R.deployments, 'd1', { subresource: 'status' });
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'Deployment');
      t.must.equal('uid', res.json.metadata.uid, d.metadata.uid);
    },
  }),
  defineCase({
    name: 'scale-subresource-get-and-update',
    area: 'crud',
    spec: '4.6',
    description: 'GET /scale returns autoscaling/v1 Scale; PUT /scale changes the Deployment spec.replicas.',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1', { replicas: 1 }));
      const scale = await t.get(R.deployments, 'd1', { subresource: 'scale' });
      t.must.status(scale, 200);
      t.must.equal('kind/apiVersion', [scale.json.kind, scale.json.apiVersion], ['Scale', 'autoscaling/v1']);
      t.must.equal('spec.replicas', scale.json.spec?.replicas, 1);
      t.must.equal('metadata.name', scale.json.metadata?.name, 'd1');
      t.must.equal('status.selector', scale.json.status?.selector, 'app=d1');
      const put = await t.retryOnConflict(async () => {
        const current = await t.get(R.deployments, 'd1', { subresource: 'scale' });
        return t.put(R.deployments, 'd1', { ...current.json, spec: { replicas: 3 } }, { subresource: 'scale' });
      });
      t.must.status(put, 200);
      t.must.equal('scaled', put.json.spec?.replicas, 3);
      const d = await t.mustGet(R.deployments, 'd1');
      t.must.equal('deployment spec.replicas', d.spec.replicas, 3);
    },
  }),
  defineCase({
    name: 'scale-subresource-stale-resource-version-is-conflict',
    area: 'crud',
    spec: '4.6',
    description: 'metadata.resourceVersion in a Scale is a precondition: stale gives 409.',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1', { replicas: 1 }));
      const scale = await t.get(R.deployments, 'd1', { subresource: 'scale' });
      t.must.status(await t.patch(R.deployments, 'd1', 'merge', { metadata: { labels: { bump: 'x' } } }), 200);
      const res = await t.put(R.deployments, 'd1', { ...scale.json, spec: { replicas: 4 } }, { subresource: 'scale' });
      t.must.statusError(res, 409, 'Conflict');
    },
  }),
  defineCase({
    name: 'scale-subresource-merge-patch',
    area: 'crud',
    spec: '4.6',
    description: 'A merge patch on /scale changes the replicas.',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1', { replicas: 1 }));
      const res = await t.patch(R.deployments, 'd1', 'merge', { spec: { replicas: 2 } }, { subresource: 'scale' });
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'Scale');
      t.must.equal('replicas', res.json.spec?.replicas, 2);
    },
  }),
];
