/**
 * clientcmd's loading rules (tools/clientcmd/loader.go), verbatim:
 *
 * - The files are `explicitPath` when set (it must exist), else the `KUBECONFIG` list (split on
 *   the platform's path delimiter, deduplicated, empty entries skipped), else `~/.kube/config`.
 * - Files that do not exist are ignored (except the explicit path); a file that exists but cannot
 *   be read or parsed is an error naming the file.
 * - Merging: for clusters, users and contexts the FIRST file to define a name wins (the whole
 *   entry, not field by field); for `current-context` and preferences the first file to set a
 *   non-empty value wins.
 * - Relative paths (certificate-authority, client-certificate, client-key, tokenFile, and an exec
 *   command that contains a path separator) are resolved against the directory of the file that
 *   names them.
 *
 * Unlike @kubernetes/client-node, a name defined in two files is not an error: the first wins.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { emptyConfig, KubeconfigError, parseKubeconfig, type AuthInfo, type Cluster, type Config } from './kubeconfig.js';

export const RECOMMENDED_CONFIG_PATH_ENV_VAR = 'KUBECONFIG';

/** ~/.kube/config, as clientcmd.RecommendedHomeFile. */
export function recommendedHomeFile(): string {
  return join(homedir(), '.kube', 'config');
}

export interface ClientConfigLoadingRules {
  /** Files in precedence order (the first to set a key wins). */
  precedence: string[];
  /** When set, the only file read; it must exist. */
  explicitPath?: string;
}

/**
 * clientcmd.NewDefaultClientConfigLoadingRules: `KUBECONFIG`'s files when it is set, else
 * `~/.kube/config`.
 */
export function newDefaultClientConfigLoadingRules(env: NodeJS.ProcessEnv = process.env): ClientConfigLoadingRules {
  const list = env[RECOMMENDED_CONFIG_PATH_ENV_VAR];
  const precedence = list ? dedupe(list.split(delimiter).filter((p) => p !== '')) : [recommendedHomeFile()];
  return { precedence };
}

function dedupe(paths: string[]): string[] {
  return [...new Set(paths)];
}

/** clientcmd.LoadFromFile: parses one file and resolves its relative paths. */
export function loadFromFile(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new KubeconfigError(`error loading config file "${file}": ${(e as Error).message}`, file);
  }
  const config = parseKubeconfig(text, file);
  resolveLocalPaths(config);
  return config;
}

/** ClientConfigLoadingRules.Load: reads and merges the files the rules name. */
export function loadKubeconfig(rules: ClientConfigLoadingRules): Config {
  let files: string[];
  if (rules.explicitPath) {
    if (!existsSync(rules.explicitPath)) {
      throw new KubeconfigError(`stat ${rules.explicitPath}: no such file or directory`, rules.explicitPath);
    }
    files = [rules.explicitPath];
  } else {
    files = rules.precedence;
  }
  const configs: Config[] = [];
  for (const file of files) {
    if (file === '') continue;
    if (file !== rules.explicitPath && !isFile(file)) continue; // missing files are ignored
    const config = loadFromFile(file);
    configs.push(config);
  }
  return mergeConfigs(configs);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The merge rules: first definition of a name wins; first non-empty scalar wins. */
export function mergeConfigs(configs: Config[]): Config {
  const out = emptyConfig();
  for (const c of configs) {
    for (const [k, v] of c.clusters) if (!out.clusters.has(k)) out.clusters.set(k, v);
    for (const [k, v] of c.authInfos) if (!out.authInfos.has(k)) out.authInfos.set(k, v);
    for (const [k, v] of c.contexts) if (!out.contexts.has(k)) out.contexts.set(k, v);
    if (!out.currentContext && c.currentContext) out.currentContext = c.currentContext;
    if (out.preferences.colors === undefined && c.preferences.colors !== undefined) out.preferences.colors = c.preferences.colors;
  }
  return out;
}

function resolveAgainst(base: string, p: string | undefined): string | undefined {
  if (!p) return p;
  return isAbsolute(p) ? p : join(base, p);
}

function resolveCluster(c: Cluster): void {
  if (!c.locationOfOrigin) return;
  const base = resolve(dirname(c.locationOfOrigin));
  c.certificateAuthority = resolveAgainst(base, c.certificateAuthority);
  if (c.certificateAuthority === undefined) delete c.certificateAuthority;
}

function resolveAuthInfo(a: AuthInfo): void {
  if (!a.locationOfOrigin) return;
  const base = resolve(dirname(a.locationOfOrigin));
  for (const key of ['clientCertificate', 'clientKey', 'tokenFile'] as const) {
    const v = resolveAgainst(base, a[key]);
    if (v !== undefined) a[key] = v;
  }
  // Only an exec command that is a path (not looked up in PATH) is resolved.
  if (a.exec && a.exec.command.includes(sep)) a.exec.command = resolveAgainst(base, a.exec.command)!;
}

/** clientcmd.ResolveLocalPaths. */
export function resolveLocalPaths(config: Config): void {
  for (const c of config.clusters.values()) resolveCluster(c);
  for (const a of config.authInfos.values()) resolveAuthInfo(a);
}
