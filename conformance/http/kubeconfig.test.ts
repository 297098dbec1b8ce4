import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKubeconfig, readKubeconfig } from './kubeconfig.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('kubeconfig', () => {
  it('reads embedded certificates of the current context', () => {
    const text = `
apiVersion: v1
kind: Config
clusters:
- name: c1
  cluster: {server: "https://127.0.0.1:6443/", certificate-authority-data: ${b64('CA')}}
users:
- name: u1
  user: {client-certificate-data: ${b64('CERT')}, client-key-data: ${b64('KEY')}}
contexts:
- name: ctx1
  context: {cluster: c1, user: u1}
current-context: ctx1
`;
    expect(parseKubeconfig(text)).toMatchObject({
      server: 'https://127.0.0.1:6443',
      ca: 'CA',
      cert: 'CERT',
      key: 'KEY',
      headers: {},
      context: 'ctx1',
    });
  });

  it('picks a named context, resolves relative files and uses tokens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kh-kc-'));
    writeFileSync(join(dir, 'ca.crt'), 'FILECA');
    writeFileSync(join(dir, 'token'), 'tok-from-file\n');
    const path = join(dir, 'config');
    writeFileSync(
      path,
      `clusters:
- {name: a, cluster: {server: "http://a", certificate-authority: ca.crt}}
- {name: b, cluster: {server: "http://b", insecure-skip-tls-verify: true}}
users:
- {name: ua, user: {token: abc}}
- {name: ub, user: {tokenFile: token}}
contexts:
- {name: one, context: {cluster: a, user: ua}}
- {name: two, context: {cluster: b, user: ub}}
current-context: one
`,
    );
    expect(readKubeconfig(path)).toMatchObject({ server: 'http://a', ca: 'FILECA', headers: { Authorization: 'Bearer abc' } });
    expect(readKubeconfig(path, 'two')).toMatchObject({
      server: 'http://b',
      insecureSkipTlsVerify: true,
      headers: { Authorization: 'Bearer tok-from-file' },
    });
    expect(() => readKubeconfig(path, 'three')).toThrow(/no context "three"/);
  });
});
