// Process-level checks of the built CLI: what a user typing `maestro …` sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, sandbox } from '../../helpers/env';

function maestro(args: string[], env: Record<string, string>, cwd?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, cwd, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };

test('--version prints the package version', () => {
  const { env } = sandbox();
  const r = maestro(['--version'], env);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), pkg.version);
});

test('unknown command, flag and value: one line naming it, exit 2', () => {
  const { env } = sandbox();
  for (const [args, needle] of [
    [['bogus'], "'bogus'"],
    [['doctor', '--bogus'], "'--bogus'"],
    [['doctor', 'extra-arg'], "'doctor'"],
    [['doctor', '--scope', '../x'], '../x'],
  ] as const) {
    const r = maestro([...args], env);
    assert.equal(r.code, 2, `${args.join(' ')} -> ${r.code} ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(r.stderr.includes(needle), r.stderr);
    assert.equal(r.stdout, '');
  }
});

test('--help works on the program and every command, exit 0', () => {
  const { env } = sandbox();
  const top = maestro(['--help'], env);
  assert.equal(top.code, 0);
  const commands = [...top.stdout.matchAll(/^\s{2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  assert.ok(commands.includes('doctor'));
  for (const c of commands) {
    const r = maestro([c, '--help'], env);
    assert.equal(r.code, 0, `${c} --help`);
    assert.match(r.stdout, new RegExp(`Usage: maestro ${c}`));
  }
});

test('--help on a command runs nothing: no dirs, no files appear', () => {
  const sb = sandbox();
  const before = fs.readdirSync(sb.root).sort();
  for (const c of ['doctor', 'install', 'uninstall', 'frontier', 'settings']) maestro([c, '--help'], sb.env, sb.root);
  assert.deepEqual(fs.readdirSync(sb.root).sort(), before);
});
