// Runs INSIDE `unshare -n`, like jail-main.ts, but starts one fake server per listed provider
// (each with its own request log) so one step can reach several providers.
// Usage: unshare -n -- node --import tsx jail-multi-main.ts <spec.json>
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runBounded } from '../../../core/run-bounded';
import { anthropicRoute } from '../fake/anthropic';
import { geminiRoute } from '../fake/gemini';
import { openaiRoute } from '../fake/openai';
import { frontierJudgeHook, withReplyHook } from '../fake/reply-hook';
import { readLog, startServer, type FakeConfig, type Provider, type Route, type RunningServer } from '../fake/server';
import type { StepResult } from './jail-spec';
import { portPlaceholder, type MultiJailResult, type MultiJailSpec } from './jail-multi-spec';

const ROUTES: Record<Provider, (cfg: FakeConfig) => Route> = { anthropic: anthropicRoute, openai: openaiRoute, gemini: geminiRoute };

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

async function main(specFile: string): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as MultiJailSpec;
  const lo = spawnSync('ip', ['link', 'set', 'lo', 'up'], { encoding: 'utf8' });
  if (lo.error || lo.status !== 0) throw new Error(`cannot bring loopback up in the jail: ${lo.error?.message ?? lo.stderr.trim()}`);
  const servers: [Provider, RunningServer, string][] = [];
  for (const [provider, conf] of Object.entries(spec.servers) as [Provider, NonNullable<MultiJailSpec['servers'][Provider]>][]) {
    const logFile = path.join(spec.outDir, `requests-${provider}.jsonl`);
    fs.writeFileSync(logFile, '');
    const { judgeHook, ...rest } = conf;
    const cfg: FakeConfig = { ...rest, logFile };
    const route = judgeHook ? withReplyHook(ROUTES[provider](cfg), frontierJudgeHook) : ROUTES[provider](cfg);
    const server = await startServer(route, cfg);
    await waitForPort(server.port);
    servers.push([provider, server, logFile]);
  }
  const sub = (s: string) => servers.reduce((acc, [p, srv]) => acc.split(portPlaceholder(p)).join(String(srv.port)), s);
  for (const f of spec.files ?? []) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    fs.writeFileSync(f.path, sub(f.content));
  }
  const steps: StepResult[] = [];
  try {
    for (const [i, step] of spec.steps.entries()) {
      const started = Date.now();
      const r = await runBounded(step.cmd, step.args.map(sub), {
        timeoutMs: step.timeoutMs ?? 90_000,
        env: Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, sub(v)])),
        cwd: step.cwd,
        input: step.stdin ?? '',
        maxOutput: 8 * 1024 * 1024,
      });
      fs.writeFileSync(path.join(spec.outDir, `${i}-${step.name}.stdout`), r.stdout);
      fs.writeFileSync(path.join(spec.outDir, `${i}-${step.name}.stderr`), r.stderr);
      steps.push({
        name: step.name,
        code: r.code,
        signal: r.signal,
        timedOut: r.timedOut,
        durationMs: Date.now() - started,
        stdout: r.stdout,
        stderr: r.stderr,
        ...(r.spawnError ? { spawnError: r.spawnError } : {}),
      });
    }
  } finally {
    for (const [, s] of servers) await s.close();
  }
  const result: MultiJailResult = {
    ports: Object.fromEntries(servers.map(([p, s]) => [p, s.port])),
    steps,
    requests: Object.fromEntries(servers.map(([p, , log]) => [p, readLog(log)])),
  };
  fs.writeFileSync(path.join(spec.outDir, 'result.json'), JSON.stringify(result));
}

main(process.argv[2] ?? '').then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`jail-multi: ${(e as Error).message}\n`);
    process.exit(3);
  },
);
