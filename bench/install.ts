// Install cost: `maestro install --target all` into a fresh project, the re-run (must write nothing),
// and `maestro uninstall` (must leave the project byte-identical). Median wall time of whole processes.
// Run: node --import tsx bench/install.ts (RUNS=n to change the sample count).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'dist/maestro.cjs');
const runs = Number(process.env.RUNS ?? 15);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-bench-install-'));
const env = {
  PATH: process.env.PATH,
  HOME: path.join(tmp, 'home'),
  XDG_CONFIG_HOME: path.join(tmp, 'c'),
  XDG_STATE_HOME: path.join(tmp, 's'),
  XDG_CACHE_HOME: path.join(tmp, 'k'),
  XDG_DATA_HOME: path.join(tmp, 'd'),
};
fs.mkdirSync(env.HOME, { recursive: true });

function time(argv: string[], cwd: string): { ms: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { cwd, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function digest(dir: string): string {
  const h = crypto.createHash('sha256');
  const walk = (d: string): void => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      const st = fs.lstatSync(p);
      h.update(`${path.relative(dir, p)}:${st.mode}\n`);
      if (st.isDirectory()) walk(p);
      else h.update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const samples = { bare: [] as number[], install: [] as number[], rerun: [] as number[], uninstall: [] as number[] };
let filesInstalled = 0;
for (let i = 0; i <= runs; i++) {
  const project = path.join(tmp, `p${i}`);
  fs.mkdirSync(path.join(project, 'src'), { recursive: true });
  fs.writeFileSync(path.join(project, 'AGENTS.md'), '# Team rules\n\nRun the tests.\n');
  fs.writeFileSync(path.join(project, 'src/index.ts'), 'export {};\n');
  const before = digest(project);
  const bare = time(['-e', ''], project).ms;
  const install = time([bin, 'install', '--target', 'all', '--json'], project);
  const rerun = time([bin, 'install', '--target', 'all', '--json'], project);
  const un = time([bin, 'uninstall'], project).ms;
  const steps = (JSON.parse(rerun.stdout) as { steps: Array<{ action: string }> }).steps;
  if (steps.some((s) => s.action !== 'unchanged')) throw new Error('re-run planned writes');
  if (digest(project) !== before) throw new Error('uninstall did not restore the project byte-for-byte');
  filesInstalled = (JSON.parse(install.stdout) as { steps: unknown[] }).steps.length;
  if (i === 0) continue; // warm-up
  samples.bare.push(bare);
  samples.install.push(install.ms);
  samples.rerun.push(rerun.ms);
  samples.uninstall.push(un);
}
fs.rmSync(tmp, { recursive: true, force: true });

console.log(`node ${process.version}, ${os.cpus().length} cores, ${runs} runs, ${filesInstalled} paths per install (--target all)\n`);
console.log('| case | median ms | min ms |');
console.log('|---|---:|---:|');
const rows: Array<[string, number[]]> = [
  ["bare `node -e ''`", samples.bare],
  ['`maestro install --target all` (fresh project)', samples.install],
  ['re-run (0 files written)', samples.rerun],
  ['`maestro uninstall` (byte-identical after)', samples.uninstall],
];
for (const [name, xs] of rows) console.log(`| ${name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)} |`);
