// Maestro's hook guards inside the real hosts (issue 3, e2e bullet): Claude Code 2.1.328 and
// Codex 0.169.0 with the plugin installed from the repository's marketplace (Codex hooks trusted),
// offline, against the fake model servers. Every case asserts what reached the model (the fake
// server's request log) or what the CLI printed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  AGENT_TRIGGER,
  PATCH_TRIGGER,
  applyPatchShape,
  assertStepOk,
  claudeStep,
  codexPortOverride,
  codexStep,
  copyRepo,
  describeStep,
  developerTexts,
  ensureHosts,
  installClaudePlugin,
  installCodexPlugin,
  jailRun,
  makeSandbox,
  parseClaudeJson,
  requestText,
  trustCodexHooks,
  type HostBins,
  type JailResult,
  type Sandbox,
} from './lib';
import type { LoggedRequest } from './fake/server';

const GATE = 'Maestro S1:';
const VERIFY = 'Maestro verify gate:';
const PHASE = 'Maestro phase scope:';
const SUBAGENT = 'Maestro subagent check:';
const FAKE = { markerPatterns: [GATE] };
const WRITE = { ...FAKE, shellCommand: 'echo edited > edited.txt' };

// ---------- request-log readers ----------

interface AnthropicMessage {
  role?: string;
  content?: string | { type?: string; text?: string; content?: unknown }[];
}

function modelCalls(requests: readonly LoggedRequest[], url: string): LoggedRequest[] {
  return requests.filter((r) => r.method === 'POST' && r.url.split('?')[0] === url);
}

/** Text of the latest user message of an Anthropic request (prompt, hook context, tool results). */
function lastUserText(r: LoggedRequest): string {
  const msgs = ((r.body as { messages?: AnthropicMessage[] })?.messages ?? []).filter((m) => m.role === 'user');
  const c = msgs.at(-1)?.content;
  return typeof c === 'string' ? c : JSON.stringify(c ?? '');
}

/** Items a Responses request carries after its latest user message, plus that message (Codex). */
function codexTurnTail(r: LoggedRequest): string {
  const input = (r.body as { input?: { role?: string; type?: string }[] })?.input ?? [];
  let last = -1;
  input.forEach((it, i) => {
    if (it.role === 'user') last = i;
  });
  return JSON.stringify(input.slice(Math.max(0, last)));
}

/**
 * What Claude Code added for the latest prompt: the last user message and everything after it.
 * Claude Code 2.1.328 sends hook context (SessionStart, UserPromptSubmit) as a `system` role
 * message right after the prompt, so the prompt's own context lives in this tail.
 */
function claudeTurnTail(r: LoggedRequest): string {
  const msgs = (r.body as { messages?: AnthropicMessage[] })?.messages ?? [];
  let last = -1;
  msgs.forEach((m, i) => {
    if (m.role === 'user') last = i;
  });
  return JSON.stringify(msgs.slice(Math.max(0, last)));
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

// ---------- Claude Code ----------

describe('hooks in claude code', () => {
  let bins: HostBins;
  let sb: Sandbox;

  before(async () => {
    bins = ensureHosts();
    sb = makeSandbox('hooks-claude');
    const plugin = copyRepo(path.join(sb.root, 'plugin'));
    const install = await installClaudePlugin(sb, bins, plugin);
    for (const s of install.steps) assertStepOk(s);
  });

  /** `claude -p` that lets the fake model's Bash call write a file (root needs IS_SANDBOX for bypass). */
  async function claudeEdit(label: string, env: Record<string, string>): Promise<JailResult> {
    const r = await jailRun({
      outDir: sb.out(label),
      server: { provider: 'anthropic', config: WRITE },
      steps: [
        claudeStep(sb, bins, 'claude-p', ['-p', `edit please TRIGGER_SHELL MARKER-${label.toUpperCase()}`, '--output-format', 'json', '--permission-mode', 'bypassPermissions'], {
          env: { IS_SANDBOX: '1', ...env },
        }),
      ],
    });
    assertStepOk(r.steps[0]);
    return r;
  }

  test('gate reminder: reaches the model with the first prompt of a session, not with the next prompt of the same session', async () => {
    const id = randomUUID();
    const r = await jailRun({
      outDir: sb.out('claude-gate-session'),
      server: { provider: 'anthropic', config: FAKE },
      steps: [
        claudeStep(sb, bins, 'first', ['-p', 'first MARKER-GATE-ONE', '--output-format', 'json', '--session-id', id]),
        claudeStep(sb, bins, 'second', ['-p', 'second MARKER-GATE-TWO', '--output-format', 'json', '--resume', id]),
      ],
    });
    for (const s of r.steps) assertStepOk(s);
    const calls = modelCalls(r.requests, '/v1/messages');
    const first = calls.filter((q) => lastUserText(q).includes('MARKER-GATE-ONE'));
    const second = calls.filter((q) => lastUserText(q).includes('MARKER-GATE-TWO'));
    assert.equal(first.length, 1, `requests: ${calls.map(lastUserText).join('\n')}`);
    assert.equal(second.length, 1, `requests: ${calls.map(lastUserText).join('\n')}`);
    assert.ok(claudeTurnTail(first[0]!).includes(GATE), `the first prompt of the session lacks the S1 reminder:\n${claudeTurnTail(first[0]!).slice(0, 1500)}`);
    assert.ok(!claudeTurnTail(second[0]!).includes(GATE), `the second prompt carries a new S1 reminder:\n${claudeTurnTail(second[0]!).slice(0, 1500)}`);
    // Same session: the second request replays the first prompt (history), so the only reminder
    // in it is the old one (plus the fake answer that echoed it).
    assert.ok(requestText(second).includes('MARKER-GATE-ONE'), 'the second prompt was not sent in the same session');
    assert.equal(parseClaudeJson(r.steps[1]!.stdout).session_id, id);
  });

  test('verify gate, warn (default): an edit with no checker and no status token -> the warning reaches the next model request', async () => {
    const off = await claudeEdit('claude-verify-off', { MAESTRO_VERIFY_GATE: 'off' });
    const warn = await claudeEdit('claude-verify-warn', {});
    assert.equal(fs.readFileSync(path.join(sb.work, 'edited.txt'), 'utf8').trim(), 'edited', 'the fake model call wrote the file');
    const offCalls = modelCalls(off.requests, '/v1/messages');
    const warnCalls = modelCalls(warn.requests, '/v1/messages');
    assert.equal(offCalls.length, 2, 'gate off: one request for the call, one after the tool');
    assert.ok(!requestText(off.requests).includes(VERIFY));
    assert.equal(warnCalls.length, offCalls.length + 1, `warn: Claude takes one extra turn on the Stop context\n${describeStep(warn.steps[0]!)}`);
    assert.ok(!requestText(warnCalls.slice(0, 2)).includes(VERIFY), 'no warning before the answer');
    assert.ok(lastUserText(warnCalls[2]!).includes(VERIFY), `the request after the answer lacks the warning:\n${lastUserText(warnCalls[2]!).slice(0, 1500)}`);
  });

  test('verify gate, block: exactly one extra turn carrying the block reason, no loop', async () => {
    const r = await claudeEdit('claude-verify-block', { MAESTRO_VERIFY_GATE: 'block' });
    const calls = modelCalls(r.requests, '/v1/messages');
    assert.equal(calls.length, 3, `block: one extra turn only\n${calls.map((c) => lastUserText(c).slice(0, 300)).join('\n---\n')}`);
    assert.ok(lastUserText(calls[2]!).includes(VERIFY), `the extra turn lacks the block reason:\n${lastUserText(calls[2]!).slice(0, 1500)}`);
    assert.ok(!requestText(calls.slice(0, 2)).includes(VERIFY), 'no block reason before the answer');
    // One block; Claude Code itself relays it twice in that request: a user "Stop hook feedback"
    // message and a system "Stop hook blocking error" message.
    assert.equal(count(requestText(calls), 'Stop hook feedback'), 1, 'the Stop hook blocked once');
    assert.equal(parseClaudeJson(r.steps[0]!.stdout).is_error, false);
  });

  test('subagent guard: a subagent that writes a file with no checker and no status token is blocked once at SubagentStop', async () => {
    const r = await jailRun({
      outDir: sb.out('claude-subagent'),
      server: { provider: 'anthropic', config: WRITE, agent: { prompt: 'sub task TRIGGER_SHELL MARKER-SUBAGENT' } },
      steps: [
        claudeStep(sb, bins, 'claude-p', ['-p', `delegate please ${AGENT_TRIGGER} MARKER-MAIN`, '--output-format', 'json', '--permission-mode', 'bypassPermissions'], {
          // The main turn's own verify gate stays out of the way: only SubagentStop is under test.
          env: { IS_SANDBOX: '1', MAESTRO_VERIFY_GATE: 'off' },
        }),
      ],
    });
    const step = r.steps[0]!;
    assertStepOk(step);
    const calls = modelCalls(r.requests, '/v1/messages');
    const summary = calls.map((c, i) => `#${i} ${claudeTurnTail(c).slice(0, 300)}`).join('\n');
    // The subagent's own requests: its conversation never contains the main prompt.
    const sub = calls.filter((c) => !JSON.stringify((c.body as { messages?: unknown }).messages ?? '').includes('MARKER-MAIN'));
    assert.ok(sub.length >= 2, `the subagent did not run its own requests:\n${summary}\n${describeStep(step)}`);
    assert.ok(fs.existsSync(path.join(sb.work, 'edited.txt')), 'the subagent wrote the file');
    // Exactly one extra subagent turn: its task, the answer after Bash, the answer after the block.
    assert.equal(sub.length, 3, `subagent requests:\n${summary}`);
    // (The main thread's task notification later quotes the subagent's last answer, which the fake
    // model wrote by echoing the block; only the subagent's own requests count here.)
    const blocked = sub.filter((c) => claudeTurnTail(c).includes(SUBAGENT));
    assert.equal(blocked.length, 1, `expected exactly one subagent request carrying the SubagentStop block:\n${summary}`);
    assert.match(claudeTurnTail(blocked[0]!), /Stop hook feedback:\\nMaestro subagent check:/, 'the block went back to the subagent as Stop hook feedback');
    assert.equal(sub.indexOf(blocked[0]!), 2, 'the block came after the subagent answered');
    assert.equal(parseClaudeJson(step.stdout).is_error, false, describeStep(step));
  });

  test('discipline off: no verify text and no gate reminder reach the model', async () => {
    const r = await claudeEdit('claude-discipline-off', { MAESTRO_DISCIPLINE: 'off', MAESTRO_VERIFY_GATE: 'block' });
    const calls = modelCalls(r.requests, '/v1/messages');
    const sent = requestText(calls);
    assert.ok(!sent.includes(VERIFY), 'verify text reached the model with discipline off');
    assert.ok(!sent.includes(GATE), 'gate reminder reached the model with discipline off');
    assert.equal(calls.length, 2, 'no extra turn with discipline off');
  });
});

// ---------- Codex ----------

describe('hooks in codex', () => {
  let bins: HostBins;
  let sb: Sandbox;

  before(async () => {
    bins = ensureHosts();
    sb = makeSandbox('hooks-codex');
    const plugin = copyRepo(path.join(sb.root, 'plugin'));
    const install = await installCodexPlugin(sb, bins, plugin);
    for (const s of install.steps) assertStepOk(s);
    await trustCodexHooks(sb, bins);
  });

  const EXEC = ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox'];

  test('apply_patch adding 6 files: the edit reaches PostToolUse and phase scope warns the model in the same turn', async (t) => {
    const files = ['p1.txt', 'p2.txt', 'p3.txt', 'p4.txt', 'p5.txt', 'p6.txt'];
    const r = await jailRun({
      outDir: sb.out('codex-patch'),
      server: { provider: 'openai', config: FAKE, patch: { files } },
      steps: [{ ...codexStep(sb, bins, 'codex-exec', [...codexPortOverride(), ...EXEC, `patch please ${PATCH_TRIGGER} MARKER-CODEX-PATCH`]), timeoutMs: 90_000 }],
    });
    const step = r.steps[0]!;
    assertStepOk(step);
    const calls = modelCalls(r.requests, '/v1/responses');
    const shape = applyPatchShape((calls[0]?.body as { tools?: unknown })?.tools);
    const tool = ((calls[0]?.body as { tools?: { type?: string; name?: string; format?: unknown }[] })?.tools ?? []).find((x) => x.name === 'apply_patch');
    t.diagnostic(`codex offers apply_patch as: ${shape} ${JSON.stringify(tool ?? null).slice(0, 300)}`);
    for (const f of files) assert.ok(fs.existsSync(path.join(sb.work, f)), `apply_patch did not create ${f}\n${describeStep(step)}`);
    assert.equal(calls.length, 2, 'one request for the patch, one after it');
    assert.match(step.stderr, /hook: PostToolUse Completed/, `codex did not run PostToolUse for apply_patch\n${describeStep(step)}`);
    const after = codexTurnTail(calls[1]!) + developerTexts(calls.slice(1)).join('\n');
    assert.ok(after.includes(PHASE), `the phase-scope note did not reach the request after the patch:\n${after.slice(0, 3000)}`);
    assert.ok(!requestText(calls.slice(0, 1)).includes(PHASE));
  });

  test('verify gate, block: a file-writing shell call with no checker and no status token -> exactly one more turn carrying the hook prompt', async () => {
    const r = await jailRun({
      outDir: sb.out('codex-verify-block'),
      server: { provider: 'openai', config: WRITE },
      steps: [{ ...codexStep(sb, bins, 'codex-exec', [...codexPortOverride(), ...EXEC, 'edit please TRIGGER_SHELL MARKER-CODEX-BLOCK'], { env: { MAESTRO_VERIFY_GATE: 'block' } }), timeoutMs: 90_000 }],
    });
    const step = r.steps[0]!;
    assertStepOk(step);
    const calls = modelCalls(r.requests, '/v1/responses');
    assert.equal(calls.length, 3, `block: one extra turn only\n${calls.map((c) => codexTurnTail(c).slice(0, 400)).join('\n---\n')}\n${describeStep(step)}`);
    assert.ok(!requestText(calls.slice(0, 2)).includes(VERIFY));
    const tail = codexTurnTail(calls[2]!);
    assert.ok(tail.includes(VERIFY), `the extra turn's user message lacks the hook prompt:\n${tail.slice(0, 2000)}`);
    assert.match(tail, /"role":"user"[^}]*<hook_prompt[^>]*>Maestro verify gate:/, 'Codex wraps the block reason in a <hook_prompt> user message');
  });

  // Three prompts in one session: an edit (warn at Stop), then two resumed prompts that change nothing.
  let warnRun: JailResult | undefined;
  async function codexWarnSession(): Promise<JailResult> {
    if (warnRun) return warnRun;
    const resume = (name: string, prompt: string) => ({
      ...codexStep(sb, bins, name, [...codexPortOverride(), 'exec', 'resume', '--last', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', '--json', prompt]),
      timeoutMs: 90_000,
    });
    warnRun = await jailRun({
      outDir: sb.out('codex-verify-warn'),
      server: { provider: 'openai', config: WRITE },
      steps: [
        { ...codexStep(sb, bins, 'edit', [...codexPortOverride(), ...EXEC, '--json', 'edit please TRIGGER_SHELL MARKER-CODEX-WARN']), timeoutMs: 90_000 },
        resume('next', 'next MARKER-CODEX-NEXT'),
        resume('third', 'third MARKER-CODEX-THIRD'),
      ],
    });
    for (const s of warnRun.steps) assertStepOk(s);
    return warnRun;
  }

  function promptRequests(r: JailResult, marker: string): LoggedRequest[] {
    return modelCalls(r.requests, '/v1/responses').filter((c) => codexTurnTail(c).includes(marker));
  }

  test('verify gate, warn: no extra turn; the model gets the warning with the next prompt of the session', async (t) => {
    const r = await codexWarnSession();
    const edit = promptRequests(r, 'MARKER-CODEX-WARN');
    assert.equal(edit.length, 2, 'warn: one request for the call, one after it, no extra turn on Codex');
    assert.ok(!requestText(edit).includes(VERIFY));
    // Codex's Stop answer is a systemMessage; `codex exec` (human or --json output) does not print it.
    const shown = (r.steps[0]!.stdout + r.steps[0]!.stderr).includes(VERIFY);
    t.diagnostic(`codex exec shows the Stop systemMessage to the user: ${shown}`);
    const next = promptRequests(r, 'MARKER-CODEX-NEXT');
    assert.equal(next.length, 1, 'the next prompt went out once');
    const handed = codexTurnTail(next[0]!);
    assert.ok(handed.includes(`About your previous turn: ${VERIFY}`), `the next prompt does not hand the warning to the model:\n${handed.slice(0, 3000)}`);
  });

  test(
    'verify gate, warn: a resumed prompt that changes nothing is not warned again',
    async () => {
      const r = await codexWarnSession();
      const third = promptRequests(r, 'MARKER-CODEX-THIRD');
      assert.equal(third.length, 1);
      const tail = codexTurnTail(third[0]!);
      assert.ok(!tail.includes(VERIFY), `the turn after a no-edit turn got a verify warning:\n${tail.slice(0, 2000)}`);
    },
  );
});
