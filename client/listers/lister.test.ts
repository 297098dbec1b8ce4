import { describe, expect, it } from 'vitest';
import { metaNamespaceIndexFunc, NAMESPACE_INDEX, newIndexer } from '../cache/indexer.js';
import { metaNamespaceKeyFunc } from '../cache/store.js';
import { listAllByNamespace, newLister, newNamespacedLister } from './lister.js';
import { everything, nothing, selectorFromLabelSelector } from './selector.js';

interface Obj {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
}
const o = (name: string, namespace: string | undefined, labels: Record<string, string> = {}): Obj => ({
  metadata: { name, namespace, labels },
});

describe('listers', () => {
  const fill = (indexed: boolean) => {
    const idx = newIndexer<Obj>(metaNamespaceKeyFunc, indexed ? { [NAMESPACE_INDEX]: metaNamespaceIndexFunc } : {});
    idx.add(o('a', 'ns1', { app: 'web', env: 'prod' }));
    idx.add(o('b', 'ns1', { app: 'db' }));
    idx.add(o('c', 'ns2', { app: 'web' }));
    return idx;
  };

  for (const indexed of [true, false]) {
    it(`list by selector and namespace (${indexed ? 'with' : 'without'} a namespace index)`, () => {
      const idx = fill(indexed);
      const l = newNamespacedLister(idx, 'things');
      expect(
        l
          .list('app=web')
          .map((x) => x.metadata.name)
          .sort(),
      ).toEqual(['a', 'c']);
      expect(
        l
          .things('ns1')
          .list()
          .map((x) => x.metadata.name)
          .sort(),
      ).toEqual(['a', 'b']);
      expect(
        l
          .things('ns1')
          .list({ app: 'web' })
          .map((x) => x.metadata.name),
      ).toEqual(['a']);
      expect(l.things('ns2').get('c')?.metadata.name).toBe('c');
      expect(l.things('ns2').get('a')).toBeUndefined();
      expect(l.get('ns1/b')?.metadata.name).toBe('b');
      expect(listAllByNamespace(idx, '', 'env').map((x) => x.metadata.name)).toEqual(['a']);
    });
  }

  it('cluster-scoped get by name; everything/nothing; metav1 selectors', () => {
    const idx = newIndexer<Obj>(metaNamespaceKeyFunc);
    idx.add(o('node-1', undefined, { zone: 'a' }));
    const l = newLister(idx);
    expect(l.get('node-1')?.metadata.name).toBe('node-1');
    expect(l.list(everything()).length).toBe(1);
    expect(l.list(nothing()).length).toBe(0);
    expect(l.list(selectorFromLabelSelector({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] })).length).toBe(1);
    expect(() => l.list(selectorFromLabelSelector({ matchExpressions: [{ key: 'zone', operator: 'Foo' }] }))).toThrow(
      'not a valid pod selector operator',
    );
  });
});
