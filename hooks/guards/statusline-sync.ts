// Status-line sync: keep an installed context-bar script current with the plugin's copy. Only
// refreshes a script the user already installed (never creates one), only when it differs, with an
// atomic write; symlinked files or directories are left alone. Silent.
import fs from 'node:fs';
import path from 'node:path';
import { homeDir } from '../../core/dirs';
import { readJsonFile, readTextBounded, writeFileAtomic } from '../../core/safe-fs';
import { parseShell } from '../detect/shell';
import type { Guard } from '../types';
import { pluginRoot } from './terse-mode';

const MAX_SCRIPT_BYTES = 64 * 1024;
const SCRIPT_RE = /^context-bar(\.[A-Za-z0-9]+)?$/;

export function claudeDir(env: Record<string, string | undefined>): string {
  return env.CLAUDE_CONFIG_DIR && path.isAbsolute(env.CLAUDE_CONFIG_DIR) ? env.CLAUDE_CONFIG_DIR : path.join(homeDir(env), '.claude');
}

/** Directory of the context-bar script named in a statusLine command (quotes respected), if any. */
export function statusLineDir(command: unknown, env: Record<string, string | undefined>): string | undefined {
  const cmd = typeof command === 'string' ? command : command && typeof command === 'object' ? (command as { command?: unknown }).command : undefined;
  if (typeof cmd !== 'string' || cmd.length > 4096) return undefined;
  for (const seg of parseShell(cmd)) {
    for (const w of seg.words) {
      let t = w.text;
      if (t.startsWith('~/')) t = path.join(homeDir(env), t.slice(2));
      if (SCRIPT_RE.test(path.basename(t)) && path.isAbsolute(t)) return path.dirname(t);
    }
  }
  return undefined;
}

export function targetDirs(env: Record<string, string | undefined>): string[] {
  const base = claudeDir(env);
  const dirs = [path.join(base, 'statusline')];
  const settings = readJsonFile<Record<string, unknown>>(path.join(base, 'settings.json'), { maxBytes: 1024 * 1024 });
  if (settings.ok && settings.value && typeof settings.value === 'object') {
    const d = statusLineDir(settings.value.statusLine, env);
    if (d && !dirs.includes(d)) dirs.push(d);
  }
  return dirs;
}

/** Refresh stale installed copies; returns the files rewritten. Never throws. */
export function syncStatusLine(sourceDir: string, targets: string[]): string[] {
  const written: string[] = [];
  let names: string[];
  try {
    if (!fs.existsSync(sourceDir)) return written;
    names = fs.readdirSync(sourceDir).filter((n) => SCRIPT_RE.test(n));
  } catch {
    return written;
  }
  for (const name of names) {
    const src = readTextBounded(path.join(sourceDir, name), MAX_SCRIPT_BYTES);
    if (!src.ok) continue;
    for (const dir of targets) {
      const dest = path.join(dir, name);
      try {
        const dst = fs.lstatSync(dir, { throwIfNoEntry: false });
        if (!dst || dst.isSymbolicLink() || !dst.isDirectory()) continue;
        const st = fs.lstatSync(dest, { throwIfNoEntry: false });
        if (!st || !st.isFile() || st.isSymbolicLink()) continue;
        const cur = readTextBounded(dest, MAX_SCRIPT_BYTES * 4);
        if (cur.ok && cur.value === src.value) continue;
        writeFileAtomic(dest, src.value, { mode: st.mode & 0o777 });
        written.push(dest);
      } catch {
        // absent (never created) or not writable: leave it
      }
    }
  }
  return written;
}

export const statuslineSync: Guard = {
  name: 'statusline-sync',
  events: ['SessionStart'],
  enforcement: false,
  run(event, ctx) {
    // The context bar belongs to Claude Code; a Codex session has no business touching ~/.claude.
    if (event.host !== 'claude') return [];
    const root = pluginRoot(ctx.env);
    if (root) syncStatusLine(path.join(root, 'statusline'), targetDirs(ctx.env));
    return [];
  },
};
