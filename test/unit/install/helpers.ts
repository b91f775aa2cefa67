// Shared fixtures for installer tests: a hermetic temp home + project, and byte-level snapshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInstall, runUninstall, type InstallOptions, type UninstallOptions } from '../../../scripts/install/run';

export interface Sandbox {
  base: string;
  home: string;
  project: string;
  env: { HOME: string; PATH: string; XDG_CONFIG_HOME: string; XDG_STATE_HOME: string; XDG_CACHE_HOME: string; XDG_DATA_HOME: string };
  out: string[];
  install(o?: Partial<InstallOptions>): ReturnType<typeof runInstall>;
  uninstall(o?: Partial<UninstallOptions>): ReturnType<typeof runUninstall>;
  text(): string;
}

export function sandbox(files: Record<string, string> = {}, dirs: string[] = []): Sandbox {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-install-')));
  const home = path.join(base, 'home');
  const project = path.join(base, 'project');
  fs.mkdirSync(home);
  fs.mkdirSync(project);
  for (const d of dirs) fs.mkdirSync(path.join(project, d), { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    fs.writeFileSync(path.join(project, rel), content);
  }
  const env = {
    HOME: home,
    PATH: process.env.PATH ?? '',
    XDG_CONFIG_HOME: path.join(base, 'xdg-config'),
    XDG_STATE_HOME: path.join(base, 'xdg-state'),
    XDG_CACHE_HOME: path.join(base, 'xdg-cache'),
    XDG_DATA_HOME: path.join(base, 'xdg-data'),
  };
  const out: string[] = [];
  const sb: Sandbox = {
    base,
    home,
    project,
    env,
    out,
    install: (o = {}) => runInstall({ project, env, cwd: project, out: (t) => out.push(t), ...o }),
    uninstall: (o = {}) => runUninstall({ project, env, cwd: project, out: (t) => out.push(t), ...o }),
    text: () => out.join(''),
  };
  return sb;
}

export type Snapshot = Record<string, string>;

/** Every file (content + mode) and folder under dir, for byte-identical comparisons. */
export function snapshot(dir: string): Snapshot {
  const snap: Snapshot = {};
  const walk = (d: string): void => {
    for (const name of fs.readdirSync(d).sort()) {
      const abs = path.join(d, name);
      const rel = path.relative(dir, abs);
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) snap[rel] = `link:${fs.readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        snap[rel + '/'] = `dir:${(st.mode & 0o777).toString(8)}`;
        walk(abs);
      } else snap[rel] = `file:${(st.mode & 0o777).toString(8)}:${fs.readFileSync(abs).toString('base64')}`;
    }
  };
  walk(dir);
  return snap;
}

export function read(sb: Sandbox, rel: string): string {
  return fs.readFileSync(path.join(sb.project, rel), 'utf8');
}

export function exists(sb: Sandbox, rel: string): boolean {
  return fs.existsSync(path.join(sb.project, rel));
}

export function actions(r: { plan: { steps: Array<{ path: string; action: string }> } }, root: string): Record<string, string> {
  const m: Record<string, string> = {};
  for (const s of r.plan.steps) m[path.relative(root, s.path).split(path.sep).join('/')] = s.action;
  return m;
}
