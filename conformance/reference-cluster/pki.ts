// Certificates for the reference cluster, made with the openssl CLI (node:crypto cannot issue X.509).
//
//   ca.crt/key                   cluster CA: signs the serving cert and client certs, and is the
//                                --client-ca-file, --root-ca-file and cluster-signing CA
//   apiserver.crt/key            kube-apiserver serving cert (127.0.0.1, localhost, kubernetes.default…)
//   admin.crt/key                client cert CN=kubeharness-admin O=system:masters (the kubeconfig user)
//   controller-manager.crt/key   client cert CN=system:kube-controller-manager (bootstrap RBAC identity)
//   sa.key/sa.pub                service-account token signing key pair (RSA, RS256)
//   front-proxy-ca.crt/key       request-header CA (--requestheader-client-ca-file), as kubeadm has it
//   front-proxy-client.crt/key   the aggregator's client cert for proxying to aggregated APIs
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ReferenceClusterError } from './build.js';

const execFileP = promisify(execFile);

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  adminCert: string;
  adminKey: string;
  controllerManagerCert: string;
  controllerManagerKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  frontProxyCaCert: string;
  frontProxyCaKey: string;
  frontProxyClientCert: string;
  frontProxyClientKey: string;
}

export function pkiPaths(dir: string): Pki {
  const p = (f: string) => join(dir, f);
  return {
    dir,
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    apiserverCert: p('apiserver.crt'),
    apiserverKey: p('apiserver.key'),
    adminCert: p('admin.crt'),
    adminKey: p('admin.key'),
    controllerManagerCert: p('controller-manager.crt'),
    controllerManagerKey: p('controller-manager.key'),
    serviceAccountKey: p('sa.key'),
    serviceAccountPub: p('sa.pub'),
    frontProxyCaCert: p('front-proxy-ca.crt'),
    frontProxyCaKey: p('front-proxy-ca.key'),
    frontProxyClientCert: p('front-proxy-client.crt'),
    frontProxyClientKey: p('front-proxy-client.key'),
  };
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await execFileP('openssl', args, { cwd });
  } catch (err: any) {
    if (err?.code === 'ENOENT') {
      throw new ReferenceClusterError(
        'openssl is not installed (needed to make the reference cluster certificates): apt-get install openssl',
      );
    }
    throw new ReferenceClusterError(`openssl ${args.join(' ')} failed: ${err?.stderr || err?.message}`);
  }
}

const DAYS = '30';

/** EC P-256 keys for the certificates: fast to generate and accepted by every component. */
async function ecKey(path: string, cwd: string) {
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path], cwd);
}

async function issue(
  pki: Pki,
  name: string,
  subject: string,
  extensions: string,
  ca: { cert: string; key: string } = { cert: pki.caCert, key: pki.caKey },
): Promise<void> {
  const key = join(pki.dir, `${name}.key`);
  const csr = join(pki.dir, `${name}.csr`);
  const ext = join(pki.dir, `${name}.ext`);
  await ecKey(key, pki.dir);
  await openssl(['req', '-new', '-key', key, '-subj', subject, '-out', csr], pki.dir);
  await writeFile(ext, extensions);
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.cert,
      '-CAkey',
      ca.key,
      '-CAcreateserial',
      '-days',
      DAYS,
      '-extfile',
      ext,
      '-out',
      join(pki.dir, `${name}.crt`),
    ],
    pki.dir,
  );
}

/** Generates a fresh CA and all certificates into `dir` (overwriting what is there). */
export async function generatePki(dir: string): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pki = pkiPaths(dir);
  const selfSignedCa = async (key: string, cert: string, cn: string) => {
    await ecKey(key, dir);
    await openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        key,
        '-subj',
        `/CN=${cn}`,
        '-days',
        DAYS,
        '-out',
        cert,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
      ],
      dir,
    );
  };
  await selfSignedCa(pki.caKey, pki.caCert, 'kubeharness-reference-ca');
  await selfSignedCa(pki.frontProxyCaKey, pki.frontProxyCaCert, 'kubeharness-front-proxy-ca');
  await issue(
    pki,
    'apiserver',
    '/CN=kube-apiserver',
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      // 10.0.0.1 is the first address of --service-cluster-ip-range (the `kubernetes` Service).
      'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
      '',
    ].join('\n'),
  );
  const clientExt = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=clientAuth',
    '',
  ].join('\n');
  await issue(pki, 'admin', '/O=system:masters/CN=kubeharness-admin', clientExt);
  await issue(pki, 'controller-manager', '/CN=system:kube-controller-manager', clientExt);
  await issue(pki, 'front-proxy-client', '/CN=front-proxy-client', clientExt, { cert: pki.frontProxyCaCert, key: pki.frontProxyCaKey });
  await openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', pki.serviceAccountKey], dir);
  await openssl(['pkey', '-in', pki.serviceAccountKey, '-pubout', '-out', pki.serviceAccountPub], dir);
  return pki;
}

/** PEM contents for TLS clients (node:https / undici). */
export async function readClientCredentials(pki: Pki): Promise<{ ca: string; cert: string; key: string }> {
  const [ca, cert, key] = await Promise.all([
    readFile(pki.caCert, 'utf8'),
    readFile(pki.adminCert, 'utf8'),
    readFile(pki.adminKey, 'utf8'),
  ]);
  return { ca, cert, key };
}
