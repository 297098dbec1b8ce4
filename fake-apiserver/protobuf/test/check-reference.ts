/**
 * Checks the protobuf codec against a real kube-apiserver (the reference cluster):
 *
 *   npm run reference-cluster -- start --state-dir /tmp/ref
 *   npx tsx fake-apiserver/protobuf/test/check-reference.ts /tmp/ref/kubeconfig
 *
 * For objects it creates in a fresh namespace: the server's protobuf GET/LIST bytes equal
 * encodeK8sProtobuf of its JSON GET/LIST; they decode to that JSON; a protobuf watch frame equals
 * encodeWatchEventFrame; bodies from encodeK8sProtobuf are accepted; malformed bodies get the
 * same 400 message as decodeK8sProtobuf gives. Prints one line per check, exits 1 on a mismatch.
 */
import { readFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import yaml from 'js-yaml';
import { StatusError } from '../../errors/status.js';
import { decodeK8sProtobuf, type DecodeOptions } from '../decode.js';
import { encodeK8sProtobuf, encodeWatchEventFrame } from '../encode.js';

const PB = 'application/vnd.kubernetes.protobuf';
const HERE = dirname(fileURLToPath(import.meta.url));

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
}

const kc = yaml.load(readFileSync(process.argv[2], 'utf8')) as Kubeconfig;
const server = new URL(kc.clusters[0].cluster.server);
const tls = {
  ca: Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64'),
  cert: Buffer.from(kc.users[0].user['client-certificate-data'], 'base64'),
  key: Buffer.from(kc.users[0].user['client-key-data'], 'base64'),
};

interface Res {
  status: number;
  type: string;
  body: Buffer;
}

function call(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Res> {
  // An explicit length: node sends a DELETE body unframed otherwise.
  if (body !== undefined) headers = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  const opts: RequestOptions = { ...tls, hostname: server.hostname, port: server.port, method, path, headers };
  return new Promise((resolve, reject) => {
    const req = request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = async (method: string, path: string, obj?: unknown) => {
  const r = await call(
    method,
    path,
    { accept: 'application/json', 'content-type': 'application/json' },
    obj === undefined ? undefined : JSON.stringify(obj),
  );
  return { status: r.status, obj: JSON.parse(r.body.toString('utf8')) as Record<string, unknown> };
};

let failures = 0;
function check(name: string, ok: boolean, detail = ''): void {
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n     ${detail}`}`);
}

function ourError(body: Buffer, opts: DecodeOptions): string {
  try {
    decodeK8sProtobuf(body, opts);
    return '<decoded>';
  } catch (e) {
    return e instanceof StatusError ? e.message : `<${String(e)}>`;
  }
}

async function main(): Promise<void> {
  const ns = `pb-check-${Date.now()}`;
  await json('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const objects: [string, Record<string, unknown>][] = [
    [
      `/api/v1/namespaces/${ns}/configmaps`,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', labels: { a: 'b' } }, data: { k: 'v' }, binaryData: { b: 'AAE=' } },
    ],
    [`/api/v1/namespaces/${ns}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { p: 'x' } }],
    [
      `/apis/apps/v1/namespaces/${ns}/deployments`,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'd' } },
          strategy: { rollingUpdate: { maxSurge: '30%', maxUnavailable: 1 } },
          template: {
            metadata: { labels: { app: 'd' } },
            spec: {
              containers: [
                {
                  name: 'c',
                  image: 'nginx',
                  ports: [{ containerPort: 80 }],
                  resources: { limits: { cpu: '500m', memory: '128Mi' } },
                  livenessProbe: { httpGet: { path: '/', port: 80 } },
                },
              ],
            },
          },
        },
      },
    ],
    [
      `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`,
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'l' },
        spec: { holderIdentity: 'me', acquireTime: '2024-01-02T03:04:05.123456Z' },
      },
    ],
    [
      `/api/v1/namespaces/${ns}/services`,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'svc' },
        spec: { ports: [{ port: 80, targetPort: 'http' }], selector: { app: 'd' } },
      },
    ],
  ];
  for (const [collection, obj] of objects) {
    const created = await json('POST', collection, obj);
    check(`create ${obj.kind} (JSON)`, created.status === 201, JSON.stringify(created.obj));
    const item = `${collection}/${(obj.metadata as { name: string }).name}`;
    const asJson = (await json('GET', item)).obj;
    const asPb = await call('GET', item, { accept: PB });
    check(`GET ${obj.kind}: protobuf content type`, asPb.type === PB, asPb.type);
    check(`GET ${obj.kind}: encode(JSON) == server protobuf`, encodeK8sProtobuf(asJson).equals(asPb.body));
    check(
      `GET ${obj.kind}: decode(server protobuf) == JSON`,
      isDeepStrictEqual(decodeK8sProtobuf(asPb.body).object, asJson),
      JSON.stringify(decodeK8sProtobuf(asPb.body).object),
    );
    // The same revision for both (a list's resourceVersion is the store's, which moves).
    const listJson = (await json('GET', collection)).obj;
    const listRv = (listJson.metadata as { resourceVersion: string }).resourceVersion;
    const listPb = await call('GET', `${collection}?resourceVersion=${listRv}&resourceVersionMatch=Exact`, { accept: PB });
    check(`LIST ${obj.kind}: encode(JSON) == server protobuf`, encodeK8sProtobuf(listJson).equals(listPb.body));
    // Our protobuf body for a copy is accepted and stores the same object.
    const copy = { ...obj, metadata: { ...(obj.metadata as object), name: `${(obj.metadata as { name: string }).name}-pb` } };
    const viaPb = await call('POST', collection, { accept: 'application/json', 'content-type': PB }, encodeK8sProtobuf(copy));
    check(`create ${obj.kind} (our protobuf body)`, viaPb.status === 201, viaPb.body.toString());
  }

  // Status responses in protobuf.
  const missing = await call('GET', `/api/v1/namespaces/${ns}/configmaps/nope`, { accept: PB });
  const missingJson = (await json('GET', `/api/v1/namespaces/${ns}/configmaps/nope`)).obj;
  check('404 Status: encode(JSON) == server protobuf', missing.status === 404 && encodeK8sProtobuf(missingJson).equals(missing.body));

  // kubectl's recorded bodies are accepted.
  const cases = JSON.parse(readFileSync(join(HERE, '../testdata/kubectl/cases.json'), 'utf8')) as {
    cases: { name: string; path: string }[];
  };
  const kubectlNs = `${ns}-kubectl`;
  await json('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: kubectlNs } });
  for (const c of cases.cases.filter((x) => ['configmap', 'secret', 'deployment', 'role', 'job', 'quota', 'service'].includes(x.name))) {
    const path = c.path.replace('/namespaces/default/', `/namespaces/${kubectlNs}/`);
    const r = await call(
      'POST',
      path,
      { accept: 'application/json', 'content-type': PB },
      readFileSync(join(HERE, `../testdata/kubectl/${c.name}.pb`)),
    );
    const created = JSON.parse(r.body.toString()) as Record<string, unknown>;
    const decoded = decodeK8sProtobuf(readFileSync(join(HERE, `../testdata/kubectl/${c.name}.pb`))).object;
    check(
      `kubectl ${c.name} body accepted`,
      r.status === 201 && (created.metadata as { name: string }).name === (decoded.metadata as { name: string }).name,
      r.body.toString(),
    );
  }

  // A watch frame.
  const rv = ((await json('GET', `/api/v1/namespaces/${ns}/configmaps`)).obj.metadata as { resourceVersion: string }).resourceVersion;
  const frame = await new Promise<Buffer>((resolve, reject) => {
    const opts: RequestOptions = {
      ...tls,
      hostname: server.hostname,
      port: server.port,
      path: `/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${rv}&timeoutSeconds=10`,
      headers: { accept: PB },
    };
    const req = request(opts, (res) => {
      let buf = Buffer.alloc(0);
      res.on('data', (c: Buffer) => {
        buf = Buffer.concat([buf, c]);
        if (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
          resolve(buf.subarray(0, 4 + buf.readUInt32BE(0)));
          req.destroy();
        }
      });
      check('watch content type', res.headers['content-type'] === `${PB};stream=watch`, String(res.headers['content-type']));
    });
    req.on('error', reject);
    req.end();
    setTimeout(
      () =>
        void json('POST', `/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } }),
      500,
    );
  });
  const watched = (await json('GET', `/api/v1/namespaces/${ns}/configmaps/watched`)).obj;
  check('watch ADDED frame == encodeWatchEventFrame', encodeWatchEventFrame('ADDED', watched).equals(frame), frame.toString('hex'));

  // Malformed bodies: the same 400 text.
  const cmPath = `/api/v1/namespaces/${ns}/configmaps`;
  const good = encodeK8sProtobuf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad' }, data: { a: 'b' } });
  const bad: [string, Buffer][] = [
    ['truncated envelope', good.subarray(0, 10)],
    ['truncated object', good.subarray(0, good.length - 6)],
    ['magic only', Buffer.from('k8s\x00', 'latin1')],
    ['wrong magic', Buffer.concat([Buffer.from('k8s\x01', 'latin1'), good.subarray(4)])],
    ['json body', Buffer.from('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"j"}}')],
    ['unknown kind', encodeK8sProtobuf({ apiVersion: 'v1', kind: 'Status' }).fill(0x46, 17, 23)],
    // Unknown{typeMeta: {}, raw: ConfigMap{metadata: {name: "nokind"}}}: kind and version defaulted.
    ['empty type meta', Buffer.from('6b3873000a00120a0a080a066e6f6b696e64', 'hex')],
    // ConfigMap{data (field 2) with wire type 0}.
    ['wrong wire type', Buffer.from('6b3873000a0f0a0276311209436f6e6669674d617012021001', 'hex')],
    ['illegal tag', Buffer.from('6b3873000a0f0a0276311209436f6e6669674d617012020000', 'hex')],
    ['negative length', Buffer.from('6b3873000a0f0a0276311209436f6e6669674d6170120c0affffffffffffffffff01', 'hex')],
  ];
  for (const [name, body] of bad) {
    const r = await call('POST', cmPath, { accept: 'application/json', 'content-type': PB }, body);
    const theirs = r.status === 201 ? '<decoded>' : (JSON.parse(r.body.toString()) as { message: string }).message;
    const ours = ourError(body, { apiVersion: 'v1', kind: 'ConfigMap' });
    check(`malformed (${name}): same message`, theirs === ours, `server: ${theirs}\n     ours:   ${ours}`);
  }
  for (const [name, body] of bad.slice(0, 4)) {
    const r = await call('DELETE', `${cmPath}/cm`, { accept: 'application/json', 'content-type': PB }, body);
    const theirs = (JSON.parse(r.body.toString()) as { message: string }).message;
    const ours = ourError(body, { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions', errors: 'plain' });
    check(`malformed DELETE body (${name}): same message`, theirs === ours, `server: ${theirs}\n     ours:   ${ours}`);
  }
  const del = await call(
    'DELETE',
    `${cmPath}/cm`,
    { accept: 'application/json', 'content-type': PB },
    encodeK8sProtobuf({ apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' }),
  );
  check('DELETE with our protobuf DeleteOptions', del.status === 200, del.body.toString());

  await json('DELETE', `/api/v1/namespaces/${ns}`);
  await json('DELETE', `/api/v1/namespaces/${kubectlNs}`);
  console.log(failures === 0 ? 'all checks passed' : `${failures} checks failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}

await main();
