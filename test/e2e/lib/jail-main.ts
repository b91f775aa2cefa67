// Runs INSIDE `unshare -n`: brings loopback up, starts the fake model server in-process, writes
// the files that need the port, runs each step with a hard timeout, then writes result.json.
// Usage: unshare -n -- node --import tsx jail-main.ts <spec.json>
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runBounded } from '../../../core/run-bounded';
import { startAnthropic } from '../fake/anthropic';
import { startGemini } from '../fake/gemini';
import { startOpenAI } from '../fake/openai';
import { readLog, type FakeConfig, type Provider, type RunningServer } from '../fake/server';
import { parseConnects } from './egress';
import { PORT_PLACEHOLDER, type JailResult, type JailSpec, type JailStep, type StepResult } from './jail-spec';

const STARTERS: Record<Provider, (cfg: FakeConfig) => Promise<RunningServer>> = {
  anthropic: startAnthropic,
  openai: startOpenAI,
  gemini: startGemini,
};

function bringLoopbackUp(): void {
  const r = spawnSync('ip', ['link', 'set', 'lo', 'up'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`cannot bring loopback up in the jail: ${r.error?.message ?? r.stderr.trim()}`);
}

async function waitForPort(port: number, budgetMs = 2000): Promise<void> {
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

async function runStep(step: JailStep, index: number, outDir: string, sub: (s: string) => string): Promise<StepResult> {
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

async function main(specFile: string): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as JailSpec;
  bringLoopbackUp();
  let server: RunningServer | undefined;
  let logFile: string | undefined;
  if (spec.server) {
    logFile = path.join(spec.outDir, 'requests.jsonl');
    fs.writeFileSync(logFile, '');
    server = await STARTERS[spec.server.provider]({ ...spec.server.config, logFile });
    await waitForPort(server.port);
  }
  const port = server ? String(server.port) : '0';
  const sub = (s: string) => s.split(PORT_PLACEHOLDER).join(port);
  for (const f of spec.files ?? []) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    fs.writeFileSync(f.path, sub(f.content));
  }
  const steps: StepResult[] = [];
  try {
    for (const [i, step] of spec.steps.entries()) steps.push(await runStep(step, i, spec.outDir, sub));
  } finally {
    await server?.close();
  }
  const result: JailResult = { port: server?.port, logFile, steps, requests: logFile ? readLog(logFile) : [] };
  fs.writeFileSync(path.join(spec.outDir, 'result.json'), JSON.stringify(result));
}

main(process.argv[2] ?? '').then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`jail: ${(e as Error).message}\n`);
    process.exit(3);
  },
);
