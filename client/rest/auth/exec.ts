/**
 * Exec credential plugins (client-go plugin/pkg/client/auth/exec): runs the configured command,
 * passing an ExecCredential in KUBERNETES_EXEC_INFO, and reads an ExecCredential from stdout.
 *
 * Invariants:
 * - apiVersion must be client.authentication.k8s.io/v1 or /v1beta1, and the plugin must answer
 *   with the same apiVersion and kind ExecCredential.
 * - Credentials are cached until status.expirationTimestamp (forever when absent).
 * - Concurrent callers share one plugin run (single flight).
 * - After a 401 the credentials that were used are dropped, unless a newer set has already replaced
 *   them (client-go maybeRefreshCreds); the next request runs the plugin again. The failed request
 *   itself is not retried, as in client-go.
 * - interactiveMode: v1 requires it; v1beta1 defaults to IfAvailable. Standard input is a
 *   terminal only if process.stdin.isTTY; "Always" without a terminal is an error.
 */
import { spawn } from 'node:child_process';
import type { ExecProviderConfig } from '../../config/rest-config.js';
import type { Clock } from '../clock.js';

export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

export interface ExecCredentials {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** ms since the epoch; undefined = never expires. */
  expiresAt?: number;
}

export class ExecPluginError extends Error {
  override readonly name = 'ExecPluginError';
}

export interface ExecRunner {
  (command: string, args: string[], env: NodeJS.ProcessEnv, interactive: boolean): Promise<{ code: number | null; stdout: string }>;
}

const defaultRunner: ExecRunner = (command, args, env, interactive) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'inherit'] });
    const out: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8') }));
  });

export class ExecAuthenticator {
  private cached: ExecCredentials | undefined;
  private inflight: Promise<ExecCredentials> | undefined;

  constructor(
    private readonly config: ExecProviderConfig,
    private readonly clock: Clock,
    private readonly run: ExecRunner = defaultRunner,
    private readonly stdinIsTerminal: boolean = !!process.stdin.isTTY,
  ) {
    if (!EXEC_API_VERSIONS.includes(config.apiVersion)) {
      throw new ExecPluginError(`exec plugin: invalid apiVersion "${config.apiVersion}"`);
    }
  }

  private interactiveMode(): string {
    return this.config.interactiveMode || (this.config.apiVersion.endsWith('/v1beta1') ? 'IfAvailable' : '');
  }

  async credentials(): Promise<ExecCredentials> {
    const c = this.cached;
    if (c && (c.expiresAt === undefined || this.clock.now() < c.expiresAt)) return c;
    this.inflight ??= this.refresh().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /** The server said 401 to a request made with `used`. */
  unauthorized(used: ExecCredentials): void {
    if (this.cached === used) this.cached = undefined;
  }

  private async refresh(): Promise<ExecCredentials> {
    const mode = this.interactiveMode();
    if (mode === '') throw new ExecPluginError('exec plugin: interactiveMode must be specified to use exec authentication plugin');
    if (mode === 'Always' && !this.stdinIsTerminal) {
      throw new ExecPluginError('exec plugin cannot support interactive mode: standard input is not a terminal');
    }
    const interactive = mode !== 'Never' && this.stdinIsTerminal;
    const spec: Record<string, unknown> = { interactive };
    if (this.config.provideClusterInfo && this.config.cluster) {
      const cl = this.config.cluster;
      spec.cluster = {
        server: cl.server,
        ...(cl.tlsServerName ? { 'tls-server-name': cl.tlsServerName } : {}),
        ...(cl.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
        ...(cl.certificateAuthorityData ? { 'certificate-authority-data': cl.certificateAuthorityData } : {}),
        ...(cl.proxyUrl ? { 'proxy-url': cl.proxyUrl } : {}),
        ...(cl.disableCompression ? { 'disable-compression': true } : {}),
        ...(cl.config !== undefined ? { config: cl.config } : {}),
      };
    }
    const info = { kind: 'ExecCredential', apiVersion: this.config.apiVersion, spec };
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const e of this.config.env) env[e.name] = e.value;
    env.KUBERNETES_EXEC_INFO = JSON.stringify(info);

    let result: { code: number | null; stdout: string };
    try {
      result = await this.run(this.config.command, this.config.args, env, interactive);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT') {
        const hint = this.config.installHint ? `\n\n${this.config.installHint}` : '';
        throw new ExecPluginError(`exec: executable ${this.config.command} not found${hint}`);
      }
      throw new ExecPluginError(`exec: ${err.message}`);
    }
    if (result.code !== 0) throw new ExecPluginError(`exec: executable ${this.config.command} failed with exit code ${result.code}`);
    const creds = this.parse(result.stdout);
    this.cached = creds;
    return creds;
  }

  private parse(stdout: string): ExecCredentials {
    let cred: any;
    try {
      cred = JSON.parse(stdout);
    } catch (e) {
      throw new ExecPluginError(`exec: decoding stdout: ${(e as Error).message}`);
    }
    if (!cred || typeof cred !== 'object') throw new ExecPluginError('exec: decoding stdout: not an ExecCredential');
    if (cred.kind !== 'ExecCredential')
      throw new ExecPluginError(`exec: decoding stdout: unexpected kind "${cred.kind}", want ExecCredential`);
    if (cred.apiVersion !== this.config.apiVersion) {
      throw new ExecPluginError(
        `exec plugin is configured to use API version ${this.config.apiVersion}, plugin returned version ${cred.apiVersion}`,
      );
    }
    const status = cred.status;
    if (!status || typeof status !== 'object') throw new ExecPluginError("exec plugin didn't return a status field");
    const token = typeof status.token === 'string' ? status.token : '';
    const cert = typeof status.clientCertificateData === 'string' ? status.clientCertificateData : '';
    const key = typeof status.clientKeyData === 'string' ? status.clientKeyData : '';
    if (!token && !cert && !key) throw new ExecPluginError("exec plugin didn't return a token or cert/key pair");
    if ((cert && !key) || (!cert && key)) throw new ExecPluginError('exec plugin returned only certificate or key, not both');
    const out: ExecCredentials = {};
    if (token) out.token = token;
    if (cert) {
      out.clientCertificateData = cert;
      out.clientKeyData = key;
    }
    if (status.expirationTimestamp) {
      const t = Date.parse(status.expirationTimestamp);
      if (Number.isNaN(t)) throw new ExecPluginError(`exec: invalid expirationTimestamp "${status.expirationTimestamp}"`);
      out.expiresAt = t;
    }
    return out;
  }
}
