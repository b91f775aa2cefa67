// Frontier panels of real host CLIs: one jail with a fake server per provider, each member's CLI
// configured the way Frontier passes env through, and logging wrappers around the pinned bins
// (MAESTRO_*_BIN) so tests see every member's argv.
import fs from 'node:fs';
import path from 'node:path';
import { claudeEnv } from './claude';
import { CODEX_KEY_VAR, codexEnv, codexHome } from './codex';
import { geminiEnv, initGeminiHome } from './gemini';
import { REPO_ROOT, type HostBins } from './hosts';
import type { JailStep } from './jail-spec';
import { jailRunMulti } from './jail-multi';
import { portPlaceholder, type MultiJailResult, type MultiServerConfig } from './jail-multi-spec';
import type { Sandbox } from './sandbox';

export const MAESTRO_CLI = path.join(REPO_ROOT, 'dist', 'maestro.cjs');

export interface FrontierRig {
  env: Record<string, string>;
  /** File each wrapped bin appends `<host>\t<argv joined by \x1f>` to, one line per launch. */
  argvLog: string;
  files: { path: string; content: string }[];
}

function wrapper(dir: string, host: string, real: string, log: string): string {
  const file = path.join(dir, `${host}-logged`);
  // One line per launch: host name, then each argument after a unit separator.
  fs.writeFileSync(file, `#!/bin/sh\n{ printf '%s' '${host}'; for a in "$@"; do printf '\\037%s' "$a"; done; printf '\\n'; } >> '${log}'\nexec '${real}' "$@"\n`);
  fs.chmodSync(file, 0o755);
  return file;
}

/** Env (with per-provider port placeholders) under which all three CLIs reach their fake server. */
export function frontierRig(sb: Sandbox, bins: HostBins): FrontierRig {
  const binDir = path.join(sb.root, 'bin');
  fs.mkdirSync(binDir, { recursive: true });
  const argvLog = path.join(sb.root, 'member-argv.log');
  fs.writeFileSync(argvLog, '');
  initGeminiHome(sb);
  const cEnv = codexEnv(sb);
  const config = path.join(codexHome(sb), 'config.toml');
  // Frontier builds codex's argv itself (no -c port override), so config.toml carries the real port.
  const toml = fs.readFileSync(config, 'utf8').replace(/^base_url = .*$/m, `base_url = "http://127.0.0.1:${portPlaceholder('openai')}/v1"`);
  const env: Record<string, string> = {
    ...claudeEnv(sb),
    ...geminiEnv(sb),
    ...cEnv,
    ANTHROPIC_BASE_URL: `http://127.0.0.1:${portPlaceholder('anthropic')}`,
    GOOGLE_GEMINI_BASE_URL: `http://127.0.0.1:${portPlaceholder('gemini')}`,
    [CODEX_KEY_VAR]: 'sk-fake-e2e',
    MAESTRO_CLAUDE_BIN: wrapper(binDir, 'claude', bins.claude, argvLog),
    MAESTRO_CODEX_BIN: wrapper(binDir, 'codex', bins.codex, argvLog),
    MAESTRO_GEMINI_BIN: wrapper(binDir, 'gemini', bins.gemini, argvLog),
  };
  return { env, argvLog, files: [{ path: config, content: toml }] };
}

export function maestroStep(rig: FrontierRig, sb: Sandbox, name: string, args: string[], opts: Partial<JailStep> = {}): JailStep {
  return { timeoutMs: 60_000, ...opts, name, cmd: process.execPath, args: [MAESTRO_CLI, ...args], env: { ...rig.env, ...opts.env }, cwd: opts.cwd ?? sb.work };
}

export async function runFrontierJail(
  sb: Sandbox,
  rig: FrontierRig,
  label: string,
  steps: JailStep[],
  servers: Partial<Record<'anthropic' | 'openai' | 'gemini', MultiServerConfig>> = { anthropic: { judgeHook: true }, openai: { judgeHook: true }, gemini: { judgeHook: true } },
): Promise<MultiJailResult> {
  return jailRunMulti({ outDir: sb.out(label), servers, files: rig.files, steps });
}

/** Every launch the wrapped bins saw: host and argv. */
export function memberLaunches(rig: FrontierRig): { host: string; argv: string[] }[] {
  return fs
    .readFileSync(rig.argvLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [host, ...argv] = l.split('\x1f');
      return { host: host!, argv };
    });
}
