import { describe, expect, it } from 'vitest';
import { isStatusError, type StatusError } from '../errors/status.js';
import {
  LabelSelector,
  labelSelectorFromMetav1,
  labelSelectorFromSet,
  newRequirement,
  parseLabelSelector,
  type LabelSelectorV1,
} from './label-selector.js';

function parseError(text: string): StatusError {
  try {
    parseLabelSelector(text);
  } catch (err) {
    if (isStatusError(err)) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

function metav1Error(sel: LabelSelectorV1): string {
  try {
    labelSelectorFromMetav1(sel);
  } catch (err) {
    if (isStatusError(err)) return err.message;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(sel)} to be rejected`);
}

const KEY_NAME_REGEX_ERR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('parseLabelSelector: canonical toString', () => {
  it.each([
    ['', ''],
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1,z<5', 'x>1,z<5'],
    ['a==b', 'a==b'],
    // requirements sorted by key
    ['z=1,a=2,m', 'a=2,m,z=1'],
    // in/notin values are sorted and de-duplicated; "()" and ",," contribute ""
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['x in (b,a,b)', 'x in (a,b)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x notin (abc)', 'x notin (abc)'],
    // whitespace: space, tab, CR, LF are separators anywhere
    ['\rx', 'x'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['  a  =  b  ,  c  ', 'a=b,c'],
    // in/notin are identifiers in value position and as keys
    ['notin=in', 'notin=in'],
    ['in in (in,notin)', 'in in (in,notin)'],
    // prefixed keys
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
  ])('%j → %j', (text, canonical) => {
    expect(parseLabelSelector(text).toString()).toBe(canonical);
  });

  it('is deterministic regardless of input order', () => {
    expect(parseLabelSelector('x=a,a=x').toString()).toBe(parseLabelSelector('a=x,x=a').toString());
  });

  it('empty() only for a selector without requirements', () => {
    expect(parseLabelSelector('').empty()).toBe(true);
    expect(parseLabelSelector(' ').empty()).toBe(true);
    expect(parseLabelSelector('a').empty()).toBe(false);
  });
});

describe('parseLabelSelector: operator semantics', () => {
  const cases: Array<[string, Record<string, string> | undefined, boolean]> = [
    ['', { x: 'y' }, true],
    ['', undefined, true],
    // equality
    ['x=y', { x: 'y' }, true],
    ['x==y', { x: 'y' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=z', {}, false],
    ['x=', { x: '' }, true],
    ['x=', {}, false],
    // inequality matches objects without the key
    ['x!=y', { x: 'z' }, true],
    ['x!=y', { x: 'y' }, false],
    ['x!=y', {}, true],
    ['x!=y', undefined, true],
    // set-based
    ['x in (a,b)', { x: 'b' }, true],
    ['x in (a,b)', { x: 'c' }, false],
    ['x in (a,b)', {}, false],
    ['x in ()', { x: '' }, true],
    ['x in ()', { y: 'baz' }, false],
    ['x notin (a,b)', { x: 'c' }, true],
    ['x notin (a,b)', { x: 'a' }, false],
    ['x notin (a,b)', {}, true],
    ['x notin ()', { x: '' }, false],
    // existence
    ['x', { x: '' }, true],
    ['x', { y: 'z' }, false],
    ['!x', { y: 'z' }, true],
    ['!x', { x: 'z' }, false],
    // gt / lt: int64 comparison, no match when absent or not an integer
    ['x>1', { x: '2' }, true],
    ['x>1', { x: '1' }, false],
    ['x>1', { x: '0' }, false],
    ['x>1', { x: 'v2' }, false],
    ['x>1', {}, false],
    ['x<1', { x: '0' }, true],
    ['x<1', { x: '-5' }, true],
    ['x<1', { x: '2' }, false],
    ['x>9', { x: '10' }, true], // numeric, not lexical
    ['x>9223372036854775806', { x: '9223372036854775807' }, true],
    ['x>1', { x: '9223372036854775808' }, false], // out of int64 range
    ['x>1', { x: '+5' }, true], // strconv.ParseInt accepts a sign
    ['x>1', { x: '1_000' }, false],
    // AND of requirements
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
    // inherited object properties are not labels
    ['constructor', {}, false],
    ['!constructor', {}, true],
    ['toString!=x', {}, true],
  ];
  it.each(cases)('%j matches %j → %s', (text, labels, want) => {
    expect(parseLabelSelector(text).matches(labels)).toBe(want);
  });
});

describe('parseLabelSelector: errors carry the upstream message as 400 BadRequest', () => {
  it.each([
    ['a in (', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['a,,b', "found ',', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a!', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    // '|' is not special: the value is "a||y", which fails label-value validation
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${VALUE_REGEX_ERR}`],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a in (x y)', "unable to parse requirement: found 'y', expected: ',' or ')'"],
    ['a in (x))', "found ')', expected: ',' or 'end of string'"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a in (x,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    // key validation: labels.Parse validates with a nil field path
    ['a_', `unable to parse requirement: <nil>: Invalid value: "a_": ${KEY_NAME_REGEX_ERR}`],
    ['/a', 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty'],
    ['A.B/c', `unable to parse requirement: <nil>: Invalid value: "A.B/c": prefix part ${SUBDOMAIN_ERR}`],
    ['a/', `unable to parse requirement: <nil>: Invalid value: "a/": name part must be non-empty; ${KEY_NAME_REGEX_ERR}`],
    [
      'a/b/c',
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
    // value validation: reported at values[i][key]
    ['a=-x', `unable to parse requirement: values[0][a]: Invalid value: "-x": ${VALUE_REGEX_ERR}`],
    // values are sorted before validation, so the index is the sorted position
    ['a in (zz@z,ok)', `unable to parse requirement: values[1][a]: Invalid value: "zz@z": ${VALUE_REGEX_ERR}`],
    // gt/lt need an integer
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['a>', `unable to parse requirement: values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      'a>99999999999999999999',
      `unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
    // several field errors aggregate as [e1, e2]
    [
      'a>-x',
      `unable to parse requirement: [values[0]: Invalid value: "-x": for 'Gt', 'Lt' operators, the value must be an integer, values[0][a]: Invalid value: "-x": ${VALUE_REGEX_ERR}]`,
    ],
    // a NUL byte ends the current token and is consumed
    ['a\0b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
  ])('%j', (text, message) => {
    const err = parseError(text);
    expect(err.message).toBe(message);
    expect(err.status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400, message });
  });
});

describe('parseLabelSelector: length limits', () => {
  it('accepts a 63-byte value and rejects 64', () => {
    expect(parseLabelSelector(`a=${'x'.repeat(63)}`).toString()).toBe(`a=${'x'.repeat(63)}`);
    const long = 'x'.repeat(64);
    expect(parseError(`a=${long}`).message).toBe(
      `unable to parse requirement: values[0][a]: Invalid value: "${long}": must be no more than 63 bytes`,
    );
  });

  it('counts UTF-8 bytes, not characters', () => {
    const v = 'é'.repeat(40); // 40 characters, 80 bytes
    expect(parseError(`k=${v}`).message).toBe(
      `unable to parse requirement: values[0][k]: Invalid value: "${v}": must be no more than 63 bytes; ${VALUE_REGEX_ERR}`,
    );
  });

  it('limits the key name part to 63 bytes and the prefix to 253', () => {
    expect(parseLabelSelector('k'.repeat(63)).toString()).toBe('k'.repeat(63));
    const name = 'k'.repeat(64);
    expect(parseError(name).message).toBe(
      `unable to parse requirement: <nil>: Invalid value: "${name}": name part must be no more than 63 bytes`,
    );
    const prefix = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`; // 255 bytes
    expect(parseError(`${prefix}/x`).message).toBe(
      `unable to parse requirement: <nil>: Invalid value: "${prefix}/x": prefix part must be no more than 253 bytes`,
    );
  });
});

describe('LabelSelector helpers', () => {
  it('requiresExactMatch for =, == and single-value in only', () => {
    expect(parseLabelSelector('a=1,b').requiresExactMatch('a')).toBe('1');
    expect(parseLabelSelector('a in (1)').requiresExactMatch('a')).toBe('1');
    expect(parseLabelSelector('a in (1,2)').requiresExactMatch('a')).toBeUndefined();
    expect(parseLabelSelector('a!=1').requiresExactMatch('a')).toBeUndefined();
  });

  it('add keeps key order', () => {
    const sel = parseLabelSelector('b=1').add(newRequirement('a', 'exists', []));
    expect(sel.toString()).toBe('a,b=1');
  });

  it('labelSelectorFromSet builds = requirements; empty is everything', () => {
    expect(labelSelectorFromSet({ b: '2', a: '1' }).toString()).toBe('a=1,b=2');
    expect(labelSelectorFromSet({}).empty()).toBe(true);
    expect(labelSelectorFromSet(undefined).matches({ x: 'y' })).toBe(true);
  });
});

describe('labelSelectorFromMetav1 (LabelSelectorAsSelector)', () => {
  it('nil selects nothing; an empty selector selects everything', () => {
    const nothing = labelSelectorFromMetav1(null);
    expect(nothing.matches({})).toBe(false);
    expect(nothing.matches({ a: 'b' })).toBe(false);
    expect(nothing.empty()).toBe(false);
    expect(nothing.toString()).toBe('');
    expect(nothing).toEqual(LabelSelector.nothing());
    const everything = labelSelectorFromMetav1({});
    expect(everything.empty()).toBe(true);
    expect(everything.matches({ a: 'b' })).toBe(true);
    expect(labelSelectorFromMetav1({ matchLabels: {}, matchExpressions: [] }).empty()).toBe(true);
  });

  it.each<[LabelSelectorV1, string, Record<string, string>, boolean]>([
    [{ matchLabels: { app: 'web', tier: 'fe' } }, 'app=web,tier=fe', { app: 'web', tier: 'fe' }, true],
    [{ matchLabels: { app: 'web' } }, 'app=web', { app: 'db' }, false],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, 'env in (dev,prod)', { env: 'dev' }, true],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, 'env notin (prod)', {}, true],
    [{ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, 'env', { env: '' }, true],
    [{ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, '!env', { env: 'x' }, false],
    [{ matchLabels: { z: '1' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] }, 'a,z=1', { a: 'x', z: '1' }, true],
  ])('%j → %j', (sel, canonical, labels, want) => {
    const s = labelSelectorFromMetav1(sel);
    expect(s.toString()).toBe(canonical);
    expect(s.matches(labels)).toBe(want);
  });

  it.each<[LabelSelectorV1, string]>([
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid pod selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, '"Gt" is not a valid pod selector operator'],
    [
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x', 'y'] }] },
      'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { 'a b': 'c' } }, `key: Invalid value: "a b": ${KEY_NAME_REGEX_ERR}`],
    [{ matchLabels: { a: 'b c' } }, `values[0][a]: Invalid value: "b c": ${VALUE_REGEX_ERR}`],
    [
      { matchExpressions: [{ key: '-k', operator: 'In', values: ['ok', '-v'] }] },
      `[key: Invalid value: "-k": ${KEY_NAME_REGEX_ERR}, values[1][-k]: Invalid value: "-v": ${VALUE_REGEX_ERR}]`,
    ],
  ])('%j is rejected', (sel, message) => {
    expect(metav1Error(sel)).toBe(message);
  });
});
