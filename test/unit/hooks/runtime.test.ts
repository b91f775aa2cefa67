import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { rotateIfLarge, runHook } from '../../../hooks/runtime';
import { render } from '../../../hooks/render';
import { pruneSessions } from '../../../hooks/session';
import { readLedger, currentTurn, appendLedger, readTurn } from '../../../hooks/ledger';
import { readTailLines } from '../../../hooks/tail';
import { claude, hermeticEnv, project, sessionPath, stateDir, tmpDir } from './helpers';
import type { Guard } from '../../../hooks/types';
import { GUARDS } from '../../../hooks/guards';

const blocker = (marker: string | undefined): Guard => ({
  name: 'blocker',
  events: ['Stop'],
  enforcement: false,
  run: () => [{ kind: 'block', reason: 'R', onceMarker: marker }],
});

test('runtime: a block is delivered once; a seen marker is silent; no or unwritable marker degrades to context', async () => {
  const home = tmpDir();
  const cwd = project(home);
  const env = hermeticEnv(home);
  const p = claude('Stop', 's', cwd, { stop_hook_active: false });
  const marker = path.join(home, 'm', 'once');
  assert.deepEqual(await runHook({ argvEvent: 'Stop', payload: p, env, cwd, guards: [blocker(marker)] }), { decision: 'block', reason: 'R' });
  assert.equal(await runHook({ argvEvent: 'Stop', payload: p, env, cwd, guards: [blocker(marker)] }), undefined);
  const ctx = { hookSpecificOutput: { hookEventName: 'Stop', additionalContext: 'R' } };
  assert.deepEqual(await runHook({ argvEvent: 'Stop', payload: p, env, cwd, guards: [blocker(undefined)] }), ctx);
  fs.writeFileSync(path.join(home, 'file'), '');
  assert.deepEqual(await runHook({ argvEvent: 'Stop', payload: p, env, cwd, guards: [blocker(path.join(home, 'file', 'x'))] }), ctx);
});

test('runtime: a throwing guard does not silence the others', async () => {
  const home = tmpDir();
  const cwd = project(home);
  const boom: Guard = { name: 'boom', events: ['UserPromptSubmit'], enforcement: false, run: () => { throw new Error('x'); } };
  const ok: Guard = { name: 'ok', events: ['UserPromptSubmit'], enforcement: false, run: () => [{ kind: 'context', text: 'fine' }] };
  const out = await runHook({ argvEvent: 'UserPromptSubmit', payload: claude('UserPromptSubmit', 's', cwd, { prompt: 'x' }), env: hermeticEnv(home), cwd, guards: [boom, ok] });
  assert.deepEqual(out, { hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'fine' } });
});

test('render: per-host shapes; SessionEnd and context-less events print nothing', () => {
  const m = (o: Partial<{ context: string[]; deny: string[]; block: string[] }>) => ({ context: [], deny: [], block: [], ...o });
  assert.deepEqual(render('Stop', 'codex', m({ context: ['c'] })), { systemMessage: 'c' });
  assert.deepEqual(render('Stop', 'claude', m({ context: ['c'] })), { hookSpecificOutput: { hookEventName: 'Stop', additionalContext: 'c' } });
  assert.deepEqual(render('Stop', 'codex', m({ block: ['b'], context: ['c'] })), { decision: 'block', reason: 'b\n\nc' });
  assert.equal(render('SessionEnd', 'claude', m({ context: ['c'] })), undefined);
  assert.equal(render('PreToolUse', 'claude', m({ context: ['c'] })), undefined);
  assert.deepEqual(render('PreToolUse', 'claude', m({ deny: ['d'] })), { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'd' } });
});

test('ledger: turn view starts at the last prompt; torn lines are skipped', () => {
  const home = tmpDir();
  const dir = sessionPath(home, 's');
  appendLedger(dir, { t: 'turn', id: 'a', ts: 1 });
  appendLedger(dir, { t: 'tool', n: 'Edit', k: 'edit', w: 1, p: ['/x'], ts: 2 });
  fs.appendFileSync(path.join(dir, 'ledger.jsonl'), '{"t":"tool","n":\n');
  appendLedger(dir, { t: 'turn', id: 'b', ts: 3 });
  appendLedger(dir, { t: 'tool', n: 'Bash', k: 'shell', c: 1, ts: 4 });
  const turn = currentTurn(readLedger(dir));
  assert.equal(turn.id, 'b');
  assert.deepEqual(turn.tools.map((t) => t.n), ['Bash']);
});

test('tail reads are bounded and line-aligned (20 MB file, 1 MB window)', () => {
  const home = tmpDir();
  const file = path.join(home, 'big.jsonl');
  const line = JSON.stringify({ n: 'x'.repeat(1000) }) + '\n';
  fs.writeFileSync(file, line.repeat(20 * 1024));
  const t0 = process.hrtime.bigint();
  const lines = readTailLines(file, 1024 * 1024);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const fit = Math.floor((1024 * 1024) / line.length);
  assert.ok(lines.length >= fit - 1 && lines.length <= fit, `${lines.length} lines`);
  assert.ok(lines.every((l) => l === line.trimEnd()), 'no partial first line');
  assert.ok(ms < 200, `took ${ms} ms`);
  assert.deepEqual(readTailLines(path.join(home, 'missing'), 10), []);
});

test('pruneSessions: removes session dirs idle past the age limit, keeps live ones, at most hourly', () => {
  const home = tmpDir();
  const state = stateDir(home);
  const oldDir = path.join(state, 'sessions', 'old');
  const liveDir = path.join(state, 'sessions', 'live');
  fs.mkdirSync(oldDir, { recursive: true });
  fs.mkdirSync(liveDir, { recursive: true });
  fs.writeFileSync(path.join(oldDir, 'ledger.jsonl'), '');
  fs.writeFileSync(path.join(liveDir, 'ledger.jsonl'), '');
  const now = Date.now();
  const old = new Date(now - 10 * 24 * 3600 * 1000);
  fs.utimesSync(path.join(oldDir, 'ledger.jsonl'), old, old);
  fs.utimesSync(oldDir, old, old);
  assert.equal(pruneSessions(state, now), 1);
  assert.equal(fs.existsSync(oldDir), false);
  assert.equal(fs.existsSync(liveDir), true);
  fs.mkdirSync(oldDir);
  fs.utimesSync(oldDir, old, old);
  assert.equal(pruneSessions(state, now + 1000), 0, 'stamp: not again within the hour');
  assert.equal(pruneSessions(path.join(home, 'nothing-here'), now), 0);
});

test('logs rotate past 1 MB, keeping one previous generation', () => {
  const home = tmpDir();
  const log = path.join(home, 'x.jsonl');
  fs.writeFileSync(log, 'a'.repeat(2 * 1024 * 1024));
  rotateIfLarge(log);
  assert.equal(fs.existsSync(log), false);
  assert.equal(fs.statSync(`${log}.1`).size, 2 * 1024 * 1024);
  fs.writeFileSync(log, 'small');
  rotateIfLarge(log);
  assert.equal(fs.readFileSync(log, 'utf8'), 'small');
});

test('readTurn: a turn longer than the small first read is still read whole', () => {
  const home = tmpDir();
  const dir = sessionPath(home, 's');
  appendLedger(dir, { t: 'turn', id: 'old', ts: 0 });
  appendLedger(dir, { t: 'turn', id: 'long', ts: 1 });
  for (let k = 0; k < 1500; k++) appendLedger(dir, { t: 'tool', n: 'Grep', k: 'other', ts: k });
  assert.ok(fs.statSync(path.join(dir, 'ledger.jsonl')).size > 32 * 1024);
  const turn = readTurn(dir);
  assert.equal(turn.id, 'long');
  assert.equal(turn.tools.length, 1500);
  assert.deepEqual(readTurn(undefined), { id: '', tools: [] });
});

test('each per-event hook bundle gets exactly the guards that declare its event', () => {
  // guards/index.ts spells the events out per guard so esbuild can drop the others from each bundle.
  const src = fs.readFileSync(path.join(__dirname, '../../../hooks/guards/index.ts'), 'utf8');
  const rows = [...src.matchAll(/^\s*\.\.\.\(typeof MAESTRO_HOOK_EVENT !== 'string' \|\| (.+) \? \[(\w+)\] : \[\]\),$/gm)];
  const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  assert.deepEqual(rows.map((r) => kebab(r[2]!)), GUARDS.map((g) => g.name), 'one row per guard, in order');
  for (const [i, r] of rows.entries()) {
    const events = [...r[1]!.matchAll(/MAESTRO_HOOK_EVENT === '(\w+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(events, [...GUARDS[i]!.events].sort(), GUARDS[i]!.name);
  }
});
