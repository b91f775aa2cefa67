// Runs INSIDE `unshare -n`, like jail-main.ts, but starts one fake server per listed provider
// (each with its own request log) so one step can reach several providers.
// Usage: unshare -n -- node --import tsx jail-multi-main.ts <spec.json>
import fs from 'node:fs';
import path from 'node:path';
import { frontierJudgeHook, withReplyHook } from '../fake/reply-hook';
import { readLog, startServer, type FakeConfig, type Provider, type RunningServer } from '../fake/server';
import { bringLoopbackUp, ROUTES, runSteps, waitForPort, writeFiles } from './jail-inside';
import { portPlaceholder, type MultiJailResult, type MultiJailSpec } from './jail-multi-spec';


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
  writeFiles(spec.files, sub);
  const steps = await runSteps(spec.steps, spec.outDir, sub, async () => {
    for (const [, srv] of servers) await srv.close();
  });
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
