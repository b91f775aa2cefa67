// Scope resolution: which project's Frontier state and presets a command or hook uses.
// Order: --scope, MAESTRO_SCOPE, the host's workspace scope (cc-<h> / codex-<h>), else "default".
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from './dirs';

export type ScopeSource = 'flag' | 'env' | 'claude-code' | 'codex' | 'default';
export type HostKind = 'claude' | 'codex';

export interface ResolvedScope {
  scope: string;
  source: ScopeSource;
  /** Directory whose hash names a workspace scope (git root, or the directory itself outside git). */
  root?: string;
}

const SCOPE_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CODEX_ALIASES = new Set(['codex-project', 'codex-workspace', 'codex-repo']);
const CC_ALIASES = new Set(['cc-project', 'cc-workspace', 'claude-project', 'claude-workspace']);

export class ScopeError extends Error {}

/** The host whose plugin runtime we are inside, from the env vars each host sets for hooks. */
export function detectHost(env: Env): HostKind | undefined {
  // Codex sets PLUGIN_ROOT and also the CLAUDE_PLUGIN_* aliases, so it is checked first.
  if (env.PLUGIN_ROOT) return 'codex';
  if (env.CLAUDE_PLUGIN_ROOT || env.CLAUDECODE) return 'claude';
  if (env.PLUGIN_DATA) return 'codex';
  return undefined;
}

/** Nearest ancestor holding `.git` (dir or file, so worktrees count); outside git, the directory itself. */
export function projectRoot(start: string): { root: string; git: boolean } {
  const abs = path.resolve(start);
  let cur = abs;
  for (;;) {
    if (fs.existsSync(path.join(cur, '.git'))) return { root: cur, git: true };
    const parent = path.dirname(cur);
    if (parent === cur) return { root: abs, git: false };
    cur = parent;
  }
}

export function hashRoot(root: string, platform: NodeJS.Platform = process.platform): string {
  let norm = root.replace(/\\/g, '/');
  while (norm.length > 1 && norm.endsWith('/')) norm = norm.slice(0, -1);
  if (platform === 'win32') norm = norm.toLowerCase();
  // Loaded on demand: node:crypto costs a few ms of startup that most hook events never need.
  const crypto = require('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(norm).digest('hex').slice(0, 8);
}

export function startDir(env: Env, cwd?: string): string {
  return cwd || env.CLAUDE_PROJECT_DIR || env.CODEX_PROJECT_DIR || process.cwd();
}

function workspaceScope(prefix: 'cc' | 'codex', env: Env, cwd?: string): { scope: string; root: string } {
  const { root } = projectRoot(startDir(env, cwd));
  return { scope: `${prefix}-${hashRoot(root)}`, root };
}

/** Validate and expand an explicit scope name (flag or env). Throws ScopeError on a malformed name. */
export function expandScopeName(raw: string, env: Env, cwd?: string): { scope: string; root?: string } {
  const name = raw.trim().toLowerCase();
  if (CODEX_ALIASES.has(name)) return workspaceScope('codex', env, cwd);
  if (CC_ALIASES.has(name)) return workspaceScope('cc', env, cwd);
  if (!SCOPE_RE.test(name)) {
    throw new ScopeError(`invalid scope "${raw}": use 1-64 lowercase letters, digits and hyphens`);
  }
  return { scope: name };
}

export function resolveScope(opts: { flag?: string; env?: Env; cwd?: string } = {}): ResolvedScope {
  const env = opts.env ?? process.env;
  if (opts.flag !== undefined) return { ...expandScopeName(opts.flag, env, opts.cwd), source: 'flag' };
  if (env.MAESTRO_SCOPE && env.MAESTRO_SCOPE.trim()) {
    try {
      return { ...expandScopeName(env.MAESTRO_SCOPE, env, opts.cwd), source: 'env' };
    } catch {
      // A malformed env value must not break hooks: fall through to host detection.
    }
  }
  const host = detectHost(env);
  if (host === 'codex') return { ...workspaceScope('codex', env, opts.cwd), source: 'codex' };
  if (host === 'claude') return { ...workspaceScope('cc', env, opts.cwd), source: 'claude-code' };
  return { scope: 'default', source: 'default' };
}

/** File-name suffix for per-scope files: the default scope has none. */
export function scopeSuffix(scope: string): string {
  return scope === 'default' ? '' : `.${scope}`;
}
