/**
 * The `kubeharness serve` CLI as a child process: the ready line, serving, clean stops on SIGINT
 * and SIGTERM (exit 0, port freed), a taken port (exit 1), bad flags (exit 2 with usage).
 *
 * The CLI runs from source (node --import tsx fake-apiserver/cli/main.ts); when `npm run build`
 * has produced dist/, the installed entry point bin/kubeharness.js is smoke-tested too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, WatchReader } from '../testing/http-client.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI_SOURCE = join(ROOT, 'fake-apiserver/cli/main.ts');
const BIN = join(ROOT, 'bin/kubeharness.js');
const BUILT = existsSync(join(ROOT, 'dist/fake-apiserver/cli/main.js'));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const READY = /^fake API server listening on (http:\/\/127\.0\.0\.1:(\d+)) \(kubeconfig: (.+)\)$/;

const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const haveKubectl = (() => {
  const r = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf8', timeout: 30_000 });
  return !r.error && r.status === 0;
})();

interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Proc[] = [];
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'kh-cli-'));
});

afterEach(async () => {
  // Anything a failed test left running: stop it by its own pid.
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[], opts: { cwd?: string; bin?: boolean; untracked?: boolean } = {}): Proc {
  const argv = opts.bin ? [BIN, ...args] : ['--import', TSX_LOADER, CLI_SOURCE, ...args];
  const child = spawn(process.execPath, argv, { cwd: opts.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const p = { child, stdout: () => stdout, stderr: () => stderr, exited };
  if (!opts.untracked) running.push(p);
  return p;
}

/** Waits for the ready line; returns its parts. */
async function ready(p: Proc, timeoutMs = 15_000): Promise<{ url: string; port: number; kubeconfig: string; line: string }> {
  const deadline = Date.now() + timeoutMs;
  while (!p.stdout().includes('\n')) {
    if (p.child.exitCode !== null)
      throw new Error(`CLI exited ${p.child.exitCode} before it was ready\nstdout: ${p.stdout()}\nstderr: ${p.stderr()}`);
    if (Date.now() > deadline) throw new Error(`CLI not ready after ${timeoutMs} ms\nstdout: ${p.stdout()}\nstderr: ${p.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const line = p.stdout().split('\n')[0];
  const m = READY.exec(line);
  if (!m) throw new Error(`unexpected ready line: ${JSON.stringify(line)}`);
  return { url: m[1], port: Number(m[2]), kubeconfig: m[3], line };
}

/** Runs the CLI to completion (for commands that exit by themselves; safe in concurrent tests). */
async function runToExit(args: string[], timeoutMs = 15_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = cli(args, { untracked: true });
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  const { code } = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

async function stopWith(
  p: Proc,
  signal: NodeJS.Signals,
  timeoutMs = 10_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  const result = await p.exited;
  clearTimeout(timer);
  return result;
}

describe('kubeharness serve', () => {
  it('prints exactly one ready line with the URL and the kubeconfig path, and serves', async () => {
    const kubeconfig = join(tmp, 'kc-ready');
    const p = cli(['serve', '--port', '0', '--kubeconfig', kubeconfig]);
    const r = await ready(p);
    expect(r.port).toBeGreaterThan(0);
    expect(r.kubeconfig).toBe(kubeconfig);
    // The kubeconfig is written before the line is printed.
    const parsed = yaml.load(readFileSync(kubeconfig, 'utf8')) as any;
    expect(parsed.clusters[0].cluster.server).toBe(r.url);
    expect(parsed['current-context']).toBeTruthy();

    expect((await call(r.url, 'GET', '/readyz')).text).toBe('ok');
    const ns = await call(r.url, 'GET', '/api/v1/namespaces');
    expect(ns.status).toBe(200);
    expect(ns.json.items.map((i: any) => i.metadata.name)).toContain('default');
    const created = await call(r.url, 'POST', '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cli' },
    });
    expect(created.status).toBe(201);

    // Still one line after serving requests, and nothing on stderr.
    expect(p.stdout()).toBe(`${r.line}\n`);
    expect(p.stderr()).toBe('');
    const stopped = await stopWith(p, 'SIGTERM');
    expect(stopped).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toBe(`${r.line}\n`);
  });

  it.skipIf(!haveKubectl)('kubectl works with the kubeconfig it writes', async () => {
    const kubeconfig = join(tmp, 'kc-kubectl');
    const p = cli(['serve', '--port', '0', '--kubeconfig', kubeconfig]);
    await ready(p);
    const home = mkdtempSync(join(tmp, 'home-'));
    const k = spawnSync(KUBECTL, ['get', 'namespaces', '-o', 'name'], {
      encoding: 'utf8',
      env: { ...process.env, KUBECONFIG: kubeconfig, HOME: home },
      timeout: 30_000,
    });
    expect(k.status, k.stderr).toBe(0);
    expect(k.stdout.trim().split('\n')).toEqual([
      'namespace/default',
      'namespace/kube-node-lease',
      'namespace/kube-public',
      'namespace/kube-system',
    ]);
    expect((await stopWith(p, 'SIGINT')).code).toBe(0);
  });

  it('writes ./kubeconfig in the working directory by default', async () => {
    const cwd = mkdtempSync(join(tmp, 'cwd-'));
    const p = cli(['serve', '--port', '0'], { cwd });
    const r = await ready(p);
    expect(r.kubeconfig).toBe(join(cwd, 'kubeconfig'));
    expect(existsSync(join(cwd, 'kubeconfig'))).toBe(true);
    expect((await stopWith(p, 'SIGTERM')).code).toBe(0);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s stops it cleanly: exit code 0 and the port is freed, even with an open watch',
    async (signal) => {
      const p = cli(['serve', '--port', '0', '--kubeconfig', join(tmp, `kc-${signal}`)]);
      const r = await ready(p);
      const watch = await WatchReader.open(r.url, '/api/v1/namespaces/default/configmaps?watch=true');
      expect(watch.status).toBe(200);
      try {
        const t0 = Date.now();
        const stopped = await stopWith(p, signal);
        expect(stopped).toEqual({ code: 0, signal: null });
        expect(Date.now() - t0, 'stops promptly').toBeLessThan(5000);
        await watch.waitEnded(2000);
      } finally {
        watch.close();
      }
      expect(await portIsFree(r.port)).toBe(true);
      await expect(fetch(`${r.url}/readyz`)).rejects.toThrow();
      expect(p.stderr()).toBe('');
    },
  );

  it('listens on the port given with --port', async () => {
    const port = await new Promise<number>((done) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => done(typeof a === 'object' && a ? a.port : 0));
      });
    });
    const p = cli(['serve', '--port', String(port), '--kubeconfig', join(tmp, 'kc-fixed')]);
    const r = await ready(p);
    expect(r.port).toBe(port);
    expect(r.url).toBe(`http://127.0.0.1:${port}`);
    expect((await stopWith(p, 'SIGTERM')).code).toBe(0);
  });

  it('a taken port gives a clear error and exit code 1', async () => {
    const blocker: Server = await new Promise((done) => {
      const s = createServer().listen(0, '127.0.0.1', () => done(s));
    });
    try {
      const address = blocker.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const r = await runToExit(['serve', '--port', String(port), '--kubeconfig', join(tmp, 'kc-taken')]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`kubeharness serve: cannot start: port ${port} is already in use (try --port 0)\n`);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });

  it('--seed makes generated names reproducible across runs', async () => {
    const names: string[] = [];
    for (let i = 0; i < 2; i++) {
      const p = cli(['serve', '--port', '0', '--seed', '7', '--kubeconfig', join(tmp, `kc-seed-${i}`)]);
      const r = await ready(p);
      const c = await call(r.url, 'POST', '/api/v1/namespaces/default/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { generateName: 'seeded-' },
      });
      expect(c.status).toBe(201);
      names.push(c.json.metadata.name);
      expect((await stopWith(p, 'SIGTERM')).code).toBe(0);
    }
    expect(names[0]).toMatch(/^seeded-[a-z0-9]{5}$/);
    expect(names[1]).toBe(names[0]);
  });
});

// Each case only starts a process that exits by itself, so they run concurrently.
describe.concurrent('kubeharness usage errors', () => {
  const USAGE = 'Usage: kubeharness serve';

  it.each([
    [['serve', '--bogus'], /Unknown option '--bogus'/],
    [['serve', '--port'], /--port/],
    [['serve', '--port', 'abc'], /--port must be an integer from 0 to 65535, got "abc"/],
    [['serve', '--port', '70000'], /--port must be an integer from 0 to 65535, got "70000"/],
    [['serve', '--port', '-1'], /--port/],
    [['serve', 'extra-positional'], /extra-positional|Unexpected argument/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j exits 2 with a message on stderr', async (args, message) => {
    const r = await runToExit(args);
    expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    if (!/--port must be/.test(r.stderr)) expect(r.stderr).toContain(USAGE);
  });

  it('no command at all exits 2 with usage', async () => {
    const r = await runToExit([]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain(USAGE);
  });

  it.each([[['--help']], [['serve', '--help']], [['serve', '-h']], [['help']]])('%j prints usage and exits 0', async (args) => {
    const r = await runToExit(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(USAGE);
    for (const flag of ['--host', '--port', '--kubeconfig', '--seed']) expect(r.stdout).toContain(flag);
    expect(r.stderr).toBe('');
  });
});

describe.skipIf(!BUILT)('bin/kubeharness.js (built entry point)', () => {
  it('serves and stops on SIGTERM', async () => {
    const p = cli(['serve', '--port', '0', '--kubeconfig', join(tmp, 'kc-bin')], { bin: true });
    const r = await ready(p);
    expect((await call(r.url, 'GET', '/readyz')).text).toBe('ok');
    expect((await stopWith(p, 'SIGTERM')).code).toBe(0);
    expect(await portIsFree(r.port)).toBe(true);
  });
});
