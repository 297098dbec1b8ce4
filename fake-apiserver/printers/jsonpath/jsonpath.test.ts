/**
 * The jsonpath port against cases of client-go's jsonpath_test.go that use JSON input (range/end
 * templates are not supported and left out).
 */
import { describe, expect, it } from 'vitest';
import { executeJSONPath, findResults } from './evaluate.js';
import { goFormatFloat, goMarshalJSON, printResult } from './go-values.js';
import { parseJSONPath } from './parser.js';

const run = (template: string, data: unknown, allowMissingKeys = false) => executeJSONPath(parseJSONPath(template), data, allowMissingKeys);

const points = [
  { id: 'i1', x: 4, y: -5 },
  { id: 'i2', x: -2, y: -5, z: 1 },
  { id: 'i3', x: 8, y: 3 },
  { id: 'i4', x: -6, y: -1 },
  { id: 'i5', x: 0, y: 2, z: 1 },
  { id: 'i6', x: 1, y: 4 },
  { id: 'i7', x: null, y: 4 },
];

const nodes = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, ready: true, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: {
        capacity: { cpu: '8' },
        ready: false,
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

const containers = (n: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  spec: { containers: Array.from({ length: n }, (_, i) => ({ image: 'radial/busyboxplus:curl', name: `fake${i}` })) },
});

describe('TestJSONInput', () => {
  it.each([
    ['exists filter', '{[?(@.z)].id}', 'i2 i5'],
    ['bracket key', "{[0]['id']}", 'i1'],
    ['nil value', "{[-1]['x']}", 'null'],
  ])('%s', (_n, template, want) => expect(run(template, points)).toBe(want));
});

describe('TestKubernetes (without range)', () => {
  it.each([
    ['range addresss', '{.items[*].status.addresses[*].address}', '127.0.0.1 127.0.0.2 127.0.0.3'],
    ['item name', '{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
    ['union nodes capacity', "{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ['user password', '{.users[?(@.name=="e2e")].user.password}', 'secret'],
    ['hostname', '{.items[0].metadata.labels.kubernetes\\.io/hostname}', '127.0.0.1'],
    ['hostname filter', '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', 'None'],
    ['bool item', '{.items[?(@..ready==true)].metadata.name}', '127.0.0.1'],
    ['recursive name', '{..name}', '127.0.0.1 127.0.0.2 myself e2e'],
  ])('%s', (_n, template, want) => expect(run(template, nodes)).toBe(want));
});

describe('TestStructInput cases that work on JSON', () => {
  it.each([
    ['plain', 'hello jsonpath', null, 'hello jsonpath'],
    ['recursive', '{..}', [1, 2, 3], '[1,2,3]'],
    ['filter', '{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
    ['quote', '{"{"}', null, '{'],
    ['union', '{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
    ['array', '{[0:2]}', ['Monday', 'Tudesday'], 'Monday Tudesday'],
    ['variable', 'hello {.Name}', { Name: 'jsonpath' }, 'hello jsonpath'],
    ['dict/', '{$.Labels.web/html}', { Labels: { 'web/html': 15 } }, '15'],
    ['dict-', '{.Labels.k8s-app}', { Labels: { 'k8s-app': 20 } }, '20'],
    ['recurfields', '{..Price}', { Book: [{ Price: 8.95 }, { Price: 12.99 }], Bicycle: [{ Price: 19.95 }] }, '8.95 12.99 19.95'],
    ['recurdotfields', '{...Price}', { Book: [{ Price: 8.95 }] }, '8.95'],
    ['lastarray', '{.Book[-1:]}', { Book: [{ A: 1 }, { B: 'x', A: 2 }] }, '{"A":2,"B":"x"}'],
    ['missing key allowed', 'before-{.hello}after', {}, 'before-after'],
  ])('%s', (_n, template, data, want) => expect(run(template, data, true)).toBe(want));

  it.each([
    ['invalid identifier', '{hello}', {}, 'unrecognized identifier hello'],
    ['nonexistent field', '{.hello}', {}, 'hello is not found'],
    ['invalid array', '{.Labels[0]}', { Labels: { a: 1 } }, 'is not array or slice'],
    ['invalid filter operator', '{.Book[?(@.Price<>10)]}', { Book: [{ Price: 1 }] }, 'unrecognized filter operator <>'],
    ['superrecurfields', '{............................................................Price}', {}, 'invalid multiple recursive descent'],
  ])('%s fails', (_n, template, data, message) => {
    expect(() => run(template, data)).toThrow(message);
  });
});

describe('TestFilterPartialMatchesSometimesMissingAnnotations', () => {
  const pods = {
    kind: 'List',
    items: [
      { kind: 'Pod', metadata: { name: 'pod1', annotations: { color: 'blue' } } },
      { kind: 'Pod', metadata: { name: 'pod2' } },
      { kind: 'Pod', metadata: { name: 'pod3', annotations: { color: 'green' } } },
      { kind: 'Pod', metadata: { name: 'pod4', annotations: { color: 'blue' } } },
    ],
  };
  const template = '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}';
  it('tolerates missing keys when allowed', () => expect(run(template, pods, true)).toBe('pod1 pod4'));
  it('fails on missing keys otherwise', () => expect(() => run(template, pods, false)).toThrow());
});

describe('TestNegativeIndex and TestStep', () => {
  it.each([
    ['{.spec.containers[0].name}', 4, 'fake0'],
    ['{.spec.containers[0:0].name}', 4, ''],
    ['{.spec.containers[0:-1].name}', 4, 'fake0 fake1 fake2'],
    ['{.spec.containers[-1].name}', 4, 'fake3'],
    ['{.spec.containers[-1:].name}', 4, 'fake3'],
    ['{.spec.containers[-2].name}', 4, 'fake2'],
    ['{.spec.containers[-2:].name}', 4, 'fake2 fake3'],
    ['{.spec.containers[-3].name}', 4, 'fake1'],
    ['{.spec.containers[-4].name}', 4, 'fake0'],
    ['{.spec.containers[-4:].name}', 4, 'fake0 fake1 fake2 fake3'],
    ['{.spec.containers[5:5].name}', 4, ''],
    ['{.spec.containers[-5:-5].name}', 4, ''],
    ['{.spec.containers[0:].name}', 6, 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['{.spec.containers[0:6:].name}', 6, 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['{.spec.containers[0:6:1].name}', 6, 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['{.spec.containers[1:4:2].name}', 6, 'fake1 fake3'],
  ])('%s', (template, n, want) => expect(run(template, containers(n))).toBe(want));

  it.each([
    ['{.spec.containers[-1:0].name}', 4],
    ['{.spec.containers[-5].name}', 4],
    ['{.spec.containers[3:1].name}', 4],
    ['{.spec.containers[-1:-2].name}', 4],
    ['{.spec.containers[0:6:0].name}', 6],
    ['{.spec.containers[0:6:-1].name}', 6],
  ])('%s fails', (template, n) => expect(() => run(template, containers(n))).toThrow());
});

describe('Go value printing', () => {
  it('formats floats like fmt.Sprint', () => {
    expect([1234567.5, 123456.5, 1e6, 1e5, 0.0001, 0.00001, 1e21, 1e20, 123456789.5, 0.75, -2.5e-7].map(goFormatFloat)).toEqual([
      '1.2345675e+06',
      '123456.5',
      '1e+06',
      '100000',
      '0.0001',
      '1e-05',
      '1e+21',
      '1e+20',
      '1.234567895e+08',
      '0.75',
      '-2.5e-07',
    ]);
  });

  it('marshals JSON like encoding/json (sorted keys, HTML-safe escapes)', () => {
    expect(goMarshalJSON({ z: 1, a: ['<b>&', null, true, 1.5], m: { '\u2028': 'x' } })).toBe(
      '{"a":["\\u003cb\\u003e\\u0026",null,true,1.5],"m":{"\\u2028":"x"},"z":1}',
    );
  });

  it('prints a nil value as <no value> and integers as int64', () => {
    expect(printResult(null)).toBe('<no value>');
    expect(printResult(3)).toBe('3');
    expect(printResult(-3)).toBe('-3');
    expect(printResult(false)).toBe('false');
  });

  it('yields one result list per template node', () => {
    expect(findResults(parseJSONPath('{.a}-{.b}'), { a: 1, b: 2 })).toEqual([[1], ['-'], [2]]);
  });
});
