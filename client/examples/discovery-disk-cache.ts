/**
 * Seed example "cache GVRs on disk": the disk-cached discovery client. The first run asks the API
 * server and writes the cache; runs within the TTL (60 minutes) read the files instead.
 *
 *   npx tsx client/examples/discovery-disk-cache.ts <kubeconfig> [cacheDir]
 */
import { join } from 'node:path';
import { buildConfigFromFlags, newCachedDiscoveryClientForConfig, parseGroupVersion } from '../index.js';
import { isMain } from './is-main.js';

export async function main(kubeconfig: string, cacheDir = './cache', out: (line: string) => void = console.log): Promise<void> {
  const config = buildConfigFromFlags('', kubeconfig);
  const cachedDiscoveryClient = newCachedDiscoveryClientForConfig(
    config,
    join(cacheDir, 'discovery'),
    join(cacheDir, 'http'),
    60 * 60 * 1000,
  );
  // 1. look in the cache files; 2. otherwise ask the API server; 3. write what it answered
  const { resources } = await cachedDiscoveryClient.serverGroupsAndResources();
  for (const list of resources) {
    const gv = parseGroupVersion(list.groupVersion);
    for (const resource of list.resources) out(`name:${resource.name}, group:${gv.group}, version:${gv.version}`);
  }
}

if (isMain(import.meta.url)) await main(process.argv[2] ?? '', process.argv[3]);
