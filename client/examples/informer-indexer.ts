/**
 * The seeds' Indexer example: an indexer over pods with two index functions, by namespace and
 * by node name, queried with byIndex. Runs without a cluster.
 *
 *   npx tsx client/examples/informer-indexer.ts
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { newIndexer } from '../cache/indexer.js';
import { metaNamespaceKeyFunc } from '../cache/store.js';
import { isMain } from './is-main.js';

// 1. Two index functions over pods: by namespace and by node name.
function namespaceIndexFunc(pod: Pod): string[] {
  return [pod.metadata?.namespace ?? ''];
}

function nodeNameIndexFunc(pod: Pod): string[] {
  return [pod.spec?.nodeName ?? ''];
}

export function main(print: (line: string) => void = console.log): void {
  // An Indexer keyed by namespace/name, with both indexers.
  const index = newIndexer<Pod>(metaNamespaceKeyFunc, {
    namespace: namespaceIndexFunc,
    nodeName: nodeNameIndexFunc,
  });

  // Sample data.
  const pod1: Pod = { metadata: { name: 'index-pod-1', namespace: 'default' }, spec: { nodeName: 'node1', containers: [] } };
  const pod2: Pod = { metadata: { name: 'index-pod-2', namespace: 'default' }, spec: { nodeName: 'node2', containers: [] } };
  const pod3: Pod = { metadata: { name: 'index-pod-3', namespace: 'kube-system' }, spec: { nodeName: 'node3', containers: [] } };

  // Write them into the index.
  index.add(pod1);
  index.add(pod2);
  index.add(pod3);

  // Query through the index functions.
  let pods = index.byIndex('namespace', 'default');
  for (const pod of pods) print(pod.metadata!.name!);

  print('-----------------nodeName IndexFunc--------------------');

  pods = index.byIndex('nodeName', 'node1');
  for (const pod of pods) print(pod.metadata!.name!);
}

if (isMain(import.meta.url)) main();
