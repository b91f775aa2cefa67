// Helpers for code that runs INSIDE the jail (jail-main.ts, jail-multi-main.ts): loopback, port
// readiness, and running one step with its hard timeout and optional connect() audit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runBounded } from '../../../core/run-bounded';
import { parseConnects } from './egress';
import { anthropicRoute } from '../fake/anthropic';
import { geminiRoute } from '../fake/gemini';
import { openaiRoute } from '../fake/openai';
import type { FakeConfig, Provider, Route } from '../fake/server';
import type { JailFile, JailStep, StepResult } from './jail-spec';

export const ROUTES: Record<Provider, (cfg: FakeConfig) => Route> = { anthropic: anthropicRoute, openai: openaiRoute, gemini: geminiRoute };

export function bringLoopbackUp(): void {
  const r = spawnSync('ip', ['link', 'set', 'lo', 'up'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`cannot bring loopback up in the jail: ${r.error?.message ?? r.stderr.trim()}`);
}

export async function waitForPort(port: number, budgetMs = 2000): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`fake server on port ${port} did not accept connections`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function runStep(step: JailStep, index: number, outDir: string, sub: (s: string) => string): Promise<StepResult> {
  const args = step.args.map(sub);
  const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, sub(v)]));
  const tracePath = path.join(outDir, `${index}-${step.name}.strace`);
  const [cmd, argv] = step.auditEgress ? ['strace', ['-f', '-qq', '-e', 'trace=connect', '-o', tracePath, step.cmd, ...args]] : [step.cmd, args];
  const started = Date.now();
  const r = await runBounded(cmd, argv as string[], {
    timeoutMs: step.timeoutMs ?? 90_000,
    env,
    cwd: step.cwd,
    input: step.stdin ?? '',
    maxOutput: 8 * 1024 * 1024,
  });
  const result: StepResult = {
    name: step.name,
    code: r.code,
    signal: r.signal,
    timedOut: r.timedOut,
    durationMs: Date.now() - started,
    stdout: r.stdout,
    stderr: r.stderr,
    ...(r.spawnError ? { spawnError: r.spawnError } : {}),
  };
  if (step.auditEgress) result.connects = fs.existsSync(tracePath) ? parseConnects(fs.readFileSync(tracePath, 'utf8')) : [];
  fs.writeFileSync(path.join(outDir, `${index}-${step.name}.stdout`), r.stdout);
  fs.writeFileSync(path.join(outDir, `${index}-${step.name}.stderr`), r.stderr);
  return result;
}

/** Write the spec's files, with the server port(s) filled in. */
export function writeFiles(files: JailFile[] | undefined, sub: (s: string) => string): void {
  for (const f of files ?? []) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    fs.writeFileSync(f.path, sub(f.content));
  }
}

/** Run every step in order, then close the servers whatever happened. */
export async function runSteps(steps: JailStep[], outDir: string, sub: (s: string) => string, close: () => Promise<void>): Promise<StepResult[]> {
  const out: StepResult[] = [];
  try {
    for (const [i, step] of steps.entries()) out.push(await runStep(step, i, outDir, sub));
  } finally {
    await close();
  }
  return out;
}
