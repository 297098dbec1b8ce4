/**
 * Seed example "DynamicClient": list pods of kube-system as unstructured objects, then convert them
 * to typed PodList (runtime.DefaultUnstructuredConverter.FromUnstructured).
 *
 *   npx tsx client/examples/dynamic-list-pods.ts <kubeconfig>
 */
import type { PodList } from 'kubernetes-types/core/v1.js';
import { buildConfigFromFlags, dynamic, fromUnstructured } from '../index.js';
import { isMain } from './is-main.js';

export async function main(kubeconfig: string, out: (line: string) => void = console.log): Promise<void> {
  const config = buildConfigFromFlags('', kubeconfig);
  const dynamicClient = dynamic.newForConfig(config);
  const gvr = { group: '', version: 'v1', resource: 'pods' };
  const unstructData = await dynamicClient.resource(gvr).namespace('kube-system').list();
  const podList = fromUnstructured<PodList>(unstructData, { kind: 'PodList' });
  for (const item of podList.items) out(`namespace: ${item.metadata?.namespace}, name: ${item.metadata?.name}`);
}

if (isMain(import.meta.url)) await main(process.argv[2] ?? '');
