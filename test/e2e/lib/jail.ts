// Test-side entry to the network jail: every host CLI run happens inside a fresh `unshare -n`
// namespace whose only interface is loopback, together with the fake model server.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runBounded } from '../../../core/run-bounded';
import { REPO_ROOT } from './hosts';
import type { JailResult, JailSpec } from './jail-spec';

const LAUNCHER = path.join(__dirname, 'jail-main.ts');

let unshareArgs: string[] | undefined;

/** The unshare flags that work here (root: -n; unprivileged: -rn). Throws with the reason otherwise. */
export function jailPrefix(): string[] {
  if (unshareArgs) return unshareArgs;
  const problems: string[] = [];
  for (const flags of [['-n'], ['-r', '-n']]) {
    const r = spawnSync('unshare', [...flags, '--', 'ip', 'link', 'set', 'lo', 'up'], { encoding: 'utf8', timeout: 10_000 });
    if (!r.error && r.status === 0) {
      unshareArgs = flags;
      return flags;
    }
    problems.push(`unshare ${flags.join(' ')}: ${r.error?.message ?? (r.stderr.trim() || `exit ${r.status}`)}`);
  }
  throw new Error(
    `e2e: the network jail is unusable, refusing to run host CLIs without it. Needs util-linux unshare with network ` +
      `namespaces (root or unprivileged user namespaces) and iproute2's ip (apt-get install -y iproute2). ${problems.join('; ')}`,
  );
}

export function tsxLoader(): string {
  return pathToFileURL(createRequire(path.join(REPO_ROOT, 'package.json')).resolve('tsx')).href;
}

/** Start `launcher` on `spec` inside a new network namespace and return the result.json it wrote. */
export async function launchJail<T>(launcher: string, spec: { outDir: string; steps: Array<{ timeoutMs?: number }> }): Promise<T> {
  fs.mkdirSync(spec.outDir, { recursive: true });
  const specFile = path.join(spec.outDir, 'spec.json');
  fs.writeFileSync(specFile, JSON.stringify(spec, null, 2));
  const budget = spec.steps.reduce((sum, s) => sum + (s.timeoutMs ?? 90_000), 30_000);
  const r = await runBounded('unshare', [...jailPrefix(), '--', process.execPath, '--import', tsxLoader(), launcher, specFile], {
    timeoutMs: budget,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' },
    cwd: spec.outDir,
  });
  const resultFile = path.join(spec.outDir, 'result.json');
  if (r.code !== 0 || !fs.existsSync(resultFile)) {
    throw new Error(`e2e: jail launcher ${path.basename(launcher)} failed (exit ${r.code}${r.timedOut ? ', timed out' : ''}): ${r.stderr.trim() || r.spawnError || ''}`);
  }
  return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as T;
}

/** Run a spec inside a new network namespace and return what happened there. */
export function jailRun(spec: JailSpec): Promise<JailResult> {
  return launchJail<JailResult>(LAUNCHER, spec);
}
