/**
 * From a merged kubeconfig to a RestConfig (clientcmd/client_config.go):
 *
 * - The context is `overrides.currentContext` or the file's `current-context`; naming a context
 *   that does not exist is an error. Context fields (cluster, user, namespace) may be overridden.
 * - Validation follows clientcmd's ConfirmUsable: a server is required; a CA with
 *   insecure-skip-tls-verify is rejected; data and file for the same certificate/key are
 *   rejected; only one of token/basic auth; exec needs command and apiVersion. Every message names
 *   the entry and the file it came from.
 * - `tokenFile` is read now (the token) and kept as `bearerTokenFile` so the transport re-reads it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { inClusterConfig } from './in-cluster.js';
import { KubeconfigError, type AuthInfo, type Cluster, type Config, type Context } from './kubeconfig.js';
import { loadKubeconfig, newDefaultClientConfigLoadingRules, type ClientConfigLoadingRules } from './loader.js';
import type { RestConfig } from './rest-config.js';

export interface ConfigOverrides {
  currentContext?: string;
  context?: Partial<Pick<Context, 'cluster' | 'authInfo' | 'namespace'>>;
  clusterInfo?: Partial<Omit<Cluster, 'locationOfOrigin'>>;
  authInfo?: Partial<Omit<AuthInfo, 'locationOfOrigin'>>;
}

/** clientcmd.ClientConfig. */
export interface ClientConfig {
  /** The merged kubeconfig the config was made from. */
  rawConfig(): Config;
  clientConfig(): RestConfig;
  /** The context's namespace ('default' when unset), and whether it was set explicitly. */
  namespace(): { namespace: string; overridden: boolean };
}

/** Wraps a source of a "file" for messages: `in kubeconfig "path"` or nothing. */
const from = (loc: string | undefined) => (loc ? ` (in kubeconfig "${loc}")` : '');

export class DirectClientConfig implements ClientConfig {
  constructor(
    private readonly config: Config,
    private readonly overrides: ConfigOverrides = {},
  ) {}

  rawConfig(): Config {
    return this.config;
  }

  private contextName(): string {
    return this.overrides.currentContext || this.config.currentContext;
  }

  private context(): Context {
    const name = this.contextName();
    const base = this.config.contexts.get(name);
    if (name && !base) {
      throw new KubeconfigError(
        `invalid configuration: context was not found for specified context: ${name}`,
        undefined,
        'current-context',
      );
    }
    const ctx: Context = base ? { ...base } : { locationOfOrigin: '', cluster: '', authInfo: '' };
    const o = this.overrides.context ?? {};
    if (o.cluster) ctx.cluster = o.cluster;
    if (o.authInfo) ctx.authInfo = o.authInfo;
    if (o.namespace) ctx.namespace = o.namespace;
    return ctx;
  }

  private cluster(ctx: Context): Cluster {
    const base = this.config.clusters.get(ctx.cluster);
    if (ctx.cluster && !base && !this.overrides.clusterInfo?.server) {
      throw new KubeconfigError(
        `invalid configuration: cluster "${ctx.cluster}" not found for context "${this.contextName()}"${from(ctx.locationOfOrigin)}`,
        ctx.locationOfOrigin || undefined,
        'context.cluster',
      );
    }
    const c: Cluster = { ...(base ?? { locationOfOrigin: '', server: '' }) };
    const o = this.overrides.clusterInfo ?? {};
    for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') (c as unknown as Record<string, unknown>)[k] = v;
    // An override of insecure without a CA clears the file's CA (clientcmd getCluster).
    if (o.insecureSkipTlsVerify && !o.certificateAuthority && !o.certificateAuthorityData) {
      delete c.certificateAuthority;
      delete c.certificateAuthorityData;
    }
    return c;
  }

  private authInfo(ctx: Context): AuthInfo {
    const base = this.config.authInfos.get(ctx.authInfo);
    if (ctx.authInfo && !base) {
      throw new KubeconfigError(
        `invalid configuration: user "${ctx.authInfo}" not found for context "${this.contextName()}"${from(ctx.locationOfOrigin)}`,
        ctx.locationOfOrigin || undefined,
        'context.user',
      );
    }
    const a: AuthInfo = { ...(base ?? { locationOfOrigin: '' }) };
    for (const [k, v] of Object.entries(this.overrides.authInfo ?? {}))
      if (v !== undefined) (a as unknown as Record<string, unknown>)[k] = v;
    return a;
  }

  clientConfig(): RestConfig {
    if (this.config.clusters.size === 0 && !this.overrides.clusterInfo?.server && !this.contextName()) {
      throw new KubeconfigError(
        'invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable',
      );
    }
    const ctx = this.context();
    const cluster = this.cluster(ctx);
    const auth = this.authInfo(ctx);
    validateCluster(ctx.cluster, cluster);
    validateAuthInfo(ctx.authInfo, auth);

    const rc: RestConfig = { host: cluster.server, tlsClientConfig: {} };
    const tls = rc.tlsClientConfig!;
    if (cluster.insecureSkipTlsVerify) tls.insecure = true;
    if (cluster.tlsServerName) tls.serverName = cluster.tlsServerName;
    if (cluster.certificateAuthorityData) tls.caData = cluster.certificateAuthorityData;
    else if (cluster.certificateAuthority) tls.caFile = cluster.certificateAuthority;
    if (cluster.proxyUrl) rc.proxyUrl = cluster.proxyUrl;
    if (cluster.disableCompression) rc.disableCompression = true;

    if (auth.token) {
      rc.bearerToken = auth.token;
      if (auth.tokenFile) rc.bearerTokenFile = auth.tokenFile;
    } else if (auth.tokenFile) {
      try {
        rc.bearerToken = readFileSync(auth.tokenFile, 'utf8').trim();
      } catch (e) {
        throw new KubeconfigError(
          `invalid configuration: user "${ctx.authInfo}": tokenFile: ${(e as Error).message}${from(auth.locationOfOrigin)}`,
          auth.locationOfOrigin,
          'user.tokenFile',
        );
      }
      rc.bearerTokenFile = auth.tokenFile;
    }
    if (auth.impersonate || auth.impersonateUid || auth.impersonateGroups || auth.impersonateUserExtra) {
      rc.impersonate = {};
      if (auth.impersonate) rc.impersonate.userName = auth.impersonate;
      if (auth.impersonateUid) rc.impersonate.uid = auth.impersonateUid;
      if (auth.impersonateGroups) rc.impersonate.groups = auth.impersonateGroups;
      if (auth.impersonateUserExtra) rc.impersonate.extra = auth.impersonateUserExtra;
    }
    if (auth.clientCertificateData) tls.certData = auth.clientCertificateData;
    else if (auth.clientCertificate) tls.certFile = auth.clientCertificate;
    if (auth.clientKeyData) tls.keyData = auth.clientKeyData;
    else if (auth.clientKey) tls.keyFile = auth.clientKey;
    if (auth.username || auth.password) {
      rc.username = auth.username ?? '';
      rc.password = auth.password ?? '';
    }
    if (auth.authProvider) rc.authProvider = auth.authProvider;
    if (auth.exec) {
      rc.execProvider = { ...auth.exec, args: [...auth.exec.args], env: auth.exec.env.map((e) => ({ ...e })) };
      if (auth.exec.provideClusterInfo) {
        rc.execProvider.cluster = {
          server: cluster.server,
          ...(cluster.tlsServerName ? { tlsServerName: cluster.tlsServerName } : {}),
          ...(cluster.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
          ...(cluster.certificateAuthorityData ? { certificateAuthorityData: cluster.certificateAuthorityData.toString('base64') } : {}),
          ...(cluster.proxyUrl ? { proxyUrl: cluster.proxyUrl } : {}),
          ...(cluster.disableCompression ? { disableCompression: true } : {}),
        };
      }
    }
    if (Object.keys(tls).length === 0) delete rc.tlsClientConfig;
    return rc;
  }

  namespace(): { namespace: string; overridden: boolean } {
    if (this.overrides.context?.namespace) return { namespace: this.overrides.context.namespace, overridden: true };
    const ctx = this.context();
    return ctx.namespace ? { namespace: ctx.namespace, overridden: false } : { namespace: 'default', overridden: false };
  }
}

function invalid(msg: string, loc: string | undefined, field: string): KubeconfigError {
  return new KubeconfigError(`invalid configuration: ${msg}${from(loc)}`, loc || undefined, field);
}

function validateCluster(name: string, c: Cluster): void {
  if (!c.server) throw invalid(`no server found for cluster "${name}"`, c.locationOfOrigin, 'cluster.server');
  try {
    new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(c.server) ? c.server : `https://${c.server}`);
  } catch {
    throw invalid(`cluster "${name}": invalid server URL "${c.server}"`, c.locationOfOrigin, 'cluster.server');
  }
  if (c.insecureSkipTlsVerify && (c.certificateAuthority || c.certificateAuthorityData)) {
    throw invalid(
      `certificate-authority-data and insecure-skip-tls-verify are both set for cluster "${name}": specifying a root certificates file with the insecure flag is not allowed`,
      c.locationOfOrigin,
      'cluster.insecure-skip-tls-verify',
    );
  }
  if (c.certificateAuthority && !c.certificateAuthorityData && !existsSync(c.certificateAuthority)) {
    throw invalid(
      `unable to read certificate-authority ${c.certificateAuthority} for ${name} due to open ${c.certificateAuthority}: no such file or directory`,
      c.locationOfOrigin,
      'cluster.certificate-authority',
    );
  }
  if (c.proxyUrl) {
    let scheme: string;
    try {
      scheme = new URL(c.proxyUrl).protocol;
    } catch {
      throw invalid(`cluster "${name}": invalid proxy-url "${c.proxyUrl}"`, c.locationOfOrigin, 'cluster.proxy-url');
    }
    if (!['http:', 'https:', 'socks5:'].includes(scheme)) {
      throw invalid(
        `cluster "${name}": proxy-url scheme "${scheme}" is not one of http, https, socks5`,
        c.locationOfOrigin,
        'cluster.proxy-url',
      );
    }
  }
}

function validateAuthInfo(name: string, a: AuthInfo): void {
  const loc = a.locationOfOrigin;
  const methods: string[] = [];
  if (a.token || a.tokenFile) methods.push('token');
  if (a.username || a.password) methods.push('basicAuth');
  if (a.clientCertificate || a.clientCertificateData) {
    if (a.clientCertificate && a.clientCertificateData) {
      throw invalid(
        `client-cert-data and client-cert are both specified for ${name}; client-cert-data will override`,
        loc,
        'user.client-certificate',
      );
    }
    if (a.clientKey && a.clientKeyData) {
      throw invalid(`client-key-data and client-key are both specified for ${name}; client-key-data will override`, loc, 'user.client-key');
    }
    if (!a.clientKey && !a.clientKeyData) {
      throw invalid(
        `client-key-data or client-key must be specified for ${name} to use the clientCert authentication method`,
        loc,
        'user.client-key',
      );
    }
    for (const [file, field] of [
      [a.clientCertificate, 'user.client-certificate'],
      [a.clientKey, 'user.client-key'],
    ] as const) {
      if (file && !a.clientCertificateData && !existsSync(file)) {
        throw invalid(`unable to read ${field.slice(5)} ${file} for ${name} due to open ${file}: no such file or directory`, loc, field);
      }
    }
  }
  if (a.exec) {
    if (a.authProvider) throw invalid(`authProvider cannot be provided in combination with an exec plugin for ${name}`, loc, 'user.exec');
    if (!a.exec.command) throw invalid(`command must be specified for ${name} to use exec authentication plugin`, loc, 'user.exec.command');
    if (!a.exec.apiVersion)
      throw invalid(`apiVersion must be specified for ${name} to use exec authentication plugin`, loc, 'user.exec.apiVersion');
    a.exec.env.forEach((e, i) => {
      if (!e.name)
        throw invalid(`env variable name must be specified for ${name} to use exec authentication plugin`, loc, `user.exec.env[${i}].name`);
    });
  }
  if (methods.length > 1) {
    throw invalid(`more than one authentication method found for ${name}; found [${methods.join(' ')}], only one is allowed`, loc, 'user');
  }
}

/** clientcmd.NewNonInteractiveDeferredLoadingClientConfig: loads the files when first asked. */
export class DeferredLoadingClientConfig implements ClientConfig {
  private direct: DirectClientConfig | undefined;

  constructor(
    private readonly rules: ClientConfigLoadingRules,
    private readonly overrides: ConfigOverrides = {},
  ) {}

  private get(): DirectClientConfig {
    this.direct ??= new DirectClientConfig(loadKubeconfig(this.rules), this.overrides);
    return this.direct;
  }

  rawConfig(): Config {
    return this.get().rawConfig();
  }
  clientConfig(): RestConfig {
    return this.get().clientConfig();
  }
  namespace(): { namespace: string; overridden: boolean } {
    return this.get().namespace();
  }
}

export function newNonInteractiveDeferredLoadingClientConfig(
  rules: ClientConfigLoadingRules,
  overrides: ConfigOverrides = {},
): ClientConfig {
  return new DeferredLoadingClientConfig(rules, overrides);
}

/**
 * clientcmd.BuildConfigFromFlags: with neither argument, tries in-cluster config first; otherwise
 * reads only `kubeconfigPath` (no KUBECONFIG, no ~/.kube/config — exactly as client-go) with
 * `masterUrl` overriding the server.
 */
export function buildConfigFromFlags(masterUrl: string, kubeconfigPath: string): RestConfig {
  if (!masterUrl && !kubeconfigPath) {
    try {
      return inClusterConfig();
    } catch {
      // client-go logs a warning and falls back to the (here empty) loading rules.
    }
  }
  const rules: ClientConfigLoadingRules = { precedence: [], ...(kubeconfigPath ? { explicitPath: kubeconfigPath } : {}) };
  return new DeferredLoadingClientConfig(rules, masterUrl ? { clusterInfo: { server: masterUrl } } : {}).clientConfig();
}

/**
 * The usual "like kubectl" entry point: KUBECONFIG or ~/.kube/config, with optional context and
 * namespace overrides. Returns the RestConfig and the namespace to use.
 */
export function loadDefaultConfig(
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): { config: RestConfig; namespace: string } {
  const cc = newNonInteractiveDeferredLoadingClientConfig(newDefaultClientConfigLoadingRules(env), overrides);
  return { config: cc.clientConfig(), namespace: cc.namespace().namespace };
}
