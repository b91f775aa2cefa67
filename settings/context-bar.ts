// Where the context-bar status line lives and whether it is switched off.
// The switch is an empty `.context-bar-disabled` file next to the installed script (present = off), so the
// script itself can check it without reading any config.
import fs from 'node:fs';
import path from 'node:path';
import { homeDir, type Env } from '../core/dirs';
import { readJsonFile, writeFileAtomic } from '../core/safe-fs';

export const DISABLED_FLAG = '.context-bar-disabled';
const SCRIPT_NAME_RE = /^context-bar(\.[A-Za-z0-9]+)?$/;
const SCRIPT_EXT_RE = /\.(mjs|cjs|js|sh|ps1|py|ts)$/;

export interface ContextBarInfo {
  enabled: boolean;
  dir: string;
  flagPath: string;
  /** The status line command visibly runs a context-bar script. */
  scriptConfirmed: boolean;
  /** How dir was found: from the statusLine command, or the default location. */
  resolved: 'statusLine' | 'default';
}

export function claudeDir(env: Env): string {
  const v = env.CLAUDE_CONFIG_DIR;
  return v && path.isAbsolute(v) ? v : path.join(homeDir(env), '.claude');
}

/** Split a shell-like command line, honouring single quotes, double quotes and backslash escapes. */
export function splitCommand(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < cmd.length && '"\\$`'.includes(cmd[i + 1]!)) cur += cmd[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < cmd.length) {
      cur += cmd[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

function expandHome(token: string, env: Env): string {
  const home = homeDir(env);
  if (token === '~' || token.startsWith('~/')) return path.join(home, token.slice(1));
  return token.replace(/^\$\{?HOME\}?(?=\/|$)/, home);
}

/** The script path named by a statusLine command, if any. */
export function scriptFromCommand(cmd: string, env: Env): { file: string; confirmed: boolean } | undefined {
  const tokens = splitCommand(cmd).map((t) => expandHome(t, env));
  const named = tokens.find((t) => SCRIPT_NAME_RE.test(path.basename(t)));
  if (named) return { file: named, confirmed: true };
  const other = tokens.find((t) => t.includes('/') || t.includes('\\') || SCRIPT_EXT_RE.test(t));
  return other ? { file: other, confirmed: path.basename(other).includes('context-bar') } : undefined;
}

export function statusLineCommand(env: Env): string | undefined {
  const res = readJsonFile<Record<string, unknown>>(path.join(claudeDir(env), 'settings.json'), { maxBytes: 1024 * 1024 });
  if (!res.ok || !res.value || typeof res.value !== 'object') return undefined;
  const sl = res.value.statusLine;
  if (typeof sl === 'string') return sl;
  if (sl && typeof sl === 'object' && typeof (sl as { command?: unknown }).command === 'string') return (sl as { command: string }).command;
  return undefined;
}

export function contextBarInfo(env: Env): ContextBarInfo {
  const cmd = statusLineCommand(env);
  const found = cmd ? scriptFromCommand(cmd, env) : undefined;
  const dir = found && path.isAbsolute(found.file) ? path.dirname(found.file) : path.join(claudeDir(env), 'statusline');
  const flagPath = path.join(dir, DISABLED_FLAG);
  let enabled = true;
  try {
    fs.lstatSync(flagPath);
    enabled = false;
  } catch {
    // no flag: on
  }
  return { enabled, dir, flagPath, scriptConfirmed: !!found?.confirmed && path.isAbsolute(found.file), resolved: found && path.isAbsolute(found.file) ? 'statusLine' : 'default' };
}

/** Switch the bar; returns the new info plus a warning when the status line is not visibly the context bar. */
export function setContextBar(on: boolean, env: Env): { info: ContextBarInfo; warning?: string } {
  const before = contextBarInfo(env);
  if (on) fs.rmSync(before.flagPath, { force: true });
  else if (before.enabled) writeFileAtomic(before.flagPath, '', { mode: 0o644 });
  const info = contextBarInfo(env);
  const warning = info.scriptConfirmed
    ? undefined
    : `the Claude Code status line is not the Maestro context bar; the switch was stored in ${info.dir}`;
  return { info, warning };
}
