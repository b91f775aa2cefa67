import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runForAutorun, clampForHook, AUTORUN_BUDGET_MS } from '../../../frontier/autorun';
import { writeState } from '../../../frontier/state';
import { DEFAULT_LIMITS } from '../../../frontier/pipeline';
import { sandbox } from './fixtures/harness';

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
