import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCRDOpenAPIV2, buildCRDOpenAPIV3, crdModelName, type CRDLike } from './crd-openapi.js';
import { OpenAPIService } from './service.js';

const here = dirname(fileURLToPath(import.meta.url));
const read = (f: string) => JSON.parse(readFileSync(join(here, 'testdata', f), 'utf8'));
const crd = read('widget-crd.json') as CRDLike;
const goldenV3 = read('widget-openapi-v3.golden.json');
const goldenV2 = read('widget-openapi-v2.golden.json');

describe('CRD OpenAPI v3 (BuildOpenAPIV3)', () => {
  for (const version of ['v1', 'v2']) {
    it(`${version} matches a real v1.35.4 server`, () => {
      const doc = buildCRDOpenAPIV3(crd, version);
      const golden = goldenV3[version];
      expect(Object.keys(doc.components.schemas)).toEqual(golden['x-component-names']);
      const own = Object.fromEntries(Object.entries(doc.components.schemas).filter(([k]) => !k.startsWith('io.k8s')));
      expect(own).toEqual(golden.components.schemas);
      expect(doc.paths).toEqual(golden.paths);
      expect(doc.info).toEqual(golden.info);
    });
  }

  it('PATCH carries GVK, action and fieldValidation (what kubectl --validate=strict looks for)', () => {
    const doc = buildCRDOpenAPIV3(crd, 'v1');
    const patch = doc.paths['/apis/openapi-probe.kubeharness.dev/v1/namespaces/{namespace}/widgets/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'openapi-probe.kubeharness.dev', version: 'v1', kind: 'Widget' });
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch.parameters.map((p: any) => p.name)).toContain('fieldValidation');
    expect(Object.keys(patch.requestBody.content)).not.toContain('application/strategic-merge-patch+json');
  });

  it('cluster-scoped CRDs have no namespace paths; names its model by reversed group', () => {
    const cluster: CRDLike = { ...crd, spec: { ...crd.spec, scope: 'Cluster', versions: [{ name: 'v1', served: true }] } };
    const doc = buildCRDOpenAPIV3(cluster, 'v1');
    expect(Object.keys(doc.paths)).toEqual([
      '/apis/openapi-probe.kubeharness.dev/v1/widgets',
      '/apis/openapi-probe.kubeharness.dev/v1/widgets/{name}',
    ]);
    expect(doc.paths['/apis/openapi-probe.kubeharness.dev/v1/widgets/{name}'].get.operationId).toBe(
      'readOpenapiProbeKubeharnessDevV1Widget',
    );
    expect(doc.components.schemas[crdModelName('openapi-probe.kubeharness.dev', 'v1', 'Widget')]).toEqual({
      type: 'object',
      'x-kubernetes-group-version-kind': [{ group: 'openapi-probe.kubeharness.dev', kind: 'Widget', version: 'v1' }],
    });
  });
});

describe('CRD OpenAPI v2 (BuildOpenAPIV2, merged into /openapi/v2)', () => {
  it('paths and definitions match a real v1.35.4 server once merged', () => {
    const svc = new OpenAPIService();
    svc.setCustomResourceDefinition(crd);
    const v2 = JSON.parse(svc.v2().bytes.toString('utf8'));
    for (const [p, item] of Object.entries(goldenV2.paths)) expect(v2.paths[p], p).toEqual(item);
    for (const [d, def] of Object.entries(goldenV2.definitions)) expect(v2.definitions[d], d).toEqual(def);
    const ours = Object.keys(v2.paths).filter((p) => p.includes('openapi-probe'));
    expect(ours.sort()).toEqual(Object.keys(goldenV2.paths).sort());
  });

  it('v2 drops defaults, nullable types, anyOf and the properties below preserve-unknown-fields', () => {
    const { definitions } = buildCRDOpenAPIV2(crd, 'v1');
    const spec = definitions['dev.kubeharness.openapi-probe.v1.Widget'].properties.spec;
    expect(spec.properties.size).toEqual({ type: 'integer', minimum: 1 });
    expect(spec.properties.nullableField).toEqual({});
    expect(spec.properties.free).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(spec.properties.quantity.anyOf).toBeUndefined();
  });
});

describe('OpenAPIService', () => {
  it('publishes served CRD versions in the index and removes them on delete', () => {
    const svc = new OpenAPIService();
    const before = svc.v2().etag;
    svc.setCustomResourceDefinition(crd);
    const index = svc.v3Index();
    expect(index.paths['apis/openapi-probe.kubeharness.dev/v1']?.serverRelativeURL).toMatch(
      /^\/openapi\/v3\/apis\/openapi-probe\.kubeharness\.dev\/v1\?hash=[0-9A-F]{128}$/,
    );
    expect(index.paths['apis/openapi-probe.kubeharness.dev']).toBeUndefined();
    expect(svc.v2().etag).not.toBe(before);
    const hash = index.paths['apis/openapi-probe.kubeharness.dev/v1']!.serverRelativeURL.split('hash=')[1]!;
    expect(svc.handleV3('apis/openapi-probe.kubeharness.dev/v1', { hash }).status).toBe(200);

    const changed = structuredClone(crd);
    changed.spec.versions[0]!.schema!.openAPIV3Schema.properties.spec.properties.extra = { type: 'string' };
    svc.setCustomResourceDefinition(changed);
    const r = svc.handleV3('apis/openapi-probe.kubeharness.dev/v1', { hash });
    expect(r.status).toBe(301);
    expect(r.headers['Location']).not.toContain(hash);

    svc.deleteCustomResourceDefinition('widgets.openapi-probe.kubeharness.dev');
    expect(svc.v3Index().paths['apis/openapi-probe.kubeharness.dev/v1']).toBeUndefined();
    expect(svc.handleV3('apis/openapi-probe.kubeharness.dev/v1').status).toBe(404);
    expect(svc.v2().etag).toBe(before);
  });

  it('merges every CRD of a group version into one document', () => {
    const svc = new OpenAPIService();
    svc.setCustomResourceDefinition(crd);
    const gadget = structuredClone(crd);
    gadget.metadata = { name: 'gadgets.openapi-probe.kubeharness.dev' };
    gadget.spec.names = { kind: 'Gadget', listKind: 'GadgetList', plural: 'gadgets' };
    svc.setCustomResourceDefinition(gadget);
    const doc = JSON.parse(svc.v3('apis/openapi-probe.kubeharness.dev/v1')!.bytes.toString('utf8'));
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['dev.kubeharness.openapi-probe.v1.Gadget', 'dev.kubeharness.openapi-probe.v1.Widget']),
    );
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/apis/openapi-probe.kubeharness.dev/v1/gadgets', '/apis/openapi-probe.kubeharness.dev/v1/widgets']),
    );
  });

  it('serves built-ins byte for byte and can narrow the built-in keys', () => {
    const svc = new OpenAPIService({ servedBuiltinKeys: (k) => !k.startsWith('apis/batch') });
    expect(svc.v3Keys()).not.toContain('apis/batch/v1');
    expect(svc.handleV3('apis/batch/v1').status).toBe(404);
    const r = svc.handleV3Index();
    expect(JSON.parse(r.body.toString()).paths['api/v1'].serverRelativeURL).toMatch(/hash=/);
  });
});
