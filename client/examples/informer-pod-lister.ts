/**
 * The seeds' SharedInformerFactory example: list every pod from the informer cache after the
 * cache synced.
 *
 *   npx tsx client/examples/informer-pod-lister.ts <kubeconfig>
 *
 * Go original: clientcmd.BuildConfigFromFlags("", kubeconfig); kubernetes.NewForConfig(config);
 * informers.NewSharedInformerFactory(clientSet, 0); Core().V1().Pods().Lister(); Start;
 * WaitForCacheSync; List(labels.Everything()).
 */
import { buildConfigFromFlags } from '../config/client-config.js';
import { newSharedInformerFactory } from '../informers/factory.js';
import { newForConfig } from '../kubernetes/clientset.js';
import { everything } from '../listers/selector.js';
import { isMain } from './is-main.js';

export async function main(kubeconfigPath: string, print: (line: string) => void = console.log): Promise<void> {
  // Load the kubeconfig into a RestConfig, and build the clientset from it.
  const config = buildConfigFromFlags('', kubeconfigPath);
  const clientSet = newForConfig(config);
  // Create the SharedInformerFactory; we want pods, so take the pod informer.
  await using sharedInformerFactory = newSharedInformerFactory(clientSet, 0);
  const podInformer = sharedInformerFactory.core().v1().pods();
  // The lister reads the informer's indexer.
  const indexer = podInformer.lister();
  // Start the informers and wait for the cache to sync.
  const stop = new AbortController();
  sharedInformerFactory.start(stop.signal);
  await sharedInformerFactory.waitForCacheSync(AbortSignal.timeout(30_000));
  // Read from the cache.
  const pods = indexer.list(everything());
  for (const item of pods) print(`namespace:${item.metadata?.namespace},name:${item.metadata?.name}`);
  stop.abort();
}

if (isMain(import.meta.url)) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: npx tsx client/examples/informer-pod-lister.ts <kubeconfig>');
    process.exit(2);
  }
  await main(path);
}
