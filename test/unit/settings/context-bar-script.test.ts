// statusline/context-bar.mjs: numbers, window size, colour thresholds, badges, the off switch, robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as bar from '../../../statusline/context-bar.mjs';

const root = path.resolve(__dirname, '../../..');
const script = path.join(root, 'statusline', 'context-bar.mjs');
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

function home(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-bar-'));
}

function run(input: unknown, h: string, opts: { script?: string; env?: Record<string, string> } = {}): string {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: h, XDG_CONFIG_HOME: path.join(h, 'c'), XDG_STATE_HOME: path.join(h, 's'), ...opts.env };
  const r = spawnSync(process.execPath, [opts.script ?? script], { input: typeof input === 'string' ? input : JSON.stringify(input), env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout.replace(/\n$/, '');
}

const usage = (n: number) => ({ context_window: { current_usage: { input_tokens: n } } });

test('token counts format as raw, rounded k, and M with a dropped .0', () => {
  assert.equal(bar.formatTokens(999), '999');
  assert.equal(bar.formatTokens(1000), '1k');
  assert.equal(bar.formatTokens(1499), '1k');
  assert.equal(bar.formatTokens(1500), '2k');
  assert.equal(bar.formatTokens(200000), '200k');
  assert.equal(bar.formatTokens(1000000), '1M');
  assert.equal(bar.formatTokens(1500000), '1.5M');
});

test('window size: host value first, then 1M model ids, else 200k; a stray "1m" inside a word does not count', () => {
  assert.equal(bar.windowSize({ context_window: { context_window_size: 500000 }, model: { id: 'claude-opus-4-7' } }), 500000);
  assert.equal(bar.windowSize({ model: { id: 'claude-sonnet-4-5[1m]' } }), 1000000);
  assert.equal(bar.windowSize({ model: { id: 'claude-opus-4-7' } }), 1000000);
  assert.equal(bar.windowSize({ model: { id: 'fable-5' } }), 1000000);
  assert.equal(bar.windowSize({ model: { id: 'claude-sonnet-4-5' } }), 200000);
  assert.equal(bar.windowSize({ model: { id: 'gpt-1mini' } }), 200000);
  assert.equal(bar.windowSize({}), 200000);
});

test('colour turns yellow at 60% and red at 85%', () => {
  const colourAt = (used: number) => (bar.renderBar(used, 200000) as string).slice(0, 5);
  assert.equal(colourAt(119999), bar.GREEN); // 59%
  assert.equal(colourAt(120000), bar.YELLOW); // 60%
  assert.equal(colourAt(169999), bar.YELLOW); // 84%
  assert.equal(colourAt(170000), bar.RED); // 85%
});

test('the bar has 20 cells, clamps at 100%, and shows used/cap', () => {
  const h = home();
  const half = strip(run({ ...usage(100000), workspace: { current_dir: '/x/proj' } }, h));
  assert.equal(half, '██████████░░░░░░░░░░ 50% 100k/200k · proj');
  const over = strip(run({ ...usage(300000), cwd: '/x/proj' }, h));
  assert.ok(over.startsWith('████████████████████ 100% 300k/200k'), over);
});

test('used tokens come from the newest assistant usage in the transcript tail', () => {
  const h = home();
  const t = path.join(h, 'session log.jsonl');
  const lines = [
    { type: 'assistant', message: { usage: { input_tokens: 5, output_tokens: 5 } } },
    { type: 'user', message: { content: 'hi' } },
    { type: 'assistant', message: { usage: { input_tokens: 1000, cache_read_input_tokens: 20000, cache_creation_input_tokens: 3000, output_tokens: 1000 } } },
    { type: 'user', message: { content: 'next' } },
  ];
  fs.writeFileSync(t, lines.map((l) => JSON.stringify(l)).join('\n') + '\n{torn');
  const out = strip(run({ transcript_path: t, cwd: '/a/b c' }, h));
  assert.ok(out.includes(' 12% 25k/200k · b c'), out);
});

test('a script dir with spaces and the disabled flag: folder and badges only', () => {
  const h = home();
  const dir = path.join(h, 'status line dir');
  fs.mkdirSync(dir);
  const copy = path.join(dir, 'context-bar.mjs');
  fs.copyFileSync(script, copy);
  assert.ok(strip(run(usage(1000), h, { script: copy })).includes('%'));
  fs.writeFileSync(path.join(dir, '.context-bar-disabled'), '');
  assert.equal(strip(run({ ...usage(1000), cwd: '/w/my app' }, h, { script: copy })), 'my app');
});

test('terse badge shows a whitelisted level; junk is ignored', () => {
  const h = home();
  assert.ok(strip(run({ cwd: '/p' }, h, { env: { MAESTRO_TERSE_LEVEL: 'ultra' } })).endsWith('p ULTRA'));
  fs.mkdirSync(path.join(h, 'c', 'maestro'), { recursive: true });
  fs.writeFileSync(path.join(h, 'c', 'maestro', 'config.json'), JSON.stringify({ terseLevel: 'lite' }));
  assert.ok(strip(run({ cwd: '/p' }, h)).endsWith('p LITE'));
  fs.mkdirSync(path.join(h, 's', 'maestro', 'sessions', 'abc'), { recursive: true });
  fs.writeFileSync(path.join(h, 's', 'maestro', 'sessions', 'abc', 'terse-level'), 'off');
  assert.ok(strip(run({ cwd: '/p', session_id: 'abc' }, h)).endsWith(' p'), 'a session switched off hides the badge');
  fs.writeFileSync(path.join(h, 's', 'maestro', 'sessions', 'abc', 'terse-level'), '$(rm -rf)');
  assert.ok(strip(run({ cwd: '/p', session_id: 'abc' }, h)).endsWith('p LITE'));
});

test('Frontier badge for the workspace scope, and live progress while fresh', () => {
  const h = home();
  const proj = path.join(h, 'repo with space');
  fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
  const scope = `cc-${crypto.createHash('sha256').update(proj).digest('hex').slice(0, 8)}`;
  const cfg = path.join(h, 'c', 'maestro');
  fs.mkdirSync(cfg, { recursive: true });
  fs.writeFileSync(path.join(cfg, `frontier-state.${scope}.json`), JSON.stringify({ mode: 'fusion', preset: 'frontier-trio' }));
  assert.ok(strip(run({ cwd: path.join(proj) }, h)).endsWith('repo with space ƒO+C+G'));
  fs.writeFileSync(path.join(cfg, `frontier-state.${scope}.json`), JSON.stringify({ mode: 'fusion', preset: 'custom', models: ['opus', 'x-1', 'y'] }));
  assert.ok(strip(run({ cwd: proj }, h)).endsWith('ƒ✦3'));
  const now = Date.now();
  fs.writeFileSync(path.join(cfg, `frontier-progress.${scope}.json`), JSON.stringify({ phase: 'panel', done: 1, total: 3, ts: now, startedAt: now - 12000 }));
  assert.match(strip(run({ cwd: proj }, h)), /◆ panel 1\/3 1[23]s$/);
  fs.writeFileSync(path.join(cfg, `frontier-progress.${scope}.json`), JSON.stringify({ phase: 'panel', done: 1, total: 3, ts: now - 400000 }));
  assert.ok(strip(run({ cwd: proj }, h)).endsWith('ƒ✦3'), 'stale progress must fall back to the badge');
});

test('garbage, empty or non-object stdin still prints a line and exits 0', () => {
  const h = home();
  for (const input of ['', 'not json', '[1,2]', 'null', '{"transcript_path": 42, "model": "x"}']) {
    assert.ok(strip(run(input, h)).includes('0/200k'));
  }
});
