// maestro settings / terse / context-bar as a user runs them (dist/maestro.cjs), plus what other parts
// of Maestro read back: config.json through settings/store.ts and the Frontier state through frontier/state.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { snapshot } from '../../../settings/store';
import { readState } from '../../../frontier/state';
import { parseFrontierChoice, validateFrontierChoice, stateFromChoice } from '../../../settings/frontier-choice';
import { splitCommand, scriptFromCommand } from '../../../settings/context-bar';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'maestro.cjs');

function sandbox(): { home: string; env: NodeJS.ProcessEnv } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-settings-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, 'c'), XDG_STATE_HOME: path.join(home, 's'), XDG_CACHE_HOME: path.join(home, 'k') };
  return { home, env };
}

function maestro(env: NodeJS.ProcessEnv, ...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', cwd: env.HOME });
}

const cfg = (env: NodeJS.ProcessEnv) => path.join(env.XDG_CONFIG_HOME!, 'maestro', 'config.json');

test('set then status: the hooks\' snapshot sees every change, defaults delete their key', () => {
  const { env } = sandbox();
  assert.equal(maestro(env, 'settings', 'set', 'verify', 'block').stdout, 'set verify = block\n');
  assert.equal(maestro(env, 'settings', 'set', 'discipline', 'off').status, 0);
  assert.equal(maestro(env, 'terse', 'ultra').stdout, 'set terse = ultra\n');
  let s = snapshot(env);
  assert.deepEqual([s.verify, s.discipline, s.terse], [{ mode: 'block', source: 'config' }, { enabled: false, source: 'config' }, { level: 'ultra', source: 'config' }]);
  maestro(env, 'settings', 'set', 'verify', 'warn');
  maestro(env, 'settings', 'set', 'discipline', 'on');
  maestro(env, 'settings', 'set', 'terse', 'off');
  assert.deepEqual(JSON.parse(fs.readFileSync(cfg(env), 'utf8')), {});
  s = snapshot(env);
  assert.equal(s.verify.source, 'default');
  const status = maestro(env, 'settings', 'status').stdout;
  for (const row of [/terse\s+off \(source: default\)/, /frontier\s+off/, /context-bar\s+on/, /discipline\s+on \(source: default\)/, /verify\s+warn \(source: default\)/]) assert.match(status, row);
});

test('unknown keys and values: one line naming the valid choices, exit 2, nothing written', () => {
  const { env } = sandbox();
  for (const [args, re] of [
    [['settings', 'set', 'colour', 'red'], /unknown setting "colour"; valid keys: terse, frontier, context-bar, discipline, verify/],
    [['settings', 'set', 'terse', 'max'], /valid: off, lite, full, ultra/],
    [['settings', 'set', 'verify', 'strict'], /valid: off, warn, block/],
    [['settings', 'set', 'discipline', 'maybe'], /valid: on, off/],
    [['settings', 'set', 'context-bar', 'dim'], /valid: on, off/],
    [['settings', 'set', 'frontier', 'turbo'], /use off, single:<model> or fusion:<preset>/],
    [['settings', 'set', 'frontier', 'fusion:custom'], /needs --models/],
    [['settings', 'set', 'frontier', 'fusion:custom', '--models', 'a,b,c,d,e,f,g,h,i'], /at most 8/],
    [['settings', 'set', 'terse', 'full', '--judge', 'opus'], /only apply to the frontier/],
    [['settings', 'set', 'verify'], /needs a key and a value/],
    [['terse', 'loud'], /valid: off, lite, full, ultra/],
  ] as Array<[string[], RegExp]>) {
    const r = maestro(env, ...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
  assert.equal(fs.existsSync(path.join(env.XDG_CONFIG_HOME!, 'maestro')), false);
});

test('a malformed config.json is refused, not overwritten', () => {
  const { env } = sandbox();
  fs.mkdirSync(path.dirname(cfg(env)), { recursive: true });
  fs.writeFileSync(cfg(env), '{"verifyGate": "block",');
  const r = maestro(env, 'settings', 'set', 'terse', 'lite');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /refusing to overwrite .*config\.json/);
  assert.equal(fs.readFileSync(cfg(env), 'utf8'), '{"verifyGate": "block",');
  assert.match(maestro(env, 'settings', 'status').stdout, /WARNING: config unusable/);
});

test('env overrides are reported in status and warned about on set', () => {
  const { env } = sandbox();
  const e = { ...env, MAESTRO_VERIFY_GATE: 'off', MAESTRO_TERSE_LEVEL: 'lite' };
  const set = maestro(e, 'settings', 'set', 'verify', 'block');
  assert.equal(set.status, 0);
  assert.match(set.stdout, /^set verify = block\nWARNING: MAESTRO_VERIFY_GATE=off overrides this setting until it is unset\n$/);
  const st = JSON.parse(maestro(e, 'settings', 'status', '--json').stdout);
  assert.deepEqual(st.verify, { mode: 'off', source: 'env', envOverride: 'MAESTRO_VERIFY_GATE' });
  assert.equal(st.terse.level, 'lite');
  assert.match(maestro(e, 'settings', 'status').stdout, /verify\s+off \(source: env\) \[MAESTRO_VERIFY_GATE overrides the config\]/);
});

test('frontier choices land in the scope\'s state file the engine reads, keeping unrelated keys', () => {
  const { env } = sandbox();
  assert.equal(maestro(env, 'settings', 'set', 'frontier', 'single:opus', '--scope', 'demo').status, 0);
  assert.deepEqual(readState('demo', env).state, { mode: 'single', model: 'opus' });
  const file = readState('demo', env).file;
  fs.writeFileSync(file, JSON.stringify({ mode: 'single', model: 'opus', runBudgetMs: 90000 }));
  const r = maestro(env, 'settings', 'set', 'frontier', 'fusion:custom', '--models', 'opus,gpt-5.5', '--judge', 'opus', '--synth', 'gpt-5.5', '--scope', 'demo');
  assert.equal(r.stdout, 'set frontier = fusion:custom [opus,gpt-5.5] judge=opus synth=gpt-5.5 (scope: demo)\n');
  assert.deepEqual(readState('demo', env).state, { runBudgetMs: 90000, mode: 'fusion', preset: 'custom', models: ['opus', 'gpt-5.5'], judgeModel: 'opus', synthModel: 'gpt-5.5' });
  maestro(env, 'settings', 'set', 'frontier', 'off', '--scope', 'demo');
  assert.deepEqual(readState('demo', env).state, { runBudgetMs: 90000, mode: 'off' });
  assert.equal(readState('default', env).state.mode, 'off', 'another scope must not change');
});

test('validateFrontierChoice checks syntax alone, and the catalog when one is given', () => {
  assert.equal(validateFrontierChoice(parseFrontierChoice('single:claude/opus-4:1m')), null);
  assert.match(validateFrontierChoice(parseFrontierChoice('single:-x')) ?? '', /not a valid model id/);
  assert.match(validateFrontierChoice(parseFrontierChoice('fusion:Bad Name')) ?? '', /not a valid preset/);
  assert.match(validateFrontierChoice(parseFrontierChoice('fusion:custom', { models: 'opus' })) ?? '', /at least 2/);
  assert.match(validateFrontierChoice(parseFrontierChoice('fusion:opus-gpt', { models: 'a,b' })) ?? '', /only applies to fusion:custom/);
  const catalog = { models: ['opus', 'gpt-5.5'], presets: ['opus-gpt'] };
  assert.equal(validateFrontierChoice(parseFrontierChoice('fusion:opus-gpt', { judge: 'opus' }), catalog), null);
  assert.match(validateFrontierChoice(parseFrontierChoice('fusion:nope'), catalog) ?? '', /unknown preset nope; known: opus-gpt, custom/);
  assert.match(validateFrontierChoice(parseFrontierChoice('single:gemini'), catalog) ?? '', /unknown model gemini; known: opus, gpt-5.5/);
  assert.deepEqual(stateFromChoice(parseFrontierChoice('OFF'), { mode: 'single', model: 'x' }), { mode: 'off' });
});

test('context-bar off/on toggles the flag next to the script the status line runs, even in a dir with spaces', () => {
  const { home, env } = sandbox();
  const dir = path.join(home, 'my tools', 'status line');
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(home, '.claude'));
  fs.writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({ statusLine: { type: 'command', command: `node "${dir}/context-bar.mjs"` } }));
  const off = maestro(env, 'context-bar', 'off');
  assert.equal(off.stdout, 'set context-bar = off\n');
  assert.ok(fs.existsSync(path.join(dir, '.context-bar-disabled')));
  assert.match(maestro(env, 'context-bar').stdout, /^context-bar off \(.*my tools\/status line\)\n$/);
  maestro(env, 'settings', 'set', 'bar', 'on');
  assert.equal(fs.existsSync(path.join(dir, '.context-bar-disabled')), false);
  const st = JSON.parse(maestro(env, 'settings', 'status', '--json').stdout);
  assert.deepEqual(st.contextBar, { enabled: true, dir, flagPath: path.join(dir, '.context-bar-disabled'), scriptConfirmed: true, resolved: 'statusLine' });
});

test('without a context-bar status line the default dir is used and the user is warned', () => {
  const { home, env } = sandbox();
  const r = maestro(env, 'settings', 'set', 'context-bar', 'off');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /WARNING: the Claude Code status line is not the Maestro context bar/);
  assert.ok(fs.existsSync(path.join(home, '.claude', 'statusline', '.context-bar-disabled')));
});

test('status-line commands split like a shell: quotes, escapes, ~', () => {
  assert.deepEqual(splitCommand(`node "/a b/context-bar.mjs" --x 'y z' c\\ d`), ['node', '/a b/context-bar.mjs', '--x', 'y z', 'c d']);
  assert.deepEqual(scriptFromCommand('bash ~/.claude/statusline/context-bar.sh', { HOME: '/h' }), { file: '/h/.claude/statusline/context-bar.sh', confirmed: true });
  assert.deepEqual(scriptFromCommand('node /opt/bar.js', { HOME: '/h' }), { file: '/opt/bar.js', confirmed: false });
});

test('list and help name every key and value', () => {
  const { env } = sandbox();
  const list = JSON.parse(maestro(env, 'settings', 'list', '--json').stdout);
  assert.deepEqual(Object.keys(list), ['terse', 'frontier', 'context-bar', 'discipline', 'verify']);
  const help = maestro(env, 'settings', 'help').stdout;
  for (const k of ['terse', 'frontier', 'context-bar', 'discipline', 'verify', 'off | warn | block']) assert.ok(help.includes(k));
});
