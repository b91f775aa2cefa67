// Claude Code 2.1.328 with Maestro installed from the repository's own marketplace, offline,
// against the fake Anthropic server inside a network jail.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  AFTER_TOOL_PREFIX,
  assertLoopbackOnly,
  assertStepOk,
  copyRepo,
  describeStep,
  ensureHosts,
  installClaudePlugin,
  makeSandbox,
  nonLoopback,
  parseClaudeJson,
  parseValidate,
  requestText,
  runClaude,
  validateClaudePlugin,
  type HostBins,
  type JailResult,
  type Sandbox,
} from './lib';

const GATE = 'Maestro S1:';
const FAKE = { markerPatterns: [GATE] };
// The only validation warning we accept: the root CLAUDE.md is the doctrine adapter for people
// working in this repository, not plugin context.
const TOLERATED_WARNING = /^root: CLAUDE\.md at the plugin root is not loaded/;

describe('claude code', () => {
  let bins: HostBins;
  let sb: Sandbox;
  let plugin: string;
  let install: JailResult;

  before(async () => {
    bins = ensureHosts();
    sb = makeSandbox('claude');
    plugin = copyRepo(path.join(sb.root, 'plugin'));
    install = await installClaudePlugin(sb, bins, plugin, 'maestro@maestro', { auditEgress: true });
  });

  test('claude plugin validate: passes with no error and no warning beyond the root CLAUDE.md notice', async (t) => {
    const r = await validateClaudePlugin(sb, bins, plugin);
    const step = r.steps[0]!;
    assertStepOk(step);
    const f = parseValidate(step.stdout);
    assert.ok(f.passed, describeStep(step));
    assert.deepEqual(f.errors, [], describeStep(step));
    assert.deepEqual(f.warnings.filter((w) => !TOLERATED_WARNING.test(w)), [], describeStep(step));
    assert.deepEqual(f.directoryProblems, [], `the plugin directory would refuse a submission:\n${describeStep(step)}`);
    for (const w of f.directoryWarnings) t.diagnostic(`plugin directory warning: ${w}`);
    assert.match(step.stdout, /skills: maestro:maestro\b/, 'the hub skill is part of the plugin');
  });

  test('marketplace add + plugin install maestro@maestro succeed and register the plugin', () => {
    for (const s of install.steps) assertStepOk(s);
    const installed = JSON.parse(fs.readFileSync(path.join(sb.home, '.claude', 'plugins', 'installed_plugins.json'), 'utf8')) as {
      plugins: Record<string, unknown>;
    };
    assert.ok(installed.plugins['maestro@maestro'], `installed plugins: ${Object.keys(installed.plugins).join(', ')}`);
  });

  test(
    'plugin install makes no network attempt and installs no npm dependencies',
    (t) => {
      const attempts = install.steps.flatMap((s) => nonLoopback(s.connects ?? []));
      const slowest = Math.max(...install.steps.map((s) => s.durationMs));
      t.diagnostic(`install steps took ${install.steps.map((s) => `${s.name}=${s.durationMs}ms`).join(' ')}`);
      assert.deepEqual(attempts, [], `install tried to leave loopback (slowest step ${slowest} ms)`);
      const cached = path.join(sb.home, '.claude', 'plugins', 'cache', 'maestro', 'maestro');
      for (const v of fs.readdirSync(cached)) assert.equal(fs.existsSync(path.join(cached, v, 'node_modules')), false, 'Claude installed npm dependencies into the plugin cache');
    },
  );

  test('claude -p: the S1 gate reminder from the UserPromptSubmit hook reaches the model, the answer echoes it', async () => {
    const r = await runClaude(sb, bins, 'hello MARKER-CLAUDE-HELLO', { fake: FAKE, auditEgress: true });
    const step = r.steps[0]!;
    assertStepOk(step);
    assertLoopbackOnly(step);
    const sent = requestText(r.requests);
    assert.ok(sent.includes(GATE), `no request carried the gate reminder; requests: ${r.requests.map((q) => q.url).join(', ')}`);
    const out = parseClaudeJson(step.stdout);
    assert.equal(out.is_error, false, describeStep(step));
    assert.match(out.result ?? '', /MARKER-CLAUDE-HELLO/);
    assert.ok((out.result ?? '').includes(GATE), `result does not echo the gate reminder: ${out.result}`);
  });

  test('claude -p: a Bash tool call runs through the PostToolUse hook and the turn completes', async () => {
    const r = await runClaude(sb, bins, 'please TRIGGER_SHELL MARKER-CLAUDE-TOOL', { fake: FAKE });
    const step = r.steps[0]!;
    assertStepOk(step);
    const out = parseClaudeJson(step.stdout);
    assert.equal(out.is_error, false, describeStep(step));
    assert.ok((out.result ?? '').startsWith(AFTER_TOOL_PREFIX), `expected the after-tool answer, got: ${out.result}`);
    assert.match(out.result ?? '', /fake-shell-ran/, 'the shell command ran and its output went back to the model');
    assert.equal(r.requests.filter((q) => q.url.startsWith('/v1/messages')).length, 2, 'one request for the call, one after the tool');
  });

  test('claude -p /maestro:settings: the command body reaches the model and its allowed node call runs the Maestro CLI', async () => {
    const installed = JSON.parse(fs.readFileSync(path.join(sb.home, '.claude', 'plugins', 'installed_plugins.json'), 'utf8')) as {
      plugins: Record<string, { installPath: string }[]>;
    };
    const root = installed.plugins['maestro@maestro']?.[0]?.installPath ?? plugin;
    const cli = fs.existsSync(path.join(root, 'dist', 'maestro.cjs')) ? path.join(root, 'dist', 'maestro.cjs') : path.join(plugin, 'dist', 'maestro.cjs');
    const r = await runClaude(sb, bins, '/maestro:settings status TRIGGER_SHELL MARKER-CLAUDE-CMD', {
      fake: { ...FAKE, shellCommand: `node "${cli}" settings status` },
    });
    const step = r.steps[0]!;
    assertStepOk(step);
    const first = requestText(r.requests.slice(0, 1));
    assert.match(first, /Request: status TRIGGER_SHELL MARKER-CLAUDE-CMD/, 'arguments substituted into the command body');
    assert.ok(!first.includes('${CLAUDE_PLUGIN_ROOT}'), 'plugin root placeholder left unexpanded in the command body');
    const out = parseClaudeJson(step.stdout);
    assert.deepEqual(out.permission_denials ?? [], [], 'the command allows Bash(node:*)');
    assert.ok((out.result ?? '').startsWith(AFTER_TOOL_PREFIX), `expected the after-tool answer: ${out.result}`);
    assert.match(out.result ?? '', /terse/, 'the Maestro CLI printed its settings');
  });

  test('control: without the plugin, no gate reminder reaches the model', async () => {
    const bare = makeSandbox('claude-bare');
    const r = await runClaude(bare, bins, 'hello MARKER-CLAUDE-BARE', { fake: FAKE });
    assertStepOk(r.steps[0]);
    assert.ok(requestText(r.requests).includes('MARKER-CLAUDE-BARE'));
    assert.ok(!requestText(r.requests).includes(GATE), 'gate reminder present although Maestro is not installed');
  });
});
