import { describe, expect, it } from 'vitest';
import { fieldPE, FieldSet, keyPE, pathToString } from './fieldpath.js';
import { compare, ensureNamedFieldsAreMembers, merge, removeItems, rootType, toFieldSet, validate } from './typed.js';
import { ATOMIC_CRD, CONFIG_MAP, DEPLOYMENT, NOXU, POD } from './test/schemas.js';

const pod = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers, ...extra },
});

const fields = (v: unknown) => JSON.stringify(v);

describe('toFieldSet', () => {
  it('lists map-list items by key, leaves inside, declared parents only as parents', () => {
    const s = toFieldSet(pod([{ name: 'test-container', image: 'test-image' }]), POD);
    expect(fields(s.toFieldsV1())).toBe(
      '{"f:apiVersion":{},"f:kind":{},"f:metadata":{"f:name":{}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"test-container\\"}":{".":{},"f:image":{},"f:name":{}}}}}',
    );
  });

  it('uses the schema default of a missing list-map key (protocol: TCP)', () => {
    const s = toFieldSet(pod([{ name: 'c', ports: [{ containerPort: 80 }] }]), POD);
    expect(s.paths().map(pathToString)).toContain('.spec.containers[name="c"].ports[containerPort=80,protocol="TCP"]');
  });

  it('owns map keys (labels) and set items (finalizers) individually, atomic structs whole', () => {
    const s = toFieldSet(
      {
        metadata: { labels: { a: '1' }, finalizers: ['x', 'y'] },
        spec: { selector: { matchLabels: { a: '1' } }, template: { spec: { tolerations: [{ key: 'k' }] } } },
      },
      DEPLOYMENT,
    );
    expect(s.paths().map(pathToString)).toEqual([
      '.metadata.finalizers[="x"]',
      '.metadata.finalizers[="y"]',
      '.metadata.labels.a',
      '.spec.selector',
      '.spec.template.spec.tolerations',
    ]);
  });

  it('without a schema: maps granular, lists atomic, metadata still ObjectMeta', () => {
    const s = toFieldSet({ metadata: { finalizers: ['x'] }, spec: { a: { b: 1 }, list: [{ name: 'x' }] } }, rootType(undefined));
    expect(s.paths().map(pathToString)).toEqual(['.spec', '.metadata.finalizers[="x"]', '.spec.a', '.spec.list', '.spec.a.b']);
  });

  it('ensureNamedFieldsAreMembers adds declared struct parents only', () => {
    const s = toFieldSet({ metadata: { labels: { a: '1' } }, spec: { replicas: 1 } }, DEPLOYMENT);
    expect(ensureNamedFieldsAreMembers(s, DEPLOYMENT).paths().map(pathToString)).toEqual([
      '.metadata',
      '.spec',
      '.metadata.labels',
      '.metadata.labels.a',
      '.spec.replicas',
    ]);
  });
});

describe('merge', () => {
  it('merges containers by name: LHS order, new items appended, fields merged', () => {
    const live = pod([
      { name: 'a', image: 'a:1' },
      { name: 'b', image: 'b:1', args: ['x'] },
    ]);
    const cfg = pod([
      { name: 'b', image: 'b:2' },
      { name: 'c', image: 'c:1' },
    ]);
    expect((merge(live, cfg, POD) as { spec: unknown }).spec).toEqual({
      containers: [
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:2', args: ['x'] },
        { name: 'c', image: 'c:1' },
      ],
    });
  });

  it('follows RHS order for items both sides have', () => {
    const out = merge(pod([{ name: 'a' }, { name: 'b' }, { name: 'x' }]), pod([{ name: 'b' }, { name: 'a' }]), POD) as {
      spec: { containers: { name: string }[] };
    };
    // SMD: shared items take RHS's relative order; LHS-only items stay where LHS had them.
    expect(out.spec.containers.map((c) => c.name)).toEqual(['b', 'x', 'a']);
  });

  it('unions sets (finalizers) and replaces atomic lists', () => {
    expect(merge({ metadata: { finalizers: ['a', 'b'] } }, { metadata: { finalizers: ['c', 'a'] } }, NOXU)).toEqual({
      metadata: { finalizers: ['c', 'a', 'b'] },
    });
    expect(merge({ spec: { atomicList: ['item1'] } }, { spec: { atomicList: ['item2'] } }, ATOMIC_CRD)).toEqual({
      spec: { atomicList: ['item2'] },
    });
  });

  it('merges granular maps, replaces atomic ones, keeps explicit null at leaves', () => {
    const live = { data: { a: '1', b: '2' }, metadata: { labels: { x: '1' } } };
    expect(merge(live, { data: { b: '3' }, metadata: { labels: null } }, CONFIG_MAP)).toEqual({
      data: { a: '1', b: '3' },
      metadata: { labels: { x: '1' } },
    });
    const d = { spec: { selector: { matchLabels: { a: '1', b: '2' } }, replicas: 3 } };
    expect(merge(d, { spec: { selector: { matchLabels: { a: '1' } }, replicas: null } }, DEPLOYMENT)).toEqual({
      spec: { selector: { matchLabels: { a: '1' } }, replicas: null },
    });
  });
});

describe('compare', () => {
  it('reports leaves, and non-leaf nodes that appear or disappear', () => {
    const c = compare(
      { metadata: { name: 'x' }, data: { a: '1', b: '2' } },
      { metadata: { name: 'x', labels: { l: '1' } }, data: { a: '9' } },
      CONFIG_MAP,
    );
    expect(c.added.paths().map(pathToString)).toEqual(['.metadata.labels', '.metadata.labels.l']);
    expect(c.modified.paths().map(pathToString)).toEqual(['.data.a']);
    expect(c.removed.paths().map(pathToString)).toEqual(['.data.b']);
  });

  it('a struct present on one side only is added as a member', () => {
    const c = compare({ spec: { strategy: {} } }, { spec: { strategy: { rollingUpdate: { maxSurge: 1 } } } }, DEPLOYMENT);
    expect(c.added.paths().map(pathToString)).toEqual(['.spec.strategy.rollingUpdate', '.spec.strategy.rollingUpdate.maxSurge']);
  });
});

describe('removeItems', () => {
  it('removes members and their subtrees; empty containers disappear', () => {
    const v = pod([{ name: 'c', image: 'i', ports: [{ containerPort: 80, protocol: 'TCP' }] }]);
    const port = FieldSet.of([
      fieldPE('spec'),
      fieldPE('containers'),
      keyPE([{ name: 'name', value: 'c' }]),
      fieldPE('ports'),
      keyPE([
        { name: 'containerPort', value: 80 },
        { name: 'protocol', value: 'TCP' },
      ]),
    ]);
    expect(removeItems(v, port, POD)).toEqual(pod([{ name: 'c', image: 'i' }]));
    expect(removeItems(v, FieldSet.of([fieldPE('spec')]), POD)).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
  });
});

describe('validate (apply patch)', () => {
  it('reports undeclared fields with SMD paths', () => {
    expect(validate({ spec: { containers: [{ name: 'c', foo: 1 }] } }, POD)).toEqual([
      '.spec.containers[name="c"].foo: field not declared in schema',
    ]);
    expect(validate({ spec: { anything: { goes: 1 } } }, NOXU)).toEqual([]);
  });

  it('reports missing keys, duplicates and wrong scalar kinds', () => {
    expect(validate({ spec: { containers: [{ image: 'x' }] } }, POD)).toEqual([
      '.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    ]);
    expect(validate({ spec: { containers: [{ name: 'a' }, { name: 'a' }] } }, POD)).toEqual([
      '.spec.containers: duplicate entries for key [name="a"]',
    ]);
    expect(validate({ spec: { replicas: 'three' } }, DEPLOYMENT)).toEqual(['.spec.replicas: expected numeric (int or float), got "three"']);
  });
});
