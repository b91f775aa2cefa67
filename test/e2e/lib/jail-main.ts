// Runs INSIDE `unshare -n`: brings loopback up, starts the fake model server in-process, writes
// the files that need the port, runs each step with a hard timeout, then writes result.json.
// Usage: unshare -n -- node --import tsx jail-main.ts <spec.json>
import fs from 'node:fs';
import path from 'node:path';
import { startAnthropic } from '../fake/anthropic';
import { startGemini } from '../fake/gemini';
import { startOpenAI } from '../fake/openai';
import { readLog, type FakeConfig, type Provider, type RunningServer } from '../fake/server';
import { bringLoopbackUp, runStep, waitForPort } from './jail-inside';
import { PORT_PLACEHOLDER, type JailResult, type JailSpec, type StepResult } from './jail-spec';

const STARTERS: Record<Provider, (cfg: FakeConfig) => Promise<RunningServer>> = {
  anthropic: startAnthropic,
  openai: startOpenAI,
  gemini: startGemini,
};

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
