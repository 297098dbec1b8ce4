/** namespaces: lifecycle, admission, the namespace controller (api-semantics.md section 7). */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import type { Obj } from '../harness/fixtures.js';
import { R } from '../harness/resources.js';

const HOLD = 'example.com/hold';
/**
 * On a real cluster the namespace controller works through a queue shared with every case
 * namespace the harness deletes, so under a full suite run it can lag by minutes.
 */
const NAMESPACE_CONTROLLER_WAIT_MS = 180_000;

/**
 * An extra namespace held in Terminating by a ConfigMap with a finalizer (the namespace controller
 * cannot finish until the finalizer goes). The cleanup releases it.
 */
async function terminatingNamespace(t: CaseContext): Promise<{ name: string; deleted: Obj }> {
  const ns = await t.createNamespace('kh-term');
  const name = ns.metadata.name;
  await t.mustCreate(R.configmaps, t.fx.configMap('held', { finalizers: [HOLD] }), { ns: name });
  t.cleanup(() => t.patch(R.configmaps, 'held', 'merge', { metadata: { finalizers: null } }, { ns: name }));
  const res = await t.request('DELETE', `/api/v1/namespaces/${name}`);
  t.must.status(res, 200);
  return { name, deleted: res.json };
}

export default [
  defineCase({
    name: 'namespace-create-in-missing-namespace-is-not-found',
    area: 'namespaces',
    spec: '7, 13.17',
    description: 'Creating in a namespace that does not exist gives 404 `namespaces "x" not found` with details {name, kind: namespaces}.',
    async run(t) {
      const missing = t.name('kh-missing');
      const res = await t.create(R.configmaps, t.fx.configMap('a'), { ns: missing });
      t.must.statusError(res, 404, 'NotFound');
      t.must.equal('details', res.json.details, { name: missing, kind: 'namespaces' });
      t.should.message(res, `namespaces "${missing}" not found`);
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'namespace-get-in-missing-namespace-is-object-not-found',
    area: 'namespaces',
    spec: '7',
    description: 'GET of an object in a missing namespace gives the object’s own 404.',
    async run(t) {
      const res = await t.get(R.configmaps, 'a', { ns: t.name('kh-missing') });
      t.must.statusError(res, 404, 'NotFound');
      t.must.subset('details', res.json.details, { name: 'a', kind: 'configmaps' });
    },
  }),
  defineCase({
    name: 'namespace-delete-returns-terminating-namespace',
    area: 'namespaces',
    spec: '7',
    description:
      'DELETE of a namespace answers 200 with the Namespace: deletionTimestamp set, status.phase Terminating, finalizer kubernetes kept.',
    async run(t) {
      const { deleted } = await terminatingNamespace(t);
      t.must.equal('kind', deleted.kind, 'Namespace');
      t.must.present('deletionTimestamp', deleted.metadata?.deletionTimestamp);
      t.must.equal('status.phase', deleted.status?.phase, 'Terminating');
      t.must.equal('spec.finalizers', deleted.spec?.finalizers, ['kubernetes']);
      t.must.absent('no deletionGracePeriodSeconds (the namespace store does not set one)', deleted.metadata?.deletionGracePeriodSeconds);
      t.observe('deleted', deleted);
    },
  }),
  defineCase({
    name: 'namespace-create-in-terminating-namespace-is-forbidden',
    area: 'namespaces',
    spec: '7, 13.17',
    description: 'Creating in a terminating namespace gives 403 Forbidden with cause NamespaceTerminating.',
    async run(t) {
      const { name } = await terminatingNamespace(t);
      const res = await t.create(R.configmaps, t.fx.configMap('late'), { ns: name });
      t.must.statusError(res, 403, 'Forbidden');
      t.must.subset('details', res.json.details, { name: 'late', kind: 'configmaps' });
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'NamespaceTerminating', field: 'metadata.namespace' });
      t.should.message(
        res,
        `configmaps "late" is forbidden: unable to create new content in namespace ${name} because it is being terminated`,
      );
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'namespace-terminating-generate-name-uses-prefix',
    area: 'namespaces',
    spec: '7',
    description: 'For a generateName create in a terminating namespace, the 403 names the generateName prefix.',
    async run(t) {
      const { name } = await terminatingNamespace(t);
      const res = await t.create(R.configmaps, t.fx.configMap(undefined, { generateName: 'gen-' }), { ns: name });
      t.must.statusError(res, 403, 'Forbidden');
      t.must.equal('details.name', res.json.details?.name, 'gen-');
    },
  }),
  defineCase({
    name: 'namespace-terminating-allows-updates',
    area: 'namespaces',
    spec: '7',
    description: 'Updates and deletes in a terminating namespace are not blocked by the lifecycle admission.',
    async run(t) {
      const { name } = await terminatingNamespace(t);
      const res = await t.patch(R.configmaps, 'held', 'merge', { data: { still: 'writable' } }, { ns: name });
      t.must.status(res, 200);
    },
  }),
  defineCase({
    name: 'namespace-second-delete-returns-namespace',
    area: 'namespaces',
    spec: '7',
    description: 'A second DELETE of a terminating namespace answers 200 with the unchanged Namespace.',
    async run(t) {
      const { name, deleted } = await terminatingNamespace(t);
      const res = await t.request('DELETE', `/api/v1/namespaces/${name}`);
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'Namespace');
      t.must.equal('deletionTimestamp unchanged', res.json.metadata?.deletionTimestamp, deleted.metadata.deletionTimestamp);
    },
  }),
  defineCase({
    name: 'namespace-terminating-conditions',
    area: 'namespaces',
    spec: '7',
    timeoutMs: NAMESPACE_CONTROLLER_WAIT_MS + 20_000,
    description:
      'While content with finalizers remains, the namespace controller reports NamespaceContentRemaining and NamespaceFinalizersRemaining conditions.',
    async run(t) {
      const { name } = await terminatingNamespace(t);
      const conds = await t.poll(
        'NamespaceFinalizersRemaining condition',
        async () => {
          const ns = await t.request('GET', `/api/v1/namespaces/${name}`);
          const c = (ns.json?.status?.conditions ?? []) as Obj[];
          return c.some((x) => x.type === 'NamespaceFinalizersRemaining' && x.status === 'True') ? c : undefined;
        },
        { timeoutMs: NAMESPACE_CONTROLLER_WAIT_MS, intervalMs: 500 },
      );
      t.must.ok(
        'NamespaceContentRemaining=True',
        conds.some((c) => c.type === 'NamespaceContentRemaining' && c.status === 'True'),
        conds,
      );
      t.should.subset(
        'NamespaceFinalizersRemaining',
        conds.find((c) => c.type === 'NamespaceFinalizersRemaining'),
        {
          reason: 'SomeFinalizersRemain',
          message: `Some content in the namespace has finalizers remaining: ${HOLD} in 1 resource instances`,
        },
      );
    },
  }),
  defineCase({
    name: 'namespace-deletion-removes-content-and-namespace',
    area: 'namespaces',
    spec: '7',
    timeoutMs: NAMESPACE_CONTROLLER_WAIT_MS + 20_000,
    description: 'Deleting a namespace removes its content, then the namespace itself (asynchronously).',
    async run(t) {
      const ns = await t.createNamespace('kh-gone');
      const name = ns.metadata.name;
      await t.mustCreate(R.configmaps, t.fx.configMap('a'), { ns: name });
      await t.mustCreate(R.secrets, t.fx.secret('s'), { ns: name });
      t.must.status(await t.request('DELETE', `/api/v1/namespaces/${name}`), 200);
      await t.poll(
        'the namespace is gone',
        async () => ((await t.request('GET', `/api/v1/namespaces/${name}`)).status === 404 ? true : undefined),
        {
          timeoutMs: NAMESPACE_CONTROLLER_WAIT_MS,
          intervalMs: 500,
        },
      );
      const cms = await t.list(R.configmaps, { ns: name });
      t.must.equal('no configmaps left', cms.json.items, []);
    },
  }),
  defineCase({
    name: 'namespace-release-finalizer-completes-deletion',
    area: 'namespaces',
    spec: '7',
    timeoutMs: NAMESPACE_CONTROLLER_WAIT_MS + 20_000,
    description: 'Once the last finalizer in a terminating namespace is released, the namespace goes away.',
    async run(t) {
      const { name } = await terminatingNamespace(t);
      t.must.status(await t.patch(R.configmaps, 'held', 'merge', { metadata: { finalizers: null } }, { ns: name }), 200);
      await t.poll(
        'the namespace is gone',
        async () => ((await t.request('GET', `/api/v1/namespaces/${name}`)).status === 404 ? true : undefined),
        {
          timeoutMs: NAMESPACE_CONTROLLER_WAIT_MS,
          intervalMs: 500,
        },
      );
    },
  }),
  defineCase({
    name: 'namespace-delete-default-is-forbidden',
    area: 'namespaces',
    spec: '7',
    description: 'The default namespace cannot be deleted: 403 "this namespace may not be deleted".',
    async run(t) {
      const res = await t.request('DELETE', '/api/v1/namespaces/default', { query: { dryRun: 'All' } });
      t.must.statusError(res, 403, 'Forbidden');
      t.must.subset('details', res.json.details, { name: 'default', kind: 'namespaces' });
      t.should.message(res, 'namespaces "default" is forbidden: this namespace may not be deleted');
    },
  }),
  defineCase({
    name: 'namespace-delete-kube-system-is-forbidden',
    area: 'namespaces',
    spec: '7',
    description: 'kube-system and kube-public cannot be deleted either.',
    async run(t) {
      for (const ns of ['kube-system', 'kube-public']) {
        const res = await t.request('DELETE', `/api/v1/namespaces/${ns}`, { query: { dryRun: 'All' } });
        t.must.statusError(res, 403, 'Forbidden');
      }
    },
  }),
  defineCase({
    name: 'namespace-spec-finalizers-reset-by-update',
    area: 'namespaces',
    spec: '7',
    description: 'spec.finalizers cannot be changed through the main resource: a PUT without them keeps ["kubernetes"].',
    async run(t) {
      const ns = await t.createNamespace('kh-fin');
      const body = structuredClone(ns);
      body.spec = { finalizers: [] };
      const res = await t.request('PUT', `/api/v1/namespaces/${ns.metadata.name}`, { body });
      t.must.status(res, 200);
      t.must.equal('spec.finalizers', res.json.spec?.finalizers, ['kubernetes']);
    },
  }),
  defineCase({
    name: 'namespace-finalize-subresource-sets-finalizers',
    area: 'namespaces',
    spec: '7, 12',
    description: 'PUT /finalize changes spec.finalizers (e2e "should apply a finalizer to a Namespace").',
    async run(t) {
      const ns = await t.createNamespace('kh-fin');
      const name = ns.metadata.name;
      const body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes', 'example.com/fake'] } };
      const res = await t.request('PUT', `/api/v1/namespaces/${name}/finalize`, { body });
      t.cleanup(() => t.request('PUT', `/api/v1/namespaces/${name}/finalize`, { body: { ...body, spec: { finalizers: ['kubernetes'] } } }));
      t.must.status(res, 200);
      t.must.equal('spec.finalizers', res.json.spec?.finalizers, ['kubernetes', 'example.com/fake']);
      const get = await t.request('GET', `/api/v1/namespaces/${name}`);
      t.must.equal('stored', get.json.spec?.finalizers, ['kubernetes', 'example.com/fake']);
    },
  }),
  defineCase({
    name: 'namespace-status-subresource-update',
    area: 'namespaces',
    spec: '12',
    description: 'A patch to /status can add a status condition (e2e "should apply changes to a namespace status").',
    async run(t) {
      const ns = await t.createNamespace('kh-status');
      const cond = { type: 'StatusUpdate', status: 'True', reason: 'E2E', message: 'Set from an e2e test' };
      const res = await t.request('PATCH', `/api/v1/namespaces/${ns.metadata.name}/status`, {
        body: { status: { conditions: [cond] } },
        contentType: 'application/merge-patch+json',
      });
      t.must.status(res, 200);
      t.must.subset(
        'condition',
        (res.json.status?.conditions ?? []).find((c: Obj) => c.type === 'StatusUpdate'),
        cond,
      );
      t.must.equal('phase unchanged', res.json.status?.phase, 'Active');
    },
  }),
  defineCase({
    name: 'namespace-main-update-keeps-status',
    area: 'namespaces',
    spec: '7',
    description: 'status cannot be changed through the main resource.',
    async run(t) {
      const ns = await t.createNamespace('kh-status');
      const body = structuredClone(ns);
      body.status = { phase: 'Terminating' };
      const res = await t.request('PUT', `/api/v1/namespaces/${ns.metadata.name}`, { body });
      t.must.status(res, 200);
      t.must.equal('status.phase', res.json.status?.phase, 'Active');
    },
  }),
  defineCase({
    name: 'namespace-patch-labels',
    area: 'namespaces',
    spec: '12',
    description: 'Labels on a namespace can be patched (e2e "should patch a Namespace").',
    async run(t) {
      const ns = await t.createNamespace('kh-patch');
      const res = await t.request('PATCH', `/api/v1/namespaces/${ns.metadata.name}`, {
        body: { metadata: { labels: { testLabel: 'testValue' } } },
        contentType: 'application/strategic-merge-patch+json',
      });
      t.must.status(res, 200);
      t.must.equal('label', res.json.metadata.labels?.testLabel, 'testValue');
      t.must.equal('name label kept', res.json.metadata.labels?.['kubernetes.io/metadata.name'], ns.metadata.name);
    },
  }),
  defineCase({
    name: 'namespace-invalid-name-is-invalid',
    area: 'namespaces',
    spec: '8.2',
    description: 'A namespace name that is not a DNS label gives 422 on metadata.name.',
    async run(t) {
      const res = await t.request('POST', '/api/v1/namespaces', { body: t.fx.namespace('bad.name.with.dots') });
      if (res.status === 201) t.cleanup(() => t.request('DELETE', '/api/v1/namespaces/bad.name.with.dots'));
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { field: 'metadata.name' });
    },
  }),
  defineCase({
    name: 'namespaced-resource-by-name-at-cluster-path-is-not-found',
    area: 'namespaces',
    spec: '7',
    description:
      'GET /api/v1/configmaps/NAME (no namespace segment) is not a route: 404 "the server could not find the requested resource".',
    async run(t) {
      const res = await t.request('GET', '/api/v1/configmaps/some-name');
      t.must.statusError(res, 404, 'NotFound');
      t.should.message(res, 'the server could not find the requested resource');
    },
  }),
];
