// Runs INSIDE `unshare -n`: brings loopback up, starts the fake model server in-process, writes
// the files that need the port, runs each step with a hard timeout, then writes result.json.
// Usage: unshare -n -- node --import tsx jail-main.ts <spec.json>
import fs from 'node:fs';
import path from 'node:path';
import { withAgentScript, withPatchScript } from '../fake/scripts';
import { readLog, startServer, type FakeConfig, type RunningServer } from '../fake/server';
import { bringLoopbackUp, ROUTES, runSteps, waitForPort, writeFiles } from './jail-inside';
import { PORT_PLACEHOLDER, type JailResult, type JailSpec } from './jail-spec';


async function main(specFile: string): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as JailSpec;
  bringLoopbackUp();
  let server: RunningServer | undefined;
  let logFile: string | undefined;
  if (spec.server) {
    logFile = path.join(spec.outDir, 'requests.jsonl');
    fs.writeFileSync(logFile, '');
    const cfg: FakeConfig = { ...spec.server.config, logFile };
    let route = ROUTES[spec.server.provider](cfg);
    if (spec.server.patch) route = withPatchScript(route, cfg, spec.server.patch);
    if (spec.server.agent) route = withAgentScript(route, spec.server.agent);
    server = await startServer(route, cfg);
    await waitForPort(server.port);
  }
  const port = server ? String(server.port) : '0';
  const sub = (s: string) => s.split(PORT_PLACEHOLDER).join(port);
  writeFiles(spec.files, sub);
  const steps = await runSteps(spec.steps, spec.outDir, sub, async () => server?.close());
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
