// Runs INSIDE `unshare -n`, like jail-main.ts, but starts one fake server per listed provider
// (each with its own request log) so one step can reach several providers.
// Usage: unshare -n -- node --import tsx jail-multi-main.ts <spec.json>
import fs from 'node:fs';
import path from 'node:path';
import { anthropicRoute } from '../fake/anthropic';
import { geminiRoute } from '../fake/gemini';
import { openaiRoute } from '../fake/openai';
import { frontierJudgeHook, withReplyHook } from '../fake/reply-hook';
import { readLog, startServer, type FakeConfig, type Provider, type Route, type RunningServer } from '../fake/server';
import { bringLoopbackUp, runStep, waitForPort } from './jail-inside';
import type { StepResult } from './jail-spec';
import { portPlaceholder, type MultiJailResult, type MultiJailSpec } from './jail-multi-spec';

const ROUTES: Record<Provider, (cfg: FakeConfig) => Route> = { anthropic: anthropicRoute, openai: openaiRoute, gemini: geminiRoute };

async function main(specFile: string): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as MultiJailSpec;
  bringLoopbackUp();
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
    for (const [i, step] of spec.steps.entries()) steps.push(await runStep(step, i, spec.outDir, sub));
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
