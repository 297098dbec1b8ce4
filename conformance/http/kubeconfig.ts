/**
 * Reads a kubeconfig into what a raw HTTP client needs: the server URL, TLS material (CA, client
 * certificate and key) and an Authorization header. Exec and auth-provider plugins are not
 * supported: the suite talks to test clusters with certificates or static tokens.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import yaml from 'js-yaml';

export interface ConnectionConfig {
  server: string;
  ca?: string;
  cert?: string;
  key?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  /** Extra headers sent with every request (Authorization). */
  headers: Record<string, string>;
  /** The context the configuration came from. */
  context: string;
}

interface NamedEntry<T> {
  name: string;
  [k: string]: unknown;
  cluster?: T;
  user?: T;
  context?: T;
}

export class KubeconfigError extends Error {}

export function readKubeconfig(path: string, context?: string): ConnectionConfig {
  const text = readFileSync(path, 'utf8');
  return parseKubeconfig(text, context, dirname(resolve(path)));
}

/** Parses kubeconfig YAML; relative file references resolve against `baseDir`. */
export function parseKubeconfig(text: string, contextName?: string, baseDir = process.cwd()): ConnectionConfig {
  const doc = (yaml.load(text) ?? {}) as Record<string, unknown>;
  const contexts = (doc.contexts ?? []) as NamedEntry<Record<string, string>>[];
  const name = contextName ?? (doc['current-context'] as string | undefined);
  if (!name) throw new KubeconfigError('kubeconfig has no current-context; pass context=NAME');
  const ctx = contexts.find((c) => c.name === name)?.context;
  if (!ctx) throw new KubeconfigError(`kubeconfig has no context "${name}"`);
  const cluster = ((doc.clusters ?? []) as NamedEntry<Record<string, unknown>>[]).find((c) => c.name === ctx.cluster)?.cluster;
  if (!cluster) throw new KubeconfigError(`kubeconfig has no cluster "${ctx.cluster}"`);
  const user = (((doc.users ?? []) as NamedEntry<Record<string, unknown>>[]).find((u) => u.name === ctx.user)?.user ?? {}) as Record<
    string,
    unknown
  >;
  const file = (p: unknown) => readFileSync(isAbsolute(String(p)) ? String(p) : resolve(baseDir, String(p)), 'utf8');
  const material = (data: unknown, path: unknown) =>
    typeof data === 'string' ? Buffer.from(data, 'base64').toString('utf8') : path ? file(path) : undefined;

  const headers: Record<string, string> = {};
  if (typeof user.token === 'string') headers.Authorization = `Bearer ${user.token}`;
  else if (typeof user.tokenFile === 'string') headers.Authorization = `Bearer ${file(user.tokenFile).trim()}`;
  else if (typeof user.username === 'string') {
    headers.Authorization = `Basic ${Buffer.from(`${user.username}:${String(user.password ?? '')}`).toString('base64')}`;
  }
  if (user.exec || user['auth-provider']) {
    throw new KubeconfigError(`context "${name}" uses an exec/auth-provider plugin, which the conformance suite does not support`);
  }
  return {
    server: String(cluster.server).replace(/\/+$/, ''),
    ca: material(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: material(user['client-certificate-data'], user['client-certificate']),
    key: material(user['client-key-data'], user['client-key']),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName: typeof cluster['tls-server-name'] === 'string' ? cluster['tls-server-name'] : undefined,
    headers,
    context: name,
  };
}
