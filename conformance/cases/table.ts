/** table: Table and PartialObjectMetadata output (api-semantics.md 11.2, 13.21). */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import type { Obj } from '../harness/fixtures.js';
import { mediaTypeOf } from './util.js';
import { R, type ResourceRef } from '../harness/resources.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const TABLE_V1BETA1 = 'application/json;as=Table;v=v1beta1;g=meta.k8s.io';
const KUBECTL_ACCEPT = `${TABLE},${TABLE_V1BETA1},application/json`;

function table(
  t: CaseContext,
  ref: ResourceRef,
  o: { name?: string; query?: Record<string, string | number>; accept?: string; ns?: string } = {},
) {
  return t.request('GET', t.path(ref, o.name, { query: o.query, ns: o.ns }), { headers: { accept: o.accept ?? TABLE } });
}

const columns = (json: Obj | undefined) => ((json?.columnDefinitions ?? []) as Obj[]).map((c) => c.name);

export default [
  defineCase({
    name: 'table-list-has-name-column-and-rows',
    area: 'table',
    spec: '11.2, 13.21',
    description: 'A Table list: kind Table (meta.k8s.io/v1), first column Name, one row per item, cells as long as the columns.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      const res = await table(t, R.configmaps, { query: { labelSelector: t.sel } });
      t.must.status(res, 200);
      t.must.equal('kind/apiVersion', [res.json.kind, res.json.apiVersion], ['Table', 'meta.k8s.io/v1']);
      t.must.equal('first column', res.json.columnDefinitions?.[0]?.name, 'Name');
      t.must.equal('rows', res.json.rows?.length, 2);
      for (const row of res.json.rows) t.must.equal('cells per row', row.cells.length, res.json.columnDefinitions.length);
      t.must.equal(
        'name cells',
        res.json.rows.map((r: Obj) => r.cells[0]),
        ['a', 'b'],
      );
      t.must.present('metadata.resourceVersion', res.json.metadata?.resourceVersion);
    },
  }),
  defineCase({
    name: 'table-rows-carry-partial-object-metadata',
    area: 'table',
    spec: '11.2',
    description: 'By default (includeObject=Metadata) rows[].object is a PartialObjectMetadata.',
    async run(t) {
      const cm = await t.mustCreate(R.configmaps, t.fx.configMap('a', { data: { k: 'v' } }));
      const res = await table(t, R.configmaps, { query: { labelSelector: t.sel } });
      t.must.status(res, 200);
      const obj = res.json.rows?.[0]?.object;
      t.must.equal('kind/apiVersion', [obj?.kind, obj?.apiVersion], ['PartialObjectMetadata', 'meta.k8s.io/v1']);
      t.must.equal('uid', obj?.metadata?.uid, cm.metadata.uid);
      t.must.absent('no data', obj?.data);
    },
  }),
  defineCase({
    name: 'table-include-object-object',
    area: 'table',
    spec: '11.2',
    description: 'includeObject=Object embeds the full object in each row.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a', { data: { k: 'v' } }));
      const res = await table(t, R.configmaps, { query: { labelSelector: t.sel, includeObject: 'Object' } });
      t.must.status(res, 200);
      const obj = res.json.rows?.[0]?.object;
      t.must.equal('kind', obj?.kind, 'ConfigMap');
      t.must.equal('data', obj?.data, { k: 'v' });
    },
  }),
  defineCase({
    name: 'table-include-object-none',
    area: 'table',
    spec: '11.2',
    description: 'includeObject=None leaves rows without an object.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const res = await table(t, R.configmaps, { query: { labelSelector: t.sel, includeObject: 'None' } });
      t.must.status(res, 200);
      t.must.absent('object', res.json.rows?.[0]?.object);
    },
  }),
  defineCase({
    name: 'table-invalid-include-object-is-bad-request',
    area: 'table',
    spec: '11.2',
    description: 'An unknown includeObject value gives 400.',
    async run(t) {
      const res = await table(t, R.configmaps, { query: { includeObject: 'Bogus' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, /includeObject: Invalid value: "Bogus"/);
    },
  }),
  defineCase({
    name: 'table-v1alpha1-is-not-acceptable',
    area: 'table',
    spec: '11.2, 12, 13.21',
    description: 'Only Table versions v1 and v1beta1 exist: v1alpha1 gives 406 (e2e conformance).',
    async run(t) {
      const res = await table(t, R.configmaps, { accept: 'application/json;as=Table;v=v1alpha1;g=meta.k8s.io' });
      t.must.statusError(res, 406, 'NotAcceptable');
      t.should.match(
        'message',
        res.json.message,
        /^only the following media types are accepted: application\/json, application\/yaml, application\/vnd\.kubernetes\.protobuf/,
      );
    },
  }),
  defineCase({
    name: 'table-v1beta1-accepted',
    area: 'table',
    spec: '11.2',
    description: 'Table v1beta1 is served with apiVersion meta.k8s.io/v1beta1.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const res = await table(t, R.configmaps, { accept: TABLE_V1BETA1, query: { labelSelector: t.sel } });
      t.must.status(res, 200);
      t.must.equal('kind/apiVersion', [res.json.kind, res.json.apiVersion], ['Table', 'meta.k8s.io/v1beta1']);
    },
  }),
  defineCase({
    name: 'table-kubectl-accept-header',
    area: 'table',
    spec: '9.3',
    description: 'kubectl’s Accept list (Table v1, Table v1beta1, JSON) gets a v1 Table with Content-Type application/json.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const res = await table(t, R.configmaps, { accept: KUBECTL_ACCEPT, query: { labelSelector: t.sel, limit: 500 } });
      t.must.status(res, 200);
      t.must.equal('kind/apiVersion', [res.json.kind, res.json.apiVersion], ['Table', 'meta.k8s.io/v1']);
      t.must.equal('media type', mediaTypeOf(res.headers['content-type']), 'application/json');
      t.should.equal('content-type (no parameters)', res.headers['content-type'], 'application/json');
    },
  }),
  defineCase({
    name: 'table-get-single-object',
    area: 'table',
    spec: '11.2',
    description: 'A GET of one object as a Table has exactly one row.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const res = await table(t, R.configmaps, { name: 'a' });
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'Table');
      t.must.equal('one row', res.json.rows?.length, 1);
      t.must.equal('name cell', res.json.rows?.[0]?.cells?.[0], 'a');
    },
  }),
  defineCase({
    name: 'table-list-with-limit-has-continue',
    area: 'table',
    spec: '11.2',
    description: 'A paginated Table carries continue (and remainingItemCount without selectors) in its metadata.',
    async run(t) {
      for (const n of ['a', 'b', 'c']) await t.mustCreate(R.leases, t.fx.lease(n));
      const res = await table(t, R.leases, { query: { limit: 1 } });
      t.must.status(res, 200);
      t.must.equal('rows', res.json.rows?.length, 1);
      t.must.present('continue', res.json.metadata?.continue);
      t.must.equal('remainingItemCount', res.json.metadata?.remainingItemCount, 2);
    },
  }),
  defineCase({
    name: 'table-configmap-columns',
    area: 'table',
    spec: '11.2',
    description: 'ConfigMaps have a server-side printer: columns Name, Data, Age; Data is the number of keys.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a', { data: { x: '1', y: '2' } }));
      const res = await table(t, R.configmaps, { query: { labelSelector: t.sel } });
      t.must.status(res, 200);
      t.must.equal('columns', columns(res.json), ['Name', 'Data', 'Age']);
      t.must.equal('Data cell', res.json.rows?.[0]?.cells?.[1], 2);
      t.observe('columns', res.json.columnDefinitions);
    },
  }),
  defineCase({
    name: 'table-namespace-columns',
    area: 'table',
    spec: '11.2',
    description: 'Namespaces print Name, Status, Age.',
    async run(t) {
      const res = await t.request('GET', `/api/v1/namespaces/${t.ns}`, { headers: { accept: TABLE } });
      t.must.status(res, 200);
      t.must.equal('columns', columns(res.json), ['Name', 'Status', 'Age']);
      t.must.equal('Status cell', res.json.rows?.[0]?.cells?.[1], 'Active');
    },
  }),
  defineCase({
    name: 'table-lease-columns',
    area: 'table',
    spec: '11.2',
    description: 'Leases print Name, Holder, Age.',
    async run(t) {
      await t.mustCreate(R.leases, t.fx.lease('l1', { holder: 'me' }));
      const res = await table(t, R.leases, { name: 'l1' });
      t.must.status(res, 200);
      t.must.equal('columns', columns(res.json), ['Name', 'Holder', 'Age']);
      t.must.equal('Holder cell', res.json.rows?.[0]?.cells?.[1], 'me');
    },
  }),
  defineCase({
    name: 'table-watch-sends-columns-once',
    area: 'table',
    spec: '11.2',
    description: 'A watch with the Table Accept header sends one-row Tables; columnDefinitions only in the first event.',
    async run(t) {
      const list = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      const w = await t.watch(
        R.configmaps,
        { resourceVersion: list.json.metadata.resourceVersion, labelSelector: t.sel },
        { headers: { accept: TABLE } },
      );
      t.must.equal('status', w.status, 200);
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      const e1 = await w.next();
      const e2 = await w.next();
      t.must.equal('first event object', [e1?.type, e1?.object?.kind, e1?.object?.rows?.length], ['ADDED', 'Table', 1]);
      t.must.ok('first event has columns', (e1?.object?.columnDefinitions ?? []).length > 0, e1?.object?.columnDefinitions);
      t.must.equal('second event object', [e2?.type, e2?.object?.kind, e2?.object?.rows?.[0]?.cells?.[0]], ['ADDED', 'Table', 'b']);
      t.must.ok('second event has no columns', (e2?.object?.columnDefinitions ?? []).length === 0, e2?.object?.columnDefinitions);
    },
  }),
  defineCase({
    name: 'partial-object-metadata-list',
    area: 'table',
    spec: '11.2',
    description:
      'Accept as=PartialObjectMetadataList gives a PartialObjectMetadataList whose items are PartialObjectMetadata with kind/apiVersion.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a', { data: { k: 'v' } }));
      const res = await t.request('GET', t.path(R.configmaps, undefined, { query: { labelSelector: t.sel } }), {
        headers: { accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' },
      });
      t.must.status(res, 200);
      t.must.equal('kind/apiVersion', [res.json.kind, res.json.apiVersion], ['PartialObjectMetadataList', 'meta.k8s.io/v1']);
      t.must.equal('item kind', res.json.items?.[0]?.kind, 'PartialObjectMetadata');
      t.must.equal('item name', res.json.items?.[0]?.metadata?.name, 'a');
      t.must.absent('no data', res.json.items?.[0]?.data);
      t.observeResponse('list', res);
    },
  }),
  defineCase({
    name: 'partial-object-metadata-get',
    area: 'table',
    spec: '11.2',
    description: 'Accept as=PartialObjectMetadata on a GET gives metadata only.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a', { data: { k: 'v' } }));
      const res = await t.request('GET', t.path(R.configmaps, 'a'), {
        headers: { accept: 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io' },
      });
      t.must.status(res, 200);
      t.must.equal('kind', res.json.kind, 'PartialObjectMetadata');
      t.must.absent('no data', res.json.data);
    },
  }),
];
