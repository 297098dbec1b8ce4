/**
 * A stand-in kubeconfig reader for the examples until the client core's config loader lands:
 * reads the current context's server and bearer token (or the named context). No exec plugins,
 * client certificates or custom CAs; the lead should swap this for the real loader.
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import type { HttpListWatchConfig } from '../cache/http-listwatch.js';

interface Kubeconfig {
  'current-context'?: string;
  contexts?: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  clusters?: Array<{ name: string; cluster: { server: string } }>;
  users?: Array<{ name: string; user: { token?: string } }>;
}

export interface ExampleConfig extends HttpListWatchConfig {
  namespace: string;
}

export function loadKubeconfig(path: string, context?: string): ExampleConfig {
  const kc = yaml.load(readFileSync(path, 'utf8')) as Kubeconfig;
  const name = context ?? kc['current-context'];
  const ctx = kc.contexts?.find((c) => c.name === name)?.context;
  if (!ctx) throw new Error(`kubeconfig ${path}: context ${JSON.stringify(name)} not found`);
  const cluster = kc.clusters?.find((c) => c.name === ctx.cluster)?.cluster;
  if (!cluster) throw new Error(`kubeconfig ${path}: cluster ${JSON.stringify(ctx.cluster)} not found`);
  const user = kc.users?.find((u) => u.name === ctx.user)?.user ?? {};
  return { baseUrl: cluster.server, token: user.token, namespace: ctx.namespace ?? 'default' };
}

/** True when this module is the script node/tsx was started with. */
export function isMain(importMetaUrl: string): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  const norm = (s: string) => s.replace(/\.(ts|js)$/, '');
  return norm(new URL(importMetaUrl).pathname) === norm(arg.startsWith('/') ? arg : `${process.cwd()}/${arg}`);
}
