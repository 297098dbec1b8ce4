/**
 * Records the request bodies the real kubectl sends, for the protobuf decoder's tests:
 *
 *   npx tsx fake-apiserver/protobuf/test/capture-kubectl.ts [kubectl]
 *
 * A loopback `node:http` server answers discovery from the reference cluster's v1.35.4 dumps and
 * every write with 201 and a JSON echo of the request's type; each case runs kubectl once against
 * it (recording the protobuf body) and once with `--dry-run=client -o json` (kubectl's own JSON
 * rendering of the object it meant to send). Output: testdata/kubectl/<case>.pb (the body bytes)
 * and testdata/kubectl/cases.json (command, method, path, headers, expected JSON).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, '../testdata/kubectl');
const DUMPS = join(HERE, '../../../conformance/reference-cluster/dumps/v1.35.4');

interface Case {
  name: string;
  args: string[];
  /** The request to record: the first with this method whose path ends so. */
  method: string;
  pathSuffix: string;
  /** Whether `--dry-run=client -o json` renders the object (not for token/can-i). */
  dryRun: boolean;
}

const CASES: Case[] = [
  {
    name: 'configmap',
    args: ['create', 'configmap', 'x', '--from-literal=a=b', '--from-literal=c=d'],
    method: 'POST',
    pathSuffix: '/configmaps',
    dryRun: true,
  },
  {
    name: 'configmap-binary',
    args: ['create', 'configmap', 'bin', '--from-file=blob=@BINFILE', '--from-literal=text=hello'],
    method: 'POST',
    pathSuffix: '/configmaps',
    dryRun: true,
  },
  { name: 'namespace', args: ['create', 'namespace', 'y'], method: 'POST', pathSuffix: '/namespaces', dryRun: true },
  {
    name: 'secret',
    args: ['create', 'secret', 'generic', 's', '--from-literal=password=s3cr3t', '--from-literal=empty=', '--type=Opaque'],
    method: 'POST',
    pathSuffix: '/secrets',
    dryRun: true,
  },
  {
    name: 'deployment',
    args: ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=8080'],
    method: 'POST',
    pathSuffix: '/deployments',
    dryRun: true,
  },
  {
    name: 'service',
    args: ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080', '--tcp=443:https'],
    method: 'POST',
    pathSuffix: '/services',
    dryRun: true,
  },
  {
    name: 'role',
    args: ['create', 'role', 'reader', '--verb=get,list,watch', '--resource=pods,configmaps', '--resource-name=a'],
    method: 'POST',
    pathSuffix: '/roles',
    dryRun: true,
  },
  {
    name: 'job',
    args: ['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi'],
    method: 'POST',
    pathSuffix: '/jobs',
    dryRun: true,
  },
  {
    name: 'quota',
    args: ['create', 'quota', 'q', '--hard=cpu=1,memory=1Gi,pods=10'],
    method: 'POST',
    pathSuffix: '/resourcequotas',
    dryRun: true,
  },
  {
    name: 'token',
    args: ['create', 'token', 'default', '--duration=1h', '--audience=a,b'],
    method: 'POST',
    pathSuffix: '/serviceaccounts/default/token',
    dryRun: false,
  },
  {
    name: 'can-i',
    args: ['auth', 'can-i', 'list', 'pods', '--namespace=ns1'],
    method: 'POST',
    pathSuffix: '/selfsubjectaccessreviews',
    dryRun: false,
  },
];

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function discovery(url: string): string | undefined {
  const path = url.split('?')[0].replace(/^\/+|\/+$/g, '');
  if (!/^(api|apis)(\/|$)/.test(path)) return undefined;
  const file = join(DUMPS, `${path.replace(/\//g, '__')}.json`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

async function main(): Promise<void> {
  const kubectl = process.argv[2] ?? 'kubectl';
  const recorded: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      recorded.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      const doc = req.method === 'GET' ? discovery(req.url!) : undefined;
      if (doc !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(doc);
        return;
      }
      if (req.method === 'POST') {
        const resource = req.url!.split('?')[0].split('/').pop();
        const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', message: `recorded ${resource}` };
        if (resource === 'token') {
          res.writeHead(201, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              kind: 'TokenRequest',
              apiVersion: 'authentication.k8s.io/v1',
              metadata: {},
              spec: {},
              status: { token: 't', expirationTimestamp: '2030-01-01T00:00:00Z' },
            }),
          );
          return;
        }
        if (resource === 'selfsubjectaccessreviews') {
          res.writeHead(201, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              kind: 'SelfSubjectAccessReview',
              apiVersion: 'authorization.k8s.io/v1',
              metadata: {},
              spec: {},
              status: { allowed: true },
            }),
          );
          return;
        }
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-capture-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: rec, cluster: {server: "http://127.0.0.1:' + port + '"}}]',
      'users: [{name: rec, user: {token: t}}]',
      'contexts: [{name: rec, context: {cluster: rec, user: rec, namespace: default}}]',
      'current-context: rec',
      '',
    ].join('\n'),
  );
  const binFile = join(dir, 'blob.bin');
  writeFileSync(binFile, Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x01, 0x02]));
  mkdirSync(OUT, { recursive: true });
  const version = execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  const out: Record<string, unknown>[] = [];
  const run = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      // Async: the recorder runs in this process.
      import('node:child_process').then(({ execFile }) =>
        execFile(
          kubectl,
          ['--kubeconfig', kubeconfig, ...args],
          { encoding: 'utf8', env: { ...process.env, KUBECACHEDIR: join(dir, 'cache') } },
          (err, stdout, stderr) => (err ? reject(new Error(`${args.join(' ')}: ${stderr}`)) : resolve(stdout)),
        ),
      );
    });
  for (const c of CASES) {
    const args = c.args.map((a) => a.replace('@BINFILE', binFile));
    recorded.length = 0;
    await run(args);
    const req = recorded.find((r) => r.method === c.method && r.url.split('?')[0].endsWith(c.pathSuffix));
    if (!req) throw new Error(`${c.name}: no ${c.method} …${c.pathSuffix} among ${recorded.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    writeFileSync(join(OUT, `${c.name}.pb`), req.body);
    let expected: unknown = undefined;
    if (c.dryRun) {
      const dashIndex = args.indexOf('--');
      const withFlags =
        dashIndex < 0
          ? [...args, '--dry-run=client', '-o', 'json']
          : [...args.slice(0, dashIndex), '--dry-run=client', '-o', 'json', ...args.slice(dashIndex)];
      expected = JSON.parse(await run(withFlags));
    }
    out.push({
      name: c.name,
      command: ['kubectl', ...c.args],
      method: req.method,
      path: req.url,
      contentType: req.headers['content-type'],
      accept: req.headers['accept'],
      expected,
    });
  }
  server.close();
  const kubectlVersion = (JSON.parse(version) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
  writeFileSync(join(OUT, 'cases.json'), JSON.stringify({ kubectlVersion, cases: out }, null, 2) + '\n');
  console.log(`wrote ${out.length} cases from kubectl ${kubectlVersion} to ${OUT}`);
}

await main();
