import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { DeletedFinalStateUnknown } from './deltas.js';
import { metaNamespaceIndexFunc, newIndexer, newStore, NAMESPACE_INDEX } from './indexer.js';
import { deletionHandlingMetaNamespaceKeyFunc, KeyError, metaNamespaceKeyFunc, splitMetaNamespaceKey } from './store.js';

const pod = (name: string, namespace: string, nodeName: string, labels: Record<string, string> = {}): Pod => ({
  metadata: { name, namespace, labels },
  spec: { nodeName, containers: [] },
});

describe('keys', () => {
  it('metaNamespaceKeyFunc / splitMetaNamespaceKey round-trip', () => {
    expect(metaNamespaceKeyFunc(pod('p', 'default', 'n'))).toBe('default/p');
    expect(metaNamespaceKeyFunc({ metadata: { name: 'node1' } })).toBe('node1');
    expect(splitMetaNamespaceKey('default/p')).toEqual({ namespace: 'default', name: 'p' });
    expect(splitMetaNamespaceKey('node1')).toEqual({ namespace: '', name: 'node1' });
    expect(() => splitMetaNamespaceKey('a/b/c')).toThrow('unexpected key format');
    expect(() => metaNamespaceKeyFunc({})).toThrow(KeyError);
    expect(deletionHandlingMetaNamespaceKeyFunc(new DeletedFinalStateUnknown('ns/x', undefined))).toBe('ns/x');
  });
});

describe('Indexer', () => {
  // The seed's example (client-go Indexer with namespace and nodeName index functions), as written there.
  it('indexes pods by namespace and nodeName (seed example)', () => {
    const namespaceIndexFunc = (pod: Pod) => [pod.metadata!.namespace!];
    const nodeNameIndexFunc = (pod: Pod) => [pod.spec!.nodeName!];
    const index = newIndexer<Pod>(metaNamespaceKeyFunc, { namespace: namespaceIndexFunc, nodeName: nodeNameIndexFunc });
    index.add(pod('index-pod-1', 'default', 'node1'));
    index.add(pod('index-pod-2', 'default', 'node2'));
    index.add(pod('index-pod-3', 'kube-system', 'node3'));

    expect(index.byIndex('namespace', 'default').map((p) => p.metadata!.name)).toEqual(['index-pod-1', 'index-pod-2']);
    expect(index.byIndex('nodeName', 'node1').map((p) => p.metadata!.name)).toEqual(['index-pod-1']);
  });

  it('keeps indices in step with updates and deletes, dropping empty value sets', () => {
    const idx = newIndexer<Pod>(metaNamespaceKeyFunc, { [NAMESPACE_INDEX]: metaNamespaceIndexFunc, node: (p) => [p.spec!.nodeName!] });
    idx.add(pod('a', 'ns1', 'n1'));
    idx.add(pod('b', 'ns1', 'n1'));
    idx.update(pod('a', 'ns1', 'n2'));
    expect(idx.indexKeys('node', 'n1')).toEqual(['ns1/b']);
    expect(idx.listIndexFuncValues('node').sort()).toEqual(['n1', 'n2']);
    idx.delete(pod('b', 'ns1', 'n1'));
    expect(idx.listIndexFuncValues('node')).toEqual(['n2']);
    expect(idx.index('node', pod('x', 'ns9', 'n2')).map((p) => p.metadata!.name)).toEqual(['a']);
    expect(idx.byIndex(NAMESPACE_INDEX, 'ns1').length).toBe(1);
    expect(() => idx.byIndex('nope', 'x')).toThrow('Index with name nope does not exist');
  });

  it('supports multi-valued index functions, with deduplicated index() results', () => {
    const idx = newIndexer<Pod>(metaNamespaceKeyFunc, { label: (p) => Object.values(p.metadata!.labels ?? {}) });
    idx.add(pod('a', 'ns', 'n', { x: 'red', y: 'blue' }));
    idx.add(pod('b', 'ns', 'n', { x: 'blue' }));
    expect(idx.byIndex('label', 'blue').length).toBe(2);
    expect(idx.index('label', pod('q', 'ns', 'n', { x: 'red', y: 'blue' })).length).toBe(2);
  });

  it('replace rebuilds items and indices; addIndexers indexes existing items; conflicts throw', () => {
    const idx = newIndexer<Pod>(metaNamespaceKeyFunc, {});
    idx.add(pod('old', 'ns', 'n0'));
    idx.replace([pod('a', 'ns', 'n1'), pod('b', 'ns2', 'n1')], '5');
    expect(idx.listKeys().sort()).toEqual(['ns/a', 'ns2/b']);
    idx.addIndexers({ node: (p) => [p.spec!.nodeName!] });
    expect(idx.byIndex('node', 'n1').length).toBe(2);
    expect(() => idx.addIndexers({ node: () => [] })).toThrow('indexer conflict');
    expect(Object.keys(idx.getIndexers())).toEqual(['node']);
  });

  it('a throwing index function leaves the store unchanged', () => {
    const idx = newIndexer<Pod>(metaNamespaceKeyFunc, {
      node: (p) => {
        if (!p.spec?.nodeName) throw new Error('no node');
        return [p.spec.nodeName];
      },
    });
    idx.add(pod('a', 'ns', 'n1'));
    expect(() => idx.update({ metadata: { name: 'a', namespace: 'ns' } })).toThrow('no node');
    expect(idx.getByKey('ns/a')?.spec?.nodeName).toBe('n1');
    expect(idx.byIndex('node', 'n1').length).toBe(1);
  });

  it('newStore: get, getByKey, delete by tombstone', () => {
    const s = newStore<Pod>(deletionHandlingMetaNamespaceKeyFunc);
    s.add(pod('a', 'ns', 'n'));
    expect(s.get(pod('a', 'ns', 'other'))?.spec?.nodeName).toBe('n');
    s.delete(new DeletedFinalStateUnknown<Pod>('ns/a', undefined));
    expect(s.list()).toEqual([]);
  });

  it('newStore with a transformer: add, update and replace store the transformed object under the original key', () => {
    // The transform renames; client-go keys the object as given, before the transform.
    const s = newStore<Pod>(metaNamespaceKeyFunc, {
      transformer: (p) => ({ ...p, metadata: { ...p.metadata, name: `t-${p.metadata?.name}` } }),
    });
    s.add(pod('a', 'ns', 'n1'));
    expect(s.getByKey('ns/a')?.metadata?.name).toBe('t-a');
    s.update(pod('a', 'ns', 'n2'));
    expect(s.getByKey('ns/a')?.spec?.nodeName).toBe('n2');
    s.replace([pod('b', 'ns', 'n3')], '7');
    expect(s.listKeys()).toEqual(['ns/b']);
    expect(s.getByKey('ns/b')?.metadata?.name).toBe('t-b');
  });

  it('transaction: applies what it can in order, uses given keys, reports the writes that failed', () => {
    const idx = newIndexer<Pod>(metaNamespaceKeyFunc, { [NAMESPACE_INDEX]: metaNamespaceIndexFunc });
    const store = idx as unknown as import('./process-batch.js').TransactionStore<Pod>;
    const bad = { spec: { containers: [] } } as Pod; // no metadata: KeyError
    const err = store.transaction(
      { type: 'Add', object: pod('a', 'ns', 'n1') },
      { type: 'Add', object: bad },
      { type: 'Add', object: pod('b', 'ns', 'n1'), key: 'ns/b' },
      { type: 'Delete', object: pod('a', 'ns', 'n1') },
    );
    expect(err?.successfulIndices).toEqual([0, 2, 3]);
    expect(err?.errors[0]).toBeInstanceOf(KeyError);
    expect(idx.listKeys()).toEqual(['ns/b']);
    expect(idx.byIndex(NAMESPACE_INDEX, 'ns').map((p) => p.metadata?.name)).toEqual(['b']);
  });
});
