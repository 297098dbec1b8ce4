import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExecProviderConfig, RestConfig } from '../../config/rest-config.js';
import { json, startHttpStub } from '../../testing/http-stub.js';
import { restClientFor, RESTClient } from '../client.js';
import type { Clock } from '../clock.js';
import { ExecAuthenticator, ExecPluginError } from './exec.js';

const dir = mkdtempSync(join(tmpdir(), 'kh-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A plugin that answers token-<n> (n counts runs, kept in a file), optionally expiring
 * `EXPIRES_IN_MS` after now, and saves KUBERNETES_EXEC_INFO for inspection.
 */
function writePlugin(
  name: string,
  apiVersion = 'client.authentication.k8s.io/v1',
): { command: string; args: string[]; counter: string; info: string } {
  const counter = join(dir, `${name}.count`);
  const info = join(dir, `${name}.info`);
  const script = join(dir, `${name}.mjs`);
  writeFileSync(
    script,
    `import { readFileSync, writeFileSync, existsSync } from 'node:fs';
const n = (existsSync(${JSON.stringify(counter)}) ? Number(readFileSync(${JSON.stringify(counter)}, 'utf8')) : 0) + 1;
writeFileSync(${JSON.stringify(counter)}, String(n));
writeFileSync(${JSON.stringify(info)}, process.env.KUBERNETES_EXEC_INFO ?? '');
const status = { token: 'token-' + n + (process.env.SUFFIX ?? '') };
if (process.env.EXPIRES_IN_MS) status.expirationTimestamp = new Date(Date.now() + Number(process.env.EXPIRES_IN_MS)).toISOString();
process.stdout.write(JSON.stringify({ apiVersion: ${JSON.stringify(apiVersion)}, kind: 'ExecCredential', status }));
`,
  );
  return { command: process.execPath, args: [script], counter, info };
}

function execConfig(p: { command: string; args: string[] }, extra: Partial<ExecProviderConfig> = {}): ExecProviderConfig {
  return {
    apiVersion: 'client.authentication.k8s.io/v1',
    command: p.command,
    args: p.args,
    env: [],
    provideClusterInfo: false,
    interactiveMode: 'Never',
    ...extra,
  };
}

const core = (host: string, extra: Partial<RestConfig>): RestConfig => ({
  host,
  apiPath: '/api',
  groupVersion: { group: '', version: 'v1' },
  qps: -1,
  ...extra,
});

describe('exec credential plugin', () => {
  it('sends the plugin token, passes KUBERNETES_EXEC_INFO and env, caches until expiry', async () => {
    const p = writePlugin('cache');
    let now = Date.now();
    const clock: Clock = { now: () => now, sleep: async () => {} };
    const exec = execConfig(p, {
      env: [
        { name: 'SUFFIX', value: '-x' },
        { name: 'EXPIRES_IN_MS', value: '60000' },
      ],
      provideClusterInfo: true,
      cluster: { server: 'https://k' },
    });
    await using stub = await startHttpStub((_req, res) => json(res, 200, { kind: 'PodList', items: [] }));
    const rc = new RESTClient(core(stub.url, { execProvider: exec }), { clock });
    await rc.get().resource('pods').do().into();
    await rc.get().resource('pods').do().into();
    expect(stub.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1-x', 'Bearer token-1-x']);
    expect(JSON.parse(readFileSync(p.info, 'utf8'))).toEqual({
      kind: 'ExecCredential',
      apiVersion: 'client.authentication.k8s.io/v1',
      spec: { interactive: false, cluster: { server: 'https://k' } },
    });
    now += 61_000; // past expirationTimestamp: the plugin runs again
    await rc.get().resource('pods').do().into();
    expect(stub.requests[2].headers.authorization).toBe('Bearer token-2-x');
  });

  it('refreshes after a 401 (the failed request is not retried)', async () => {
    const p = writePlugin('refresh');
    await using stub = await startHttpStub((req, res) =>
      req.headers.authorization === 'Bearer token-1'
        ? json(res, 401, {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            code: 401,
            reason: 'Unauthorized',
            message: 'Unauthorized',
          })
        : json(res, 200, { kind: 'PodList', items: [] }),
    );
    const rc = restClientFor(core(stub.url, { execProvider: execConfig(p) }));
    const first = await rc.get().resource('pods').do();
    expect(first.statusCode()).toBe(401);
    const second = await rc.get().resource('pods').do();
    expect(second.statusCode()).toBe(200);
    expect(stub.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('expired credentials are never sent: an already-expired answer makes every request run the plugin', async () => {
    const p = writePlugin('expired');
    await using stub = await startHttpStub((_req, res) => json(res, 200, { kind: 'PodList', items: [] }));
    const rc = restClientFor(core(stub.url, { execProvider: execConfig(p, { env: [{ name: 'EXPIRES_IN_MS', value: '-1000' }] }) }));
    await rc.get().resource('pods').do().into();
    await rc.get().resource('pods').do().into();
    expect(stub.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('rejects wrong versions, missing binaries and bad answers', async () => {
    const clock: Clock = { now: () => Date.now(), sleep: async () => {} };
    expect(
      () => new ExecAuthenticator(execConfig({ command: 'x', args: [] }, { apiVersion: 'client.authentication.k8s.io/v1alpha1' }), clock),
    ).toThrow('invalid apiVersion');
    const wrong = writePlugin('wrong', 'client.authentication.k8s.io/v1beta1');
    await expect(new ExecAuthenticator(execConfig(wrong), clock).credentials()).rejects.toThrow(
      'exec plugin is configured to use API version client.authentication.k8s.io/v1, plugin returned version client.authentication.k8s.io/v1beta1',
    );
    await expect(
      new ExecAuthenticator(
        execConfig({ command: join(dir, 'no-such-plugin'), args: [] }, { installHint: 'install it' }),
        clock,
      ).credentials(),
    ).rejects.toThrow(/not found\n\ninstall it/);
    const silent = new ExecAuthenticator(execConfig({ command: process.execPath, args: ['-e', 'process.exit(3)'] }), clock);
    await expect(silent.credentials()).rejects.toBeInstanceOf(ExecPluginError);
    const always = new ExecAuthenticator(execConfig(wrong, { interactiveMode: 'Always' }), clock, undefined, false);
    await expect(always.credentials()).rejects.toThrow('standard input is not a terminal');
    const v1NoMode = new ExecAuthenticator(execConfig(wrong, { interactiveMode: undefined }), clock);
    await expect(v1NoMode.credentials()).rejects.toThrow('interactiveMode must be specified');
  });

  it('v1beta1 defaults interactiveMode to IfAvailable and works without a terminal', async () => {
    const p = writePlugin('beta', 'client.authentication.k8s.io/v1beta1');
    const a = new ExecAuthenticator(
      execConfig(p, { apiVersion: 'client.authentication.k8s.io/v1beta1', interactiveMode: undefined }),
      { now: () => Date.now(), sleep: async () => {} },
      undefined,
      false,
    );
    expect((await a.credentials()).token).toBe('token-1');
  });
});

describe('static credentials and headers', () => {
  it('bearer token, impersonation, user agent', async () => {
    await using stub = await startHttpStub((_req, res) => json(res, 200, {}));
    const rc = restClientFor(
      core(stub.url, { bearerToken: 'abc', userAgent: 'test/1', impersonate: { userName: 'jane', groups: ['a', 'b'] } }),
    );
    await rc.get().resource('pods').do().into();
    expect(stub.requests[0].headers).toMatchObject({
      authorization: 'Bearer abc',
      'user-agent': 'test/1',
      'impersonate-user': 'jane',
      'impersonate-group': 'a, b',
      accept: 'application/json',
    });
  });

  it('basic auth', async () => {
    await using stub = await startHttpStub((_req, res) => json(res, 200, {}));
    const rc = restClientFor(core(stub.url, { username: 'u', password: 'p' }));
    await rc.get().resource('pods').do().into();
    expect(stub.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('re-reads a token file when it changes', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'one\n');
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async () => {} };
    await using stub = await startHttpStub((_req, res) => json(res, 200, {}));
    const rc = new RESTClient(core(stub.url, { bearerToken: 'stale', bearerTokenFile: tokenFile }), { clock });
    await rc.get().resource('pods').do().into();
    writeFileSync(tokenFile, 'two-rotated\n');
    utimesSync(tokenFile, new Date(), new Date(Date.now() + 5000));
    await rc.get().resource('pods').do().into(); // within the 1 s check interval: cached
    now += 1500;
    await rc.get().resource('pods').do().into();
    expect(stub.requests.map((r) => r.headers.authorization)).toEqual(['Bearer one', 'Bearer one', 'Bearer two-rotated']);
  });
});
