/** selectors: label and field selector grammar and semantics (api-semantics.md section 10). */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import { R } from '../harness/resources.js';
import { itemNames } from './util.js';

/** Five ConfigMaps with labels: a(env=prod,tier=1), b(env=dev,tier=5), c(env=qa), d(no env, tier=10), e(env='' ). */
async function labelled(t: CaseContext): Promise<void> {
  const specs: Array<[string, Record<string, string>]> = [
    ['a', { env: 'prod', tier: '1' }],
    ['b', { env: 'dev', tier: '5' }],
    ['c', { env: 'qa' }],
    ['d', { tier: '10' }],
    ['e', { env: '' }],
  ];
  for (const [name, labels] of specs) await t.mustCreate(R.configmaps, t.fx.configMap(name, { labels }));
}

function labelCase(name: string, selector: string, expected: string[], description: string) {
  return defineCase({
    name,
    area: 'selectors',
    spec: '10.1',
    description,
    async run(t) {
      await labelled(t);
      const res = await t.list(R.configmaps, { query: { labelSelector: `${t.sel},${selector}` } });
      t.must.status(res, 200);
      t.must.equal(`items matching "${selector}"`, itemNames(res), expected);
    },
  });
}

function badSelector(
  name: string,
  param: 'labelSelector' | 'fieldSelector',
  value: string,
  message: RegExp,
  description: string,
  resource = R.configmaps,
) {
  return defineCase({
    name,
    area: 'selectors',
    spec: param === 'labelSelector' ? '10.1' : '10.2',
    description,
    async run(t) {
      const res = await t.list(resource, { query: { [param]: value } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, message);
      t.observeResponse('error', res);
    },
  });
}

export default [
  labelCase('label-selector-equals', 'env=prod', ['a'], '`key=value` matches that value only.'),
  labelCase('label-selector-double-equals', 'env==dev', ['b'], '`key==value` is the same as `=`.'),
  labelCase(
    'label-selector-not-equals-matches-missing-key',
    'env!=prod',
    ['b', 'c', 'd', 'e'],
    '`key!=value` also matches objects without the key.',
  ),
  labelCase('label-selector-in', 'env in (prod,qa)', ['a', 'c'], '`key in (a,b)` requires the key with one of the values.'),
  labelCase(
    'label-selector-notin-matches-missing-key',
    'env notin (prod,qa)',
    ['b', 'd', 'e'],
    '`key notin (...)` also matches objects without the key.',
  ),
  labelCase('label-selector-exists', 'env', ['a', 'b', 'c', 'e'], '`key` matches objects that have the key (any value, even empty).'),
  labelCase('label-selector-does-not-exist', '!env', ['d'], '`!key` matches objects without the key.'),
  labelCase('label-selector-greater-than', 'tier>2', ['b', 'd'], '`key>n` compares integers and requires the key.'),
  labelCase('label-selector-less-than', 'tier<5', ['a'], '`key<n` compares integers and requires the key.'),
  labelCase('label-selector-empty-value', 'env=', ['e'], '`key=` matches an empty value.'),
  labelCase('label-selector-comma-is-and', 'env=prod,tier=1', ['a'], 'Comma-separated requirements must all hold.'),
  labelCase('label-selector-in-with-empty-value', 'env in (,qa)', ['c', 'e'], 'An empty string can be one of the `in` values.'),
  badSelector(
    'label-selector-unterminated-set-is-bad-request',
    'labelSelector',
    'a in (',
    /^unable to parse requirement/,
    'An unterminated set gives 400 "unable to parse requirement".',
  ),
  badSelector(
    'label-selector-non-integer-gt-is-bad-request',
    'labelSelector',
    'tier>1x',
    /the value must be an integer/,
    '`>` with a non-integer value gives 400.',
  ),
  badSelector(
    'label-selector-value-too-long-is-bad-request',
    'labelSelector',
    `a=${'x'.repeat(64)}`,
    /must be no more than 63 bytes/,
    'A label value over 63 characters gives 400.',
  ),
  badSelector(
    'label-selector-invalid-key-is-bad-request',
    'labelSelector',
    'Bad Key=x',
    /^unable to parse requirement/,
    'An unparsable key gives 400.',
  ),
  defineCase({
    name: 'field-selector-metadata-name',
    area: 'selectors',
    spec: '10.2',
    description: '`metadata.name=X` selects one object; `!=` excludes it.',
    async run(t) {
      await labelled(t);
      const eq = await t.list(R.configmaps, { query: { labelSelector: t.sel, fieldSelector: 'metadata.name=c' } });
      t.must.status(eq, 200);
      t.must.equal('metadata.name=c', itemNames(eq), ['c']);
      const ne = await t.list(R.configmaps, { query: { labelSelector: t.sel, fieldSelector: 'metadata.name!=c' } });
      t.must.equal('metadata.name!=c', itemNames(ne), ['a', 'b', 'd', 'e']);
      const dbl = await t.list(R.configmaps, { query: { labelSelector: t.sel, fieldSelector: 'metadata.name==a' } });
      t.must.equal('metadata.name==a', itemNames(dbl), ['a']);
    },
  }),
  defineCase({
    name: 'field-selector-comma-is-and',
    area: 'selectors',
    spec: '10.2',
    description: 'Comma-separated field requirements must all hold.',
    async run(t) {
      await labelled(t);
      const res = await t.list(R.configmaps, { query: { labelSelector: t.sel, fieldSelector: 'metadata.name!=a,metadata.name!=b' } });
      t.must.status(res, 200);
      t.must.equal('items', itemNames(res), ['c', 'd', 'e']);
    },
  }),
  defineCase({
    name: 'field-selector-metadata-namespace-cluster-wide',
    area: 'selectors',
    spec: '10.2',
    description: '`metadata.namespace=X` on the cluster-wide path selects that namespace only.',
    async run(t) {
      const other = await t.createNamespace('kh-fs');
      await t.mustCreate(R.configmaps, t.fx.configMap('here'));
      await t.mustCreate(R.configmaps, t.fx.configMap('there'), { ns: other.metadata.name });
      const res = await t.list(R.configmaps, { ns: '', query: { labelSelector: t.sel, fieldSelector: `metadata.namespace=${t.ns}` } });
      t.must.status(res, 200);
      t.must.equal('items', itemNames(res), ['here']);
    },
  }),
  defineCase({
    name: 'field-selector-with-label-selector',
    area: 'selectors',
    spec: '10',
    description: 'Label and field selectors combine with AND.',
    async run(t) {
      await labelled(t);
      const res = await t.list(R.configmaps, { query: { labelSelector: `${t.sel},env`, fieldSelector: 'metadata.name!=a' } });
      t.must.status(res, 200);
      t.must.equal('items', itemNames(res), ['b', 'c', 'e']);
    },
  }),
  badSelector(
    'field-selector-unknown-field-is-bad-request',
    'fieldSelector',
    'foo=bar',
    /^"foo" is not a known field selector: only "metadata\.name", "metadata\.namespace"$/,
    'An unknown field on a type without custom fields gives 400 "is not a known field selector".',
  ),
  badSelector(
    'field-selector-set-operator-is-bad-request',
    'fieldSelector',
    'metadata.name in (a)',
    /^invalid selector: 'metadata\.name in \(a\)'; can't understand 'metadata\.name in \(a\)'$/,
    'Field selectors have no set operators: 400 "invalid selector".',
  ),
  badSelector(
    'field-selector-unsupported-pod-field-is-bad-request',
    'fieldSelector',
    'spec.foo=bar',
    /^field label not supported: spec\.foo$/,
    'An unsupported field on a type with custom fields (Pod) gives 400 "field label not supported".',
    R.pods,
  ),
  defineCase({
    name: 'field-selector-pod-fields',
    area: 'selectors',
    spec: '10.2',
    description: 'Pods support spec.nodeName, status.phase, spec.restartPolicy and spec.schedulerName field selectors.',
    async run(t) {
      t.must.status(await t.createPod(t.fx.pod('p1')), 201);
      t.must.status(await t.createPod(t.fx.pod('p2', { spec: { restartPolicy: 'Never' } })), 201);
      const q = async (fs: string) => itemNames(await t.list(R.pods, { query: { labelSelector: t.sel, fieldSelector: fs } }));
      t.must.equal('spec.nodeName=', await q('spec.nodeName='), ['p1', 'p2']);
      t.must.equal('status.phase=Pending', await q('status.phase=Pending'), ['p1', 'p2']);
      t.must.equal('spec.restartPolicy=Never', await q('spec.restartPolicy=Never'), ['p2']);
      t.must.equal('spec.schedulerName=default-scheduler', await q('spec.schedulerName=default-scheduler'), ['p1', 'p2']);
      t.must.equal('status.phase=Running', await q('status.phase=Running'), []);
    },
  }),
  defineCase({
    name: 'field-selector-secret-type',
    area: 'selectors',
    spec: '10.2',
    description: 'Secrets support the `type` field selector.',
    async run(t) {
      await t.mustCreate(R.secrets, t.fx.secret('opaque'));
      await t.mustCreate(R.secrets, t.fx.secret('tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }));
      const res = await t.list(R.secrets, { query: { labelSelector: t.sel, fieldSelector: 'type=kubernetes.io/tls' } });
      t.must.status(res, 200);
      t.must.equal('items', itemNames(res), ['tls']);
    },
  }),
  defineCase({
    name: 'field-selector-namespace-status-phase',
    area: 'selectors',
    spec: '7, 10.2',
    description: 'Namespaces support metadata.name and status.phase field selectors.',
    async run(t) {
      const res = await t.request('GET', '/api/v1/namespaces', { query: { fieldSelector: `metadata.name=${t.ns},status.phase=Active` } });
      t.must.status(res, 200);
      t.must.equal('items', itemNames(res), [t.ns]);
      const none = await t.request('GET', '/api/v1/namespaces', {
        query: { fieldSelector: `metadata.name=${t.ns},status.phase=Terminating` },
      });
      t.must.equal('no terminating match', itemNames(none), []);
    },
  }),
  defineCase({
    name: 'field-selector-event-involved-object',
    area: 'selectors',
    spec: '10.2',
    description: 'core/v1 Events support involvedObject.* and reason field selectors.',
    async run(t) {
      const ev = (name: string, involved: string, reason: string) => ({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: t.fx.meta(name),
        involvedObject: { kind: 'ConfigMap', name: involved, namespace: t.ns },
        reason,
        message: 'conformance',
        type: 'Normal',
      });
      await t.mustCreate(R.events, ev('e1', 'cm-a', 'Created'));
      await t.mustCreate(R.events, ev('e2', 'cm-b', 'Deleted'));
      const byObj = await t.list(R.events, { query: { labelSelector: t.sel, fieldSelector: 'involvedObject.name=cm-b' } });
      t.must.status(byObj, 200);
      t.must.equal('involvedObject.name=cm-b', itemNames(byObj), ['e2']);
      const byReason = await t.list(R.events, {
        query: { labelSelector: t.sel, fieldSelector: 'reason=Created,involvedObject.kind=ConfigMap' },
      });
      t.must.equal('reason=Created', itemNames(byReason), ['e1']);
    },
  }),
  defineCase({
    name: 'label-selector-on-cluster-scoped-list',
    area: 'selectors',
    spec: '10.1',
    description: 'Label selectors work on cluster-scoped resources (namespaces carry kubernetes.io/metadata.name).',
    async run(t) {
      const res = await t.request('GET', '/api/v1/namespaces', {
        query: { labelSelector: `kubernetes.io/metadata.name in (${t.ns},kube-system)` },
      });
      t.must.status(res, 200);
      t.must.equal('items', itemNames(res), [t.ns, 'kube-system'].sort());
    },
  }),
];
