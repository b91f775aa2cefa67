// Hermetic environments for tests: temp HOME/XDG dirs and no host or Maestro variables leaking in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const STRIP = /^(CLAUDE|CODEX|PLUGIN_|MAESTRO_|FUSION_DEPTH|GEMINI|ANTHROPIC|OPENAI|XDG_)/;

export function tempDir(prefix = 'maestro-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Sandbox {
  root: string;
  home: string;
  env: Record<string, string>;
}

/** A fresh HOME and XDG dirs; `extra` is merged last. */
export function sandbox(extra: Record<string, string> = {}): Sandbox {
  const root = tempDir();
  const home = path.join(root, 'home');
  fs.mkdirSync(home, { recursive: true });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !STRIP.test(k)) env[k] = v;
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_STATE_HOME: path.join(root, 'state'),
    XDG_CACHE_HOME: path.join(root, 'cache'),
    ...extra,
  });
  return { root, home, env };
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'maestro.cjs');
export const hookBundle = (event: string): string => path.join(REPO_ROOT, 'dist', 'hooks', `${event}.cjs`);
