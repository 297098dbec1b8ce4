import { describe, expect, it } from 'vitest';
import { diff } from './diff.js';

describe('diff', () => {
  it('is empty for equal values', () => {
    expect(diff({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toEqual([]);
  });

  it('reports changed, added and removed paths', () => {
    expect(diff({ a: 1, b: { c: 'x', 'k.io/l': 1 }, list: [1, 2] }, { a: 2, b: { d: true, 'k.io/l': 1 }, list: [1] })).toEqual([
      { path: '.a', kind: 'changed', a: 1, b: 2 },
      { path: '.b.c', kind: 'removed', a: 'x' },
      { path: '.b.d', kind: 'added', b: true },
      { path: '.list[1]', kind: 'removed', a: 2 },
    ]);
  });

  it('quotes keys that are not identifiers and treats type changes as changes', () => {
    expect(diff({ 'f:data': [] }, { 'f:data': {} })).toEqual([{ path: '["f:data"]', kind: 'changed', a: [], b: {} }]);
    expect(diff('a', 'b')).toEqual([{ path: '', kind: 'changed', a: 'a', b: 'b' }]);
  });
});
