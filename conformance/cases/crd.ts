/** crd: CustomResourceDefinitions and custom resources (api-semantics.md 1.2, 4.5, 5, 6.4, 9.4). */
import { defineCase } from '../define.js';
import { CRD_GROUP, createTestCrd, crdManifest, customResource } from '../harness/crd.js';
import type { Obj } from '../harness/fixtures.js';
import { R } from '../harness/resources.js';
import { itemNames } from './util.js';

export default [
  defineCase({
    name: 'crd-becomes-established',
    area: 'crd',
    spec: '9.4',
    timeoutMs: 60_000,
    description:
      'A new CRD gets NamesAccepted=True (NoConflicts), Established=True (InitialNamesAccepted), acceptedNames and storedVersions.',
    async run(t) {
      const c = await createTestCrd(t);
      const conds = c.crd.status.conditions as Obj[];
      t.must.subset(
        'NamesAccepted',
        conds.find((x) => x.type === 'NamesAccepted'),
        { status: 'True', reason: 'NoConflicts' },
      );
      t.must.subset(
        'Established',
        conds.find((x) => x.type === 'Established'),
        { status: 'True', reason: 'InitialNamesAccepted' },
      );
      t.must.subset('acceptedNames', c.crd.status.acceptedNames, { plural: c.plural, kind: c.kind });
      t.must.equal('storedVersions', c.crd.status.storedVersions, ['v1']);
    },
  }),
  defineCase({
    name: 'crd-name-mismatch-is-invalid',
    area: 'crd',
    spec: '9.4',
    description: 'A CRD whose name is not <plural>.<group> gives 422.',
    async run(t) {
      const m = crdManifest('mismatches', 'Mismatch');
      m.metadata.name = `wrong.${CRD_GROUP}`;
      const res = await t.request('POST', t.path(R.crds), { body: m });
      if (res.status === 201) t.cleanup(() => t.request('DELETE', t.path(R.crds, m.metadata.name)));
      t.must.statusError(res, 422, 'Invalid');
      t.should.match(
        'message',
        res.json.message,
        /metadata\.name: Invalid value: "wrong\.conformance\.kubeharness\.io": must be spec\.names\.plural\+"\."\+spec\.group/,
      );
    },
  }),
  defineCase({
    name: 'crd-custom-resource-create-get-list',
    area: 'crd',
    spec: '2.3, 4.2',
    timeoutMs: 60_000,
    description: 'Custom resources: create 201 with generation 1, GET, and list items that keep kind/apiVersion.',
    async run(t) {
      const c = await createTestCrd(t);
      const created = await t.mustCreate(c.ref, customResource(t, c, 'cr1', { replicas: 1 }));
      t.must.equal('generation', created.metadata.generation, 1);
      const get = await t.get(c.ref, 'cr1');
      t.must.status(get, 200);
      t.must.equal('spec', get.json.spec, { replicas: 1 });
      const list = await t.list(c.ref);
      t.must.status(list, 200);
      t.must.equal('list kind', list.json.kind, `${c.kind}List`);
      t.must.equal('items keep kind/apiVersion', [list.json.items?.[0]?.kind, list.json.items?.[0]?.apiVersion], [c.kind, c.apiVersion]);
    },
  }),
  defineCase({
    name: 'crd-custom-resource-update-without-resource-version-is-invalid',
    area: 'crd',
    spec: '1.2, 13.3',
    timeoutMs: 60_000,
    description: 'PUT of a custom resource without resourceVersion gives 422 "must be specified for an update".',
    async run(t) {
      const c = await createTestCrd(t);
      await t.mustCreate(c.ref, customResource(t, c, 'cr1'));
      const res = await t.put(c.ref, 'cr1', customResource(t, c, 'cr1', { replicas: 2 }));
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueInvalid', field: 'metadata.resourceVersion' });
      t.should.match('message', res.json.message, /metadata\.resourceVersion: Invalid value: 0: must be specified for an update/);
    },
  }),
  defineCase({
    name: 'crd-custom-resource-put-missing-is-not-found',
    area: 'crd',
    spec: '12',
    timeoutMs: 60_000,
    description: 'PUT of a missing custom resource gives 404 (no create-on-update).',
    async run(t) {
      const c = await createTestCrd(t);
      const body = customResource(t, c, 'nope');
      body.metadata.resourceVersion = '1';
      const res = await t.put(c.ref, 'nope', body);
      t.must.statusError(res, 404, 'NotFound');
    },
  }),
  defineCase({
    name: 'crd-strategic-merge-patch-is-unsupported',
    area: 'crd',
    spec: '5, 13.18',
    timeoutMs: 60_000,
    description: 'Strategic merge patch on a custom resource gives 415 listing the accepted patch types.',
    async run(t) {
      const c = await createTestCrd(t);
      await t.mustCreate(c.ref, customResource(t, c, 'cr1'));
      const res = await t.patch(c.ref, 'cr1', 'strategic', { spec: { replicas: 3 } });
      t.must.statusError(res, 415, 'UnsupportedMediaType');
      t.should.match(
        'message',
        res.json.message,
        /accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml/,
      );
    },
  }),
  defineCase({
    name: 'crd-merge-patch-and-generation',
    area: 'crd',
    spec: '4.2',
    timeoutMs: 60_000,
    description: 'A merge patch of spec bumps generation; a label change does not.',
    async run(t) {
      const c = await createTestCrd(t);
      await t.mustCreate(c.ref, customResource(t, c, 'cr1', { replicas: 1 }));
      const lab = await t.patch(c.ref, 'cr1', 'merge', { metadata: { labels: { x: 'y' } } });
      t.must.status(lab, 200);
      t.must.equal('generation after label', lab.json.metadata.generation, 1);
      const sp = await t.patch(c.ref, 'cr1', 'merge', { spec: { replicas: 2 } });
      t.must.equal('generation after spec', sp.json.metadata.generation, 2);
    },
  }),
  defineCase({
    name: 'crd-status-subresource',
    area: 'crd',
    spec: '4.5',
    timeoutMs: 60_000,
    description:
      'With a status subresource: create drops status, /status writes only status (labels ignored), the main resource keeps status.',
    async run(t) {
      const c = await createTestCrd(t, { status: true });
      const created = await t.mustCreate(c.ref, customResource(t, c, 'cr1', { replicas: 1 }, { status: { replicas: 5 } }));
      t.must.absent('status dropped on create', created.status);
      const body = structuredClone(created);
      body.status = { replicas: 3 };
      body.spec = { replicas: 9 };
      body.metadata.labels = { ...body.metadata.labels, via: 'status' };
      const st = await t.put(c.ref, 'cr1', body, { subresource: 'status' });
      t.must.status(st, 200);
      t.must.equal('status written', st.json.status, { replicas: 3 });
      t.must.equal('spec kept', st.json.spec, { replicas: 1 });
      t.must.absent('label ignored', st.json.metadata.labels?.via);
      t.must.equal('no generation bump from /status', st.json.metadata.generation, 1);
      const main = await t.patch(c.ref, 'cr1', 'merge', { status: { replicas: 100 } });
      t.must.equal('main resource keeps status', main.json.status, { replicas: 3 });
    },
  }),
  defineCase({
    name: 'crd-status-without-subresource-is-not-found',
    area: 'crd',
    spec: '4.5',
    timeoutMs: 60_000,
    description: 'Without a status subresource /status gives 404.',
    async run(t) {
      const c = await createTestCrd(t);
      await t.mustCreate(c.ref, customResource(t, c, 'cr1'));
      const res = await t.get(c.ref, 'cr1', { subresource: 'status' });
      t.must.status(res, 404);
    },
  }),
  defineCase({
    name: 'crd-scale-subresource',
    area: 'crd',
    spec: '4.6',
    timeoutMs: 60_000,
    description: 'The scale subresource maps spec/status replicas and the selector into an autoscaling/v1 Scale.',
    async run(t) {
      const c = await createTestCrd(t, { status: true, scale: true });
      await t.mustCreate(c.ref, customResource(t, c, 'cr1', { replicas: 2 }));
      const scale = await t.get(c.ref, 'cr1', { subresource: 'scale' });
      t.must.status(scale, 200);
      t.must.subset('Scale', scale.json, { kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 } });
      const put = await t.patch(c.ref, 'cr1', 'merge', { spec: { replicas: 4 } }, { subresource: 'scale' });
      t.must.status(put, 200);
      const cr = await t.mustGet(c.ref, 'cr1');
      t.must.equal('spec.replicas', cr.spec.replicas, 4);
    },
  }),
  defineCase({
    name: 'crd-delete-returns-status-with-group',
    area: 'crd',
    spec: '6.4',
    timeoutMs: 60_000,
    description: 'Deleting a custom resource answers a Success Status with details.group and details.kind = plural.',
    async run(t) {
      const c = await createTestCrd(t);
      const cr = await t.mustCreate(c.ref, customResource(t, c, 'cr1'));
      const res = await t.del(c.ref, 'cr1');
      t.must.status(res, 200);
      t.must.subset('Status', res.json, {
        kind: 'Status',
        status: 'Success',
        details: { name: 'cr1', group: CRD_GROUP, kind: c.plural, uid: cr.metadata.uid },
      });
    },
  }),
  defineCase({
    name: 'crd-field-selector-unsupported-is-bad-request',
    area: 'crd',
    spec: '9.4',
    timeoutMs: 60_000,
    description: 'Custom resources support only metadata.name/metadata.namespace field selectors: others give 400.',
    async run(t) {
      const c = await createTestCrd(t);
      const ok = await t.list(c.ref, { query: { fieldSelector: 'metadata.name=x' } });
      t.must.status(ok, 200);
      const res = await t.list(c.ref, { query: { fieldSelector: 'spec.replicas=1' } });
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'crd-appears-in-discovery',
    area: 'crd',
    spec: '9.1, 12',
    timeoutMs: 60_000,
    description: 'The CR resource appears in /apis/<group>/v1 with the CR verb set.',
    async run(t) {
      const c = await createTestCrd(t, { status: true });
      const doc = await t.poll('resource in discovery', async () => {
        const r = await t.request('GET', `/apis/${CRD_GROUP}/v1`);
        return (r.json?.resources as Obj[] | undefined)?.some((x) => x.name === c.plural) ? (r.json as Obj) : undefined;
      });
      const res = (doc.resources as Obj[]).find((x) => x.name === c.plural);
      t.must.subset('resource', res, { kind: c.kind, namespaced: true, singularName: c.kind.toLowerCase() });
      t.must.equal('verbs', [...res!.verbs].sort(), ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
      t.must.subset(
        'status subresource',
        (doc.resources as Obj[]).find((x) => x.name === `${c.plural}/status`),
        { verbs: ['get', 'patch', 'update'] },
      );
    },
  }),
  defineCase({
    name: 'crd-watch-custom-resources',
    area: 'crd',
    spec: '12',
    timeoutMs: 60_000,
    description: 'Watching custom resources sees ADDED, MODIFIED, DELETED (e2e crd_watch).',
    async run(t) {
      const c = await createTestCrd(t);
      const list = await t.list(c.ref);
      const w = await t.watch(c.ref, { resourceVersion: list.json.metadata.resourceVersion });
      await t.mustCreate(c.ref, customResource(t, c, 'cr1', { replicas: 1 }));
      t.must.status(await t.patch(c.ref, 'cr1', 'merge', { spec: { replicas: 2 } }), 200);
      t.must.status(await t.del(c.ref, 'cr1'), 200);
      const types = [await w.next(), await w.next(), await w.next()].map((e) => e?.type);
      t.must.equal('events', types, ['ADDED', 'MODIFIED', 'DELETED']);
    },
  }),
  defineCase({
    name: 'crd-sibling-lifecycle-keeps-custom-resource-semantics',
    area: 'crd',
    spec: '4.2, 4.5',
    timeoutMs: 90_000,
    description:
      'While other CRDs of the same group are created and deleted, custom resources keep CR semantics: generation 1 and status dropped on create.',
    async run(t) {
      const c = await createTestCrd(t, { status: true });
      // Siblings in the same group come and go while custom resources of `c` are created.
      const churn = (async () => {
        for (let i = 0; i < 3; i++) {
          const sibling = await createTestCrd(t);
          t.must.status(await t.request('DELETE', t.path(R.crds, `${sibling.plural}.${CRD_GROUP}`)), 200);
        }
      })();
      const seen: Obj[] = [];
      let done = false;
      void churn.finally(() => (done = true));
      for (let i = 0; !done || i < 5; i++) {
        const res = await t.create(c.ref, customResource(t, c, `cr-${i}`, { replicas: 1 }, { status: { replicas: 9 } }));
        t.must.status(res, 201);
        seen.push({ generation: res.json.metadata?.generation, status: res.json.status });
        await t.sleep(20);
      }
      await churn;
      t.must.equal(
        'every create',
        seen.filter((s) => s.generation !== 1 || s.status !== undefined),
        [],
      );
    },
  }),
  defineCase({
    name: 'crd-deletecollection-by-label',
    area: 'crd',
    spec: '12',
    timeoutMs: 60_000,
    description:
      'Custom resources can be listed by label and deleted as a collection (e2e "listing custom resource definition objects works").',
    async run(t) {
      const c = await createTestCrd(t);
      for (const n of ['a', 'b']) await t.mustCreate(c.ref, customResource(t, c, n));
      const del = await t.deleteCollection(c.ref, { query: { labelSelector: t.sel } });
      t.must.status(del, 200);
      const left = await t.list(c.ref);
      t.must.equal('nothing left', itemNames(left), []);
    },
  }),
];
