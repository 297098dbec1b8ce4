import { describe, expect, it } from 'vitest';
import { JsonObjectSplitter } from './watch.js';

describe('JsonObjectSplitter', () => {
  it('splits objects across chunk boundaries, with or without newlines', () => {
    const s = new JsonObjectSplitter();
    expect(s.push('{"type":"ADDED","object":{"a":"}{"}}\n{"ty')).toEqual(['{"type":"ADDED","object":{"a":"}{"}}']);
    expect(s.push('pe":"DELETED","object":{"b":"\\"}"}}{"type":"X"')).toEqual(['{"type":"DELETED","object":{"b":"\\"}"}}']);
    expect(s.push(',"object":{}}')).toEqual(['{"type":"X","object":{}}']);
  });
});
