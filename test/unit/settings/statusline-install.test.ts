// maestro statusline install / uninstall: a reversible change to Claude Code's settings.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'maestro.cjs');

function sandbox() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro sl '));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, 'c'), XDG_STATE_HOME: path.join(home, 's'), XDG_CACHE_HOME: path.join(home, 'k') };
  const settings = path.join(home, '.claude', 'settings.json');
  return { home, env, settings };
}
const maestro = (env: NodeJS.ProcessEnv, ...a: string[]) => spawnSync(process.execPath, [cli, ...a], { env, encoding: 'utf8' });

test('install points the status line at a copied script (home with spaces) and uninstall restores the old one', () => {
  const { home, env, settings } = sandbox();
  fs.mkdirSync(path.dirname(settings), { recursive: true });
  const before = { model: 'opus', statusLine: { type: 'command', command: 'echo old' } };
  fs.writeFileSync(settings, JSON.stringify(before));
  const r = maestro(env, 'statusline', 'install');
  assert.equal(r.status, 0, r.stderr);
  const after = JSON.parse(fs.readFileSync(settings, 'utf8'));
  assert.equal(after.model, 'opus');
  const script = path.join(home, '.claude', 'statusline', 'context-bar.mjs');
  assert.equal(after.statusLine.command, `node "${script}"`);
  // The configured command really runs the bar (sh handles the quoted path with spaces).
  const run = spawnSync('sh', ['-c', after.statusLine.command], { input: '{"cwd":"/p/q"}', env, encoding: 'utf8' });
  assert.match(run.stdout.replace(/\x1b\[[0-9;]*m/g, ''), /0% 0\/200k · q/);
  assert.match(maestro(env, 'statusline', 'install').stdout, /already/);
  assert.match(maestro(env, 'statusline').stdout, /^statusline installed/);
  // The settings CLI now finds the bar's dir from settings.json.
  maestro(env, 'context-bar', 'off');
  assert.ok(fs.existsSync(path.join(path.dirname(script), '.context-bar-disabled')));
  assert.equal(maestro(env, 'statusline', 'uninstall').status, 0);
  assert.deepEqual(JSON.parse(fs.readFileSync(settings, 'utf8')), before);
  assert.deepEqual(fs.readdirSync(path.dirname(script)), []);
});

test('uninstall leaves a status line the user changed meanwhile; install refuses a malformed settings.json', () => {
  const { env, settings } = sandbox();
  assert.equal(maestro(env, 'statusline', 'install').status, 0);
  const mine = { statusLine: { type: 'command', command: 'my-own-bar' } };
  fs.writeFileSync(settings, JSON.stringify(mine));
  const r = maestro(env, 'statusline', 'uninstall');
  assert.match(r.stdout, /left settings.json as it is/);
  assert.deepEqual(JSON.parse(fs.readFileSync(settings, 'utf8')), mine);
  fs.writeFileSync(settings, '{oops');
  const bad = maestro(env, 'statusline', 'install');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /refusing to change/);
  assert.equal(fs.readFileSync(settings, 'utf8'), '{oops');
});

test('with no previous status line, uninstall removes the key it added', () => {
  const { env, settings } = sandbox();
  maestro(env, 'statusline', 'install');
  maestro(env, 'statusline', 'uninstall');
  assert.deepEqual(JSON.parse(fs.readFileSync(settings, 'utf8')), {});
});
