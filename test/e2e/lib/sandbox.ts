// Per-test scratch space: an isolated HOME (with XDG dirs inside it), a workspace the CLI runs in,
// and an output dir for the jail's logs. Nothing is written outside it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './hosts';

export interface Sandbox {
  root: string;
  home: string;
  work: string;
  /** Fresh output dir per jail run: out(label). */
  out(label: string): string;
}

const made: string[] = [];
let cleanupArmed = false;

/** Sandboxes are removed when the test process exits, unless MAESTRO_E2E_KEEP=1 (for debugging). */
function armCleanup(): void {
  if (cleanupArmed || process.env.MAESTRO_E2E_KEEP === '1') return;
  cleanupArmed = true;
  process.on('exit', () => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });
}

export function makeSandbox(label: string): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `maestro-e2e-${label}-`));
  made.push(root);
  armCleanup();
  const home = path.join(root, 'home');
  const work = path.join(root, 'work');
  for (const d of [home, work, path.join(root, 'out')]) fs.mkdirSync(d, { recursive: true });
  let n = 0;
  return {
    root,
    home,
    work,
    out: (l: string) => {
      const d = path.join(root, 'out', `${String(++n).padStart(2, '0')}-${l}`);
      fs.mkdirSync(d, { recursive: true });
      return d;
    },
  };
}

/** Env every host run starts from: nothing inherited except PATH (node first, for hook commands). */
export function baseEnv(home: string): Record<string, string> {
  const nodeDir = path.dirname(process.execPath);
  return {
    PATH: [nodeDir, process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(path.delimiter),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    TMPDIR: process.env.TMPDIR ?? os.tmpdir(),
  };
}

/**
 * Copy the plugin (the repository's tracked and untracked-but-not-ignored files) into dest, so
 * host installs never write into the checkout.
 */
export function copyRepo(dest: string, from: string = REPO_ROOT): string {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: from, encoding: 'utf8' });
  for (const rel of listed.split('\0').filter(Boolean)) {
    if (rel === 'node_modules' || rel.startsWith('node_modules/')) continue;
    const src = path.join(from, rel);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(src);
    } catch {
      continue; // deleted in the working tree
    }
    if (!st.isFile() && !st.isSymbolicLink()) continue;
    const target = path.join(dest, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(src, target);
    fs.chmodSync(target, st.mode & 0o777);
  }
  return dest;
}
