/**
 * The real kubectl against the fake, with default (strict, server-side) validation: the
 * workflows of a kubectl user — apply, server-side apply with conflicts, diff, patch, edit,
 * scale, label, annotate, output formats, watch, explain, CRDs with printer columns, cascading
 * deletes, namespace deletion and waits.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';

const run = promisify(execFile);
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p)) ?? 'kubectl';
const haveKubectl = await run(KUBECTL, ['version', '--client']).then(
  () => true,
  () => false,
);
if (!haveKubectl) console.warn('kubectl workflows: no kubectl binary on this machine; skipping (CI installs Debian kubernetes-client)');

let server: FakeApiServer;
let dir: string;

async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run(KUBECTL, ['--kubeconfig', server.kubeconfig.path, ...args], {
    env: { ...process.env, KUBECTL_INTERACTIVE_DELETE: 'false' },
    timeout: 30_000,
  });
  return stdout;
}

async function kubectlFails(...args: string[]): Promise<string> {
  try {
    await kubectl(...args);
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  }
  throw new Error(`kubectl ${args.join(' ')} succeeded, expected a failure`);
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const manifest = (replicas: number, data: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: "${data}"
`;

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg]}
  versions:
  - name: v1
    served: true
    storage: true
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Color, type: string, jsonPath: .spec.color}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              color: {type: string}
`;

beforeAll(async () => {
  server = await startFakeApiServer();
  dir = mkdtempSync(join(tmpdir(), 'kubectl-workflows-'));
});
afterAll(() => server?.close());

describe.skipIf(!haveKubectl)('kubectl workflows against the fake', () => {
  it('apply -f a multi-document manifest, then a changed one', async () => {
    const first = await kubectl('apply', '-f', file('m1.yaml', manifest(2, 'a')));
    expect(first).toContain('namespace/shop created');
    expect(first).toContain('deployment.apps/web created');
    expect(first).toContain('configmap/settings created');
    const second = await kubectl('apply', '-f', file('m2.yaml', manifest(3, 'b')));
    expect(second).toContain('namespace/shop unchanged');
    expect(second).toContain('deployment.apps/web configured');
    expect(second).toContain('configmap/settings configured');
    expect(await kubectl('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}')).toBe('3');
  });

  it('rejects unknown fields with strict validation', async () => {
    const bad = file('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  namespace: shop\ndata:\n  a: b\nbogus: 1\n');
    const err = await kubectlFails('apply', '-f', bad);
    expect(err).toMatch(/unknown field "bogus"/);
  });

  it('diff shows what apply would change', async () => {
    const out = await kubectl('diff', '-f', file('m3.yaml', manifest(5, 'b'))).catch((e) => String((e as { stdout?: string }).stdout));
    expect(out).toMatch(/-\s+replicas: 3/);
    expect(out).toMatch(/\+\s+replicas: 5/);
  });

  it('apply --server-side, a conflicting second manager, then --force-conflicts', async () => {
    const ssa = file('ssa.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\n  namespace: shop\ndata:\n  key: one\n');
    expect(await kubectl('apply', '--server-side', '-f', ssa)).toContain('configmap/owned serverside-applied');
    const other = file('ssa2.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\n  namespace: shop\ndata:\n  key: two\n');
    const conflict = await kubectlFails('apply', '--server-side', '--field-manager=other', '-f', other);
    expect(conflict).toMatch(/conflict/i);
    expect(conflict).toContain('.data.key');
    expect(await kubectl('apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', other)).toContain(
      'serverside-applied',
    );
    expect(await kubectl('get', 'cm', 'owned', '-n', 'shop', '-o', 'jsonpath={.data.key}')).toBe('two');
  });

  it('patch --type=strategic|merge|json', async () => {
    await kubectl(
      'patch',
      'deploy',
      'web',
      '-n',
      'shop',
      '--type=strategic',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}',
    );
    expect(await kubectl('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe(
      'nginx:1.26',
    );
    await kubectl('patch', 'cm', 'settings', '-n', 'shop', '--type=merge', '-p', '{"data":{"extra":"x"}}');
    await kubectl('patch', 'cm', 'settings', '-n', 'shop', '--type=json', '-p', '[{"op":"replace","path":"/data/mode","value":"c"}]');
    expect(JSON.parse(await kubectl('get', 'cm', 'settings', '-n', 'shop', '-o', 'json')).data).toEqual({ mode: 'c', extra: 'x' });
  });

  it('edit, driven by an EDITOR script', async () => {
    const editor = file('editor.sh', '#!/bin/sh\nsed -i "s/mode: c/mode: edited/" "$1"\n');
    await run('chmod', ['+x', editor]);
    await run(KUBECTL, ['--kubeconfig', server.kubeconfig.path, 'edit', 'cm', 'settings', '-n', 'shop'], {
      env: { ...process.env, EDITOR: editor, KUBE_EDITOR: editor },
    });
    expect(await kubectl('get', 'cm', 'settings', '-n', 'shop', '-o', 'jsonpath={.data.mode}')).toBe('edited');
  });

  it('scale, label --overwrite, annotate', async () => {
    expect(await kubectl('scale', 'deploy/web', '-n', 'shop', '--replicas=4')).toContain('scaled');
    expect(await kubectl('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}')).toBe('4');
    await kubectl('label', 'cm', 'settings', '-n', 'shop', 'tier=a');
    await kubectl('label', 'cm', 'settings', '-n', 'shop', 'tier=b', '--overwrite');
    await kubectl('annotate', 'cm', 'settings', '-n', 'shop', 'note=hello');
    const cm = JSON.parse(await kubectl('get', 'cm', 'settings', '-n', 'shop', '-o', 'json'));
    expect(cm.metadata.labels.tier).toBe('b');
    expect(cm.metadata.annotations.note).toBe('hello');
  });

  it('get -o yaml|json|wide|name|jsonpath', async () => {
    expect(await kubectl('get', 'cm', 'settings', '-n', 'shop', '-o', 'yaml')).toContain('kind: ConfigMap');
    expect(JSON.parse(await kubectl('get', 'cm', '-n', 'shop', '-o', 'json')).kind).toBe('List');
    const wide = await kubectl('get', 'deploy', '-n', 'shop', '-o', 'wide');
    expect(wide).toMatch(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR/);
    expect(wide).toContain('nginx:1.26');
    expect((await kubectl('get', 'cm', '-n', 'shop', '-o', 'name')).split('\n')).toContain('configmap/settings');
    const table = await kubectl('get', 'cm', '-n', 'shop');
    expect(table).toMatch(/NAME\s+DATA\s+AGE/);
  });

  it('get -w shows a change as it happens', async () => {
    const child = spawn(KUBECTL, ['--kubeconfig', server.kubeconfig.path, 'get', 'cm', '-n', 'shop', '-w', '--output-watch-events']);
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    try {
      await waitFor(() => out.includes('settings'));
      await kubectl(
        'create',
        '-f',
        file('watched.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: watched\n  namespace: shop\n'),
      );
      await waitFor(() => /ADDED\s+watched/.test(out));
      expect(out).toMatch(/ADDED\s+watched/);
    } finally {
      child.kill();
    }
  });

  it('explain', async () => {
    const out = await kubectl('explain', 'deployment.spec.replicas');
    expect(out).toContain('FIELD: replicas <integer>');
  });

  it('create -f a CRD, wait for Established, then apply and get its objects with printer columns', async () => {
    await kubectl('create', '-f', file('crd.yaml', crd));
    expect(await kubectl('wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=10s')).toContain('condition met');
    const w = file(
      'w.yaml',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: shop\nspec:\n  size: 3\n  color: red\n',
    );
    expect(await kubectl('apply', '-f', w)).toContain('widget.example.com/w1 created');
    const table = await kubectl('get', 'widgets', '-n', 'shop');
    expect(table).toMatch(/NAME\s+SIZE\s+COLOR/);
    expect(table).toMatch(/w1\s+3\s+red/);
    expect(await kubectl('get', 'wg', '-n', 'shop', '-o', 'name')).toContain('widget.example.com/w1');
  });

  it('delete --cascade=orphan|foreground|background on an owner with dependents', async () => {
    const ownerFile = file('owner.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owner\n  namespace: shop\n');
    const owner = JSON.parse(await kubectl('create', '-f', ownerFile, '-o', 'json'));
    const dependent = (name: string) =>
      file(
        `${name}.json`,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name,
            namespace: 'shop',
            ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, blockOwnerDeletion: true }],
          },
        }),
      );
    await kubectl('create', '-f', dependent('dep-orphan'));
    await kubectl('delete', 'cm', 'owner', '-n', 'shop', '--cascade=orphan');
    await server.waitForIdle();
    const orphan = JSON.parse(await kubectl('get', 'cm', 'dep-orphan', '-n', 'shop', '-o', 'json'));
    expect(orphan.metadata.ownerReferences).toBeUndefined();

    const owner2 = JSON.parse(await kubectl('create', '-f', ownerFile, '-o', 'json'));
    owner.metadata.uid = owner2.metadata.uid;
    await kubectl('create', '-f', dependent('dep-fg'));
    await kubectl('delete', 'cm', 'owner', '-n', 'shop', '--cascade=foreground', '--wait=true');
    await server.waitForIdle();
    expect(await kubectlFails('get', 'cm', 'dep-fg', '-n', 'shop')).toContain('NotFound');

    const owner3 = JSON.parse(await kubectl('create', '-f', ownerFile, '-o', 'json'));
    owner.metadata.uid = owner3.metadata.uid;
    await kubectl('create', '-f', dependent('dep-bg'));
    await kubectl('delete', 'cm', 'owner', '-n', 'shop', '--cascade=background');
    await server.waitForIdle();
    expect(await kubectlFails('get', 'cm', 'dep-bg', '-n', 'shop')).toContain('NotFound');
  });

  it('delete namespace and wait --for=delete', async () => {
    await kubectl('delete', 'namespace', 'shop', '--wait=false');
    const out = await kubectl('wait', '--for=delete', 'namespace/shop', '--timeout=20s').catch((e) =>
      String((e as { stderr?: string }).stderr),
    );
    // kubectl prints "condition met", or nothing when the namespace is already gone.
    expect(out).toMatch(/^(.*condition met.*\n?|)$/);
    expect(await kubectlFails('get', 'namespace', 'shop')).toContain('NotFound');
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
