/**
 * The clients a test or example uses against a fake API server, built the way a program builds
 * them: the server's kubeconfig → buildConfigFromFlags → newForConfig / newDynamicClient.
 * `overrides` adjust the RestConfig (e.g. `{ qps: -1 }` to switch client-side throttling off).
 */
import { buildConfigFromFlags } from '../config/client-config.js';
import type { RestConfig } from '../config/rest-config.js';
import { DynamicClient, newDynamicClient } from '../dynamic/dynamic-client.js';
import { Clientset, newForConfig } from '../kubernetes/clientset.js';

export interface FakeServerClients {
  config: RestConfig;
  clientset: Clientset;
  dynamic: DynamicClient;
}

export function clientsFor(server: { kubeconfig: { path: string } }, overrides: Partial<RestConfig> = {}): FakeServerClients {
  const config: RestConfig = { ...buildConfigFromFlags('', server.kubeconfig.path), ...overrides };
  return { config, clientset: newForConfig(config), dynamic: newDynamicClient(config) };
}
