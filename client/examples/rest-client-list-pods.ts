/**
 * Seed example "RESTClient": list the pods of kube-system with the bare REST client.
 *
 *   npx tsx client/examples/rest-client-list-pods.ts <kubeconfig>
 */
import type { PodList } from 'kubernetes-types/core/v1.js';
import { buildConfigFromFlags, restClientFor } from '../index.js';
import { isMain } from './is-main.js';

export async function main(kubeconfig: string, out: (line: string) => void = console.log): Promise<void> {
  // 1. load the kubeconfig into a config object
  const config = buildConfigFromFlags('', kubeconfig);
  // 2. API path and 3. group version (the core group: "" / v1)
  config.apiPath = '/api';
  config.groupVersion = { group: '', version: 'v1' };
  // 4. (no serializer to configure: JSON is the default content type)
  // 5. the REST client
  const restClient = restClientFor(config);
  // 6.–7. talk to the API server
  const result = await restClient.get().namespace('kube-system').resource('pods').versionedParams({ limit: 500 }).do().into<PodList>();
  for (const item of result.items) {
    out(`namespace: ${item.metadata?.namespace}, name: ${item.metadata?.name}, status: ${item.status?.phase ?? ''}`);
  }
}

if (isMain(import.meta.url)) await main(process.argv[2] ?? '');
