// Where an install goes: the project root (default) or the user's folders (--global).
import fs from 'node:fs';
import path from 'node:path';
import { homeDir, maestroDirs, type Env } from '../../core/dirs';
import { projectRoot } from '../../core/scope';
import type { Scope } from './types';

export interface InstallContext {
  scope: Scope;
  /** Project root, or the home dir for --global. */
  root: string;
  home: string;
  /** Maestro-owned folder for the global engine and docs. */
  dataDir: string;
  manifestPath: string;
  backupDir: string;
  /** The engine as installed commands must call it (replaces `.maestro/bin/maestro.cjs` in renders). */
  engineRef: string;
  /** The orchestration protocol as installed doctrine must point to it. */
  docsRef: string;
}

export class ScopeRefusal extends Error {}

/** Maestro's data dir: XDG_DATA_HOME (absolute) or ~/.local/share; %LOCALAPPDATA% on Windows. */
export function maestroDataDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  const home = homeDir(env, platform);
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : undefined;
  if (xdg) return path.join(xdg, 'maestro');
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : path.join(home, 'AppData', 'Local');
    return path.join(local, 'maestro', 'data');
  }
  return path.join(home, '.local', 'share', 'maestro');
}

function real(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Forward slashes work for node on every OS and need no escaping inside TOML or Markdown. */
function portable(p: string): string {
  const s = p.replace(/\\/g, '/');
  return /\s/.test(s) ? `"${s}"` : s;
}

export function resolveContext(opts: { global?: boolean; project?: string; cwd: string; env: Env }): InstallContext {
  const home = homeDir(opts.env);
  const dataDir = maestroDataDir(opts.env);
  if (opts.global) {
    const state = maestroDirs(opts.env).state;
    return {
      scope: 'global',
      root: home,
      home,
      dataDir,
      manifestPath: path.join(state, 'install-manifest.json'),
      backupDir: path.join(state, 'install-backups'),
      engineRef: portable(path.join(dataDir, 'bin', 'maestro.cjs')),
      docsRef: portable(path.join(dataDir, 'docs', 'orchestration.md')),
    };
  }
  const root = opts.project ? path.resolve(opts.cwd, opts.project) : projectRoot(opts.cwd).root;
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch {
    throw new ScopeRefusal(`project folder ${root} does not exist`);
  }
  if (!st.isDirectory()) throw new ScopeRefusal(`project path ${root} is not a folder`);
  const r = real(root);
  if (r === path.parse(r).root) throw new ScopeRefusal(`refusing to install into the filesystem root ${root}; pass --project <dir> or use --global`);
  if (r === real(home)) throw new ScopeRefusal(`refusing to treat the home folder ${root} as a project; use --global for user-level files or --project <dir>`);
  return {
    scope: 'project',
    root,
    home,
    dataDir,
    manifestPath: path.join(root, '.maestro', 'install-manifest.json'),
    backupDir: path.join(root, '.maestro', 'backups'),
    engineRef: '.maestro/bin/maestro.cjs',
    docsRef: '.maestro/docs/orchestration.md',
  };
}

/** Manifest key of an absolute path: project-relative with forward slashes, or absolute for --global. */
export function manifestKey(ctx: InstallContext, abs: string): string {
  if (ctx.scope === 'global') return abs;
  return path.relative(ctx.root, abs).split(path.sep).join('/');
}

export function fromKey(ctx: InstallContext, key: string): string {
  return ctx.scope === 'global' ? key : path.join(ctx.root, ...key.split('/'));
}

/** Short display form: project-relative, or ~/… for --global. */
export function display(ctx: InstallContext, abs: string): string {
  if (ctx.scope === 'project') return path.relative(ctx.root, abs).split(path.sep).join('/');
  const rel = path.relative(ctx.home, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : `~/${rel.split(path.sep).join('/')}`;
}
