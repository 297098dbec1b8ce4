/** openapi: the OpenAPI v2 and v3 documents kubectl depends on (api-semantics.md 9.3). */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import type { Obj } from '../harness/fixtures.js';

async function v3Document(t: CaseContext, gv: string): Promise<Obj> {
  const index = await t.request('GET', '/openapi/v3');
  t.must.status(index, 200);
  const url = index.json?.paths?.[gv]?.serverRelativeURL as string | undefined;
  t.must.match(`${gv} serverRelativeURL`, url, new RegExp(`^/openapi/v3/${gv.replace(/[/.]/g, '\\$&')}\\?hash=[0-9A-F]+$`));
  const doc = await t.request('GET', url!);
  t.must.status(doc, 200);
  return doc.json as Obj;
}

export default [
  defineCase({
    name: 'openapi-v2-served',
    area: 'openapi',
    spec: '9.3',
    timeoutMs: 60_000,
    description: '/openapi/v2 is a Swagger 2.0 document with the configmaps paths and definitions.',
    differential: false,
    async run(t) {
      const res = await t.request('GET', '/openapi/v2', { timeoutMs: 50_000 });
      t.must.status(res, 200);
      t.must.equal('swagger', res.json?.swagger, '2.0');
      t.must.present('configmaps path', res.json?.paths?.['/api/v1/namespaces/{namespace}/configmaps']);
      t.must.present('ConfigMap definition', res.json?.definitions?.['io.k8s.api.core.v1.ConfigMap']);
    },
  }),
  defineCase({
    name: 'openapi-v3-index',
    area: 'openapi',
    spec: '9.3',
    description: '/openapi/v3 lists group-versions with hashed serverRelativeURLs (api/v1, apis/apps/v1).',
    differential: false,
    async run(t) {
      const res = await t.request('GET', '/openapi/v3');
      t.must.status(res, 200);
      for (const gv of ['api/v1', 'apis/apps/v1']) {
        t.must.match(`${gv}`, res.json?.paths?.[gv]?.serverRelativeURL, /\?hash=[0-9A-F]+$/);
      }
    },
  }),
  defineCase({
    name: 'openapi-v3-group-version-document',
    area: 'openapi',
    spec: '9.3',
    description: 'The apps/v1 OpenAPI v3 document is OpenAPI 3.0 with components.schemas for Deployment.',
    differential: false,
    async run(t) {
      const doc = await v3Document(t, 'apis/apps/v1');
      t.must.match('openapi', doc.openapi, /^3\.0\./);
      t.must.present('Deployment schema', doc.components?.schemas?.['io.k8s.api.apps.v1.Deployment']);
    },
  }),
  defineCase({
    name: 'openapi-v3-patch-declares-field-validation',
    area: 'openapi',
    spec: '9.3',
    description:
      'The configmap PATCH operation carries x-kubernetes-group-version-kind and a fieldValidation parameter (what kubectl --validate=strict looks for).',
    differential: false,
    async run(t) {
      const doc = await v3Document(t, 'api/v1');
      const op = doc.paths?.['/api/v1/namespaces/{namespace}/configmaps/{name}']?.patch;
      t.must.subset('x-kubernetes-group-version-kind', op?.['x-kubernetes-group-version-kind'], {
        group: '',
        version: 'v1',
        kind: 'ConfigMap',
      });
      t.must.equal('x-kubernetes-action', op?.['x-kubernetes-action'], 'patch');
      t.must.ok(
        'fieldValidation parameter',
        ((op?.parameters ?? []) as Obj[]).some((p) => p.name === 'fieldValidation'),
        (op?.parameters ?? []).map((p: Obj) => p.name),
      );
    },
  }),
  defineCase({
    name: 'openapi-v3-hashed-url-is-cacheable',
    area: 'openapi',
    spec: '9.3',
    description: 'A hashed OpenAPI v3 URL answers with long-lived caching headers.',
    differential: false,
    async run(t) {
      const index = await t.request('GET', '/openapi/v3');
      const url = index.json?.paths?.['api/v1']?.serverRelativeURL as string;
      const doc = await t.request('GET', url);
      t.must.status(doc, 200);
      t.should.match('Cache-Control', doc.headers['cache-control'], /immutable|max-age/);
      t.must.present('ETag', doc.headers.etag);
    },
  }),
];
