// Run a child with a deadline and capped output. The child gets its own process group (POSIX)
// so a timeout kills the whole tree, not just the direct child.
import { spawn } from 'node:child_process';
import type { Env } from './dirs';

export interface BoundedResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the process could not be started at all (ENOENT, EACCES, …). */
  spawnError?: string;
  /** True when stdout or stderr hit maxOutput and was cut. */
  truncated: boolean;
}

export interface BoundedOptions {
  timeoutMs: number;
  env?: Env;
  cwd?: string;
  input?: string;
  maxOutput?: number;
  /** Called with the child pid right after spawn (used by callers that track live runs). */
  onSpawn?: (pid: number) => void;
}

export function killTree(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (process.platform === 'win32') process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export function runBounded(cmd: string, args: string[], opts: BoundedOptions): Promise<BoundedResult> {
  const max = opts.maxOutput ?? 1024 * 1024;
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, {
        cwd: opts.cwd,
        env: opts.env as NodeJS.ProcessEnv | undefined,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (e) {
      resolve({ code: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, spawnError: (e as Error).message });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let truncated = false;
    let timedOut = false;
    let spawnError: string | undefined;
    const take = (chunks: Buffer[], len: number, chunk: Buffer): number => {
      if (len >= max) {
        truncated = true;
        return len;
      }
      const room = max - len;
      if (chunk.length > room) truncated = true;
      chunks.push(chunk.subarray(0, room));
      return len + Math.min(room, chunk.length);
    };
    child.stdout!.on('data', (c: Buffer) => (outLen = take(out, outLen, c)));
    child.stderr!.on('data', (c: Buffer) => (errLen = take(err, errLen, c)));
    child.stdin!.on('error', () => {
      // The child may exit without reading its stdin (EPIPE); that is not our failure.
    });
    if (child.pid) opts.onSpawn?.(child.pid);
    child.stdin!.end(opts.input ?? '');
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) killTree(child.pid, 'SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Leftover grandchildren of a finished child are ours to clean up too.
      if (child.pid && process.platform !== 'win32') killTree(child.pid, 'SIGKILL');
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        truncated,
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
}
