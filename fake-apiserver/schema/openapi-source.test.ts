import { describe, expect, it } from 'vitest';
import { builtinSchemas } from './openapi-source.js';
import { schemaFromStructural } from './structural.js';
import type { SchemaNode } from './types.js';

function at(node: SchemaNode | undefined, ...path: string[]): SchemaNode {
  let n = node;
  for (const p of path) {
    if (!n) break;
    n = p === '[]' ? n.listItems() : p === '{}' ? n.mapValues() : n.field(p);
  }
  if (!n) throw new Error(`no schema at ${path.join('.')}`);
  return n;
}

describe('built-in schemas', () => {
  const src = builtinSchemas();
  const pod = src.forKind('', 'v1', 'Pod');

  it('finds kinds by group, version and kind', () => {
    expect(pod?.kind).toBe('struct');
    expect(pod?.fieldNames()).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec', 'status']));
    expect(src.forKind('apps', 'v1', 'Deployment')?.field('spec')?.field('replicas')?.scalarType).toBe('integer');
    expect(src.forKind('', 'v1', 'NoSuchKind')).toBeUndefined();
    expect(src.forKind('apps', 'v1beta1', 'Deployment')).toBeUndefined();
    // autoscaling/v1 Scale lives in the documents that use it.
    expect(src.forKind('autoscaling', 'v1', 'Scale')?.field('spec')?.field('replicas')?.kind).toBe('scalar');
    // Lookups are cached: the same node comes back.
    expect(src.forKind('', 'v1', 'Pod')).toBe(pod);
    expect(pod?.modelName).toBe('io.k8s.api.core.v1.Pod');
    expect(pod?.field('spec')?.modelName).toBe('io.k8s.api.core.v1.PodSpec');
    expect(pod?.field('spec')?.field('containers')?.listItems()?.modelName).toBe('io.k8s.api.core.v1.Container');
    expect(pod?.field('metadata')?.field('labels')?.modelName).toBeUndefined();
    expect(pod?.field('metadata')?.field('creationTimestamp')?.modelName).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.Time');
  });

  it('containers: list-map keyed by name, SMP merge by name', () => {
    const containers = at(pod, 'spec', 'containers');
    expect(containers.kind).toBe('list');
    expect(containers.listType).toBe('map');
    expect(containers.listMapKeys).toEqual(['name']);
    expect(containers.patchStrategy).toBe('merge');
    expect(containers.patchMergeKey).toBe('name');
    expect(containers.listItems()?.required).toEqual(['name']);
  });

  it('container ports: merge key containerPort, list-map keys containerPort+protocol', () => {
    const ports = at(pod, 'spec', 'containers', '[]', 'ports');
    expect(ports.patchMergeKey).toBe('containerPort');
    expect(ports.patchStrategy).toBe('merge');
    expect(ports.listMapKeys).toEqual(['containerPort', 'protocol']);
    expect(at(ports, '[]', 'protocol').defaultValue).toBe('TCP');
  });

  it('service ports merge by port; volumes merge,retainKeys', () => {
    const svcPorts = at(src.forKind('', 'v1', 'Service'), 'spec', 'ports');
    expect(svcPorts.patchMergeKey).toBe('port');
    expect(svcPorts.listMapKeys).toEqual(['port', 'protocol']);
    expect(at(pod, 'spec', 'volumes').patchStrategy).toBe('merge,retainKeys');
    expect(at(src.forKind('apps', 'v1', 'Deployment'), 'spec', 'strategy').patchStrategy).toBe('retainKeys');
  });

  it('metadata: finalizers a merge set, labels a string map, ownerReferences keyed by uid', () => {
    const meta = at(pod, 'metadata');
    const finalizers = at(meta, 'finalizers');
    expect(finalizers.listType).toBe('set');
    expect(finalizers.patchStrategy).toBe('merge');
    expect(finalizers.patchMergeKey).toBeUndefined();
    expect(finalizers.listItems()?.scalarType).toBe('string');
    const labels = at(meta, 'labels');
    expect(labels.kind).toBe('map');
    expect(labels.mapValues()?.scalarType).toBe('string');
    expect(labels.mapType).toBeUndefined();
    expect(at(meta, 'ownerReferences').patchMergeKey).toBe('uid');
  });

  it('tolerations are atomic with no patch strategy', () => {
    const tolerations = at(pod, 'spec', 'tolerations');
    expect(tolerations.listType).toBe('atomic');
    expect(tolerations.patchStrategy).toBeUndefined();
  });

  it('maps special types: Time, Quantity, IntOrString, RawExtension, FieldsV1', () => {
    const created = at(pod, 'metadata', 'creationTimestamp');
    expect(created).toMatchObject({ kind: 'scalar', scalarType: 'string', format: 'date-time' });
    const limits = at(pod, 'spec', 'containers', '[]', 'resources', 'limits');
    expect(limits.kind).toBe('map');
    expect(limits.mapValues()?.kind).toBe('scalar');
    expect(limits.mapValues()?.scalarType).toBeUndefined();
    const port = at(pod, 'spec', 'containers', '[]', 'livenessProbe', 'httpGet', 'port');
    expect(port).toMatchObject({ kind: 'scalar', scalarType: 'int-or-string' });
    expect(at(src.forKind('apps', 'v1', 'ControllerRevision'), 'data').kind).toBe('untyped');
    expect(at(pod, 'metadata', 'managedFields', '[]', 'fieldsV1').kind).toBe('untyped');
  });

  it('x-kubernetes-map-type atomic on structs and maps', () => {
    expect(at(pod, 'spec', 'nodeSelector').mapType).toBe('atomic');
    expect(at(src.forKind('apps', 'v1', 'Deployment'), 'spec', 'selector').mapType).toBe('atomic');
  });

  it('resolves recursive schemas lazily (JSONSchemaProps)', () => {
    const crd = src.forKind('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition');
    const props = at(crd, 'spec', 'versions', '[]', 'schema', 'openAPIV3Schema');
    expect(props.kind).toBe('struct');
    const nested = at(props, 'properties', '{}', 'properties', '{}');
    expect(nested.fieldNames()).toEqual(props.fieldNames());
    expect(at(props, 'default').kind).toBe('untyped');
  });
});

describe('schemaFromStructural', () => {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          size: { type: 'integer', default: 3 },
          tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
          ports: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['port', 'protocol'],
            items: {
              type: 'object',
              required: ['port'],
              properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } },
            },
          },
          labels: { type: 'object', additionalProperties: { type: 'string' }, 'x-kubernetes-map-type': 'atomic' },
          quantity: { 'x-kubernetes-int-or-string': true },
          free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          empty: { type: 'object' },
          template: {
            type: 'object',
            'x-kubernetes-embedded-resource': true,
            properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        },
      },
    },
  };
  const root = schemaFromStructural(schema);

  it('adds apiVersion, kind and ObjectMeta at the root', () => {
    expect(root.fieldNames()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(at(root, 'metadata', 'finalizers').patchStrategy).toBe('merge');
    expect(at(root, 'metadata', 'labels').kind).toBe('map');
    expect(schemaFromStructural(schema, { root: false }).fieldNames()).toEqual(['spec']);
    expect(schema.properties.spec.properties).not.toHaveProperty('apiVersion');
  });

  it('maps list types, map types, defaults and int-or-string', () => {
    expect(at(root, 'spec', 'size')).toMatchObject({ kind: 'scalar', scalarType: 'integer', defaultValue: 3 });
    expect(at(root, 'spec', 'tags')).toMatchObject({ kind: 'list', listType: 'set' });
    expect(at(root, 'spec', 'ports').listMapKeys).toEqual(['port', 'protocol']);
    expect(at(root, 'spec', 'ports', '[]', 'protocol').defaultValue).toBe('TCP');
    expect(at(root, 'spec', 'labels')).toMatchObject({ kind: 'map', mapType: 'atomic' });
    expect(at(root, 'spec', 'quantity')).toMatchObject({ kind: 'scalar', scalarType: 'int-or-string' });
  });

  it('preserve-unknown-fields objects are untyped; bare objects are empty structs', () => {
    expect(at(root, 'spec', 'free')).toMatchObject({ kind: 'untyped', preserveUnknownFields: true });
    expect(at(root, 'spec', 'empty').kind).toBe('struct');
    expect(at(root, 'spec', 'empty').fieldNames()).toEqual([]);
  });

  it('embedded resources get apiVersion, kind and metadata', () => {
    const t = at(root, 'spec', 'template');
    expect(t.embeddedResource).toBe(true);
    expect(t.fieldNames()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(t.required).toEqual(['kind', 'apiVersion']);
    expect(at(t, 'metadata', 'name').scalarType).toBe('string');
  });
});
