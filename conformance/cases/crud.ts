/** crud: create/get/update basics, server-set metadata, generateName, defaults, subresources. */
import { defineCase } from '../define.js';
import { R } from '../harness/resources.js';
import { DECIMAL_RE, RFC3339_SECONDS_RE, UUID_RE } from './util.js';

export default [
  defineCase({
    name: 'create-configmap-returns-201-with-server-fields',
    area: 'crud',
    spec: '4.1, 4.2, 13.1',
    description:
      'POST answers 201 with uid, creationTimestamp (RFC 3339 whole seconds), a decimal resourceVersion and one Update managedFields entry.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      t.must.status(res, 201);
      const m = res.json.metadata;
      t.must.match('metadata.uid is a UUID', m.uid, UUID_RE);
      t.must.match('metadata.creationTimestamp', m.creationTimestamp, RFC3339_SECONDS_RE);
      t.must.match('metadata.resourceVersion is decimal', m.resourceVersion, DECIMAL_RE);
      t.must.equal('metadata.namespace from the URL', m.namespace, t.ns);
      t.must.equal('kind', res.json.kind, 'ConfigMap');
      t.must.equal('apiVersion', res.json.apiVersion, 'v1');
      t.must.equal('data', res.json.data, { a: '1' });
      t.must.equal('one managedFields entry', m.managedFields?.length, 1);
      t.must.subset('managedFields[0]', m.managedFields[0], { operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1' });
      t.should.equal('manager is the User-Agent up to the first "/"', m.managedFields[0].manager, 'kubeharness-conformance');
      t.observeResponse('created', res);
    },
  }),
  defineCase({
    name: 'create-field-manager-query-parameter-names-the-manager',
    area: 'crud',
    spec: '4.2',
    description: 'The fieldManager query parameter becomes the managedFields manager.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1'), { query: { fieldManager: 'my-manager' } });
      t.must.status(res, 201);
      t.must.equal('managedFields[0].manager', res.json.metadata.managedFields?.[0]?.manager, 'my-manager');
    },
  }),
  defineCase({
    name: 'create-field-manager-too-long-is-invalid',
    area: 'crud',
    spec: '4.2',
    description: 'A fieldManager longer than 128 characters gives 422 Invalid (CreateOptions).',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1'), { query: { fieldManager: 'm'.repeat(129) } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueTooLong', field: 'fieldManager' });
      t.should.match('message names CreateOptions', res.json?.message, /^CreateOptions\.meta\.k8s\.io "" is invalid: fieldManager/);
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'get-returns-the-stored-object',
    area: 'crud',
    spec: '13.1',
    description: 'GET returns the object as created: same uid, resourceVersion and data, with kind and apiVersion.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { k: 'v' } }));
      const res = await t.get(R.configmaps, 'cm1');
      t.must.status(res, 200);
      t.must.equal('uid', res.json.metadata.uid, created.metadata.uid);
      t.must.equal('resourceVersion', res.json.metadata.resourceVersion, created.metadata.resourceVersion);
      t.must.equal('data', res.json.data, { k: 'v' });
      t.must.equal('kind/apiVersion', [res.json.kind, res.json.apiVersion], ['ConfigMap', 'v1']);
      t.observeResponse('get', res);
    },
  }),
  defineCase({
    name: 'create-existing-name-is-already-exists',
    area: 'crud',
    spec: '4.4, 13.2',
    description: 'POST with an existing name gives 409 AlreadyExists with details {name, kind: configmaps}.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('dup'));
      const res = await t.create(R.configmaps, t.fx.configMap('dup'));
      t.must.statusError(res, 409, 'AlreadyExists');
      t.must.subset('details', res.json.details, { name: 'dup', kind: 'configmaps' });
      t.must.absent('details.group for the core group', res.json.details?.group);
      t.should.message(res, 'configmaps "dup" already exists');
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'create-existing-deployment-names-the-group',
    area: 'crud',
    spec: '4.4',
    description: 'AlreadyExists for a non-core resource carries details.group and the group in the message.',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      const res = await t.create(R.deployments, t.fx.deployment('d1'));
      t.must.statusError(res, 409, 'AlreadyExists');
      t.must.subset('details', res.json.details, { name: 'd1', group: 'apps', kind: 'deployments' });
      t.should.message(res, 'deployments.apps "d1" already exists');
    },
  }),
  defineCase({
    name: 'get-missing-object-is-not-found',
    area: 'crud',
    spec: '8.2, 13.5',
    description: 'GET of a missing object gives 404 NotFound, details {name, kind}, no group for core.',
    async run(t) {
      const res = await t.get(R.configmaps, 'missing');
      t.must.statusError(res, 404, 'NotFound');
      t.must.subset('details', res.json.details, { name: 'missing', kind: 'configmaps' });
      t.must.absent('details.group', res.json.details?.group);
      t.should.message(res, 'configmaps "missing" not found');
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'get-missing-deployment-names-the-group',
    area: 'crud',
    spec: '13.5',
    description: 'GET of a missing apps/v1 Deployment gives 404 with details.group "apps".',
    async run(t) {
      const res = await t.get(R.deployments, 'missing');
      t.must.statusError(res, 404, 'NotFound');
      t.must.subset('details', res.json.details, { name: 'missing', group: 'apps', kind: 'deployments' });
      t.should.message(res, 'deployments.apps "missing" not found');
    },
  }),
  defineCase({
    name: 'create-with-resource-version-is-rejected',
    area: 'crud',
    spec: '4.2',
    description:
      'POST with metadata.resourceVersion set gives 500 "resourceVersion should not be set on objects to be created" (storage rejects it).',
    async run(t) {
      const res = await t.create(R.configmaps, { ...t.fx.configMap('cm1'), metadata: { name: 'cm1', resourceVersion: '12345' } });
      t.must.status(res, 500);
      t.must.equal('Status kind', res.json?.kind, 'Status');
      t.should.message(res, 'resourceVersion should not be set on objects to be created');
      const get = await t.get(R.configmaps, 'cm1');
      t.must.status(get, 404);
    },
  }),
  defineCase({
    name: 'create-wipes-client-uid-and-creation-timestamp',
    area: 'crud',
    spec: '4.2',
    description: 'Client values of uid and creationTimestamp are replaced on create.',
    async run(t) {
      const body = t.fx.configMap('cm1');
      body.metadata.uid = '11111111-2222-3333-4444-555555555555';
      body.metadata.creationTimestamp = '2001-01-01T00:00:00Z';
      const res = await t.create(R.configmaps, body);
      t.must.status(res, 201);
      t.must.notEqual('uid replaced', res.json.metadata.uid, body.metadata.uid);
      t.must.notEqual('creationTimestamp replaced', res.json.metadata.creationTimestamp, body.metadata.creationTimestamp);
    },
  }),
  defineCase({
    name: 'create-namespace-mismatch-is-bad-request',
    area: 'crud',
    spec: '4.2',
    description: 'A body namespace that differs from the URL gives 400 BadRequest.',
    async run(t) {
      const body = t.fx.configMap('cm1');
      body.metadata.namespace = 'some-other-namespace';
      const res = await t.create(R.configmaps, body);
      t.must.statusError(res, 400, 'BadRequest');
      t.should.message(res, 'the namespace of the provided object does not match the namespace sent on the request');
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'create-cluster-scoped-clears-body-namespace',
    area: 'crud',
    spec: '4.2',
    description: 'For a cluster-scoped resource a namespace in the body is silently cleared.',
    async run(t) {
      const name = t.name('kh-clr');
      const body = t.fx.namespace(name);
      body.metadata.namespace = 'whatever';
      const res = await t.request('POST', '/api/v1/namespaces', { body });
      t.cleanup(() => t.request('DELETE', `/api/v1/namespaces/${name}`));
      t.must.status(res, 201);
      t.must.absent('metadata.namespace', res.json.metadata.namespace);
    },
  }),
  defineCase({
    name: 'generate-name-appends-five-characters',
    area: 'crud',
    spec: '4.3',
    description: 'generateName gets 5 random characters from "bcdfghjklmnpqrstvwxz2456789" appended.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap(undefined, { generateName: 'gen-' }));
      t.must.status(res, 201);
      t.must.match('name', res.json.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      t.must.equal('generateName kept', res.json.metadata.generateName, 'gen-');
      t.observeResponse('created', res);
    },
  }),
  defineCase({
    name: 'generate-name-ignored-when-name-is-set',
    area: 'crud',
    spec: '4.3',
    description: 'When name is set, generateName does not change it.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('fixed', { generateName: 'gen-' }));
      t.must.status(res, 201);
      t.must.equal('name', res.json.metadata.name, 'fixed');
    },
  }),
  defineCase({
    name: 'create-without-name-is-invalid',
    area: 'crud',
    spec: '4.3',
    description: 'Neither name nor generateName: 422 with "name or generateName is required".',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap(undefined));
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueRequired', field: 'metadata.name' });
      t.should.match('message', res.json.message, /metadata\.name: Required value: name or generateName is required/);
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'create-invalid-name-is-invalid',
    area: 'crud',
    spec: '8.2',
    description: 'An invalid DNS subdomain name gives 422 with a FieldValueInvalid cause on metadata.name.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('Bad_Name'));
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('details', res.json.details, { name: 'Bad_Name', kind: 'ConfigMap' });
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueInvalid', field: 'metadata.name' });
      t.should.match(
        'message',
        res.json.message,
        /^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
      );
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'update-returns-200-and-new-resource-version',
    area: 'crud',
    spec: '4.1',
    description: 'PUT with the current resourceVersion answers 200 with a new, larger resourceVersion.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      const res = await t.put(R.configmaps, 'cm1', { ...created, data: { a: '2' } });
      t.must.status(res, 200);
      t.must.equal('data', res.json.data, { a: '2' });
      t.must.ok('resourceVersion grew', Number(res.json.metadata.resourceVersion) > Number(created.metadata.resourceVersion), [
        created.metadata.resourceVersion,
        res.json.metadata.resourceVersion,
      ]);
      t.must.equal('uid unchanged', res.json.metadata.uid, created.metadata.uid);
      t.observeResponse('updated', res);
    },
  }),
  defineCase({
    name: 'update-missing-object-is-not-found',
    area: 'crud',
    spec: '1.2',
    description: 'PUT on a missing ConfigMap gives 404 (no create-on-update).',
    async run(t) {
      const res = await t.put(R.configmaps, 'missing', t.fx.configMap('missing'));
      t.must.statusError(res, 404, 'NotFound');
      t.should.message(res, 'configmaps "missing" not found');
    },
  }),
  defineCase({
    name: 'update-name-mismatch-is-bad-request',
    area: 'crud',
    spec: '1.2',
    description: 'PUT whose body name differs from the URL gives 400.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.put(R.configmaps, 'cm1', { ...created, metadata: { ...created.metadata, name: 'other' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.message(res, 'the name of the object (other) does not match the name on the URL (cm1)');
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'update-namespace-mismatch-is-bad-request',
    area: 'crud',
    spec: '1.2',
    description: 'PUT whose body namespace differs from the URL gives 400.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.put(R.configmaps, 'cm1', { ...created, metadata: { ...created.metadata, namespace: 'other' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json?.message, /does not match the namespace/);
    },
  }),
  defineCase({
    name: 'update-keeps-creation-timestamp',
    area: 'crud',
    spec: '1.2',
    description: 'An update cannot change creationTimestamp: the old value is restored.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const body = structuredClone(created);
      body.metadata.creationTimestamp = '2001-01-01T00:00:00Z';
      body.data = { x: 'y' };
      const res = await t.put(R.configmaps, 'cm1', body);
      t.must.status(res, 200);
      t.must.equal('creationTimestamp', res.json.metadata.creationTimestamp, created.metadata.creationTimestamp);
    },
  }),
  defineCase({
    name: 'update-with-wrong-uid-is-conflict',
    area: 'crud',
    spec: '1.2',
    description: 'A different uid in the PUT body acts as a failed precondition: 409 Conflict.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const body = structuredClone(created);
      body.metadata.uid = '00000000-0000-0000-0000-000000000000';
      const res = await t.put(R.configmaps, 'cm1', body);
      t.must.statusError(res, 409, 'Conflict');
      t.should.match(
        'message',
        res.json?.message,
        /^Operation cannot be fulfilled on configmaps "cm1": .*Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000, UID in object meta: /,
      );
    },
  }),
  defineCase({
    name: 'update-with-empty-uid-keeps-uid',
    area: 'crud',
    spec: '1.2',
    description: 'An empty uid in the PUT body is filled in from the stored object.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const body = structuredClone(created);
      delete body.metadata.uid;
      body.data = { a: 'b' };
      const res = await t.put(R.configmaps, 'cm1', body);
      t.must.status(res, 200);
      t.must.equal('uid', res.json.metadata.uid, created.metadata.uid);
    },
  }),
  defineCase({
    name: 'configmap-has-no-generation',
    area: 'crud',
    spec: '4.2',
    description: 'ConfigMaps have no generation logic: metadata.generation stays absent.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      t.must.absent('metadata.generation', created.metadata.generation);
    },
  }),
  defineCase({
    name: 'deployment-generation-starts-at-one-and-bumps-on-spec-change',
    area: 'crud',
    spec: '4.2',
    description: 'Deployment generation is 1 on create, +1 on a spec change, unchanged by a label change.',
    async run(t) {
      const created = await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      t.must.equal('generation on create', created.metadata.generation, 1);
      const labelled = await t.patch(R.deployments, 'd1', 'merge', { metadata: { labels: { extra: 'x' } } });
      t.must.status(labelled, 200);
      t.must.equal('generation after a label change', labelled.json.metadata.generation, 1);
      const scaled = await t.patch(R.deployments, 'd1', 'merge', { spec: { replicas: 2 } });
      t.must.status(scaled, 200);
      t.must.equal('generation after a spec change', scaled.json.metadata.generation, 2);
    },
  }),
  defineCase({
    name: 'deployment-generation-bumps-on-annotation-change',
    area: 'crud',
    spec: '4.2',
    description: 'Deployment generation is bumped when metadata.annotations change.',
    async run(t) {
      await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      const res = await t.patch(R.deployments, 'd1', 'merge', { metadata: { annotations: { note: 'x' } } });
      t.must.status(res, 200);
      t.must.equal('generation', res.json.metadata.generation, 2);
    },
  }),
  defineCase({
    name: 'deployment-client-cannot-set-generation',
    area: 'crud',
    spec: '4.2',
    description: 'A generation sent in an update is overwritten with the stored one (then bumped only by spec changes).',
    async run(t) {
      const created = await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      const res = await t.patch(R.deployments, 'd1', 'merge', { metadata: { generation: 42 } });
      t.must.status(res, 200);
      t.must.equal('generation', res.json.metadata.generation, created.metadata.generation);
    },
  }),
  defineCase({
    name: 'deployment-defaults',
    area: 'crud',
    spec: '11.1',
    description: 'Deployment defaults: strategy RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, replicas 1.',
    async run(t) {
      const body = t.fx.deployment('d1');
      delete body.spec.replicas;
      const d = await t.mustCreate(R.deployments, body);
      t.must.equal('replicas', d.spec.replicas, 1);
      t.must.equal('strategy', d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
      t.must.equal('revisionHistoryLimit', d.spec.revisionHistoryLimit, 10);
      t.must.equal('progressDeadlineSeconds', d.spec.progressDeadlineSeconds, 600);
      t.observe('spec', d.spec);
    },
  }),
  defineCase({
    name: 'deployment-pod-template-defaults',
    area: 'crud',
    spec: '11.1',
    description:
      'The pod template of a Deployment gets PodSpec defaults (restartPolicy, dnsPolicy, grace, scheduler, securityContext) but not the Pod-only enableServiceLinks.',
    async run(t) {
      const d = await t.mustCreate(R.deployments, t.fx.deployment('d1'));
      const spec = d.spec.template.spec;
      t.must.subset('template spec defaults', spec, {
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
        securityContext: {},
      });
      t.must.absent('enableServiceLinks (defaulted on Pods only)', spec.enableServiceLinks);
      t.must.subset('container defaults', spec.containers[0], {
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      });
      t.observe('template', d.spec.template);
    },
  }),
  defineCase({
    name: 'pod-defaults',
    area: 'crud',
    spec: '11.1',
    description: 'Pod defaults: restartPolicy Always, dnsPolicy ClusterFirst, grace 30, default-scheduler, imagePullPolicy by tag.',
    async run(t) {
      const res = await t.createPod(
        t.fx.pod('p1', {
          containers: [
            { name: 'latest', image: 'example.com/app:latest' },
            { name: 'pinned', image: 'example.com/app:1.2.3' },
            { name: 'untagged', image: 'example.com/app' },
          ],
        }),
      );
      t.must.status(res, 201);
      const spec = res.json.spec;
      t.must.equal('restartPolicy', spec.restartPolicy, 'Always');
      t.must.equal('dnsPolicy', spec.dnsPolicy, 'ClusterFirst');
      t.must.equal('terminationGracePeriodSeconds', spec.terminationGracePeriodSeconds, 30);
      t.must.equal('schedulerName', spec.schedulerName, 'default-scheduler');
      t.must.equal(
        'imagePullPolicy per container',
        spec.containers.map((c: { imagePullPolicy: string }) => c.imagePullPolicy),
        ['Always', 'IfNotPresent', 'Always'],
      );
      t.must.equal('terminationMessagePath', spec.containers[0].terminationMessagePath, '/dev/termination-log');
      t.must.equal('enableServiceLinks', spec.enableServiceLinks, true);
      t.must.equal('status.phase', res.json.status?.phase, 'Pending');
    },
  }),
  defineCase({
    name: 'secret-defaults-type-and-merges-string-data',
    area: 'crud',
    spec: '11.1',
    description: 'Secret type defaults to Opaque; stringData is merged into base64 data and not stored.',
    async run(t) {
      const res = await t.create(
        R.secrets,
        t.fx.secret('s1', { data: { a: Buffer.from('x').toString('base64') }, stringData: { b: 'hello' } }),
      );
      t.must.status(res, 201);
      t.must.equal('type', res.json.type, 'Opaque');
      t.must.equal('data', res.json.data, { a: 'eA==', b: 'aGVsbG8=' });
      t.must.absent('stringData', res.json.stringData);
      const get = await t.get(R.secrets, 's1');
      t.must.absent('stringData after GET', get.json.stringData);
      t.observeResponse('created', res);
    },
  }),
  defineCase({
    name: 'service-defaults',
    area: 'crud',
    spec: '11.1',
    description: 'Service defaults: type ClusterIP, sessionAffinity None, port protocol TCP, targetPort = port, an allocated clusterIP.',
    async run(t) {
      const res = await t.create(R.services, t.fx.service('svc1'));
      t.must.status(res, 201);
      const spec = res.json.spec;
      t.must.equal('type', spec.type, 'ClusterIP');
      t.must.equal('sessionAffinity', spec.sessionAffinity, 'None');
      t.must.subset('ports[0]', spec.ports[0], { port: 80, protocol: 'TCP', targetPort: 80 });
      t.must.match('clusterIP', spec.clusterIP, /^\d+\.\d+\.\d+\.\d+$/);
      t.should.equal('internalTrafficPolicy', spec.internalTrafficPolicy, 'Cluster');
    },
  }),
  defineCase({
    name: 'namespace-create-defaults',
    area: 'crud',
    spec: '7',
    description: 'A new Namespace gets status.phase Active, spec.finalizers [kubernetes] and label kubernetes.io/metadata.name.',
    async run(t) {
      const ns = await t.createNamespace('kh-defaults');
      t.must.equal('status.phase', ns.status?.phase, 'Active');
      t.must.equal('spec.finalizers', ns.spec?.finalizers, ['kubernetes']);
      t.must.equal('name label', ns.metadata.labels?.['kubernetes.io/metadata.name'], ns.metadata.name);
      t.observe('namespace', ns);
    },
  }),
  defineCase({
    name: 'missing-content-type-is-treated-as-json',
    area: 'crud',
    spec: '8.2',
    description: 'A POST without Content-Type is decoded as JSON.',
    async run(t) {
      const res = await t.create(R.configmaps, JSON.stringify(t.fx.configMap('cm1')), { contentType: null });
      t.must.status(res, 201);
    },
  }),
  defineCase({
    name: 'create-accepts-yaml-body',
    area: 'crud',
    spec: '8.2',
    description: 'A POST with Content-Type application/yaml is decoded as YAML.',
    async run(t) {
      const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\n  labels:\n    kubeharness.io/run: "${t.runId}"\ndata:\n  key: value\n`;
      const res = await t.create(R.configmaps, yaml, { contentType: 'application/yaml' });
      t.must.status(res, 201);
      t.must.equal('data', res.json?.data, { key: 'value' });
    },
  }),
];
