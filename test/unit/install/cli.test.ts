// The installer as a user runs it: `node dist/maestro.cjs install|uninstall …` (rebuild first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sandbox, snapshot, type Sandbox } from './helpers';

const BIN = path.resolve(__dirname, '../../../dist/maestro.cjs');

function run(sb: Sandbox, args: string[], cwd = sb.project): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: sb.env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('install --help prints help and installs nothing', () => {
  const sb = sandbox({}, ['.cursor']);
  const before = snapshot(sb.project);
  for (const args of [['install', '--help'], ['install', '-h'], ['help', 'install'], ['uninstall', '--help']]) {
    const r = run(sb, args);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--target/);
  }
  assert.deepEqual(snapshot(sb.project), before);
});

test('unknown flags, targets and conflicting flags: one line, exit 2, nothing written', () => {
  const sb = sandbox({}, ['.cursor']);
  const before = snapshot(sb.project);
  for (const args of [
    ['install', '--targt', 'cursor'],
    ['install', '--target', 'vim'],
    ['install', '--doctrine-only', '--engine-only'],
    ['install', '--global', '--project', '.'],
    ['uninstall', '--target', 'auto'],
  ]) {
    const r = run(sb, args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  }
  assert.deepEqual(snapshot(sb.project), before);
});

test('running in the home folder without --global is refused with exit 2', () => {
  const sb = sandbox();
  fs.mkdirSync(path.join(sb.home, '.cursor'));
  const r = run(sb, ['install'], sb.home);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /home folder/);
  assert.deepEqual(fs.readdirSync(sb.home), ['.cursor']);
});

test('auto install through the bundle, re-run unchanged, uninstall byte-identical', () => {
  const sb = sandbox({ 'AGENTS.md': '# ours\r\n' }, ['.gemini', '.windsurf']);
  const before = snapshot(sb.project);
  const r1 = run(sb, ['install']);
  assert.equal(r1.code, 0, r1.stderr);
  assert.match(r1.stdout, /auto: found \.gemini -> gemini, \.windsurf -> windsurf/);
  assert.ok(fs.existsSync(path.join(sb.project, '.gemini/commands/maestro/frontier.toml')));
  // The installed engine runs.
  const v = spawnSync(process.execPath, [path.join(sb.project, '.maestro/bin/maestro.cjs'), '--version'], { env: sb.env, encoding: 'utf8' });
  assert.equal(v.status, 0);
  const r2 = run(sb, ['install', '--json']);
  const plan = JSON.parse(r2.stdout) as { steps: Array<{ action: string }> };
  assert.ok(plan.steps.length > 0 && plan.steps.every((s) => s.action === 'unchanged'));
  const r3 = run(sb, ['uninstall', '--dry-run']);
  assert.equal(r3.code, 0);
  assert.match(r3.stdout, /dry run: nothing removed/);
  assert.notDeepEqual(snapshot(sb.project), before);
  const r4 = run(sb, ['uninstall']);
  assert.equal(r4.code, 0, r4.stderr);
  assert.deepEqual(snapshot(sb.project), before);
});

test('a read-only folder: one clear error, exit 1, nothing half-written (as an unprivileged user)', () => {
  const sb = sandbox({ 'AGENTS.md': '# mine\n' }, ['.cursor/rules']);
  // Root ignores folder permissions, and CI runs as root: run the installer as `nobody` then.
  const asRoot = process.getuid?.() === 0;
  const nobody = 65534;
  let bin = BIN;
  if (asRoot) {
    // A package copy nobody can read, wherever the checkout lives.
    const pkg = path.join(sb.base, 'pkg');
    for (const p of ['package.json', 'dist/maestro.cjs', 'AGENTS.md', 'CLAUDE.md', 'GEMINI.md', 'docs', 'integrations', 'skills']) {
      fs.cpSync(path.resolve(BIN, '../..', p), path.join(pkg, p), { recursive: true });
    }
    bin = path.join(pkg, 'dist', 'maestro.cjs');
    fs.chmodSync(sb.base, 0o755);
    for (const p of [sb.base, ...(fs.readdirSync(sb.base, { recursive: true }) as string[]).map((r) => path.join(sb.base, r))]) fs.chownSync(p, nobody, nobody);
  }
  fs.chmodSync(path.join(sb.project, '.cursor/rules'), 0o500);
  const before = snapshot(sb.project);
  try {
    const r = spawnSync(process.execPath, [bin, 'install', '--target', 'cursor'], {
      cwd: sb.project,
      env: sb.env,
      encoding: 'utf8',
      ...(asRoot ? { uid: nobody, gid: nobody } : {}),
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /EACCES/);
    assert.match(r.stderr, /undone/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.deepEqual(snapshot(sb.project), before);
  } finally {
    fs.chmodSync(path.join(sb.project, '.cursor/rules'), 0o755);
  }
});
