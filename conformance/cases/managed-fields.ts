/**
 * managedFields recorded by Update operations (area crud; api-semantics.md 4.2). Expected
 * fieldsV1 sets were observed on kube-apiserver v1.35 (found by the differential comparison).
 */
import { defineCase } from '../define.js';
import type { Obj } from '../harness/fixtures.js';
import { R } from '../harness/resources.js';

const entries = (o: Obj) => ((o.metadata?.managedFields ?? []) as Obj[]).map((m) => [m.manager, m.operation, m.fieldsV1]);

export default [
  defineCase({
    name: 'managed-fields-configmap-create',
    area: 'crud',
    spec: '4.2',
    description: 'Creating a ConfigMap records every set field in fieldsV1, including generateName and each finalizer ("v:" entries).',
    async run(t) {
      const body = t.fx.configMap(undefined, {
        generateName: 'mf-',
        annotations: { n: 'v' },
        finalizers: ['example.com/x'],
        data: { k: 'v' },
      });
      body.binaryData = { b: 'AA==' };
      const res = await t.create(R.configmaps, body, { query: { fieldManager: 'creator' } });
      t.must.status(res, 201);
      t.cleanup(() => t.patch(R.configmaps, res.json.metadata.name, 'merge', { metadata: { finalizers: null } }));
      t.must.equal('managedFields', entries(res.json), [
        [
          'creator',
          'Update',
          {
            'f:binaryData': { '.': {}, 'f:b': {} },
            'f:data': { '.': {}, 'f:k': {} },
            'f:metadata': {
              'f:annotations': { '.': {}, 'f:n': {} },
              'f:finalizers': { '.': {}, 'v:"example.com/x"': {} },
              'f:generateName': {},
              'f:labels': { '.': {}, 'f:kubeharness.io/run': {} },
            },
          },
        ],
      ]);
    },
  }),
  defineCase({
    name: 'managed-fields-lease-create',
    area: 'crud',
    spec: '4.2',
    description: 'A Lease’s spec fields are recorded without a "." entry for spec (a struct, not a map).',
    async run(t) {
      const res = await t.create(
        R.leases,
        { ...t.fx.lease('l1'), spec: { holderIdentity: 'h', leaseDurationSeconds: 10 } },
        { query: { fieldManager: 'creator' } },
      );
      t.must.status(res, 201);
      const fields = (res.json.metadata.managedFields as Obj[])[0]?.fieldsV1;
      t.must.equal('f:spec', fields?.['f:spec'], { 'f:holderIdentity': {}, 'f:leaseDurationSeconds': {} });
    },
  }),
  defineCase({
    name: 'managed-fields-deployment-create',
    area: 'crud',
    spec: '4.2',
    description:
      'Creating a Deployment records defaulted fields too and keys list items by their merge keys (k:{"name":...}, k:{"containerPort":80,"protocol":"TCP"}).',
    async run(t) {
      const d = t.fx.deployment('d1', {
        containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }], env: [{ name: 'E', value: '1' }] }],
      });
      d.spec.replicas = 1;
      const res = await t.create(R.deployments, d, { query: { fieldManager: 'creator' } });
      t.must.status(res, 201);
      const spec = (res.json.metadata.managedFields as Obj[])[0]?.fieldsV1?.['f:spec'];
      t.must.equal('f:spec', spec, {
        'f:progressDeadlineSeconds': {},
        'f:replicas': {},
        'f:revisionHistoryLimit': {},
        'f:selector': {},
        'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"c"}': {
                '.': {},
                'f:env': { '.': {}, 'k:{"name":"E"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
                'f:image': {},
                'f:imagePullPolicy': {},
                'f:name': {},
                'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
                'f:resources': {},
                'f:terminationMessagePath': {},
                'f:terminationMessagePolicy': {},
              },
            },
            'f:dnsPolicy': {},
            'f:restartPolicy': {},
            'f:schedulerName': {},
            'f:securityContext': {},
            'f:terminationGracePeriodSeconds': {},
          },
        },
      });
    },
  }),
  defineCase({
    name: 'managed-fields-second-manager',
    area: 'crud',
    spec: '4.2',
    description:
      'A patch by a second manager adds its own Update entry; changing a field moves its ownership (the first manager keeps an empty "f:data").',
    async run(t) {
      await t.mustCreate(
        R.configmaps,
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1' }, data: { k: 'v' } },
        { query: { fieldManager: 'alpha' } },
      );
      const add = await t.patch(R.configmaps, 'cm1', 'merge', { data: { k2: 'v2' } }, { query: { fieldManager: 'beta' } });
      t.must.status(add, 200);
      t.must.equal('after adding k2', entries(add.json), [
        ['alpha', 'Update', { 'f:data': { '.': {}, 'f:k': {} } }],
        ['beta', 'Update', { 'f:data': { 'f:k2': {} } }],
      ]);
      const take = await t.patch(R.configmaps, 'cm1', 'merge', { data: { k: 'changed' } }, { query: { fieldManager: 'beta' } });
      t.must.equal('after beta changes k', entries(take.json), [
        ['alpha', 'Update', { 'f:data': {} }],
        ['beta', 'Update', { 'f:data': { 'f:k': {}, 'f:k2': {} } }],
      ]);
    },
  }),
];
