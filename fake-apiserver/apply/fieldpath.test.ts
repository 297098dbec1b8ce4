import { describe, expect, it } from 'vitest';
import { fieldPE, FieldSet, indexPE, keyPE, parsePE, pathToString, serializePE, valuePE, type Path } from './fieldpath.js';

const f = fieldPE;
const k = (fields: Record<string, unknown>) => keyPE(Object.entries(fields).map(([name, value]) => ({ name, value })));

describe('path elements', () => {
  it('serializes each kind as SMD does', () => {
    expect(serializePE(f('spec'))).toBe('f:spec');
    expect(serializePE(f('app.kubernetes.io/name'))).toBe('f:app.kubernetes.io/name');
    expect(serializePE(k({ protocol: 'TCP', containerPort: 80 }))).toBe('k:{"containerPort":80,"protocol":"TCP"}');
    expect(serializePE(valuePE('finalizer.example.com'))).toBe('v:"finalizer.example.com"');
    expect(serializePE(valuePE(5))).toBe('v:5');
    expect(serializePE(valuePE(true))).toBe('v:true');
    expect(serializePE(indexPE(3))).toBe('i:3');
  });

  it('escapes key values like Go encoding/json (HTML-safe)', () => {
    expect(serializePE(k({ name: 'a<b>&"c"' }))).toBe('k:{"name":"a\\u003cb\\u003e\\u0026\\"c\\""}');
  });

  it('parses what it serializes', () => {
    for (const pe of [f('x'), k({ b: 1, a: 'x' }), valuePE('v'), valuePE(1.5), indexPE(0)]) {
      expect(serializePE(parsePE(serializePE(pe)))).toBe(serializePE(pe));
    }
  });

  it('prints paths the way conflict messages do', () => {
    expect(pathToString([f('spec'), f('replicas')])).toBe('.spec.replicas');
    expect(pathToString([f('spec'), f('containers'), k({ name: 'nginx' }), f('image')])).toBe('.spec.containers[name="nginx"].image');
    expect(pathToString([f('spec'), f('ports'), k({ protocol: 'TCP', containerPort: 80 })])).toBe(
      '.spec.ports[containerPort=80,protocol="TCP"]',
    );
    expect(pathToString([f('metadata'), f('finalizers'), valuePE('x')])).toBe('.metadata.finalizers[="x"]');
    expect(pathToString([f('args'), indexPE(2)])).toBe('.args[2]');
  });
});

describe('FieldsV1', () => {
  it('matches the e2e example byte for byte', () => {
    const item: Path = [f('spec'), f('containers'), k({ name: 'test-container' })];
    const s = FieldSet.of(item, [...item, f('name')], [...item, f('image')]);
    expect(JSON.stringify(s.toFieldsV1())).toBe(
      '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"test-container\\"}":{".":{},"f:image":{},"f:name":{}}}}}',
    );
  });

  it('orders siblings: fields, keys, values, indexes; each sorted', () => {
    const golden =
      '{"f:aaa":{},"f:aab":{},"f:aac":{},"f:aad":{},"f:aae":{},"f:aaf":{},"k:{\\"name\\":\\"first\\"}":{},"k:{\\"name\\":\\"second\\"}":{},' +
      '"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{},"v:1":{},"v:2":{},"v:3":{},' +
      '"v:\\"aa\\"":{},"v:\\"ab\\"":{},"v:true":{},"i:1":{},"i:2":{},"i:3":{},"i:4":{}}';
    const s = FieldSet.fromFieldsV1(JSON.parse(golden));
    expect(JSON.stringify(s.toFieldsV1())).toBe(golden);
    // Shuffled input serializes the same.
    const shuffled = Object.fromEntries(Object.entries(JSON.parse(golden) as object).reverse());
    expect(JSON.stringify(FieldSet.fromFieldsV1(shuffled).toFieldsV1())).toBe(golden);
  });

  it('round-trips nested sets with "." first', () => {
    const text =
      '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:ports":{".":{},"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{}}}}}';
    const s = FieldSet.fromFieldsV1(JSON.parse(text));
    expect(JSON.stringify(s.toFieldsV1())).toBe(text);
    expect(s.has([f('metadata'), f('labels')])).toBe(true);
    expect(s.has([f('metadata')])).toBe(false);
  });

  it('drops unknown element types and rejects malformed ones', () => {
    expect(JSON.stringify(FieldSet.fromFieldsV1({ 'f:a': {}, 'r:b': {} }).toFieldsV1())).toBe('{"f:a":{}}');
    expect(() => FieldSet.fromFieldsV1({ 'k:{nope': {} })).toThrow(/parsing key as path element/);
  });
});

describe('set algebra', () => {
  const a = [f('a')];
  const ab = [f('a'), f('b')];
  const ac = [f('a'), f('c')];

  it('union, intersection, difference', () => {
    const s1 = FieldSet.of(ab, ac);
    const s2 = FieldSet.of(ac, [f('d')]);
    expect(s1.union(s2).paths().map(pathToString)).toEqual(['.d', '.a.b', '.a.c']);
    expect(s1.intersection(s2).paths().map(pathToString)).toEqual(['.a.c']);
    expect(s1.difference(s2).paths().map(pathToString)).toEqual(['.a.b']);
  });

  it('difference keeps children of a removed parent member; recursiveDifference does not', () => {
    const s = FieldSet.of(a, ab);
    expect(s.difference(FieldSet.of(a)).paths().map(pathToString)).toEqual(['.a.b']);
    expect(s.recursiveDifference(FieldSet.of(a)).empty()).toBe(true);
  });
});
