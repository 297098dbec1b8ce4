import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builtinV2Object, builtinV3Keys, builtinV3Object, openapiV2, openapiV3Document, openapiV3Index } from './builtin.js';
import { openAPIManifest } from './data-files.js';

describe('built-in OpenAPI data', () => {
  it('serves the group versions of a default v1.35 server', () => {
    const keys = builtinV3Keys();
    expect(keys).toEqual(
      expect.arrayContaining([
        'api',
        'api/v1',
        'apis',
        'apis/apps',
        'apis/apps/v1',
        'apis/autoscaling/v2',
        'version',
        '.well-known/openid-configuration',
      ]),
    );
    expect(keys).not.toContain('logs');
    expect(keys.filter((k) => /alpha|beta/.test(k))).toEqual([]);
    expect([...keys].sort()).toEqual(keys);
    expect(openAPIManifest().source).toMatchObject({ module: 'k8s.io/kubernetes', version: 'v1.35.4' });
  });

  it('v2 is Swagger 2.0 for the served paths only, normalised like a real server', () => {
    const v2 = builtinV2Object();
    expect(v2.swagger).toBe('2.0');
    expect(v2.info).toEqual({ title: 'Kubernetes', version: '1.35' });
    expect(Object.keys(v2)).toEqual(['swagger', 'info', 'paths', 'definitions', 'parameters', 'securityDefinitions', 'security']);
    expect(v2.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']).toBeDefined();
    expect(Object.keys(v2.paths).some((p) => p.includes('v1alpha') || p.includes('v1beta') || p.startsWith('/logs'))).toBe(false);
    expect(v2.definitions['io.k8s.api.apps.v1.Deployment']).toBeDefined();
    expect(v2.definitions['io.k8s.api.resource.v1beta1.ResourceClaim']).toBeUndefined();
    const patch = v2.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch.consumes).not.toContain('application/apply-patch+cbor');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(openapiV2().subarray(0, 1).toString()).toBe('{');
  });

  it('v3 documents carry GVK and action on operations and fieldValidation on PATCH', () => {
    const doc = builtinV3Object('apis/apps/v1');
    expect(doc.openapi).toBe('3.0.0');
    expect(doc.info.version).toBe('1.35');
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(patch.parameters.map((p: any) => p.name)).toContain('fieldValidation');
    expect(Object.keys(patch.requestBody.content)).toEqual([
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
    ]);
    expect(openapiV3Document('apis/apps/v1beta1')).toBeUndefined();
    expect(builtinV3Object('logs')).toBeUndefined();
  });

  it('the index links every document with the SHA-512 of its bytes, upper-case hex', () => {
    const index = openapiV3Index();
    expect(Object.keys(index.paths)).toEqual([...builtinV3Keys()]);
    const hash = createHash('sha512').update(openapiV3Document('apis/apps/v1')!).digest('hex').toUpperCase();
    expect(hash).toMatch(/^[0-9A-F]{128}$/);
    expect(index.paths['apis/apps/v1']).toEqual({ serverRelativeURL: `/openapi/v3/apis/apps/v1?hash=${hash}` });
    expect(index.paths['.well-known/openid-configuration']!.serverRelativeURL).toMatch(
      /^\/openapi\/v3\/\.well-known\/openid-configuration\?hash=[0-9A-F]{128}$/,
    );
    expect(openapiV3Index('/prefix/openapi/v3').paths['api/v1']!.serverRelativeURL).toMatch(/^\/prefix\/openapi\/v3\/api\/v1\?hash=/);
  });
});
