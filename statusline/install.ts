// maestro statusline install | uninstall | status: put the context bar into Claude Code's status line as
// a reversible change. install copies context-bar.mjs to <claudeDir>/statusline/, remembers the user's
// previous statusLine in a sidecar file and points settings.json at the script; uninstall puts the
// previous statusLine back, and only when settings.json still runs our script.
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../core/dirs';
import { readJsonFile, readTextBounded, writeFileAtomic } from '../core/safe-fs';
import { claudeDir, scriptFromCommand, DISABLED_FLAG } from '../settings/context-bar';

export const SCRIPT_NAME = 'context-bar.mjs';
export const PREVIOUS_FILE = '.maestro-previous-statusline.json';
const SETTINGS_MAX = 1024 * 1024;

export class StatuslineError extends Error {}

export interface StatuslinePaths {
  settings: string;
  dir: string;
  script: string;
  previous: string;
}

export function statuslinePaths(env: Env): StatuslinePaths {
  const base = claudeDir(env);
  const dir = path.join(base, 'statusline');
  return { settings: path.join(base, 'settings.json'), dir, script: path.join(dir, SCRIPT_NAME), previous: path.join(dir, PREVIOUS_FILE) };
}

/** The packaged script: <package root>/statusline/context-bar.mjs, found from the bundle or the source tree. */
export function packagedScript(): string | undefined {
  for (const c of [path.join(__dirname, '..', 'statusline', SCRIPT_NAME), path.join(__dirname, SCRIPT_NAME)]) {
    if (fs.existsSync(c)) return c;
  }
  return undefined;
}

function readSettings(file: string): Record<string, unknown> {
  const r = readJsonFile<unknown>(file, { maxBytes: SETTINGS_MAX });
  if (!r.ok) {
    if (r.reason === 'absent') return {};
    throw new StatuslineError(`refusing to change ${file}: ${r.detail}`);
  }
  if (!r.value || typeof r.value !== 'object' || Array.isArray(r.value)) throw new StatuslineError(`refusing to change ${file}: it is not a JSON object`);
  return r.value as Record<string, unknown>;
}

function writeSettings(file: string, value: Record<string, unknown>): void {
  let mode = 0o600;
  try {
    mode = fs.statSync(file).mode & 0o777;
  } catch {
    // new file
  }
  writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', { mode });
}

function commandOf(sl: unknown): string | undefined {
  if (typeof sl === 'string') return sl;
  if (sl && typeof sl === 'object' && typeof (sl as { command?: unknown }).command === 'string') return (sl as { command: string }).command;
  return undefined;
}

export function runsOurScript(settings: Record<string, unknown>, p: StatuslinePaths, env: Env): boolean {
  const cmd = commandOf(settings.statusLine);
  const found = cmd ? scriptFromCommand(cmd, env) : undefined;
  return !!found && path.resolve(found.file) === p.script;
}

export function quoteForShell(file: string): string {
  return `"${file.replace(/(["\\$`])/g, '\\$1')}"`;
}

export function installStatusline(env: Env, source = packagedScript()): { changed: boolean; paths: StatuslinePaths } {
  if (!source) throw new StatuslineError('the packaged statusline/context-bar.mjs was not found next to this maestro');
  const p = statuslinePaths(env);
  const settings = readSettings(p.settings);
  const script = readTextBounded(source, 256 * 1024);
  if (!script.ok) throw new StatuslineError(`cannot read ${source}: ${script.detail}`);
  writeFileAtomic(p.script, script.value, { mode: 0o644 });
  if (runsOurScript(settings, p, env)) return { changed: false, paths: p };
  // Remember what was there (or that nothing was) before replacing it, once.
  if (!fs.existsSync(p.previous)) {
    writeFileAtomic(p.previous, JSON.stringify({ statusLine: settings.statusLine ?? null }, null, 2) + '\n');
  }
  writeSettings(p.settings, { ...settings, statusLine: { type: 'command', command: `node ${quoteForShell(p.script)}`, padding: 0 } });
  return { changed: true, paths: p };
}

export function uninstallStatusline(env: Env): { restored: boolean; note?: string; paths: StatuslinePaths } {
  const p = statuslinePaths(env);
  const settings = readSettings(p.settings);
  let restored = false;
  let note: string | undefined;
  if (runsOurScript(settings, p, env)) {
    const prev = readJsonFile<{ statusLine?: unknown }>(p.previous, { maxBytes: 64 * 1024 });
    const next = { ...settings };
    if (prev.ok && prev.value.statusLine !== null && prev.value.statusLine !== undefined) next.statusLine = prev.value.statusLine;
    else delete next.statusLine;
    writeSettings(p.settings, next);
    restored = true;
  } else if (commandOf(settings.statusLine)) {
    note = 'the status line no longer runs the Maestro context bar; left settings.json as it is';
  }
  for (const f of [p.previous, path.join(p.dir, DISABLED_FLAG)]) fs.rmSync(f, { force: true });
  if (!runsOurScript(readSettings(p.settings), p, env)) fs.rmSync(p.script, { force: true });
  return { restored, ...(note ? { note } : {}), paths: p };
}
