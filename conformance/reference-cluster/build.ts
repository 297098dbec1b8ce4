// Builds etcd, kube-apiserver and kube-controller-manager from the Go wrapper modules in ./go,
// through the Go module proxy, into the per-version binary cache. A binary whose manifest matches
// the current pins is reused, so only the first start on a machine pays for the build.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BINARIES, type BinaryName, binDir, goSourceDir } from './paths.js';
import {
  ETCD_VERSION,
  GIT_VERSION_MAJOR,
  GIT_VERSION_MINOR,
  KUBERNETES_BUILD_DATE,
  KUBERNETES_VERSION,
  MIN_GO_VERSION,
  REFERENCE_CLUSTER_VERSION,
  STAGING_VERSION,
} from './versions.js';

const execFileP = promisify(execFile);

export class ReferenceClusterError extends Error {
  override name = 'ReferenceClusterError';
}

export interface BuildOptions {
  /** Rebuild even when a cached binary matches the pins. */
  force?: boolean;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Only these binaries (default: all three). */
  only?: BinaryName[];
}

export interface BinaryManifest {
  name: BinaryName;
  version: string;
  fingerprint: string;
  goVersion: string;
  buildSeconds: number;
  sizeBytes: number;
  builtAt: string;
}

export interface BuildResult {
  binDir: string;
  version: string;
  binaries: Record<BinaryName, BinaryManifest & { cached: boolean }>;
}

interface BinarySpec {
  name: BinaryName;
  module: string; // directory under go/
  pkg: string; // package to build, relative to the module
  ldflags: string[];
  versionOutput: RegExp; // `<binary> --version` must match
}

function kubeLdflags(): string[] {
  const flags: string[] = [];
  for (const pkg of ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']) {
    flags.push(
      `-X ${pkg}.gitVersion=${KUBERNETES_VERSION}`,
      `-X ${pkg}.gitMajor=${GIT_VERSION_MAJOR}`,
      `-X ${pkg}.gitMinor=${GIT_VERSION_MINOR}`,
      // hack/lib/version.sh uses "archive" for builds from a source archive without git metadata.
      `-X ${pkg}.gitTreeState=archive`,
      `-X ${pkg}.buildDate=${KUBERNETES_BUILD_DATE}`,
    );
  }
  return flags;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const BINARY_SPECS: Record<BinaryName, BinarySpec> = {
  etcd: {
    name: 'etcd',
    module: 'etcd',
    pkg: '.',
    // etcd's version string is a constant in go.etcd.io/etcd/api/v3/version; only the git SHA is an ldflag,
    // and the module proxy does not tell the commit, so record where the build came from instead.
    ldflags: [`-X go.etcd.io/etcd/api/v3/version.GitSHA=module-${ETCD_VERSION}`],
    versionOutput: new RegExp(`etcd Version: ${escapeRe(ETCD_VERSION.replace(/^v/, ''))}\\b`),
  },
  'kube-apiserver': {
    name: 'kube-apiserver',
    module: 'kubernetes',
    pkg: './cmd/kube-apiserver',
    ldflags: kubeLdflags(),
    versionOutput: new RegExp(`^Kubernetes ${escapeRe(KUBERNETES_VERSION)}$`, 'm'),
  },
  'kube-controller-manager': {
    name: 'kube-controller-manager',
    module: 'kubernetes',
    pkg: './cmd/kube-controller-manager',
    ldflags: kubeLdflags(),
    versionOutput: new RegExp(`^Kubernetes ${escapeRe(KUBERNETES_VERSION)}$`, 'm'),
  },
};

/** Parses `go version` output; returns e.g. "1.26.8". */
export function parseGoVersion(output: string): string | undefined {
  const m = /go version (?:go)?(\d+\.\d+(?:\.\d+)?)/.exec(output);
  return m?.[1];
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Finds the Go toolchain and checks it is new enough; throws a ReferenceClusterError that says what to do. */
export async function checkGo(): Promise<{ goBinary: string; version: string }> {
  const goBinary = process.env.GO || 'go';
  let out: string;
  try {
    out = (await execFileP(goBinary, ['version'], { env: goEnv() })).stdout;
  } catch (err: any) {
    if (err?.code === 'ENOENT') {
      throw new ReferenceClusterError(
        `Go is not installed (no \`${goBinary}\` on PATH). The reference cluster builds etcd ${ETCD_VERSION} and ` +
          `Kubernetes ${KUBERNETES_VERSION} from source through the Go module proxy and needs Go >= ${MIN_GO_VERSION}. ` +
          'Install Go (or set GO=/path/to/go), or point KUBEHARNESS_REFERENCE_BIN_DIR at prebuilt binaries.',
      );
    }
    throw new ReferenceClusterError(`\`${goBinary} version\` failed: ${err?.message ?? err}`);
  }
  const version = parseGoVersion(out);
  if (version && compareVersions(version, MIN_GO_VERSION) < 0 && !process.env.GOTOOLCHAIN) {
    throw new ReferenceClusterError(
      `Go ${version} is too old: Kubernetes ${KUBERNETES_VERSION} needs Go >= ${MIN_GO_VERSION}. ` +
        'Install a newer Go, or set GOTOOLCHAIN=auto to let Go fetch a toolchain through the module proxy.',
    );
  }
  return { goBinary, version: version ?? out.trim() };
}

function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // Never rewrite the committed go.mod/go.sum during a build: a missing sum is an error, not an edit.
  env.GOFLAGS = [env.GOFLAGS, '-mod=readonly'].filter(Boolean).join(' ');
  return env;
}

/** Fails when the go.mod pins and versions.ts disagree. */
export async function checkPins(goDir = goSourceDir()): Promise<void> {
  const problems: string[] = [];
  const etcdMod = await readFile(join(goDir, 'etcd', 'go.mod'), 'utf8');
  if (!new RegExp(`^\\s*(require\\s+)?go\\.etcd\\.io/etcd/server/v3 ${escapeRe(ETCD_VERSION)}\\s*$`, 'm').test(etcdMod)) {
    problems.push(`go/etcd/go.mod does not require go.etcd.io/etcd/server/v3 ${ETCD_VERSION}`);
  }
  const kubeMod = await readFile(join(goDir, 'kubernetes', 'go.mod'), 'utf8');
  if (!new RegExp(`^\\s*(require\\s+)?k8s\\.io/kubernetes ${escapeRe(KUBERNETES_VERSION)}\\s*$`, 'm').test(kubeMod)) {
    problems.push(`go/kubernetes/go.mod does not require k8s.io/kubernetes ${KUBERNETES_VERSION}`);
  }
  const replaces = [...kubeMod.matchAll(/^\s*(?:replace\s+)?(k8s\.io\/[\w-]+) => (\S+) (\S+)\s*$/gm)];
  if (replaces.length === 0) problems.push('go/kubernetes/go.mod replaces no k8s.io staging module');
  for (const m of replaces) {
    if (m[3] !== STAGING_VERSION) problems.push(`go/kubernetes/go.mod replaces ${m[1]} with ${m[2]} ${m[3]}, not ${STAGING_VERSION}`);
  }
  if (problems.length) {
    throw new ReferenceClusterError(`versions.ts and the Go pins disagree:\n  ${problems.join('\n  ')}\nRun go/update-pins.sh.`);
  }
}

async function fingerprint(spec: BinarySpec, goDir: string): Promise<string> {
  const h = createHash('sha256');
  h.update(JSON.stringify({ version: REFERENCE_CLUSTER_VERSION, pkg: spec.pkg, ldflags: spec.ldflags }));
  for (const f of ['go.mod', 'go.sum', join(spec.pkg, 'main.go')]) {
    h.update(f);
    h.update(await readFile(join(goDir, spec.module, f)));
  }
  return h.digest('hex').slice(0, 16);
}

async function readManifest(path: string): Promise<BinaryManifest | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as BinaryManifest;
  } catch {
    return undefined;
  }
}

/** True when all three binaries of the pinned version are in the cache (no Go needed to check). */
export function isReferenceClusterBuilt(): boolean {
  return BINARIES.every((b) => existsSync(join(binDir(), b)) && existsSync(join(binDir(), `${b}.json`)));
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, log: (l: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-8000);
      for (const line of text.split('\n')) if (line.trim()) log(`  ${line}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new ReferenceClusterError(`\`${cmd} ${args.join(' ')}\` in ${cwd} exited with ${code}:\n${tail}`));
    });
  });
}

/**
 * Builds whatever of etcd, kube-apiserver and kube-controller-manager is not already cached for the
 * pinned versions. Returns the manifests (with `cached: true` for the reused ones).
 */
export async function buildReferenceCluster(options: BuildOptions = {}): Promise<BuildResult> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const goDir = goSourceDir();
  const dir = binDir();
  await checkPins(goDir);
  const result = { binDir: dir, version: REFERENCE_CLUSTER_VERSION, binaries: {} } as BuildResult;
  let go: { goBinary: string; version: string } | undefined;
  await mkdir(dir, { recursive: true });

  for (const name of options.only ?? BINARIES) {
    const spec = BINARY_SPECS[name];
    const out = join(dir, name);
    const manifestPath = `${out}.json`;
    const fp = await fingerprint(spec, goDir);
    const existing = await readManifest(manifestPath);
    if (!options.force && existing?.fingerprint === fp && existsSync(out)) {
      result.binaries[name] = { ...existing, cached: true };
      continue;
    }
    go ??= await checkGo();
    log(`[reference-cluster] building ${name} (${name === 'etcd' ? ETCD_VERSION : KUBERNETES_VERSION}) with Go ${go.version} -> ${out}`);
    const tmp = `${out}.tmp-${process.pid}`;
    const started = Date.now();
    const ldflags = ['-s', '-w', ...spec.ldflags].join(' ');
    try {
      await run(
        go.goBinary,
        ['build', '-trimpath', '-ldflags', ldflags, '-o', tmp, spec.pkg],
        join(goDir, spec.module),
        goEnv({ CGO_ENABLED: '0' }),
        log,
      );
      const { stdout } = await execFileP(tmp, ['--version']);
      if (!spec.versionOutput.test(stdout)) {
        throw new ReferenceClusterError(`${name} --version printed ${JSON.stringify(stdout.trim())}, expected ${spec.versionOutput}`);
      }
      await rename(tmp, out);
    } finally {
      await rm(tmp, { force: true });
    }
    const manifest: BinaryManifest = {
      name,
      version: name === 'etcd' ? ETCD_VERSION : KUBERNETES_VERSION,
      fingerprint: fp,
      goVersion: go.version,
      buildSeconds: Math.round((Date.now() - started) / 100) / 10,
      sizeBytes: (await stat(out)).size,
      builtAt: new Date().toISOString(),
    };
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    log(`[reference-cluster] built ${name} in ${manifest.buildSeconds}s (${(manifest.sizeBytes / 1048576).toFixed(1)} MiB)`);
    result.binaries[name] = { ...manifest, cached: false };
  }
  return result;
}
