import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CODEX_ENV, claude, codex, contextOf, hermeticEnv, project, run, stateDir, tmpDir, writeJsonl } from './helpers';
import { doctrineGuard } from '../../../hooks/guards/doctrine-guard';
import { phaseScope } from '../../../hooks/guards/phase-scope';
import { toolBudget } from '../../../hooks/guards/tool-budget';
import { verifyGate, verifyProblem } from '../../../hooks/guards/verify-gate';
import { subagentGuard } from '../../../hooks/guards/subagent-guard';
import { loopGuard } from '../../../hooks/guards/loop-guard';
import { gateTelemetry, lastVerdict } from '../../../hooks/guards/gate-telemetry';
import { terseMode, parseTerseSwitch, parseTerseSkill } from '../../../hooks/guards/terse-mode';
import { statuslineSync, statusLineDir } from '../../../hooks/guards/statusline-sync';
import { makeFrontierAutorun, skipReason } from '../../../hooks/guards/frontier-autorun';
import { gateReminder } from '../../../hooks/guards/gate-reminder';
import { summarize } from '../../../hooks/ledger';
import type { JsonObject } from '../../../hooks/types';

function setup(extra: Record<string, string> = {}) {
  const home = tmpDir();
  const cwd = project(home);
  const env = hermeticEnv(home, extra);
  return { home, cwd, env };
}

const edit = (sid: string, cwd: string, file: string, extra: JsonObject = {}) =>
  claude('PostToolUse', sid, cwd, { tool_name: 'Edit', tool_input: { file_path: file, old_string: 'a', new_string: 'b' }, tool_response: {}, ...extra });
const bash = (sid: string, cwd: string, command: string) => claude('PostToolUse', sid, cwd, { tool_name: 'Bash', tool_input: { command }, tool_response: {} });
const prompt = (sid: string, cwd: string, text: string, promptId = 'p-1') => claude('UserPromptSubmit', sid, cwd, { prompt: text, prompt_id: promptId });
const stop = (sid: string, cwd: string, msg: string, extra: JsonObject = {}) => claude('Stop', sid, cwd, { stop_hook_active: false, last_assistant_message: msg, background_tasks: [], session_crons: [], ...extra });

// ---- doctrine guard ----

test('doctrine guard: first Read of the project AGENTS.md allowed, second denied; other dirs untouched', async () => {
  const { cwd, env } = setup();
  fs.writeFileSync(path.join(cwd, 'AGENTS.md'), '# rules');
  fs.writeFileSync(path.join(cwd, 'CLAUDE.md'), '@AGENTS.md\n');
  fs.mkdirSync(path.join(cwd, 'vendor'));
  fs.writeFileSync(path.join(cwd, 'vendor', 'AGENTS.md'), '# other');
  const read = (file: string, sid = 's1') => run('PreToolUse', claude('PreToolUse', sid, cwd, { tool_name: 'Read', tool_input: { file_path: file } }), env, [doctrineGuard]);
  assert.equal(await read('AGENTS.md'), undefined);
  const denied = await read(path.join(cwd, 'AGENTS.md'));
  const h = denied?.hookSpecificOutput as JsonObject;
  assert.equal(h.permissionDecision, 'deny');
  assert.match(String(h.permissionDecisionReason), /AGENTS\.md/);
  assert.equal(await read('./vendor/AGENTS.md'), undefined);
  assert.equal(await read('./vendor/AGENTS.md'), undefined);
  // Another session gets its own first read.
  assert.equal(await read('AGENTS.md', 's2'), undefined);
});

test('doctrine guard: an AGENTS.md that Claude Code never loaded (no @AGENTS.md import) is always readable', async () => {
  const { cwd, env } = setup();
  fs.writeFileSync(path.join(cwd, 'AGENTS.md'), '# rules');
  const read = () => run('PreToolUse', claude('PreToolUse', 'n', cwd, { tool_name: 'Read', tool_input: { file_path: 'AGENTS.md' } }), env, [doctrineGuard]);
  for (let k = 0; k < 3; k++) assert.equal(await read(), undefined);
  fs.mkdirSync(path.join(cwd, '.claude'));
  fs.writeFileSync(path.join(cwd, '.claude', 'CLAUDE.md'), 'notes\n@./AGENTS.md\n');
  assert.equal(await read(), undefined, 'now loaded through .claude/CLAUDE.md: the first read is still allowed');
  assert.equal(((await read())?.hookSpecificOutput as JsonObject | undefined)?.permissionDecision, 'deny');
});

test('doctrine guard: no session id allows; MAESTRO_DOCTRINE_GUARD=0 allows; always denies at once', async () => {
  const { cwd, env } = setup();
  fs.writeFileSync(path.join(cwd, 'CLAUDE.md'), '@AGENTS.md');
  const p = { cwd, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: 'CLAUDE.md' } };
  assert.equal(await run('PreToolUse', p, env, [doctrineGuard]), undefined);
  assert.equal(await run('PreToolUse', p, env, [doctrineGuard]), undefined);
  const withSid = { ...p, session_id: 'x' };
  await run('PreToolUse', withSid, env, [doctrineGuard]);
  assert.equal(await run('PreToolUse', withSid, { ...env, MAESTRO_DOCTRINE_GUARD: '0' }, [doctrineGuard]), undefined);
  const always = await run('PreToolUse', { ...p, session_id: 'y' }, { ...env, MAESTRO_DOCTRINE_GUARD: 'always' }, [doctrineGuard]);
  assert.equal((always?.hookSpecificOutput as JsonObject).permissionDecision, 'deny');
});

test('doctrine guard: unwritable state never denies', async () => {
  const { home, cwd, env } = setup();
  fs.writeFileSync(path.join(cwd, 'AGENTS.md'), 'x');
  fs.mkdirSync(path.join(home, '.state'), { recursive: true });
  fs.writeFileSync(path.join(home, '.state', 'maestro'), 'a file where a dir should be');
  const p = claude('PreToolUse', 's', cwd, { tool_name: 'Read', tool_input: { file_path: 'AGENTS.md' } });
  assert.equal(await run('PreToolUse', p, env, [doctrineGuard]), undefined);
  assert.equal(await run('PreToolUse', p, env, [doctrineGuard]), undefined);
});

// ---- phase scope ----

test('phase scope: distinct normalized paths, warned once per turn past the cap', async () => {
  const { cwd, env } = setup();
  await run('UserPromptSubmit', prompt('s', cwd, 'do it'), env, [phaseScope]);
  // The same file three ways counts once.
  for (const f of ['a.ts', './a.ts', path.join(cwd, 'a.ts')]) assert.equal(await run('PostToolUse', edit('s', cwd, f), env, [phaseScope]), undefined);
  for (const f of ['b.ts', 'c.ts', 'd.ts', 'e.ts']) assert.equal(await run('PostToolUse', edit('s', cwd, f), env, [phaseScope]), undefined);
  const sixth = await run('PostToolUse', bash('s', cwd, 'echo x > f.ts'), env, [phaseScope]);
  assert.match(contextOf(sixth) ?? '', /6 files/);
  assert.equal(await run('PostToolUse', edit('s', cwd, 'g.ts'), env, [phaseScope]), undefined, 'once per turn');
  // A new turn starts counting again.
  await run('UserPromptSubmit', prompt('s', cwd, 'next', 'p-2'), env, [phaseScope]);
  assert.equal(await run('PostToolUse', edit('s', cwd, 'h.ts'), env, [phaseScope]), undefined);
});

test('phase scope: quoted > and rm/mkdir targets are not counted; cap is configurable', async () => {
  const { cwd, env } = setup({ MAESTRO_PHASE_FILE_CAP: '1' });
  await run('UserPromptSubmit', prompt('s', cwd, 'go'), env, [phaseScope]);
  assert.equal(await run('PostToolUse', bash('s', cwd, `python -c 'print(1>0)' && echo "a > b" && rm -f x y z && mkdir q`), env, [phaseScope]), undefined);
  assert.equal(await run('PostToolUse', bash('s', cwd, 'echo 1 > /tmp/scratch-a.txt && echo 2 > ../elsewhere.txt'), env, [phaseScope]), undefined, 'files outside the project do not count');
  assert.equal(await run('PostToolUse', edit('s', cwd, 'one.ts'), env, [phaseScope]), undefined);
  assert.match(contextOf(await run('PostToolUse', edit('s', cwd, 'two.ts'), env, [phaseScope])) ?? '', /2 files/);
});

test('phase scope: Codex apply_patch touching many files', async () => {
  const { cwd, env } = setup(CODEX_ENV);
  await run('UserPromptSubmit', codex('UserPromptSubmit', 'c', cwd, { prompt: 'x' }), { ...env }, [phaseScope]);
  const files = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => `*** Update File: src/${n}.ts\n@@\n-1\n+2`).join('\n');
  const out = await run('PostToolUse', codex('PostToolUse', 'c', cwd, { tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n${files}\n*** End Patch` }, tool_use_id: 'c1' }), env, [phaseScope]);
  assert.match(contextOf(out) ?? '', /6 files/);
});

// ---- tool budget ----

test('tool budget: exploration past the threshold before the first edit -> one log record per turn', async () => {
  const { home, cwd, env } = setup({ MAESTRO_TOOLBUDGET_THRESHOLD: '3' });
  await run('UserPromptSubmit', prompt('s', cwd, 'go'), env, [toolBudget]);
  for (let k = 0; k < 4; k++) await run('PostToolUse', claude('PostToolUse', 's', cwd, { tool_name: 'Grep', tool_input: { pattern: 'x' } }), env, [toolBudget]);
  assert.equal(await run('PostToolUse', edit('s', cwd, 'a.ts'), env, [toolBudget]), undefined, 'never talks to the model');
  await run('PostToolUse', edit('s', cwd, 'b.ts'), env, [toolBudget]);
  const log = path.join(stateDir(home), 'toolbudget.jsonl');
  const rows = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 1);
  assert.equal(rows[0].explore_calls, 4);
  assert.equal(rows[0].first_edit_tool, 'Edit');
  // Under the threshold: nothing.
  await run('UserPromptSubmit', prompt('s', cwd, 'again', 'p-2'), env, [toolBudget]);
  await run('PostToolUse', edit('s', cwd, 'c.ts'), env, [toolBudget]);
  assert.equal(fs.readFileSync(log, 'utf8').trim().split('\n').length, 1);
});

// ---- verify gate ----

test('verify gate warn: edit without checker and no token -> one context per turn', async () => {
  const { cwd, env } = setup();
  await run('UserPromptSubmit', prompt('s', cwd, 'fix'), env, [verifyGate]);
  await run('PostToolUse', edit('s', cwd, 'a.ts'), env, [verifyGate]);
  const out = await run('Stop', stop('s', cwd, 'Done, fixed it.'), env, [verifyGate]);
  assert.match(contextOf(out) ?? '', /verify gate/);
  assert.equal(await run('Stop', stop('s', cwd, 'Done, fixed it.'), env, [verifyGate]), undefined, 'once per turn');
});

test('verify gate: honest tokens pass; VERIFIED only with a checker after the last edit', async () => {
  const { cwd, env } = setup();
  await run('UserPromptSubmit', prompt('s', cwd, 'fix'), env, [verifyGate]);
  await run('PostToolUse', edit('s', cwd, 'a.ts'), env, [verifyGate]);
  for (const msg of ['UNVERIFIED: no tests here', 'PENDING_REVIEW touched CI', 'FAIL: 2 tests red']) assert.equal(await run('Stop', stop('s', cwd, msg), env, [verifyGate]), undefined, msg);
  assert.match(contextOf(await run('Stop', stop('s', cwd, 'VERIFIED all good'), env, [verifyGate])) ?? '', /VERIFIED/);

  await run('UserPromptSubmit', prompt('s', cwd, 'again', 'p-2'), env, [verifyGate]);
  await run('PostToolUse', bash('s', cwd, 'npm test'), env, [verifyGate]);
  await run('PostToolUse', edit('s', cwd, 'b.ts'), env, [verifyGate]);
  assert.ok(contextOf(await run('Stop', stop('s', cwd, 'VERIFIED'), env, [verifyGate])), 'checker before the last edit does not count');

  await run('UserPromptSubmit', prompt('s', cwd, 'third', 'p-3'), env, [verifyGate]);
  await run('PostToolUse', edit('s', cwd, 'c.ts'), env, [verifyGate]);
  await run('PostToolUse', bash('s', cwd, 'npx tsc --noEmit'), env, [verifyGate]);
  assert.equal(await run('Stop', stop('s', cwd, 'VERIFIED: tsc clean'), env, [verifyGate]), undefined);
  // Token not at the start is not honest.
  await run('UserPromptSubmit', prompt('s', cwd, 'fourth', 'p-4'), env, [verifyGate]);
  await run('PostToolUse', edit('s', cwd, 'd.ts'), env, [verifyGate]);
  assert.ok(contextOf(await run('Stop', stop('s', cwd, 'All done. UNVERIFIED'), env, [verifyGate])));
});

test('verify gate: no edits, a cat of jest.config or a grep does not count as work or checks', async () => {
  const { cwd, env } = setup();
  await run('UserPromptSubmit', prompt('s', cwd, 'look'), env, [verifyGate]);
  await run('PostToolUse', bash('s', cwd, 'cat jest.config.js && grep mypy setup.cfg'), env, [verifyGate]);
  assert.equal(await run('Stop', stop('s', cwd, 'It uses jest.'), env, [verifyGate]), undefined);
});

test('verify gate block: blocks once per turn, honours stop_hook_active, degrades when the marker cannot be written', async () => {
  const { home, cwd, env } = setup({ MAESTRO_VERIFY_GATE: 'block' });
  await run('UserPromptSubmit', prompt('s', cwd, 'fix'), env, [verifyGate]);
  await run('PostToolUse', edit('s', cwd, 'a.ts'), env, [verifyGate]);
  const first = await run('Stop', stop('s', cwd, 'done'), env, [verifyGate]);
  assert.equal(first?.decision, 'block');
  assert.match(String(first?.reason), /verify gate/);
  assert.equal(await run('Stop', stop('s', cwd, 'done', { stop_hook_active: true }), env, [verifyGate]), undefined);
  assert.equal(await run('Stop', stop('s', cwd, 'done'), env, [verifyGate]), undefined, 'Codex may omit stop_hook_active: the marker still ends it');
  // State dir unusable (a file where the dir should be; works for root too): the gate falls back
  // to the transcript, cannot write its marker, and degrades to context instead of blocking.
  const blocked = path.join(home, 'blocked');
  fs.writeFileSync(blocked, 'not a dir');
  const tr = path.join(home, 'tr2.jsonl');
  writeJsonl(tr, [
    { type: 'user', message: { content: 'fix' } },
    { type: 'assistant', message: { content: [{ type: 'tool_use', name: 'Edit', input: { file_path: 'a.ts' } }] } },
  ]);
  const benv = { ...env, XDG_STATE_HOME: blocked };
  for (let k = 0; k < 3; k++) {
    const out = await run('Stop', { ...stop('u', cwd, 'done'), transcript_path: tr }, benv, [verifyGate]);
    assert.notEqual(out?.decision, 'block');
  }
});

test('verify gate off and discipline off are silent', async () => {
  for (const extra of [{ MAESTRO_VERIFY_GATE: 'off' }, { MAESTRO_DISCIPLINE: 'off' }] as Array<Record<string, string>>) {
    const { cwd, env } = setup(extra);
    await run('UserPromptSubmit', prompt('s', cwd, 'fix'), env);
    await run('PostToolUse', edit('s', cwd, 'a.ts'), env);
    assert.equal(await run('Stop', stop('s', cwd, 'done'), env), undefined);
  }
});

test('verify gate on Codex: ledger-based, context goes out as systemMessage (no unknown keys)', async () => {
  const { cwd, env } = setup(CODEX_ENV);
  await run('UserPromptSubmit', codex('UserPromptSubmit', 'c', cwd, { prompt: 'fix' }), env, [verifyGate]);
  await run('PostToolUse', codex('PostToolUse', 'c', cwd, { tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** Add File: n.ts\n+x\n*** End Patch' } }), env, [verifyGate]);
  const out = await run('Stop', codex('Stop', 'c', cwd, { stop_hook_active: false, last_assistant_message: 'done' }), env, [verifyGate]);
  assert.deepEqual(Object.keys(out ?? {}), ['systemMessage']);
  // Codex never shows Stop notes to the model: the next prompt carries it, once.
  const next = contextOf(await run('UserPromptSubmit', codex('UserPromptSubmit', 'c', cwd, { prompt: 'next', turn_id: 't-2' }), env, [verifyGate]));
  assert.match(next ?? '', /previous turn: Maestro verify gate/);
  assert.equal(await run('UserPromptSubmit', codex('UserPromptSubmit', 'c', cwd, { prompt: 'again', turn_id: 't-3' }), env, [verifyGate]), undefined);
});

test('verify gate fallback: no ledger -> Claude transcript tail and Codex rollout', async () => {
  const { home, cwd, env } = setup();
  const tr = path.join(home, 'tr.jsonl');
  writeJsonl(tr, [
    { type: 'user', message: { role: 'user', content: 'fix it' } },
    { type: 'assistant', message: { content: [{ type: 'tool_use', name: 'Write', input: { file_path: 'x.ts', content: '' } }] } },
    { type: 'user', message: { content: [{ type: 'tool_result', content: 'ok' }] } },
    { type: 'assistant', message: { content: [{ type: 'text', text: 'done' }] } },
  ]);
  const out = await run('Stop', { ...stop('s', cwd, ''), transcript_path: tr, last_assistant_message: undefined }, env, [verifyGate]);
  assert.ok(contextOf(out));
  const ro = path.join(home, 'ro.jsonl');
  writeJsonl(ro, [
    { type: 'session_meta', payload: { id: 'c2' } },
    { type: 'event_msg', payload: { type: 'user_message', message: 'fix' } },
    { type: 'response_item', payload: { type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Update File: a.ts\n@@\n-a\n+b\n*** End Patch' } },
    { type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: 'npm test' }) } },
    { type: 'response_item', payload: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'VERIFIED: tests pass' }] } },
  ]);
  const cenv = { ...env, ...CODEX_ENV };
  assert.equal(await run('Stop', codex('Stop', 'c2', cwd, { transcript_path: ro, stop_hook_active: false }), cenv, [verifyGate]), undefined);
  // Codex: the turn is in the ledger but its apply_patch never reached PostToolUse -> the rollout decides.
  const ro2 = path.join(home, 'ro2.jsonl');
  writeJsonl(ro2, [
    { type: 'session_meta', payload: { id: 'c3' } },
    { type: 'event_msg', payload: { type: 'user_message', message: 'fix' } },
    { type: 'response_item', payload: { type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Add File: z.ts\n+1\n*** End Patch' } },
  ]);
  await run('UserPromptSubmit', codex('UserPromptSubmit', 'c3', cwd, { prompt: 'fix', transcript_path: ro2 }), cenv, [verifyGate]);
  const o3 = await run('Stop', codex('Stop', 'c3', cwd, { transcript_path: ro2, stop_hook_active: false, last_assistant_message: 'done' }), cenv, [verifyGate]);
  assert.match(String(o3?.systemMessage), /verify gate/);
  assert.equal(summarize([{ w: 1 }, { c: 1, w: 1 }]).checkedAfterLastEdit, true, '`npm test > log` checks after writing');
  assert.ok(verifyProblem(summarize([{ w: 1, p: ['/a'] }]), 'ok'));
});

// ---- subagent guard ----

function agentTranscript(home: string, name: string, tools: Array<{ name: string; input: JsonObject }>, text: string): string {
  const file = path.join(home, `${name}.jsonl`);
  writeJsonl(file, [
    { type: 'user', message: { content: 'task' } },
    ...tools.map((t) => ({ type: 'assistant', message: { content: [{ type: 'tool_use', name: t.name, input: t.input }] } })),
    { type: 'assistant', message: { content: [{ type: 'text', text }] } },
  ]);
  return file;
}

test('subagent guard: writer without checker or token is blocked once per agent transcript', async () => {
  const { home, cwd, env } = setup();
  const t1 = agentTranscript(home, 'a1', [{ name: 'Edit', input: { file_path: 'a.ts' } }], 'changed a.ts');
  const p = (file: string, extra: JsonObject = {}) => claude('SubagentStop', 's', cwd, { agent_transcript_path: file, agent_type: 'general-purpose', stop_hook_active: false, ...extra });
  const out = await run('SubagentStop', p(t1), env, [subagentGuard]);
  assert.equal(out?.decision, 'block');
  assert.match(String(out?.reason), /no checker/);
  assert.equal(await run('SubagentStop', p(t1), env, [subagentGuard]), undefined, 'one block per agent');
  const t2 = agentTranscript(home, 'a2', [{ name: 'Write', input: { file_path: 'b.ts' } }], 'done');
  assert.equal(await run('SubagentStop', p(t2, { stop_hook_active: true }), env, [subagentGuard]), undefined);
  assert.equal((await run('SubagentStop', p(t2), env, [subagentGuard]))?.decision, 'block', 'second agent checked on its own work');
});

test('subagent guard: read-only agents, honest writers and missing transcripts pass', async () => {
  const { home, cwd, env } = setup();
  const p = (file: string | undefined, type = 'general-purpose') => claude('SubagentStop', 's', cwd, { agent_transcript_path: file, agent_type: type, stop_hook_active: false });
  const reader = agentTranscript(home, 'r', [{ name: 'Read', input: { file_path: 'a' } }, { name: 'Bash', input: { command: 'grep -r "a > b" .' } }], 'found it');
  assert.equal(await run('SubagentStop', p(reader), env, [subagentGuard]), undefined);
  const explorer = agentTranscript(home, 'e', [{ name: 'Write', input: { file_path: 'notes.md' } }], 'x');
  assert.equal(await run('SubagentStop', p(explorer, 'Explore'), env, [subagentGuard]), undefined);
  const honest = agentTranscript(home, 'h', [{ name: 'Edit', input: { file_path: 'a.ts' } }, { name: 'Bash', input: { command: 'npx vitest run' } }], 'VERIFIED: vitest green');
  assert.equal(await run('SubagentStop', p(honest), env, [subagentGuard]), undefined);
  assert.equal(await run('SubagentStop', p(undefined), env, [subagentGuard]), undefined);
  assert.equal(await run('SubagentStop', p(path.join(home, 'missing.jsonl')), env, [subagentGuard]), undefined);
});

// ---- loop guard ----

test('loop guard: crons without checkpoint -> one note per session; checkpoint silences; frontier child skipped', async () => {
  const { cwd, env } = setup();
  const s = (sid: string) => stop(sid, cwd, 'UNVERIFIED', { session_crons: [{ id: 'c' }] });
  assert.match(contextOf(await run('Stop', s('a'), env, [loopGuard])) ?? '', /checkpoint/);
  assert.equal(await run('Stop', s('a'), env, [loopGuard]), undefined);
  assert.equal(await run('Stop', stop('b', cwd, 'x'), env, [loopGuard]), undefined, 'not looping');
  assert.equal(await run('Stop', s('c'), { ...env, FUSION_DEPTH: '1' }, [loopGuard]), undefined);
  fs.writeFileSync(path.join(cwd, '_task.md'), '# objective');
  assert.equal(await run('Stop', s('d'), env, [loopGuard]), undefined);
});

test('loop guard: wakeups past MAESTRO_LOOP_MAX_ITER', async () => {
  const { cwd, env } = setup({ MAESTRO_LOOP_MAX_ITER: '2' });
  fs.writeFileSync(path.join(cwd, '_loop.md'), 'x');
  for (let k = 0; k < 3; k++) await run('PostToolUse', claude('PostToolUse', 'w', cwd, { tool_name: 'ScheduleWakeup', tool_input: { delaySeconds: 60 } }), env, [loopGuard]);
  assert.match(contextOf(await run('Stop', stop('w', cwd, 'x'), env, [loopGuard])) ?? '', /3 wakeups/);
});

// ---- telemetry ----

test('gate telemetry: opt-in row with verdict, agents, mismatch, tokens and cache share', async () => {
  const { home, cwd, env } = setup();
  const tr = path.join(home, 't.jsonl');
  writeJsonl(tr, [
    { type: 'user', message: { content: 'x' } },
    { type: 'assistant', message: { id: 'm1', usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 80, cache_creation_input_tokens: 10 }, content: [{ type: 'text', text: 'Maestro · frontier off — files=6 concerns=2 -> multi-agent — split' }] } },
    { type: 'assistant', message: { id: 'm1', usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 80, cache_creation_input_tokens: 10 }, content: [{ type: 'text', text: 'more' }] } },
  ]);
  const p = claude('SessionEnd', 's', cwd, { transcript_path: tr, reason: 'other' });
  assert.equal(await run('SessionEnd', p, env, [gateTelemetry]), undefined);
  const log = path.join(stateDir(home), 'telemetry.jsonl');
  assert.equal(fs.existsSync(log), false, 'off unless MAESTRO_TELEMETRY=1');
  await run('SessionEnd', p, { ...env, MAESTRO_TELEMETRY: '1' }, [gateTelemetry]);
  const row = JSON.parse(fs.readFileSync(log, 'utf8').trim());
  assert.equal(row.verdict, 'multi');
  assert.equal(row.agent_count, 0);
  assert.equal(row.mismatch, true);
  assert.equal(row.input_tokens, 10, 'one message counted once');
  assert.equal(row.cache_hit_pct, 80);
  assert.equal(row.host, 'claude');
  assert.equal(lastVerdict('GATE: files=1 concerns=1 -> single-agent')?.verdict, 'single');
});

// ---- terse mode ----

test('terse switch parsing: exact command token, tags, explicit requests only', () => {
  assert.equal(parseTerseSwitch('/maestro:terse ultra'), 'ultra');
  assert.equal(parseTerseSwitch('/maestro:terse off'), 'off');
  assert.equal(parseTerseSwitch('/maestro:terse'), 'default');
  assert.equal(parseTerseSwitch('/terse lite'), 'lite');
  assert.equal(parseTerseSwitch('/terser full'), undefined);
  assert.equal(parseTerseSwitch('/maestro:terse banana'), undefined);
  assert.equal(parseTerseSwitch('<command-name>/maestro:terse</command-name><command-args>full</command-args>'), 'full');
  assert.equal(parseTerseSwitch('stop terse'), 'off');
  assert.equal(parseTerseSwitch('Please turn off terse mode.'), 'off');
  assert.equal(parseTerseSwitch('normal mode'), 'off');
  assert.equal(parseTerseSwitch('terse off'), 'off');
  assert.equal(parseTerseSwitch('the terse output was off by one line, can you fix the parser?'), undefined);
  assert.equal(parseTerseSwitch('why did you stop being terse'), undefined);
});

test('terse skill parsing: common part plus one section per level', () => {
  const parsed = parseTerseSkill('---\nname: terse\n---\n# T\ncommon rule\n<!-- hidden -->\n## lite\nL rules\n## full\nF rules\n## ultra\nU rules\n');
  assert.match(parsed.common, /common rule/);
  assert.doesNotMatch(parsed.common, /hidden|name: terse/);
  assert.equal(parsed.sections.full, 'F rules');
  assert.equal(parsed.sections.ultra, 'U rules');
});

test('terse mode: per-session level, ruleset from SKILL.md, reminder later, off switch', async () => {
  const { home, cwd, env } = setup();
  const plugin = path.join(home, 'plugin');
  fs.mkdirSync(path.join(plugin, 'skills', 'terse'), { recursive: true });
  fs.writeFileSync(path.join(plugin, 'skills', 'terse', 'SKILL.md'), '---\nname: terse\n---\nCOMMON-PART\n## lite\nLITE-RULES\n## full\nFULL-RULES\n## ultra\nULTRA-RULES\n');
  const penv = { ...env, CLAUDE_PLUGIN_ROOT: plugin, MAESTRO_TERSE_LEVEL: 'full' };
  const start = contextOf(await run('SessionStart', claude('SessionStart', 'a', cwd, { source: 'startup' }), penv, [terseMode])) ?? '';
  assert.match(start, /COMMON-PART/);
  assert.match(start, /FULL-RULES/);
  assert.doesNotMatch(start, /LITE-RULES|ULTRA-RULES/);
  // Session b switches to ultra; session a keeps full.
  assert.match(contextOf(await run('UserPromptSubmit', prompt('b', cwd, '/maestro:terse ultra'), penv, [terseMode])) ?? '', /ULTRA-RULES/);
  assert.match(contextOf(await run('UserPromptSubmit', prompt('b', cwd, 'next thing'), penv, [terseMode])) ?? '', /terse mode: ultra/);
  assert.match(contextOf(await run('UserPromptSubmit', prompt('a', cwd, 'next thing'), penv, [terseMode])) ?? '', /terse mode: full/);
  // Off in b only.
  await run('UserPromptSubmit', prompt('b', cwd, 'stop terse'), penv, [terseMode]);
  assert.equal(await run('UserPromptSubmit', prompt('b', cwd, 'hello'), penv, [terseMode]), undefined);
  assert.match(contextOf(await run('UserPromptSubmit', prompt('a', cwd, 'hello'), penv, [terseMode])) ?? '', /full/);
  // Default off: silent. Missing SKILL.md: built-in fallback.
  assert.equal(await run('SessionStart', claude('SessionStart', 'c', cwd), env, [terseMode]), undefined);
  assert.match(contextOf(await run('SessionStart', claude('SessionStart', 'd', cwd), { ...env, MAESTRO_TERSE_LEVEL: 'lite' }, [terseMode])) ?? '', /lite/);
});

// ---- statusline sync ----

test('statusline sync: refreshes an installed stale copy, never creates, refuses symlinks', async () => {
  const { home, cwd, env } = setup();
  const plugin = path.join(home, 'plugin');
  fs.mkdirSync(path.join(plugin, 'statusline'), { recursive: true });
  fs.writeFileSync(path.join(plugin, 'statusline', 'context-bar.sh'), 'NEW');
  fs.writeFileSync(path.join(plugin, 'statusline', 'context-bar.mjs'), 'NEWJS');
  const dir = path.join(home, '.claude', 'statusline');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'context-bar.sh'), 'OLD', { mode: 0o755 });
  const custom = path.join(home, 'my bars');
  fs.mkdirSync(custom);
  fs.writeFileSync(path.join(custom, 'context-bar.mjs'), 'OLDJS');
  fs.writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({ statusLine: { type: 'command', command: `node "${custom}/context-bar.mjs"` } }));
  fs.writeFileSync(path.join(home, 'elsewhere.sh'), 'KEEP');
  const penv = { ...env, CLAUDE_PLUGIN_ROOT: plugin };
  await run('SessionStart', claude('SessionStart', 's', cwd), penv, [statuslineSync]);
  assert.equal(fs.readFileSync(path.join(dir, 'context-bar.sh'), 'utf8'), 'NEW');
  assert.equal(fs.statSync(path.join(dir, 'context-bar.sh')).mode & 0o777, 0o755);
  assert.equal(fs.existsSync(path.join(dir, 'context-bar.mjs')), false, 'never created');
  assert.equal(fs.readFileSync(path.join(custom, 'context-bar.mjs'), 'utf8'), 'NEWJS', 'quoted path with a space');
  fs.rmSync(path.join(dir, 'context-bar.sh'));
  fs.symlinkSync(path.join(home, 'elsewhere.sh'), path.join(dir, 'context-bar.sh'));
  await run('SessionStart', claude('SessionStart', 's2', cwd), penv, [statuslineSync]);
  assert.equal(fs.readFileSync(path.join(home, 'elsewhere.sh'), 'utf8'), 'KEEP');
  assert.equal(statusLineDir('bash ~/.claude/statusline/context-bar.sh', { HOME: '/h' }), '/h/.claude/statusline');
  // A Codex session leaves ~/.claude alone.
  fs.writeFileSync(path.join(custom, 'context-bar.mjs'), 'OLDJS');
  await run('SessionStart', codex('SessionStart', 'c', cwd), { ...penv, ...CODEX_ENV }, [statuslineSync]);
  assert.equal(fs.readFileSync(path.join(custom, 'context-bar.mjs'), 'utf8'), 'OLDJS');
});

// ---- frontier autorun ----

function arm(home: string, env: Record<string, string>, cwd: string, state: JsonObject) {
  // Claude host -> cc-<hash> scope: write the state file the way the engine reads it.
  const { resolveScope } = require('../../../core/scope') as typeof import('../../../core/scope');
  const { writeState } = require('../../../frontier/state') as typeof import('../../../frontier/state');
  const { scope } = resolveScope({ env, cwd });
  writeState(scope, state as never, env);
  return scope;
}

test('frontier autorun: armed -> engine answer relayed with banner instructions; skips and depth guard', async () => {
  const { home, cwd, env } = setup({ CLAUDE_PLUGIN_ROOT: '/p' });
  let calls = 0;
  let loaded = 0;
  const guard = makeFrontierAutorun(async () => {
    loaded++;
    return {
      runForAutorun: async (o) => {
        calls++;
        assert.equal(o.cwd, cwd);
        return { ok: true, final: 'THE-ANSWER', label: 'fusion · opus-gpt', models: 2, ms: 12_300 };
      },
    };
  });
  const p = (text: string) => prompt('s', cwd, text);
  assert.equal(await run('UserPromptSubmit', p('explain the cache layer please'), env, [guard]), undefined, 'off by default');
  const scope = arm(home, env, cwd, { mode: 'fusion', preset: 'opus-gpt' });
  assert.match(scope, /^cc-/);
  const ctx = contextOf(await run('UserPromptSubmit', p('explain the cache layer please'), env, [guard])) ?? '';
  assert.match(ctx, /THE-ANSWER/);
  assert.match(ctx, /fusion · opus-gpt/);
  assert.match(ctx, /relay/i);
  assert.equal(calls, 1);
  for (const text of ['/maestro:settings', '<command-name>/x</command-name>', 'hi', '/loop check CI every 5m', 'run the autonomous loop now please']) {
    assert.equal(await run('UserPromptSubmit', p(text), env, [guard]), undefined, text);
  }
  assert.equal(await run('UserPromptSubmit', p('explain the cache layer please'), { ...env, FUSION_DEPTH: '1' }, [guard]), undefined);
  assert.equal(await run('UserPromptSubmit', p('explain the cache layer please'), { ...env, MAESTRO_FRONTIER_RUN_ID: 'r1' }, [guard]), undefined);
  assert.equal(calls, 1);
  assert.equal(loaded, 1, 'engine not even loaded when skipped');
  // Engine failure or non-ok: the prompt proceeds untouched.
  const failing = makeFrontierAutorun(async () => ({ runForAutorun: async () => { throw new Error('boom'); } }));
  assert.equal(await run('UserPromptSubmit', p('explain the cache layer please'), env, [failing]), undefined);
  const notOk = makeFrontierAutorun(async () => ({ runForAutorun: async () => ({ ok: false, label: 'x', models: 0, ms: 1, reason: 'no models' }) }));
  assert.equal(await run('UserPromptSubmit', p('explain the cache layer please'), env, [notOk]), undefined);
  assert.equal(skipReason('/home/me/file.ts explain this file', { mode: 'single', model: 'x' }), undefined, 'an absolute path is no slash command');
  assert.equal(skipReason('/review the last commit', { mode: 'single', model: 'x' }), 'slash-command');
  assert.equal(skipReason('  what does /loop do in this codebase and why', { mode: 'single', model: 'x' }), 'loop');
});

// ---- gate reminder + discipline ----

test('gate reminder: first prompt only, ≤200 bytes; discipline off silences enforcement guards only', async () => {
  const { cwd, env } = setup();
  const first = contextOf(await run('UserPromptSubmit', prompt('s', cwd, 'hi'), env, [gateReminder])) ?? '';
  assert.match(first, /files=<n> concerns=<m>/);
  assert.ok(Buffer.byteLength(first) <= 200);
  assert.equal(await run('UserPromptSubmit', prompt('s', cwd, 'again'), env, [gateReminder]), undefined);
  const off = { ...env, MAESTRO_DISCIPLINE: 'off', MAESTRO_TERSE_LEVEL: 'lite' };
  const out = contextOf(await run('UserPromptSubmit', prompt('t', cwd, 'hi'), off)) ?? '';
  assert.doesNotMatch(out, /S1/);
  assert.match(out, /terse/);
});
