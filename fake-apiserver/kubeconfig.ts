/** The kubeconfig a fake server hands to kubectl, client-go and kubeharness/client. */
import { writeFileSync } from 'node:fs';
import yaml from 'js-yaml';

export interface KubeconfigObject {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: Array<{ name: string; cluster: { server: string } }>;
  users: Array<{ name: string; user: { token: string } }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string; namespace: string } }>;
  'current-context': string;
  preferences: Record<string, never>;
}

export function buildKubeconfig(server: string, name = 'kubeharness'): KubeconfigObject {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server } }],
    users: [{ name, user: { token: 'kubeharness' } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  };
}

export function writeKubeconfig(path: string, config: KubeconfigObject): void {
  writeFileSync(path, yaml.dump(config, { lineWidth: -1 }), { mode: 0o600 });
}
