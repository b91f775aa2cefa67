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
  /** True when opts.signal aborted the run (the tree was killed). */
  aborted?: boolean;
}

export interface BoundedOptions {
  timeoutMs: number;
  env?: Env;
  cwd?: string;
  input?: string;
  maxOutput?: number;
  /** Called with the child pid right after spawn (used by callers that track live runs). */
  onSpawn?: (pid: number) => void;
  /** Aborting kills the whole tree at once (cancelled stragglers, run budget, Ctrl-C). */
  signal?: AbortSignal;
  /** Cap for stderr when it should differ from maxOutput. */
  maxStderr?: number;
  /** Keep the last maxStderr bytes of stderr instead of the first (CLIs print the fatal error last). */
  stderrTail?: boolean;
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
  const maxErr = opts.maxStderr ?? max;
  return new Promise((resolve) => {
    if (opts.signal?.aborted) {
      resolve({ code: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, aborted: true });
      return;
    }
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
    let aborted = false;
    const take = (chunks: Buffer[], len: number, chunk: Buffer, cap = max): number => {
      if (len >= cap) {
        truncated = true;
        return len;
      }
      const room = cap - len;
      if (chunk.length > room) truncated = true;
      chunks.push(chunk.subarray(0, room));
      return len + Math.min(room, chunk.length);
    };
    child.stdout!.on('data', (c: Buffer) => (outLen = take(out, outLen, c)));
    child.stderr!.on('data', (c: Buffer) => {
      if (!opts.stderrTail) {
        errLen = take(err, errLen, c, maxErr);
        return;
      }
      err.push(c);
      errLen += c.length;
      if (errLen > 2 * maxErr) {
        const joined = Buffer.concat(err).subarray(errLen - maxErr);
        err.length = 0;
        err.push(joined);
        errLen = joined.length;
        truncated = true;
      }
    });
    child.stdin!.on('error', () => {
      // The child may exit without reading its stdin (EPIPE); that is not our failure.
    });
    if (child.pid) opts.onSpawn?.(child.pid);
    child.stdin!.end(opts.input ?? '');
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) killTree(child.pid, 'SIGKILL');
    }, opts.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      if (child.pid) killTree(child.pid, 'SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      // Leftover grandchildren of a finished child are ours to clean up too.
      if (child.pid && process.platform !== 'win32') killTree(child.pid, 'SIGKILL');
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: (opts.stderrTail && errLen > maxErr ? Buffer.concat(err).subarray(errLen - maxErr) : Buffer.concat(err)).toString('utf8'),
        timedOut,
        truncated,
        ...(aborted ? { aborted } : {}),
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
}
