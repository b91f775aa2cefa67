#!/usr/bin/env node
// Maestro context bar for Claude Code's status line. Reads the status-line JSON on stdin and prints one
// line: a coloured bar of context used, percent, used/cap, folder, terse badge, Frontier badge or live
// Frontier progress. Plain Node (no jq, no dependencies); it never throws and always exits 0.
// Switched off by an empty `.context-bar-disabled` file next to this script: then only folder and badges.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const WIDTH = 20;
export const DEFAULT_CAP = 200_000;
export const LARGE_CAP = 1_000_000;
const ESC = '\x1b[';
export const GREEN = `${ESC}32m`;
export const YELLOW = `${ESC}33m`;
export const RED = `${ESC}31m`;
export const DIM = `${ESC}90m`;
export const RESET = `${ESC}0m`;
const TERSE_COLOUR = `${ESC}38;5;172m`;
const FRONTIER_COLOUR = `${ESC}38;5;75m`;
const PROGRESS_COLOUR = `${ESC}38;5;214m`;
const TERSE_LEVELS = new Set(['lite', 'full', 'ultra']);
const PROGRESS_FRESH_MS = 300_000;
const TRANSCRIPT_TAIL_BYTES = 512 * 1024;
const TRANSCRIPT_LINES = 80;

const LETTERS = { opus: 'O', 'gpt-5.5': 'C', gemini: 'G', kimi: 'K', deepseek: 'D', glm: 'Z', fable: 'F', 'sonnet-5': 'S' };
const PRESETS = {
  'opus-duo': ['opus', 'opus'],
  'opus-gpt': ['opus', 'gpt-5.5'],
  'gpt-duo': ['gpt-5.5', 'gpt-5.5'],
  'frontier-trio': ['opus', 'gpt-5.5', 'gemini'],
  'fable-duo': ['fable', 'fable'],
  'fable-gpt': ['fable', 'gpt-5.5'],
  'fable-trio': ['fable', 'gpt-5.5', 'gemini'],
  'sonnet-duo': ['sonnet-5', 'sonnet-5'],
  'sonnet-gpt': ['sonnet-5', 'gpt-5.5'],
  'sonnet-trio': ['sonnet-5', 'gpt-5.5', 'gemini'],
  'frontier-quad': ['fable', 'opus', 'gpt-5.5', 'gemini'],
  'frontier-quint': ['fable', 'opus', 'sonnet-5', 'gpt-5.5', 'gemini'],
  'budget-trio': ['kimi', 'deepseek', 'glm'],
  'east-west': ['deepseek', 'gpt-5.5'],
};

const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const num = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/** Read a small regular file without following symlinks; undefined on any problem. */
export function readSmall(file, max) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > max) return undefined;
    return fs.readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function readJson(file, max) {
  const text = readSmall(file, max);
  if (text === undefined) return undefined;
  try {
    return obj(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Context window size: the host's number when given, else 1M for 1M-context model ids, else 200k. */
export function windowSize(input) {
  const given = num(obj(input.context_window)?.context_window_size);
  if (given) return given;
  const model = obj(input.model);
  const id = String(model?.id ?? '').toLowerCase();
  if (/\[1m\]|(?:^|[-_.])1m(?:$|[-_.\]])/.test(id)) return LARGE_CAP;
  if (/fable|mythos|opus-4-[678]/.test(id)) return LARGE_CAP;
  return DEFAULT_CAP;
}

export function usageTokens(usage) {
  const u = obj(usage);
  if (!u) return undefined;
  return num(u.input_tokens) + num(u.cache_read_input_tokens) + num(u.cache_creation_input_tokens) + num(u.output_tokens);
}

/** Tokens in context: the newest assistant message's usage among the transcript's last lines. */
export function usedTokens(input) {
  const current = usageTokens(obj(input.context_window)?.current_usage);
  if (current !== undefined) return current;
  const file = typeof input.transcript_path === 'string' ? input.transcript_path : '';
  if (!file) return 0;
  let text;
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY);
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - TRANSCRIPT_TAIL_BYTES);
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      text = buf.toString('utf8');
      if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return 0;
  }
  const lines = text.split('\n').filter((l) => l.trim()).slice(-TRANSCRIPT_LINES).reverse();
  for (const line of lines) {
    try {
      const rec = JSON.parse(line);
      if (rec?.type !== 'assistant') continue;
      const used = usageTokens(obj(rec.message)?.usage);
      if (used !== undefined) return used;
    } catch {
      // a torn or foreign line: keep looking
    }
  }
  return 0;
}

/** 999 -> 999, 1500 -> 2k, 200000 -> 200k, 1000000 -> 1M, 1500000 -> 1.5M. */
export function formatTokens(n) {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
  if (n >= 1000) return `${Math.round(n / 1000)}k`;
  return String(Math.round(n));
}

export function colourFor(pct) {
  return pct < 60 ? GREEN : pct < 85 ? YELLOW : RED;
}

export function renderBar(used, cap) {
  const pct = Math.min(100, Math.floor((used / cap) * 100));
  const filled = Math.max(0, Math.min(WIDTH, Math.floor((used / cap) * WIDTH)));
  const c = colourFor(pct);
  return `${c}${'█'.repeat(filled)}${DIM}${'░'.repeat(WIDTH - filled)}${RESET} ${c}${pct}%${RESET} ${DIM}${formatTokens(used)}/${formatTokens(cap)}${RESET}`;
}

function homeDir(env) {
  return (process.platform === 'win32' ? env.USERPROFILE || env.HOME : env.HOME) || os.homedir();
}

function absEnv(env, key) {
  const v = env[key];
  return v && path.isAbsolute(v) ? v : undefined;
}

export function configDir(env) {
  const xdg = absEnv(env, 'XDG_CONFIG_HOME');
  if (xdg) return path.join(xdg, 'maestro');
  if (process.platform === 'win32') return path.join(absEnv(env, 'APPDATA') ?? path.join(homeDir(env), 'AppData', 'Roaming'), 'maestro');
  return path.join(homeDir(env), '.config', 'maestro');
}

export function stateDir(env) {
  const xdg = absEnv(env, 'XDG_STATE_HOME');
  if (xdg) return path.join(xdg, 'maestro');
  if (process.platform === 'win32') return path.join(absEnv(env, 'LOCALAPPDATA') ?? path.join(homeDir(env), 'AppData', 'Local'), 'maestro', 'state');
  return path.join(homeDir(env), '.local', 'state', 'maestro');
}

function gitRoot(start) {
  let cur = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(cur, '.git'))) return cur;
    const parent = path.dirname(cur);
    if (parent === cur) return path.resolve(start);
    cur = parent;
  }
}

/** The Claude Code workspace scope (cc-<8 hex of the git root>), the same one hooks and the CLI use. */
export function ccScope(dir) {
  let norm = gitRoot(dir).replace(/\\/g, '/');
  while (norm.length > 1 && norm.endsWith('/')) norm = norm.slice(0, -1);
  if (process.platform === 'win32') norm = norm.toLowerCase();
  return `cc-${crypto.createHash('sha256').update(norm).digest('hex').slice(0, 8)}`;
}

function scopeFor(dir, env) {
  const named = String(env.MAESTRO_SCOPE ?? '').trim().toLowerCase();
  if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(named) && !/^(cc|claude|codex)-(project|workspace|repo)$/.test(named)) return named;
  return dir ? ccScope(dir) : 'default';
}

const suffix = (scope) => (scope === 'default' ? '' : `.${scope}`);

export function terseLevel(input, env) {
  const session = typeof input.session_id === 'string' ? input.session_id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128) : '';
  const candidates = [];
  if (session) candidates.push(readSmall(path.join(stateDir(env), 'sessions', session, 'terse-level'), 64));
  candidates.push(env.MAESTRO_TERSE_LEVEL);
  candidates.push(readJson(path.join(configDir(env), 'config.json'), 64 * 1024)?.terseLevel);
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const level = c.toLowerCase().replace(/[^a-z]/g, '');
    if (level === 'off') return undefined;
    if (TERSE_LEVELS.has(level)) return level;
  }
  return undefined;
}

export function panelLabel(state) {
  const letter = (m) => LETTERS[String(m).toLowerCase()];
  if (state.mode === 'single') return letter(state.model) ?? String(state.model ?? '?').slice(0, 12);
  if (state.mode !== 'fusion') return undefined;
  const models = Array.isArray(state.models) && state.models.length ? state.models : PRESETS[state.preset];
  if (!models) return String(state.preset ?? '?').slice(0, 16);
  const letters = models.map(letter);
  if (letters.every(Boolean)) return letters.join('+');
  return `✦${Math.min(models.length, 9)}`;
}

const PHASES = { panel: '◆', judge: '⚖', synth: '✎', escalate: '⇡', single: '●' };

function toMs(ts) {
  if (typeof ts === 'number') return ts < 1e12 ? ts * 1000 : ts;
  if (typeof ts === 'string') return Date.parse(ts);
  return NaN;
}

/** Live Frontier progress while a run reported in the last 5 minutes. */
export function progressLabel(p, now) {
  if (!p) return undefined;
  const ts = toMs(p.ts ?? p.updatedAt);
  if (!Number.isFinite(ts) || now - ts > PROGRESS_FRESH_MS || ts - now > 60_000) return undefined;
  const phase = String(p.phase ?? '').toLowerCase();
  if (!(phase in PHASES)) return undefined;
  const clamp = (n) => Math.max(0, Math.min(99, Math.floor(Number(n) || 0)));
  let label = `${PHASES[phase]} ${phase}`;
  if (phase === 'panel' && p.total !== undefined) label += ` ${clamp(p.done)}/${clamp(p.total)}`;
  if (typeof p.model === 'string' && p.model) label += ` ${p.model.slice(0, 16)}`;
  const started = toMs(p.startedAt);
  if (Number.isFinite(started) && started <= now) label += ` ${Math.floor((now - started) / 1000)}s`;
  return label;
}

export function frontierBadge(dir, env, now) {
  const scope = scopeFor(dir, env);
  const progress = progressLabel(readJson(path.join(configDir(env), `frontier-progress${suffix(scope)}.json`), 8192), now);
  if (progress) return ` ${PROGRESS_COLOUR}${progress}${RESET}`;
  const state = readJson(path.join(configDir(env), `frontier-state${suffix(scope)}.json`), 8192);
  const label = state ? panelLabel(state) : undefined;
  return label ? ` ${FRONTIER_COLOUR}ƒ${label}${RESET}` : '';
}

export function render(input, opts) {
  const env = opts.env;
  const ws = obj(input.workspace);
  const dir = typeof ws?.current_dir === 'string' && ws.current_dir ? ws.current_dir : typeof input.cwd === 'string' && input.cwd ? input.cwd : '';
  const folder = dir ? path.basename(dir) || dir : '?';
  const level = terseLevel(input, env);
  const badges = (level ? ` ${TERSE_COLOUR}${level.toUpperCase()}${RESET}` : '') + frontierBadge(dir, env, opts.now);
  if (opts.disabled) return `${DIM}${folder}${RESET}${badges}`;
  return `${renderBar(usedTokens(input), windowSize(input))} ${DIM}·${RESET} ${folder}${badges}`;
}

function main() {
  let out = '';
  try {
    let raw = '';
    try {
      raw = fs.readFileSync(0, 'utf8');
    } catch {
      raw = '';
    }
    let input = {};
    try {
      input = obj(JSON.parse(raw)) ?? {};
    } catch {
      input = {};
    }
    const here = path.dirname(fileURLToPath(import.meta.url));
    const disabled = fs.existsSync(path.join(here, '.context-bar-disabled'));
    out = render(input, { env: process.env, now: Date.now(), disabled });
  } catch {
    out = '';
  }
  process.stdout.write(out + '\n');
}

const invoked = process.argv[1] ? (() => {
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href || import.meta.url === pathToFileURL(process.argv[1]).href;
  } catch {
    return false;
  }
})() : false;
if (invoked) main();
