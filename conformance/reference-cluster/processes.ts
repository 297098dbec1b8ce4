// Starting and stopping the cluster's processes. A process is only ever signalled by the PID we
// recorded, and only after /proc confirms that PID still runs the binary we started (PIDs are reused).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface ProcessRecord {
  name: string;
  pid: number;
  binary: string;
  logFile: string;
  args: string[];
}

/** Starts `binary args` in its own process group, output to `logFile`, not tied to our lifetime. */
export function spawnDaemon(name: string, binary: string, args: string[], logFile: string): ProcessRecord {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(binary, args, { detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, GOTRACEBACK: 'all' } });
    if (child.pid === undefined) throw new Error(`could not start ${binary}`);
    child.on('error', () => {}); // reported through the readiness checks and the log instead
    child.unref();
    return { name, pid: child.pid, binary, logFile, args };
  } finally {
    closeSync(fd);
  }
}

function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/** True while `pid` is alive (not a zombie) and is running `binary`. */
export function isRunning(record: Pick<ProcessRecord, 'pid' | 'binary'>): boolean {
  const state = procState(record.pid);
  if (state === undefined || state === 'Z' || state === 'X') return false;
  try {
    const argv0 = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0')[0];
    return argv0 === record.binary;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. No-op for a PID that is not ours. */
export async function stopProcess(record: ProcessRecord, graceMs = 10_000): Promise<'stopped' | 'killed' | 'not-running'> {
  if (!isRunning(record)) return 'not-running';
  try {
    process.kill(record.pid, 'SIGTERM');
  } catch {
    return 'not-running';
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning(record)) return 'stopped';
    await sleep(100);
  }
  if (isRunning(record)) {
    try {
      process.kill(record.pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
    for (let i = 0; i < 50 && isRunning(record); i++) await sleep(100);
  }
  return 'killed';
}

/** Best-effort synchronous SIGTERM for process 'exit' hooks. */
export function terminateSync(record: ProcessRecord): void {
  if (isRunning(record)) {
    try {
      process.kill(record.pid, 'SIGTERM');
    } catch {
      /* ignore */
    }
  }
}

/** Resident set size of a process in bytes (VmRSS), or undefined when unavailable. */
export function rssBytes(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function logTail(file: string, lines = 30): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return '(no log)';
  }
}
