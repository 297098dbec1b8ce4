import { describe, expect, it } from 'vitest';
import { executionOrder, namespaceFor } from './runner.js';
import type { CaseDefinition } from './types.js';

const c = (name: string, o: Partial<CaseDefinition> = {}): CaseDefinition => ({
  name,
  area: 'crud',
  description: '',
  run: async () => {},
  ...o,
});

describe('runner helpers', () => {
  it('starts long cases first and exclusive cases last, stable otherwise', () => {
    const order = executionOrder([
      c('a'),
      c('x', { exclusive: true }),
      c('b', { timeoutMs: 90_000 }),
      c('c'),
      c('d', { timeoutMs: 60_000 }),
    ]);
    expect(order.map((x) => x.name)).toEqual(['b', 'd', 'a', 'c', 'x']);
  });
  it('makes DNS-label namespace names of at most 63 characters', () => {
    const ns = namespaceFor('Some_Case/with weird chars and a very long name that goes on and on and on');
    expect(ns).toMatch(/^kh-[a-z0-9-]+-[a-z0-9]{5}$/);
    expect(ns.length).toBeLessThanOrEqual(63);
    expect(ns).not.toMatch(/--[a-z0-9]{5}$/);
  });
});
