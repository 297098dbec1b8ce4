// kubeconfig files for the reference cluster (certificates embedded, so a copy works anywhere).
import { readFile, writeFile } from 'node:fs/promises';

export interface KubeconfigInput {
  server: string;
  caCertFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  user: string;
  /** cluster and context name */
  name?: string;
}

const b64 = async (file: string) => (await readFile(file)).toString('base64');

export async function renderKubeconfig(input: KubeconfigInput): Promise<string> {
  const name = input.name ?? 'kubeharness-reference';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${input.server}`,
    `    certificate-authority-data: ${await b64(input.caCertFile)}`,
    'users:',
    `- name: ${input.user}`,
    '  user:',
    `    client-certificate-data: ${await b64(input.clientCertFile)}`,
    `    client-key-data: ${await b64(input.clientKeyFile)}`,
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    `    user: ${input.user}`,
    `current-context: ${name}`,
    '',
  ].join('\n');
}

export async function writeKubeconfig(path: string, input: KubeconfigInput): Promise<string> {
  await writeFile(path, await renderKubeconfig(input), { mode: 0o600 });
  return path;
}
