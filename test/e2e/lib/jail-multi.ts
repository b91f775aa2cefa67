// Test-side entry for multi-server jails (see jail-multi-main.ts).
import fs from 'node:fs';
import path from 'node:path';
import { runBounded } from '../../../core/run-bounded';
import { jailPrefix, tsxLoader } from './jail';
import type { MultiJailResult, MultiJailSpec } from './jail-multi-spec';

const LAUNCHER = path.join(__dirname, 'jail-multi-main.ts');

export async function jailRunMulti(spec: MultiJailSpec): Promise<MultiJailResult> {
  fs.mkdirSync(spec.outDir, { recursive: true });
  const specFile = path.join(spec.outDir, 'spec.json');
  fs.writeFileSync(specFile, JSON.stringify(spec, null, 2));
  const budget = spec.steps.reduce((sum, s) => sum + (s.timeoutMs ?? 90_000), 30_000);
  const r = await runBounded('unshare', [...jailPrefix(), '--', process.execPath, '--import', tsxLoader(), LAUNCHER, specFile], {
    timeoutMs: budget,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' },
    cwd: spec.outDir,
  });
  const resultFile = path.join(spec.outDir, 'result.json');
  if (r.code !== 0 || !fs.existsSync(resultFile)) {
    throw new Error(`e2e: multi-server jail failed (exit ${r.code}${r.timedOut ? ', timed out' : ''}): ${r.stderr.trim() || r.spawnError || ''}`);
  }
  return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as MultiJailResult;
}
