// The pinned host CLIs (test/e2e/hosts/package.json + lockfile), installed on first use with
// `npm ci` into a cache dir keyed by the lockfile hash. A failed install is a suite failure:
// the e2e suite never skips because a host is missing.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const E2E_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
export const HOSTS_MANIFEST_DIR = path.join(E2E_DIR, 'hosts');

export const PINNED = {
  claude: { pkg: '@anthropic-ai/claude-code', version: '2.1.328' },
  codex: { pkg: '@openai/codex', version: '0.169.0' },
  gemini: { pkg: '@google/gemini-cli', version: '0.61.0' },
} as const;

export type HostName = keyof typeof PINNED;

export interface HostBins {
  dir: string;
  claude: string;
  codex: string;
  gemini: string;
}

export function lockHash(): string {
  const h = crypto.createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) h.update(fs.readFileSync(path.join(HOSTS_MANIFEST_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

export function hostsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MAESTRO_E2E_HOSTS_DIR) return path.resolve(env.MAESTRO_E2E_HOSTS_DIR);
  const cache = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(cache, 'maestro-e2e-hosts', lockHash());
}

/** Why the install in `dir` is unusable, or undefined when all three pinned CLIs are there. */
export function installProblem(dir: string): string | undefined {
  for (const [name, { pkg, version }] of Object.entries(PINNED)) {
    const manifest = path.join(dir, 'node_modules', pkg, 'package.json');
    let found: string | undefined;
    try {
      found = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string }).version;
    } catch {
      return `${pkg} is not installed in ${dir}`;
    }
    if (found !== version) return `${pkg} is ${found} in ${dir}, the suite pins ${version}`;
    const bin = path.join(dir, 'node_modules', '.bin', name);
    try {
      fs.accessSync(bin, fs.constants.X_OK);
    } catch {
      return `${bin} is missing or not executable`;
    }
  }
  return undefined;
}

function install(dir: string, env: NodeJS.ProcessEnv): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(HOSTS_MANIFEST_DIR, f), path.join(dir, f));
  const started = Date.now();
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', timeout: 10 * 60_000, env: { ...env, npm_config_update_notifier: 'false' } });
  if (r.error || r.status !== 0) {
    const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `e2e: installing the pinned host CLIs into ${dir} failed (${r.error?.message ?? `npm ci exit ${r.status}`}). ` +
        `The suite needs the npm registry once, or MAESTRO_E2E_HOSTS_DIR pointing at a finished install.\n${tail}`,
    );
  }
  process.stderr.write(`e2e: installed pinned host CLIs into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const cached = new Map<string, HostBins>();

/** Pinned host CLI paths; installs them on first use. Throws (never skips) when that fails. */
export function ensureHosts(env: NodeJS.ProcessEnv = process.env): HostBins {
  const dir = hostsDir(env);
  const hit = cached.get(dir);
  if (hit) return hit;
  if (installProblem(dir)) install(dir, env);
  const problem = installProblem(dir);
  if (problem) throw new Error(`e2e: host CLIs unusable after install: ${problem}`);
  const bin = (n: HostName) => path.join(dir, 'node_modules', '.bin', n);
  const bins = { dir, claude: bin('claude'), codex: bin('codex'), gemini: bin('gemini') };
  cached.set(dir, bins);
  return bins;
}
