import { describe, expect, it } from 'vitest';
import { isStatusError, type StatusError } from '../errors/status.js';
import { escapeFieldValue, FieldSelector, parseFieldSelector, type FieldRequirement } from './field-selector.js';

function parseError(text: string): StatusError {
  try {
    parseFieldSelector(text);
  } catch (err) {
    if (isStatusError(err)) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseFieldSelector: terms, order and canonical form', () => {
  it.each<[string, FieldRequirement[], string]>([
    ['', [], ''],
    [',', [], ''],
    [',,a=b,', [{ field: 'a', operator: '=', value: 'b' }], 'a=b'],
    ['metadata.name=foo', [{ field: 'metadata.name', operator: '=', value: 'foo' }], 'metadata.name=foo'],
    // == is the same operator as =
    ['a==b', [{ field: 'a', operator: '=', value: 'b' }], 'a=b'],
    ['a!=b', [{ field: 'a', operator: '!=', value: 'b' }], 'a!=b'],
    // terms are sorted (as raw strings) before parsing
    [
      'x=y,b!=a',
      [
        { field: 'b', operator: '!=', value: 'a' },
        { field: 'x', operator: '=', value: 'y' },
      ],
      'b!=a,x=y',
    ],
    // empty value
    ['a=', [{ field: 'a', operator: '=', value: '' }], 'a='],
    // no trimming on either side
    [' a = b ', [{ field: ' a ', operator: '=', value: ' b ' }], ' a = b '],
    // the first operator position wins; != is recognised before =
    ['a!=', [{ field: 'a', operator: '!=', value: '' }], 'a!='],
    ['a!b=c', [{ field: 'a!b', operator: '=', value: 'c' }], 'a!b=c'],
    // escaping: \, \= \\ in values
    ['a=b\\,c', [{ field: 'a', operator: '=', value: 'b,c' }], 'a=b\\,c'],
    ['a=\\=\\\\', [{ field: 'a', operator: '=', value: '=\\' }], 'a=\\=\\\\'],
    [
      'a=x\\,y,b=z',
      [
        { field: 'a', operator: '=', value: 'x,y' },
        { field: 'b', operator: '=', value: 'z' },
      ],
      'a=x\\,y,b=z',
    ],
    // == consumes both characters, so a third = begins the value (escaped here)
    ['a==\\=b', [{ field: 'a', operator: '=', value: '=b' }], 'a=\\=b'],
  ])('%j', (text, reqs, canonical) => {
    const sel = parseFieldSelector(text);
    expect(sel.requirements()).toEqual(reqs);
    expect(sel.toString()).toBe(canonical);
    expect(sel.empty()).toBe(reqs.length === 0);
  });
});

describe('parseFieldSelector: errors carry the upstream message as 400 BadRequest', () => {
  it.each([
    ['a', "invalid selector: 'a'; can't understand 'a'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    // the first bad term in sorted order is reported
    ['z,a=b,y', "invalid selector: 'z,a=b,y'; can't understand 'y'"],
    ['status.phase in (Running)', "invalid selector: 'status.phase in (Running)'; can't understand 'status.phase in (Running)'"],
    ['a<1', "invalid selector: 'a<1'; can't understand 'a<1'"],
    // an unescaped = or , (after \,) in a value; Go prints the rune as its code point
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a===b', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j', (text, message) => {
    const err = parseError(text);
    expect(err.message).toBe(message);
    expect(err.status).toMatchObject({ reason: 'BadRequest', code: 400, message });
  });
});

describe('FieldSelector matching', () => {
  it.each<[string, Record<string, string>, boolean]>([
    ['', { a: 'b' }, true],
    ['a=b', { a: 'b' }, true],
    ['a=b', { a: 'c' }, false],
    ['a==b', { a: 'b' }, true],
    ['a!=b', { a: 'c' }, true],
    ['a!=b', { a: 'b' }, false],
    // a missing field reads as ""
    ['a!=b', {}, true],
    ['a=', {}, true],
    ['a=b', {}, false],
    ['a=b,c!=d', { a: 'b', c: 'e' }, true],
    ['a=b,c!=d', { a: 'b', c: 'd' }, false],
    ['a=x\\,y', { a: 'x,y' }, true],
    // inherited properties are not fields
    ['constructor=', {}, true],
  ])('%j on %j → %s', (text, fields, want) => {
    expect(parseFieldSelector(text).matches(fields)).toBe(want);
  });

  it('requiresExactMatch only for = terms', () => {
    expect(parseFieldSelector('metadata.name=foo,b!=c').requiresExactMatch('metadata.name')).toBe('foo');
    expect(parseFieldSelector('metadata.name!=foo').requiresExactMatch('metadata.name')).toBeUndefined();
  });

  it('transform rewrites terms in order and propagates the first error', () => {
    const seen: string[] = [];
    const out = parseFieldSelector('spec.host=n1,metadata.name!=x').transform((field, value) => {
      seen.push(field);
      return { field: field === 'spec.host' ? 'spec.nodeName' : field, value };
    });
    expect(seen).toEqual(['metadata.name', 'spec.host']);
    expect(out.toString()).toBe('metadata.name!=x,spec.nodeName=n1');
    expect(() =>
      parseFieldSelector('b=1,a=2').transform((field) => {
        throw new Error(`nope ${field}`);
      }),
    ).toThrow('nope a');
  });

  it('oneTermEqual and escapeFieldValue', () => {
    expect(FieldSelector.oneTermEqual('metadata.name', 'a,b').toString()).toBe('metadata.name=a\\,b');
    expect(escapeFieldValue('\\,=')).toBe('\\\\\\,\\=');
    const round = parseFieldSelector(FieldSelector.oneTermEqual('f', 'x=\\,y').toString());
    expect(round.requirements()).toEqual([{ field: 'f', operator: '=', value: 'x=\\,y' }]);
  });
});
