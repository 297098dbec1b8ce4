// Builds a Go main module under conformance/clients/ into ~/.cache/kubeharness/<name>/<hash>/<name>,
// keyed by a hash of the module's sources and the Go version, so repeated runs (and CI with a cache)
// do not rebuild.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** conformance/clients in the source tree (also when running from dist/). */
export function clientsSourceDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (here.includes(join('dist', 'conformance'))) return join(here, '..', '..', '..', 'conformance', 'clients');
  return here;
}

export interface GoBuildResult {
  binary: string;
  /** True when the binary came from the cache. */
  cached: boolean;
  seconds: number;
  hash: string;
}

export class GoNotFoundError extends Error {}

export async function goVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('go', ['env', 'GOVERSION']);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

function cacheBase(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kubeharness');
}

/** Hash of go.mod, go.sum, every .go file of the module directory and the Go version. */
export async function sourceHash(moduleDir: string, version: string): Promise<string> {
  const h = createHash('sha256');
  h.update(version);
  const files = (await readdir(moduleDir)).filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum').sort();
  for (const f of files) {
    h.update(`\0${f}\0`);
    h.update(await readFile(join(moduleDir, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Builds `conformance/clients/<module>` (a directory holding its own go.mod) as `<binaryName>`.
 * KUBEHARNESS_<BINARYNAME>_BIN overrides the whole thing with a prebuilt binary.
 */
export async function buildGoModule(
  module: string,
  binaryName: string,
  options: { force?: boolean; log?: (line: string) => void; ldflags?: string } = {},
): Promise<GoBuildResult> {
  const override = process.env[`KUBEHARNESS_${binaryName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_BIN`];
  if (override) return { binary: override, cached: true, seconds: 0, hash: 'override' };
  const version = await goVersion();
  if (!version) throw new GoNotFoundError('go is not on PATH');
  const moduleDir = join(clientsSourceDir(), module);
  const hash = await sourceHash(moduleDir, version + (options.ldflags ?? ''));
  const dir = join(cacheBase(), binaryName, hash);
  const binary = join(dir, binaryName);
  if (!options.force && existsSync(binary)) return { binary, cached: true, seconds: 0, hash };
  await mkdir(dir, { recursive: true });
  const tmp = `${binary}.tmp-${process.pid}`;
  const started = Date.now();
  options.log?.(`building ${binaryName} (${module}, ${version}) into ${dir}`);
  try {
    const flags = options.ldflags ? ['-ldflags', options.ldflags] : [];
    await run('go', ['build', '-trimpath', ...flags, '-o', tmp, '.'], {
      cwd: moduleDir,
      env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
      maxBuffer: 16 << 20,
    });
  } catch (e) {
    await rm(tmp, { force: true });
    const err = e as { stderr?: string; message: string };
    throw new Error(`go build of ${module} failed: ${err.stderr || err.message}`);
  }
  await rename(tmp, binary);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  options.log?.(`built ${binaryName} in ${seconds}s`);
  return { binary, cached: false, seconds, hash };
}
