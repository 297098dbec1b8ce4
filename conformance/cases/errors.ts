/** errors: the metav1.Status shape, routing errors, decoding and content negotiation (api-semantics.md section 8). */
import { defineCase } from '../define.js';
import { mediaTypeOf } from './util.js';
import { R } from '../harness/resources.js';

export default [
  defineCase({
    name: 'error-status-shape',
    area: 'errors',
    spec: '8.1',
    description:
      'An error body is a Status: kind Status, apiVersion v1, metadata {}, status Failure, message, reason, details, code = HTTP code.',
    async run(t) {
      const res = await t.get(R.configmaps, 'missing');
      t.must.equal('media type', mediaTypeOf(res.headers['content-type']), 'application/json');
      t.should.equal('content-type (no parameters)', res.headers['content-type'], 'application/json');
      t.must.equal('Status body', res.json, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'configmaps "missing" not found',
        reason: 'NotFound',
        details: { name: 'missing', kind: 'configmaps' },
        code: 404,
      });
    },
  }),
  defineCase({
    name: 'error-causes-use-reason-key',
    area: 'errors',
    spec: '8.1, 8.2',
    description: 'Several validation errors: message lists them in brackets; each cause has reason/message/field (no "type" key).',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1', { data: { '': 'v', 'a b': 'w' } }));
      t.must.statusError(res, 422, 'Invalid');
      const causes = res.json.details?.causes ?? [];
      t.must.equal('two causes', causes.length, 2);
      for (const c of causes) {
        t.must.equal('cause keys', Object.keys(c).sort(), ['field', 'message', 'reason']);
        t.must.equal('cause reason', c.reason, 'FieldValueInvalid');
      }
      t.must.equal('fields', causes.map((c: { field: string }) => c.field).sort(), ['data[]', 'data[a b]']);
      t.should.match('message lists errors in brackets', res.json.message, /^ConfigMap "cm1" is invalid: \[data\[/);
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'error-configmap-empty-key-is-invalid',
    area: 'errors',
    spec: '12',
    description: 'Creating a ConfigMap with an empty data key fails with 422 (e2e "should fail to create ConfigMap with empty key").',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1', { data: { '': 'value' } }));
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueInvalid', field: 'data[]' });
    },
  }),
  defineCase({
    name: 'error-immutable-configmap-data',
    area: 'errors',
    spec: '8.2',
    description: 'Changing data of an immutable ConfigMap gives 422 "field is immutable when `immutable` is set".',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, { ...t.fx.configMap('cm1', { data: { a: '1' } }), immutable: true });
      const res = await t.put(R.configmaps, 'cm1', { ...created, data: { a: '2' } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueForbidden', field: 'data' });
      t.should.match('message', res.json.message, /data: Forbidden: field is immutable when `immutable` is set/);
      const labels = await t.patch(R.configmaps, 'cm1', 'merge', { metadata: { labels: { still: 'mutable' } } });
      t.must.status(labels, 200);
    },
  }),
  defineCase({
    name: 'error-unknown-content-type-is-unsupported-media-type',
    area: 'errors',
    spec: '8.2',
    description: 'POST with an unknown Content-Type gives 415 listing the accepted media types.',
    async run(t) {
      const res = await t.create(R.configmaps, 'xx', { contentType: 'text/plain' });
      t.must.statusError(res, 415, 'UnsupportedMediaType');
      t.should.match(
        'message',
        res.json.message,
        /^the body of the request was in an unknown format - accepted media types include: application\/json, application\/yaml/,
      );
    },
  }),
  defineCase({
    name: 'error-not-acceptable',
    area: 'errors',
    spec: '8.2',
    description: 'An Accept header with nothing acceptable gives 406 NotAcceptable (as JSON).',
    async run(t) {
      const res = await t.request('GET', t.path(R.configmaps), { headers: { accept: 'application/xml' } });
      t.must.statusError(res, 406, 'NotAcceptable');
    },
  }),
  defineCase({
    name: 'error-accept-wildcard-gives-json',
    area: 'errors',
    spec: '8.2',
    description: 'Accept */* (or none) gives JSON.',
    async run(t) {
      const res = await t.request('GET', t.path(R.configmaps), { headers: { accept: '*/*' } });
      t.must.status(res, 200);
      t.must.equal('media type', mediaTypeOf(res.headers['content-type']), 'application/json');
      t.should.equal('content-type (no parameters)', res.headers['content-type'], 'application/json');
      t.must.equal('kind', res.json?.kind, 'ConfigMapList');
    },
  }),
  defineCase({
    name: 'error-accept-yaml',
    area: 'errors',
    spec: '8.2',
    description: 'Accept application/yaml gives a YAML body with Content-Type application/yaml.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { a: '1' } }));
      const res = await t.request('GET', t.path(R.configmaps, 'cm1'), { headers: { accept: 'application/yaml' } });
      t.must.status(res, 200);
      t.must.equal('media type', mediaTypeOf(res.headers['content-type']), 'application/yaml');
      t.should.equal('content-type (no parameters)', res.headers['content-type'], 'application/yaml');
      t.must.match('YAML apiVersion', res.text, /^apiVersion: v1$/m);
      t.must.match('YAML kind', res.text, /^kind: ConfigMap$/m);
      t.must.match('YAML data', res.text, /^data:\n {2}a: ["']1["']$/m);
      t.should.match('keys sorted (apiVersion first)', res.text, /^apiVersion: v1\n/);
    },
  }),
  defineCase({
    name: 'error-yaml-error-body',
    area: 'errors',
    spec: '8.1',
    description: 'An error for a YAML Accept header is a YAML Status.',
    async run(t) {
      const res = await t.request('GET', t.path(R.configmaps, 'missing'), { headers: { accept: 'application/yaml' } });
      t.must.status(res, 404);
      t.must.equal('media type', mediaTypeOf(res.headers['content-type']), 'application/yaml');
      t.should.equal('content-type (no parameters)', res.headers['content-type'], 'application/yaml');
      t.must.match('YAML Status', res.text, /kind: Status/);
    },
  }),
  defineCase({
    name: 'error-pretty-output',
    area: 'errors',
    spec: '8.2',
    description: '?pretty=true indents the JSON output.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.request('GET', t.path(R.configmaps, 'cm1'), { query: { pretty: 'true' } });
      t.must.status(res, 200);
      t.must.match('indented', res.text, /^\{\n {2}"kind": "ConfigMap",\n {2}"apiVersion": "v1",/);
      const compact = await t.get(R.configmaps, 'cm1');
      t.must.match('compact by default', compact.text, /^\{"kind":"ConfigMap","apiVersion":"v1",/);
    },
  }),
  defineCase({
    name: 'error-unknown-top-level-path-is-plain-404',
    area: 'errors',
    spec: '8.2',
    description: 'An unknown top-level path gives a plain-text "404 page not found".',
    async run(t) {
      const res = await t.request('GET', '/foo/bar');
      t.must.status(res, 404);
      t.must.match('content-type', res.headers['content-type'], /^text\/plain/);
      t.should.equal('body', res.text.trim(), '404 page not found');
    },
  }),
  defineCase({
    name: 'error-unknown-group-is-plain-404',
    area: 'errors',
    spec: '8.2',
    description: 'A path under an unknown API group gives a plain-text 404.',
    async run(t) {
      const res = await t.request('GET', '/apis/nope.example.com/v1/things');
      t.must.status(res, 404);
      t.must.match('content-type', res.headers['content-type'], /^text\/plain/);
    },
  }),
  defineCase({
    name: 'error-unknown-resource-is-404-status',
    area: 'errors',
    spec: '8.2',
    description:
      'An unknown resource under a served group-version gives a 404 Status "the server could not find the requested resource", details {}.',
    async run(t) {
      const res = await t.request('GET', '/api/v1/nothings');
      t.must.statusError(res, 404, 'NotFound');
      t.should.message(res, 'the server could not find the requested resource');
      t.should.equal('details', res.json.details, {});
    },
  }),
  defineCase({
    name: 'error-unknown-subresource-is-not-found',
    area: 'errors',
    spec: '8.2',
    description: 'An unknown subresource gives 404.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.get(R.configmaps, 'cm1', { subresource: 'nope' });
      t.must.status(res, 404);
    },
  }),
  defineCase({
    name: 'error-post-to-named-resource-is-method-not-allowed',
    area: 'errors',
    spec: '8.2',
    description: 'POST to an object URL gives 405 "the server does not allow this method on the requested resource".',
    async run(t) {
      const res = await t.request('POST', t.path(R.configmaps, 'x'), { body: t.fx.configMap('x') });
      t.must.statusError(res, 405, 'MethodNotAllowed');
      t.should.message(res, 'the server does not allow this method on the requested resource');
    },
  }),
  defineCase({
    name: 'error-put-to-collection-is-method-not-allowed',
    area: 'errors',
    spec: '8.2',
    description: 'PUT to a collection URL gives 405.',
    async run(t) {
      const res = await t.request('PUT', t.path(R.configmaps), { body: t.fx.configMap('x') });
      t.must.statusError(res, 405, 'MethodNotAllowed');
    },
  }),
  defineCase({
    name: 'error-invalid-json-body-is-bad-request',
    area: 'errors',
    spec: '8.2',
    description: 'A body that is not JSON gives 400 BadRequest.',
    async run(t) {
      const res = await t.create(R.configmaps, '{"metadata": ');
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'error-kind-mismatch-is-bad-request',
    area: 'errors',
    spec: '8.2',
    description: 'A Secret body POSTed to configmaps gives 400 "Secret in version "v1" cannot be handled as a ConfigMap".',
    async run(t) {
      const res = await t.create(R.configmaps, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, /^Secret in version "v1" cannot be handled as a ConfigMap/);
    },
  }),
  defineCase({
    name: 'error-api-version-mismatch-is-bad-request',
    area: 'errors',
    spec: '8.2',
    description: 'A body with the wrong apiVersion (apps/v1 ConfigMap) gives 400.',
    async run(t) {
      const res = await t.create(R.configmaps, { apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'x' } });
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'error-body-without-type-meta-is-accepted',
    area: 'errors',
    spec: '8.2',
    description: 'A body without kind/apiVersion is accepted (the URL decides the type); the response carries them.',
    async run(t) {
      const res = await t.create(R.configmaps, { metadata: { name: 'bare', labels: { 'kubeharness.io/run': t.runId } }, data: { a: '1' } });
      t.must.status(res, 201);
      t.must.equal('kind/apiVersion', [res.json.kind, res.json.apiVersion], ['ConfigMap', 'v1']);
    },
  }),
  defineCase({
    name: 'error-request-entity-too-large',
    area: 'errors',
    spec: '8.2',
    timeoutMs: 60_000,
    description: 'A request body over 3 MiB gives 413 RequestEntityTooLarge.',
    async run(t) {
      const big = JSON.stringify(t.fx.configMap('big', { data: { a: 'x'.repeat(3 * 1024 * 1024 + 1024) } }));
      const res = await t.create(R.configmaps, big);
      t.must.statusError(res, 413, 'RequestEntityTooLarge');
    },
  }),
  defineCase({
    name: 'error-configmap-over-one-mebibyte-is-invalid',
    area: 'errors',
    spec: '8.2',
    description: 'ConfigMap data over 1 MiB gives 422 TooLong.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('big', { data: { a: 'x'.repeat(1024 * 1024 + 10) } }));
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueTooLong' });
    },
  }),
  defineCase({
    name: 'error-label-value-invalid',
    area: 'errors',
    spec: '8.2',
    description: 'An invalid label value gives 422 on metadata.labels.',
    async run(t) {
      const res = await t.create(R.configmaps, t.fx.configMap('cm1', { labels: { ok: 'not valid!' } }));
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('cause', res.json.details?.causes?.[0], { reason: 'FieldValueInvalid', field: 'metadata.labels' });
    },
  }),
  defineCase({
    name: 'error-force-on-non-apply-patch-is-invalid',
    area: 'errors',
    spec: '5.4',
    description: 'force=true on a non-apply patch gives 422 (PatchOptions) "may not be specified for non-apply patch".',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      const res = await t.patch(R.configmaps, 'cm1', 'merge', { data: { a: '1' } }, { query: { force: 'true' } });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('details', res.json.details, { group: 'meta.k8s.io', kind: 'PatchOptions' });
      t.should.match('message', res.json.message, /force: Forbidden: may not be specified for non-apply patch/);
    },
  }),
];
