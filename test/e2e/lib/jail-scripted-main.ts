// Runs INSIDE `unshare -n`, like jail-main.ts, with the fake server's route wrapped by an opt-in
// script (fake/scripts.ts). Usage: unshare -n -- node --import tsx jail-scripted-main.ts <spec.json>
import fs from 'node:fs';
import path from 'node:path';
import { anthropicRoute } from '../fake/anthropic';
import { geminiRoute } from '../fake/gemini';
import { openaiRoute } from '../fake/openai';
import { withAgentScript, withPatchScript } from '../fake/scripts';
import { readLog, startServer, type FakeConfig, type Provider, type Route } from '../fake/server';
import { bringLoopbackUp, runStep, waitForPort } from './jail-inside';
import { PORT_PLACEHOLDER, type JailResult, type StepResult } from './jail-spec';
import type { ScriptedJailSpec } from './jail-scripted';

const ROUTES: Record<Provider, (cfg: FakeConfig) => Route> = { anthropic: anthropicRoute, openai: openaiRoute, gemini: geminiRoute };

async function main(specFile: string): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as ScriptedJailSpec;
  bringLoopbackUp();
  const logFile = path.join(spec.outDir, 'requests.jsonl');
  fs.writeFileSync(logFile, '');
  const cfg: FakeConfig = { ...spec.server.config, logFile };
  let route = ROUTES[spec.server.provider](cfg);
  if (spec.server.patch) route = withPatchScript(route, cfg, spec.server.patch);
  if (spec.server.agent) route = withAgentScript(route, spec.server.agent);
  const server = await startServer(route, cfg);
  await waitForPort(server.port);
  const sub = (s: string) => s.split(PORT_PLACEHOLDER).join(String(server.port));
  for (const f of spec.files ?? []) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    fs.writeFileSync(f.path, sub(f.content));
  }
  const steps: StepResult[] = [];
  try {
    for (const [i, step] of spec.steps.entries()) steps.push(await runStep(step, i, spec.outDir, sub));
  } finally {
    await server.close();
  }
  const result: JailResult = { port: server.port, logFile, steps, requests: readLog(logFile) };
  fs.writeFileSync(path.join(spec.outDir, 'result.json'), JSON.stringify(result));
}

main(process.argv[2] ?? '').then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`jail-scripted: ${(e as Error).message}\n`);
    process.exit(3);
  },
);
