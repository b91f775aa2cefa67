// Codex CLI 0.169.0 with Maestro installed from the repository's marketplace, hooks trusted the
// way a user approves them (app-server hooks/list -> config.toml), offline in a network jail.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  AFTER_TOOL_PREFIX,
  assertLoopbackOnly,
  assertStepOk,
  codexHome,
  copyRepo,
  describeStep,
  developerTexts,
  ensureHosts,
  installCodexPlugin,
  makeSandbox,
  nonLoopback,
  requestText,
  runCodex,
  trustCodexHooks,
  type HostBins,
  type JailResult,
  type Sandbox,
  type TrustReport,
} from './lib';

const GATE = 'Maestro S1:';
const FAKE = { markerPatterns: [GATE] };
const EVENTS = ['session_start', 'user_prompt_submit', 'pre_tool_use', 'post_tool_use', 'stop', 'subagent_stop', 'session_end'];

describe('codex', () => {
  let bins: HostBins;
  let sb: Sandbox;
  let install: JailResult;
  let untrustedRun: JailResult;
  let trust: TrustReport;

  before(async () => {
    bins = ensureHosts();
    sb = makeSandbox('codex');
    const plugin = copyRepo(path.join(sb.root, 'plugin'));
    install = await installCodexPlugin(sb, bins, plugin, 'maestro@maestro', { auditEgress: true });
    // Before trust: codex must run but skip the plugin's hooks.
    untrustedRun = await runCodex(sb, bins, 'hello MARKER-CODEX-UNTRUSTED', { fake: FAKE });
    trust = (await trustCodexHooks(sb, bins)).report;
  });

  test('marketplace add + plugin add maestro@maestro install the plugin with its hooks, offline', () => {
    for (const s of install.steps) {
      assertStepOk(s);
      assertLoopbackOnly(s);
    }
    const cache = path.join(codexHome(sb), 'plugins', 'cache', 'maestro', 'maestro');
    const versions = fs.existsSync(cache) ? fs.readdirSync(cache) : [];
    assert.equal(versions.length, 1, `installed versions under ${cache}: ${versions.join(', ')}`);
    assert.ok(fs.existsSync(path.join(cache, versions[0]!, 'hooks', 'hooks.json')));
  });

  test('untrusted plugin hooks are skipped: no gate reminder before trust', () => {
    assertStepOk(untrustedRun.steps[0]);
    const sent = requestText(untrustedRun.requests);
    assert.ok(sent.includes('MARKER-CODEX-UNTRUSTED'));
    assert.ok(!sent.includes(GATE), 'hook context arrived although the hooks were never trusted');
  });

  test('hooks/list reports one untrusted hook per Maestro event; trust tables make them all trusted', async () => {
    const keys = trust.before.map((h) => h.key).sort();
    assert.deepEqual(keys, EVENTS.map((e) => `maestro@maestro:hooks/hooks.json:${e}:0:0`).sort());
    assert.ok(trust.before.every((h) => h.trustStatus !== 'trusted'));
    assert.deepEqual(nonLoopback(trust.connects ?? ['not audited']), [], 'app-server stayed on loopback');
    assert.deepEqual([...trust.trusted].sort(), keys);
    const config = fs.readFileSync(path.join(codexHome(sb), 'config.toml'), 'utf8');
    assert.equal(config.match(/^\[hooks\.state\./gm)?.length, keys.length, 'one trust table per hook');
    // Asking again sees every hook trusted and writes nothing.
    const again = (await trustCodexHooks(sb, bins)).report;
    assert.deepEqual(
      again.before.filter((h) => h.trustStatus !== 'trusted').map((h) => `${h.key}=${h.trustStatus}`),
      [],
    );
    assert.deepEqual(again.trusted, []);
  });

  test('codex exec: the S1 gate reminder arrives as a developer message and the plugin skills are listed', async () => {
    const r = await runCodex(sb, bins, 'hello MARKER-CODEX-HELLO', { fake: FAKE, auditEgress: true });
    const step = r.steps[0]!;
    assertStepOk(step);
    assertLoopbackOnly(step);
    const dev = developerTexts(r.requests);
    assert.ok(dev.some((d) => d.includes(GATE)), `no developer message carried the gate reminder:\n${dev.map((d) => d.slice(0, 200)).join('\n---\n')}`);
    const skills = dev.find((d) => d.includes('maestro:maestro')) ?? '';
    assert.match(skills, /^- maestro:maestro: [^\n]*\(file: [^)\n]*maestro\/SKILL\.md\)$/m, 'hub skill listed with its SKILL.md path');
    assert.match(skills, /plugins\/cache\/maestro\/maestro\/[^/\s`]+\/skills/, 'skills come from the installed plugin copy');
    assert.match(step.stdout, /MARKER-CODEX-HELLO/);
    assert.ok(step.stdout.includes(GATE), `final answer does not echo the gate reminder:\n${describeStep(step)}`);
    assert.match(step.stderr, /hook: UserPromptSubmit Completed/);
  });

  test('codex exec: an exec_command call runs through the PostToolUse hook and the turn completes', async () => {
    const r = await runCodex(sb, bins, 'please TRIGGER_SHELL MARKER-CODEX-TOOL', { fake: FAKE });
    const step = r.steps[0]!;
    assertStepOk(step);
    const last = step.stdout.trim().split('\n').at(-1) ?? '';
    assert.ok(last.startsWith(AFTER_TOOL_PREFIX), `expected the after-tool answer:\n${describeStep(step)}`);
    assert.match(last, /fake-shell-ran/, 'the command ran and its output went back to the model');
    // PreToolUse is matched to file tools only; PostToolUse sees every tool.
    assert.match(step.stderr, /hook: PostToolUse Completed/);
  });
});
