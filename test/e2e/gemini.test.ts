// Gemini CLI 0.61.0 offline against the fake Gemini API in a network jail: plain prompts, the
// shell tool loop, and project commands (Maestro's rendered .gemini/commands) expanding in -p.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  AFTER_TOOL_PREFIX,
  REPO_ROOT,
  assertLoopbackOnly,
  assertStepOk,
  describeStep,
  ensureHosts,
  installGeminiCommands,
  makeSandbox,
  requestText,
  runGemini,
  type HostBins,
} from './lib';

/** Text parts of the last user turn of every streamed request (what the model was asked). */
function userTurns(requests: { url: string; body: unknown }[]): string[] {
  return requests
    .filter((r) => r.url.includes(':streamGenerateContent'))
    .map((r) => {
      const contents = (r.body as { contents?: { role?: string; parts?: { text?: string }[] }[] }).contents ?? [];
      const last = [...contents].reverse().find((c) => c.role === 'user');
      return (last?.parts ?? []).map((p) => p.text ?? '').join('\n');
    });
}

describe('gemini cli', () => {
  let bins: HostBins;

  before(() => {
    bins = ensureHosts();
  });

  test('gemini -p: the answer echoes the marker from the prompt, offline', async () => {
    const sb = makeSandbox('gemini');
    const r = await runGemini(sb, bins, 'hello MARKER-GEMINI-HELLO', { auditEgress: true });
    const step = r.steps[0]!;
    assertStepOk(step);
    assertLoopbackOnly(step);
    assert.match(step.stdout, /FAKE-REPLY prompt="hello MARKER-GEMINI-HELLO" markers=\[MARKER-GEMINI-HELLO\]/, describeStep(step));
    // Without -m the router asks a classifier for JSON first; the fake answered its schema.
    assert.ok(r.requests.some((q) => q.url.includes(':generateContent')), 'router classifier call expected');
  });

  test('gemini -p --approval-mode yolo: a run_shell_command call runs and its result goes back to the model', async () => {
    const sb = makeSandbox('gemini-tool');
    const r = await runGemini(sb, bins, 'please TRIGGER_SHELL MARKER-GEMINI-TOOL', { model: 'gemini-2.5-pro', extraArgs: ['--approval-mode', 'yolo'] });
    const step = r.steps[0]!;
    assertStepOk(step);
    assert.match(step.stdout, new RegExp(`${AFTER_TOOL_PREFIX} result=".*fake-shell-ran`), describeStep(step));
    assert.ok(r.requests.every((q) => !q.url.includes('flash-lite')), '-m pins the model and skips the router');
  });

  test("Maestro's Gemini project commands expand in -p: /maestro:frontier sends its prompt with the arguments", async () => {
    const sb = makeSandbox('gemini-cmd');
    const src = path.join(REPO_ROOT, 'integrations', 'gemini', 'commands');
    assert.ok(fs.existsSync(path.join(src, 'maestro', 'frontier.toml')), `rendered Gemini commands missing under ${src}`);
    const installed = installGeminiCommands(src, sb.work);
    assert.ok(installed.some((f) => f.endsWith(path.join('.gemini', 'commands', 'maestro', 'frontier.toml'))));
    const r = await runGemini(sb, bins, '/maestro:frontier status MARKER-GEMINI-FRONTIER', { model: 'gemini-2.5-pro' });
    const step = r.steps[0]!;
    assertStepOk(step);
    const turns = userTurns(r.requests);
    assert.ok(turns.length > 0, describeStep(step));
    const asked = turns[0]!;
    assert.match(asked, /status MARKER-GEMINI-FRONTIER/, 'arguments substituted into the command prompt');
    assert.doesNotMatch(asked, /^\/maestro:frontier/m, 'the slash command reached the model literally instead of expanding');
    assert.match(asked, /maestro\.cjs frontier status/, 'the frontier command body reached the model');
    assert.match(step.stdout, /MARKER-GEMINI-FRONTIER/);
  });

  test('control: an unknown project command is not expanded', async () => {
    const sb = makeSandbox('gemini-nocmd');
    const r = await runGemini(sb, bins, '/maestro:frontier status MARKER-GEMINI-NOCMD', { model: 'gemini-2.5-pro' });
    assertStepOk(r.steps[0]);
    assert.ok(!requestText(r.requests).includes('maestro.cjs frontier status'));
  });
});
