/**
 * kubeconfig files (clientcmd/api/v1) parsed into clientcmd's internal `Config` shape.
 *
 * Invariants:
 * - Every entry remembers the file it came from (`locationOfOrigin`), so merge results can name
 *   the file a bad value came from, and relative paths can be resolved against it.
 * - Parsing is strict about types and lenient about unknown keys, as clientcmd's decoder is:
 *   a string where a boolean belongs is an error naming the file and the field path
 *   (`users[0].user.token: expected a string, got number`); an unknown key is ignored.
 * - `*-data` fields are base64 in the file and PEM bytes (Buffer) here.
 */
import yaml from 'js-yaml';

export interface ExecEnvVar {
  name: string;
  value: string;
}

export type InteractiveMode = 'Never' | 'IfAvailable' | 'Always';

/** clientcmdapi.ExecConfig: an exec credential plugin. */
export interface ExecConfig {
  command: string;
  args: string[];
  env: ExecEnvVar[];
  apiVersion: string;
  installHint?: string;
  provideClusterInfo: boolean;
  interactiveMode?: InteractiveMode;
}

export interface Cluster {
  locationOfOrigin: string;
  server: string;
  tlsServerName?: string;
  insecureSkipTlsVerify?: boolean;
  certificateAuthority?: string;
  certificateAuthorityData?: Buffer;
  proxyUrl?: string;
  disableCompression?: boolean;
  extensions?: Record<string, unknown>;
}

export interface AuthProviderConfig {
  name: string;
  config: Record<string, string>;
}

export interface AuthInfo {
  locationOfOrigin: string;
  clientCertificate?: string;
  clientCertificateData?: Buffer;
  clientKey?: string;
  clientKeyData?: Buffer;
  token?: string;
  tokenFile?: string;
  impersonate?: string;
  impersonateUid?: string;
  impersonateGroups?: string[];
  impersonateUserExtra?: Record<string, string[]>;
  username?: string;
  password?: string;
  authProvider?: AuthProviderConfig;
  exec?: ExecConfig;
}

export interface Context {
  locationOfOrigin: string;
  cluster: string;
  authInfo: string;
  namespace?: string;
}

/** clientcmdapi.Config: named maps keep their file order; the first definition of a name wins on merge. */
export interface Config {
  preferences: { colors?: boolean };
  clusters: Map<string, Cluster>;
  authInfos: Map<string, AuthInfo>;
  contexts: Map<string, Context>;
  currentContext: string;
}

export function emptyConfig(): Config {
  return { preferences: {}, clusters: new Map(), authInfos: new Map(), contexts: new Map(), currentContext: '' };
}

/** A kubeconfig that cannot be read, parsed or used. `file` and `field` say where, when known. */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
  constructor(
    message: string,
    readonly file?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;

class FieldReader {
  constructor(readonly file: string) {}

  fail(path: string, msg: string): never {
    throw new KubeconfigError(`error loading config file "${this.file}": ${path}: ${msg}`, this.file, path);
  }

  kindOf(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'list';
    return typeof v === 'object' ? 'mapping' : typeof v;
  }

  obj(v: unknown, path: string): Obj {
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(path, `expected a mapping, got ${this.kindOf(v)}`);
    return v as Obj;
  }

  list(v: unknown, path: string): unknown[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(path, `expected a list, got ${this.kindOf(v)}`);
    return v;
  }

  str(o: Obj, key: string, path: string): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.fail(`${path}.${key}`, `expected a string, got ${this.kindOf(v)}`);
    return v;
  }

  bool(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') this.fail(`${path}.${key}`, `expected a boolean, got ${this.kindOf(v)}`);
    return v;
  }

  strings(o: Obj, key: string, path: string): string[] | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    return this.list(v, `${path}.${key}`).map((s, i) => {
      if (typeof s !== 'string') this.fail(`${path}.${key}[${i}]`, `expected a string, got ${this.kindOf(s)}`);
      return s;
    });
  }

  /** base64 data, as Go's []byte JSON decoding: standard alphabet, padding optional, whitespace not allowed. */
  data(o: Obj, key: string, path: string): Buffer | undefined {
    const s = this.str(o, key, path);
    if (s === undefined || s === '') return undefined;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) {
      this.fail(`${path}.${key}`, 'illegal base64 data');
    }
    return Buffer.from(s, 'base64');
  }
}

function parseCluster(r: FieldReader, raw: unknown, path: string): Cluster {
  const o = r.obj(raw, path);
  const c: Cluster = { locationOfOrigin: r.file, server: r.str(o, 'server', path) ?? '' };
  const set = <K extends keyof Cluster>(k: K, v: Cluster[K] | undefined) => {
    if (v !== undefined) c[k] = v;
  };
  set('tlsServerName', r.str(o, 'tls-server-name', path));
  set('insecureSkipTlsVerify', r.bool(o, 'insecure-skip-tls-verify', path));
  set('certificateAuthority', r.str(o, 'certificate-authority', path));
  set('certificateAuthorityData', r.data(o, 'certificate-authority-data', path));
  set('proxyUrl', r.str(o, 'proxy-url', path));
  set('disableCompression', r.bool(o, 'disable-compression', path));
  if (o.extensions !== undefined) set('extensions', { list: r.list(o.extensions, `${path}.extensions`) });
  return c;
}

const INTERACTIVE_MODES = new Set(['Never', 'IfAvailable', 'Always']);

function parseExec(r: FieldReader, raw: unknown, path: string): ExecConfig {
  const o = r.obj(raw, path);
  const env = r.list(o.env, `${path}.env`).map((e, i) => {
    const eo = r.obj(e, `${path}.env[${i}]`);
    return { name: r.str(eo, 'name', `${path}.env[${i}]`) ?? '', value: r.str(eo, 'value', `${path}.env[${i}]`) ?? '' };
  });
  const mode = r.str(o, 'interactiveMode', path);
  if (mode !== undefined && mode !== '' && !INTERACTIVE_MODES.has(mode)) {
    r.fail(`${path}.interactiveMode`, `invalid interactiveMode "${mode}": must be one of Never, IfAvailable, Always`);
  }
  const exec: ExecConfig = {
    command: r.str(o, 'command', path) ?? '',
    args: r.strings(o, 'args', path) ?? [],
    env,
    apiVersion: r.str(o, 'apiVersion', path) ?? '',
    provideClusterInfo: r.bool(o, 'provideClusterInfo', path) ?? false,
  };
  const hint = r.str(o, 'installHint', path);
  if (hint !== undefined) exec.installHint = hint;
  if (mode) exec.interactiveMode = mode as InteractiveMode;
  return exec;
}

function parseAuthInfo(r: FieldReader, raw: unknown, path: string): AuthInfo {
  const o = r.obj(raw, path);
  const a: AuthInfo = { locationOfOrigin: r.file };
  const set = <K extends keyof AuthInfo>(k: K, v: AuthInfo[K] | undefined) => {
    if (v !== undefined && v !== '') a[k] = v;
  };
  set('clientCertificate', r.str(o, 'client-certificate', path));
  set('clientCertificateData', r.data(o, 'client-certificate-data', path));
  set('clientKey', r.str(o, 'client-key', path));
  set('clientKeyData', r.data(o, 'client-key-data', path));
  set('token', r.str(o, 'token', path));
  set('tokenFile', r.str(o, 'tokenFile', path));
  set('impersonate', r.str(o, 'as', path));
  set('impersonateUid', r.str(o, 'as-uid', path));
  set('impersonateGroups', r.strings(o, 'as-groups', path));
  if (o['as-user-extra'] !== undefined) {
    const extra = r.obj(o['as-user-extra'], `${path}.as-user-extra`);
    a.impersonateUserExtra = Object.fromEntries(Object.keys(extra).map((k) => [k, r.strings(extra, k, `${path}.as-user-extra`) ?? []]));
  }
  set('username', r.str(o, 'username', path));
  set('password', r.str(o, 'password', path));
  if (o['auth-provider'] !== undefined && o['auth-provider'] !== null) {
    const p = r.obj(o['auth-provider'], `${path}.auth-provider`);
    const cfg = r.obj(p.config, `${path}.auth-provider.config`);
    a.authProvider = {
      name: r.str(p, 'name', `${path}.auth-provider`) ?? '',
      config: Object.fromEntries(Object.keys(cfg).map((k) => [k, r.str(cfg, k, `${path}.auth-provider.config`) ?? ''])),
    };
  }
  if (o.exec !== undefined && o.exec !== null) a.exec = parseExec(r, o.exec, `${path}.exec`);
  return a;
}

function parseContext(r: FieldReader, raw: unknown, path: string): Context {
  const o = r.obj(raw, path);
  const c: Context = { locationOfOrigin: r.file, cluster: r.str(o, 'cluster', path) ?? '', authInfo: r.str(o, 'user', path) ?? '' };
  const ns = r.str(o, 'namespace', path);
  if (ns) c.namespace = ns;
  return c;
}

/**
 * Reads named entries (`clusters`, `users`, `contexts`). Within one file a repeated name is an
 * error, as clientcmd's v1 → internal conversion rejects it.
 */
function named<T>(r: FieldReader, top: Obj, listKey: string, itemKey: string, parse: (raw: unknown, path: string) => T): Map<string, T> {
  const out = new Map<string, T>();
  r.list(top[listKey], listKey).forEach((entry, i) => {
    const path = `${listKey}[${i}]`;
    const o = r.obj(entry, path);
    const name = r.str(o, 'name', path);
    if (!name) r.fail(`${path}.name`, 'a name is required');
    if (out.has(name)) r.fail(`${path}.name`, `duplicate name "${name}" in ${listKey}`);
    out.set(name, parse(o[itemKey], `${path}.${itemKey}`));
  });
  return out;
}

/** clientcmd.Load: parses one kubeconfig document. `file` names it in errors and in locationOfOrigin. */
export function parseKubeconfig(text: string, file: string): Config {
  const r = new FieldReader(file);
  let doc: unknown;
  try {
    doc = yaml.load(text, { filename: file, schema: yaml.JSON_SCHEMA });
  } catch (e) {
    const err = e as { reason?: string; mark?: { line: number; column: number } };
    const where = err.mark ? `line ${err.mark.line + 1}, column ${err.mark.column + 1}` : 'yaml';
    throw new KubeconfigError(`error loading config file "${file}": ${where}: ${err.reason ?? String(e)}`, file);
  }
  if (doc === undefined || doc === null || (typeof doc === 'string' && doc.trim() === '')) return emptyConfig();
  const top = r.obj(doc, '(root)');
  const kind = r.str(top, 'kind', '(root)');
  if (kind && kind !== 'Config') r.fail('kind', `expected "Config", got "${kind}"`);
  const prefs = r.obj(top.preferences, 'preferences');
  const colors = r.bool(prefs, 'colors', 'preferences');
  return {
    preferences: colors === undefined ? {} : { colors },
    clusters: named(r, top, 'clusters', 'cluster', (raw, p) => parseCluster(r, raw, p)),
    authInfos: named(r, top, 'users', 'user', (raw, p) => parseAuthInfo(r, raw, p)),
    contexts: named(r, top, 'contexts', 'context', (raw, p) => parseContext(r, raw, p)),
    currentContext: r.str(top, 'current-context', '(root)') ?? '',
  };
}
