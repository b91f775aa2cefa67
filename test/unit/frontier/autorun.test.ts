import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runForAutorun, clampForHook, AUTORUN_BUDGET_MS } from '../../../frontier/autorun';
import { writeState } from '../../../frontier/state';
import { DEFAULT_LIMITS } from '../../../frontier/pipeline';
import { ROOT, alive, sandbox } from './fixtures/harness';

test('autorun: off, single and fusion labels; final answer returned', async () => {
  const sb = sandbox();
  const base = { scope: 'default', cwd: sb.dir, env: sb.env };
  let r = await runForAutorun({ ...base, prompt: 'hi' });
  assert.equal(r.ok, false);
  assert.equal(r.label, 'off');

  writeState('default', { mode: 'single', model: 'opus' }, sb.env);
  r = await runForAutorun({ ...base, prompt: 'hi' });
  assert.equal(r.ok, true, r.reason);
  assert.equal(r.label, 'single · opus');
  assert.equal(r.final, 'answer from claude/opus');
  assert.equal(r.models, 1);

  writeState('default', { mode: 'fusion', preset: 'opus-gpt' }, sb.env);
  r = await runForAutorun({ ...base, prompt: 'hi' });
  assert.equal(r.label, 'fusion · opus-gpt');
  assert.equal(r.final, 'SYNTH of 2 answers');
  assert.equal(r.models, 2);

  writeState('default', { mode: 'fusion', preset: 'custom', models: ['opus', 'gemini'] }, sb.env);
  r = await runForAutorun({ ...base, prompt: 'hi' });
  assert.equal(r.label, 'fusion · custom (opus, gemini)');
  assert.equal(r.ok, true);
});

test('autorun: failures come back as ok:false with a reason, never a throw', async () => {
  const sb = sandbox();
  writeState('default', { mode: 'single', model: 'gemini-agy' }, sb.env);
  const r = await runForAutorun({ prompt: 'hi', scope: 'default', cwd: sb.dir, env: sb.env });
  assert.equal(r.ok, false);
  assert.match(r.reason ?? '', /not ready/);
  sb.config({ claude: { exit: 1, stderr: '401 Unauthorized' } });
  writeState('default', { mode: 'single', model: 'opus' }, sb.env);
  const a = await runForAutorun({ prompt: 'hi', scope: 'default', cwd: sb.dir, env: sb.env });
  assert.equal(a.ok, false);
  assert.match(a.reason ?? '', /^auth/);
  const bad = await runForAutorun({ prompt: 'hi', scope: 'default', cwd: sb.dir, env: { ...sb.env, XDG_CONFIG_HOME: path.join(sb.dir, 'nope') } });
  assert.equal(bad.ok, false);
});

test('autorun budget is clamped inside the 600 s hook timeout', () => {
  const l = clampForHook({ ...DEFAULT_LIMITS, runBudgetMs: 3_600_000, timeoutMs: 900_000, deadlineMs: 700_000 });
  assert.equal(l.runBudgetMs, AUTORUN_BUDGET_MS);
  assert.ok(l.timeoutMs <= AUTORUN_BUDGET_MS && (l.deadlineMs ?? 0) <= AUTORUN_BUDGET_MS);
  assert.ok(AUTORUN_BUDGET_MS < 600_000);
});

test('autorun: when the host stops the hook (SIGTERM), member trees die with it', async () => {
  const { spawn } = await import('node:child_process');
  const fs = await import('node:fs');
  const sb = sandbox();
  writeState('default', { mode: 'single', model: 'opus' }, sb.env);
  sb.config({ claude: { hang: true, grandchild: true } });
  const script = `
    const { runForAutorun } = require(${JSON.stringify(path.join(ROOT, 'frontier/autorun.ts'))});
    runForAutorun({ prompt: 'hi', scope: 'default', cwd: ${JSON.stringify(sb.dir)}, env: process.env }).then((r) => { process.stdout.write(JSON.stringify(r)); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { env: sb.env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const closed = new Promise((r) => child.on('close', r));
  child.stdout.on('data', (c) => (out += c));
  const pidFile = path.join(sb.bin, 'grandchild-claude.pid');
  const t0 = Date.now();
  while (!fs.existsSync(pidFile) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 25));
  child.kill('SIGTERM');
  await closed;
  const r = JSON.parse(out);
  assert.equal(r.ok, false);
  assert.match(r.reason, /interrupted/);
  const gpid = Number(fs.readFileSync(pidFile, 'utf8'));
  const t1 = Date.now();
  while (alive(gpid) && Date.now() - t1 < 2000) await new Promise((res) => setTimeout(res, 25));
  assert.equal(alive(gpid), false, 'grandchild survived the hook');
});
