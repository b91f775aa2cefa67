import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { readState, writeState, statePath, presetsPath, progressPath, describeState } from '../../../frontier/state';
import { readPresets, updatePresets, presetNameProblem } from '../../../frontier/presets';
import { buildCatalog, checkMembers, CatalogError } from '../../../frontier/catalog';
import { planFromState } from '../../../frontier/plan';
import { progressFileSink } from '../../../frontier/progress';
import { resolveScope } from '../../../core/scope';

function tmpEnv(): Record<string, string> {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-state-'));
  return { HOME: d, XDG_CONFIG_HOME: path.join(d, 'config'), XDG_STATE_HOME: path.join(d, 'state'), PATH: '/usr/bin:/bin' };
}

test('contract file names per scope: default has no suffix', () => {
  const env = tmpEnv();
  assert.equal(path.basename(statePath('default', env)), 'frontier-state.json');
  assert.equal(path.basename(statePath('cc-1234abcd', env)), 'frontier-state.cc-1234abcd.json');
  assert.equal(path.basename(presetsPath('work', env)), 'frontier-presets.work.json');
  assert.equal(path.basename(progressPath('default', env)), 'frontier-progress.json');
  assert.equal(path.dirname(statePath('x', env)), path.join(env.XDG_CONFIG_HOME!, 'maestro'));
});

test('state: missing reads off, malformed reads off with a problem, writes are 0600 and per scope', () => {
  const env = tmpEnv();
  assert.deepEqual(readState('default', env).state, { mode: 'off' });
  writeState('a', { mode: 'single', model: 'opus' }, env);
  assert.equal(readState('a', env).state.model, 'opus');
  assert.equal(readState('b', env).state.mode, 'off');
  assert.equal(fs.statSync(statePath('a', env)).mode & 0o777, 0o600);
  fs.writeFileSync(statePath('b', env), '{"mode":"fusion"}');
  const r = readState('b', env);
  assert.equal(r.state.mode, 'off');
  assert.match(r.problem ?? '', /preset/);
  assert.equal(describeState({ mode: 'fusion', preset: 'custom', models: ['a', 'b'] }), 'fusion custom (a, b)');
});

test('scopes: flag, env, host workspace, default; non-git dirs get their own hash', () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-a-'));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-b-'));
  assert.equal(resolveScope({ flag: 'Work', env: {} }).scope, 'work');
  assert.equal(resolveScope({ env: { MAESTRO_SCOPE: 'team' } }).scope, 'team');
  const sa = resolveScope({ env: { CLAUDECODE: '1' }, cwd: a }).scope;
  const sb = resolveScope({ env: { CLAUDECODE: '1' }, cwd: b }).scope;
  assert.match(sa, /^cc-[0-9a-f]{8}$/);
  assert.notEqual(sa, sb);
  assert.match(resolveScope({ env: { PLUGIN_ROOT: '/p' }, cwd: a }).scope, /^codex-/);
  assert.equal(resolveScope({ env: {} }).scope, 'default');
});

test('presets: names checked, saved atomically per scope, built-ins protected', () => {
  const env = tmpEnv();
  assert.match(presetNameProblem('opus-gpt') ?? '', /built-in/);
  assert.match(presetNameProblem('custom') ?? '', /built-in/);
  assert.match(presetNameProblem('Bad Name') ?? '', /lowercase/);
  updatePresets('default', env, (p) => ({ ...p, mine: { models: ['opus', 'gpt-5.5'] } }));
  assert.deepEqual(readPresets('default', env).presets, { mine: { models: ['opus', 'gpt-5.5'] } });
  assert.deepEqual(readPresets('other', env).presets, {});
  fs.writeFileSync(presetsPath('broken', env), '[1,2]');
  assert.throws(() => updatePresets('broken', env, (p) => p), /fix or delete/);
});

test('presets: concurrent writers do not lose each other\'s preset', async () => {
  const env = tmpEnv();
  const script = `
    const { updatePresets } = require(${JSON.stringify(path.resolve('frontier/presets.ts'))});
    const name = process.argv[1];
    updatePresets('default', process.env, (p) => ({ ...p, [name]: { models: ['opus'] } }));`;
  const kids = Array.from({ length: 6 }, (_, i) =>
    new Promise<number>((resolve) => {
      const c = spawn(process.execPath, ['--import', 'tsx', '-e', script, `p${i}`], { env: { ...process.env, ...env }, stdio: 'ignore' });
      c.on('close', (code) => resolve(code ?? 1));
    }),
  );
  assert.deepEqual(await Promise.all(kids), [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Object.keys(readPresets('default', env).presets).sort(), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
});

test('plans: aliases resolved, 1-8 members, unknown names and custom without models refused', () => {
  const env = { ...tmpEnv(), MAESTRO_CLAUDE_BIN: '/bin/sh', MAESTRO_CODEX_BIN: '/bin/sh', ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k' };
  const cat = buildCatalog(env);
  const p = planFromState({ mode: 'fusion', preset: 'chatgpt-duo' }, cat)!;
  assert.equal(p.preset, 'gpt-duo');
  assert.deepEqual(p.members, ['gpt-5.5', 'gpt-5.5']);
  assert.equal(p.label, 'fusion · gpt-duo');
  const c = planFromState({ mode: 'fusion', preset: 'custom', models: ['claude', 'chatgpt'] }, cat)!;
  assert.equal(c.label, 'fusion · custom (opus, gpt-5.5)');
  assert.equal(c.judge, 'opus');
  assert.throws(() => planFromState({ mode: 'fusion', preset: 'custom' }, cat), CatalogError);
  assert.throws(() => planFromState({ mode: 'fusion', preset: 'nope' }, cat), /unknown preset/);
  assert.throws(() => checkMembers(cat, Array(9).fill('opus')), /1 to 8/);
  assert.throws(() => planFromState({ mode: 'single', model: 'gemini' }, cat), /not ready \(binary-not-found/);
  assert.equal(planFromState({ mode: 'single', model: 'gemini' }, cat, { requireReady: false })!.members[0], 'gemini');
});

test('catalog: optional ids come from env; secret-like ids block only that model', () => {
  const env = { ...tmpEnv(), MAESTRO_CODEX_BIN: '/bin/sh', OPENAI_API_KEY: 'k', MAESTRO_FRONTIER_MODEL_TERRA: 'internal-model-7', MAESTRO_FRONTIER_MODEL_LUNA: 'sk-live-abcdef' };
  const cat = buildCatalog(env);
  const terra = cat.models.get('terra')!;
  assert.equal(terra.readiness.ready, true);
  assert.equal(terra.spec.modelArg, 'internal-model-7');
  const luna = cat.models.get('luna')!;
  assert.deepEqual(luna.readiness.reasons, ['invalid-model-id']);
  assert.equal(cat.models.get('gpt-5.5')!.readiness.ready, true);
});

test('progress file: phase/done/total/ts/pid, atomic, model names filtered', () => {
  const env = tmpEnv();
  const sink = progressFileSink('default', env, 'frontier-abc123-deadbeef');
  sink({ kind: 'start', mode: 'fusion', label: 'x', models: ['a', 'b'] });
  sink({ kind: 'member-done', role: 'panel', model: 'opus', ok: true, done: 1, total: 2, ms: 3 });
  const p = JSON.parse(fs.readFileSync(progressPath('default', env), 'utf8'));
  assert.equal(p.phase, 'panel');
  assert.equal(p.done, 1);
  assert.equal(p.total, 2);
  assert.equal(p.pid, process.pid);
  assert.equal(p.model, 'opus');
  sink({ kind: 'stage', stage: 'judge', model: 'weird model/with spaces' });
  const q = JSON.parse(fs.readFileSync(progressPath('default', env), 'utf8'));
  assert.equal(q.phase, 'judge');
  assert.equal(q.model, undefined);
});

test('progress file: removed when the run ends; content never holds the prompt', () => {
  const env = tmpEnv();
  const sink = progressFileSink('s1', env, 'frontier-abc123-deadbeef');
  sink({ kind: 'start', mode: 'single', label: 'single · opus', models: ['opus'] });
  const text = fs.readFileSync(progressPath('s1', env), 'utf8');
  assert.equal(JSON.parse(text).phase, 'single');
  assert.equal(JSON.parse(text).model, 'opus');
  sink({ kind: 'done', ok: true, models: 1, ms: 5 });
  assert.ok(!fs.existsSync(progressPath('s1', env)));
});

test('armProblem: the arm-time check other state writers can call', async () => {
  const { armProblem } = await import('../../../frontier/engine');
  const env = { ...tmpEnv(), MAESTRO_CLAUDE_BIN: '/bin/sh', ANTHROPIC_API_KEY: 'k' };
  assert.equal(armProblem({ mode: 'single', model: 'opus' }, 'default', env), null);
  assert.equal(armProblem({ mode: 'off' }, 'default', env), null);
  assert.match(armProblem({ mode: 'single', model: 'nosuch' }, 'default', env) ?? '', /unknown model/);
  assert.match(armProblem({ mode: 'fusion', preset: 'opus-gpt' }, 'default', env) ?? '', /gpt-5\.5 is not ready/);
});

test('gemini falls back to the Antigravity CLI when only agy is set up', () => {
  const base = tmpEnv();
  const onlyAgy = buildCatalog({ ...base, MAESTRO_AGY_BIN: '/bin/sh' });
  assert.equal(onlyAgy.models.get('gemini')!.spec.backend, 'agy');
  assert.equal(onlyAgy.models.get('gemini')!.readiness.ready, true);
  const both = buildCatalog({ ...base, MAESTRO_AGY_BIN: '/bin/sh', MAESTRO_GEMINI_BIN: '/bin/sh', GEMINI_API_KEY: 'k' });
  assert.equal(both.models.get('gemini')!.spec.backend, 'gemini');
  assert.equal(buildCatalog(base).models.get('gemini')!.spec.backend, 'gemini');
});
