/**
 * Seed example "ClientSet": list pods of kube-system and deployments of default with the typed clientset.
 *
 *   npx tsx client/examples/clientset-list-pods-deployments.ts <kubeconfig>
 */
import { buildConfigFromFlags, newForConfig } from '../index.js';
import { isMain } from './is-main.js';

export async function main(kubeconfig: string, out: (line: string) => void = console.log): Promise<void> {
  const config = buildConfigFromFlags('', kubeconfig);
  const clientset = newForConfig(config);
  const pods = await clientset.coreV1().pods('kube-system').list({ limit: 500 });
  for (const item of pods.items) out(`pod namespace: ${item.metadata?.namespace}, name: ${item.metadata?.name}`);
  const deployments = await clientset.appsV1().deployments('default').list();
  for (const item of deployments.items) {
    out(`deployment namespace: ${item.metadata?.namespace}, name: ${item.metadata?.name}, replicas: ${item.spec?.replicas ?? 1}`);
  }
}

if (isMain(import.meta.url)) await main(process.argv[2] ?? '');
