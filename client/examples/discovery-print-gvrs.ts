/**
 * Seed example "DiscoveryClient": print every group/version/resource the server serves.
 *
 *   npx tsx client/examples/discovery-print-gvrs.ts <kubeconfig>
 */
import { buildConfigFromFlags, newDiscoveryClientForConfig, parseGroupVersion } from '../index.js';
import { isMain } from './is-main.js';

export async function main(kubeconfig: string, out: (line: string) => void = console.log): Promise<void> {
  const config = buildConfigFromFlags('', kubeconfig);
  const discoveryClient = newDiscoveryClientForConfig(config);
  const { resources } = await discoveryClient.serverGroupsAndResources();
  for (const list of resources) {
    const gv = parseGroupVersion(list.groupVersion);
    for (const resource of list.resources) out(`name:${resource.name}, group:${gv.group}, version:${gv.version}`);
  }
}

if (isMain(import.meta.url)) await main(process.argv[2] ?? '');
