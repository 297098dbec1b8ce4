import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfigFromFlags, DirectClientConfig, loadDefaultConfig } from './client-config.js';
import { inClusterConfig, NotInClusterError } from './in-cluster.js';
import { KubeconfigError } from './kubeconfig.js';
import { loadKubeconfig, newDefaultClientConfigLoadingRules } from './loader.js';
import { rmSync } from 'node:fs';

const root = mkdtempSync(join(tmpdir(), 'kh-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function file(text: string, dir = root): string {
  const p = join(dir, `kc-${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}

const A = `
apiVersion: v1
kind: Config
current-context: a
clusters:
- name: shared
  cluster: { server: https://a.example:6443, certificate-authority: certs/ca.crt }
- name: only-a
  cluster: { server: https://only-a }
users:
- name: shared
  user: { token: token-a }
contexts:
- name: a
  context: { cluster: shared, user: shared, namespace: ns-a }
`;
const B = `
current-context: b
clusters:
- name: shared
  cluster: { server: https://b.example }
- name: only-b
  cluster: { server: https://only-b, insecure-skip-tls-verify: true }
users:
- name: shared
  user: { token: token-b }
- name: b-user
  user: { username: bob, password: secret }
contexts:
- name: b
  context: { cluster: only-b, user: b-user }
`;

describe('loading rules', () => {
  it('KUBECONFIG: first file to set a key wins, missing files are ignored, current-context from the first', () => {
    const dirA = join(root, 'a');
    mkdirSync(join(dirA, 'certs'), { recursive: true });
    writeFileSync(join(dirA, 'certs/ca.crt'), 'not really a cert');
    const a = file(A, dirA);
    const b = file(B);
    const rules = newDefaultClientConfigLoadingRules({ KUBECONFIG: [join(root, 'missing.yaml'), a, '', b, a].join(delimiter) });
    expect(rules.precedence).toEqual([join(root, 'missing.yaml'), a, b]);
    const cfg = loadKubeconfig(rules);
    expect(cfg.currentContext).toBe('a');
    expect(cfg.clusters.get('shared')!.server).toBe('https://a.example:6443');
    expect(cfg.clusters.get('shared')!.certificateAuthority).toBe(join(dirA, 'certs/ca.crt')); // relative to the file naming it
    expect(cfg.clusters.get('only-b')!.insecureSkipTlsVerify).toBe(true);
    expect(cfg.authInfos.get('shared')!.token).toBe('token-a');
    expect([...cfg.contexts.keys()]).toEqual(['a', 'b']);
  });

  it('defaults to ~/.kube/config without KUBECONFIG', () => {
    expect(newDefaultClientConfigLoadingRules({}).precedence[0]).toMatch(/\.kube[/\\]config$/);
  });

  it('an explicit path must exist', () => {
    expect(() => loadKubeconfig({ precedence: [], explicitPath: join(root, 'nope') })).toThrow(/stat .*nope: no such file/);
  });

  it('a malformed kubeconfig names the file and the field', () => {
    const bad = file('clusters:\n- name: c\n  cluster:\n    server: https://x\n    insecure-skip-tls-verify: "yes"\n');
    let err: unknown;
    try {
      loadKubeconfig({ precedence: [bad] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KubeconfigError);
    expect((err as KubeconfigError).file).toBe(bad);
    expect((err as KubeconfigError).field).toBe('clusters[0].cluster.insecure-skip-tls-verify');
    expect((err as Error).message).toBe(
      `error loading config file "${bad}": clusters[0].cluster.insecure-skip-tls-verify: expected a boolean, got string`,
    );
  });

  it('YAML syntax errors and bad base64 name the file', () => {
    const syntax = file('clusters: [\n  - {name: c\n');
    expect(() => loadKubeconfig({ precedence: [syntax] })).toThrow(new RegExp(`error loading config file "${syntax}": line \\d+`));
    const b64 = file('users:\n- name: u\n  user:\n    client-certificate-data: "%%%"\n');
    expect(() => loadKubeconfig({ precedence: [b64] })).toThrow(/users\[0\]\.user\.client-certificate-data: illegal base64 data/);
    const dup = file('contexts:\n- name: x\n  context: {}\n- name: x\n  context: {}\n');
    expect(() => loadKubeconfig({ precedence: [dup] })).toThrow(/duplicate name "x"/);
  });
});

describe('client config', () => {
  const a = file(A.replace('certificate-authority: certs/ca.crt', 'insecure-skip-tls-verify: true'));
  const b = file(B);

  it('builds a RestConfig from the current context', () => {
    const rc = buildConfigFromFlags('', a);
    expect(rc).toMatchObject({ host: 'https://a.example:6443', bearerToken: 'token-a', tlsClientConfig: { insecure: true } });
  });

  it('masterUrl overrides the server', () => {
    expect(buildConfigFromFlags('https://override:1', a).host).toBe('https://override:1');
    expect(buildConfigFromFlags('http://only-master', '').host).toBe('http://only-master');
  });

  it('honours context and namespace overrides', () => {
    const rules = { precedence: [a, b] };
    const d = new DirectClientConfig(loadKubeconfig(rules), { currentContext: 'b', context: { namespace: 'forced' } });
    expect(d.clientConfig()).toMatchObject({ host: 'https://only-b', username: 'bob', password: 'secret' });
    expect(d.namespace()).toEqual({ namespace: 'forced', overridden: true });
    const plain = new DirectClientConfig(loadKubeconfig(rules));
    expect(plain.namespace()).toEqual({ namespace: 'ns-a', overridden: false });
    expect(loadDefaultConfig({ currentContext: 'b' }, { KUBECONFIG: [a, b].join(delimiter) }).namespace).toBe('default');
  });

  it('a missing context, cluster or server is an error naming it', () => {
    const cfg = loadKubeconfig({ precedence: [a] });
    expect(() => new DirectClientConfig(cfg, { currentContext: 'zzz' }).clientConfig()).toThrow(
      'context was not found for specified context: zzz',
    );
    const noServer = file(
      'current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nclusters:\n- name: k\n  cluster: {}\nusers:\n- name: u\n  user: {}\n',
    );
    expect(() => buildConfigFromFlags('', noServer)).toThrow(
      `invalid configuration: no server found for cluster "k" (in kubeconfig "${noServer}")`,
    );
    const empty = file('');
    expect(() => buildConfigFromFlags('', empty)).toThrow(/no configuration has been provided/);
  });

  it('rejects a CA together with insecure-skip-tls-verify, and two auth methods', () => {
    const both = file(
      'current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nclusters:\n- name: k\n  cluster: {server: https://k, insecure-skip-tls-verify: true, certificate-authority-data: YWJj}\nusers:\n- name: u\n  user: {}\n',
    );
    expect(() => buildConfigFromFlags('', both)).toThrow(/insecure/);
    const two = file(
      'current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nclusters:\n- name: k\n  cluster: {server: https://k}\nusers:\n- name: u\n  user: {token: t, username: x, password: y}\n',
    );
    expect(() => buildConfigFromFlags('', two)).toThrow(
      'more than one authentication method found for u; found [token basicAuth], only one is allowed',
    );
  });

  it('reads tokenFile (relative to the kubeconfig) and keeps it for re-reading', () => {
    const dir = mkdtempSync(join(root, 'tf-'));
    writeFileSync(join(dir, 'tok'), 'from-file\n');
    const p = file(
      'current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nclusters:\n- name: k\n  cluster: {server: https://k}\nusers:\n- name: u\n  user: {tokenFile: tok}\n',
      dir,
    );
    expect(buildConfigFromFlags('', p)).toMatchObject({ bearerToken: 'from-file', bearerTokenFile: join(dir, 'tok') });
  });

  it('carries exec, client certificates, proxy and TLS server name', () => {
    const p = file(`current-context: c
contexts:
- name: c
  context: {cluster: k, user: u}
clusters:
- name: k
  cluster: {server: https://k, tls-server-name: api.internal, proxy-url: http://proxy:3128, certificate-authority-data: Q0E=}
users:
- name: u
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin, args: [get-token], interactiveMode: Never, provideClusterInfo: true, env: [{name: A, value: b}]}
`);
    const rc = buildConfigFromFlags('', p);
    expect(rc.tlsClientConfig).toMatchObject({ serverName: 'api.internal', caData: Buffer.from('CA') });
    expect(rc.proxyUrl).toBe('http://proxy:3128');
    expect(rc.execProvider).toMatchObject({ command: join(root, 'bin/plugin'), args: ['get-token'], env: [{ name: 'A', value: 'b' }] });
    expect(rc.execProvider!.cluster).toMatchObject({
      server: 'https://k',
      certificateAuthorityData: 'Q0E=',
      tlsServerName: 'api.internal',
    });
  });
});

describe('inClusterConfig', () => {
  it('needs the service env vars', () => {
    expect(() => inClusterConfig({ env: {} })).toThrow(NotInClusterError);
  });
  it('reads the mounted token and CA', () => {
    const dir = mkdtempSync(join(root, 'sa-'));
    writeFileSync(join(dir, 'token'), 'sa-token');
    writeFileSync(join(dir, 'ca.crt'), 'ca');
    const rc = inClusterConfig({
      env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' },
      tokenFile: join(dir, 'token'),
      rootCAFile: join(dir, 'ca.crt'),
    });
    expect(rc).toEqual({
      host: 'https://[fd00::1]:443',
      bearerToken: 'sa-token',
      bearerTokenFile: join(dir, 'token'),
      tlsClientConfig: { caFile: join(dir, 'ca.crt') },
    });
  });
});
