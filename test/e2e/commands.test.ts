// Maestro's user-facing commands inside the real hosts: what the model receives when a user types
// them, and what the Maestro CLI they lead to really does. Claude Code: /maestro:terse,
// /maestro:frontier, /maestro:settings. Codex: the $maestro:maestro-frontier skill and the hub.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  AFTER_TOOL_PREFIX,
  assertStepOk,
  baseEnv,
  copyRepo,
  describeStep,
  developerTexts,
  ensureHosts,
  installClaudePlugin,
  installCodexPlugin,
  makeSandbox,
  parseClaudeJson,
  REPO_ROOT,
  runClaude,
  runCodex,
  trustCodexHooks,
  type HostBins,
  type JailResult,
  type LoggedRequest,
  type Sandbox,
} from './lib';

/** Every string inside a value, joined (no JSON escaping). */
function strings(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(strings).join('\n');
  if (v && typeof v === 'object') return Object.values(v).map(strings).join('\n');
  return '';
}

const posts = (r: JailResult): LoggedRequest[] => r.requests.filter((q) => q.method === 'POST' && !q.url.includes('count_tokens'));

/** The `## <level>` section of skills/terse/SKILL.md, first line (the rule itself). */
function terseRule(level: string): string {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'skills', 'terse', 'SKILL.md'), 'utf8');
  const m = new RegExp(`^## ${level}\\n([^\\n]+)`, 'm').exec(text);
  assert.ok(m, `skills/terse/SKILL.md has no ## ${level} section`);
  return m[1]!.trim();
}

/** The model's shell calls in a set of Anthropic requests' replies (Bash tool_use commands). */
function bashCommands(requests: LoggedRequest[]): string[] {
  const out: string[] = [];
  for (const q of requests) {
    for (const f of Array.isArray(q.reply) ? q.reply : []) {
      const data = typeof f === 'string' ? /^data: (.*)$/m.exec(f)?.[1] : undefined;
      const delta = data ? (JSON.parse(data) as { delta?: { partial_json?: string } }).delta : undefined;
      if (delta?.partial_json) out.push((JSON.parse(delta.partial_json) as { command: string }).command);
    }
    const content = (q.reply as { content?: { type: string; input?: { command?: string } }[] } | undefined)?.content;
    for (const b of Array.isArray(content) ? content : []) if (b.type === 'tool_use' && b.input?.command) out.push(b.input.command);
  }
  return out;
}

/** The tool_result contents the model was sent (Anthropic messages). */
function toolResults(requests: LoggedRequest[]): string {
  const out: string[] = [];
  for (const q of requests) {
    const msgs = (q.body as { messages?: { content?: unknown }[] } | null)?.messages ?? [];
    for (const m of msgs) for (const b of Array.isArray(m.content) ? m.content : []) if ((b as { type?: string }).type === 'tool_result') out.push(strings((b as { content?: unknown }).content));
  }
  return [...new Set(out)].join('\n');
}

/** The command an expanded Maestro command body tells the model to run, with its install path. */
const CLI_IN_BODY = '(node "[^"`]*/dist/maestro\\.cjs")';

/**
 * Exactly one shell call, `node "<root>/dist/maestro.cjs" <args>`, with the plugin root expanded to a
 * directory holding the CLI. (With a local directory marketplace, Claude Code 2.1.328 expands
 * CLAUDE_PLUGIN_ROOT to the marketplace's plugin source, not to the cache copy it installed.)
 */
function assertRunsPluginCli(calls: string[], args: string): void {
  assert.equal(calls.length, 1, `shell calls: ${calls.join(' | ')}`);
  const m = /^node "(.+)\/dist\/maestro\.cjs" (.*)$/.exec(calls[0]!);
  assert.ok(m, `not a Maestro CLI call: ${calls[0]}`);
  assert.equal(m[2], args);
  assert.ok(!m[1]!.includes('${'), `placeholder left unexpanded: ${m[1]}`);
  assert.ok(fs.existsSync(path.join(m[1]!, 'dist', 'maestro.cjs')), `no CLI under the expanded root ${m[1]}`);
}

describe('claude code commands', () => {
  let bins: HostBins;
  let sb: Sandbox;
  let cli: string;

  before(async () => {
    bins = ensureHosts();
    sb = makeSandbox('commands-claude');
    const plugin = copyRepo(path.join(sb.root, 'plugin'));
    for (const s of (await installClaudePlugin(sb, bins, plugin)).steps) assertStepOk(s);
    const installed = JSON.parse(fs.readFileSync(path.join(sb.home, '.claude', 'plugins', 'installed_plugins.json'), 'utf8')) as {
      plugins: Record<string, { installPath: string }[]>;
    };
    cli = path.join(installed.plugins['maestro@maestro']?.[0]?.installPath ?? plugin, 'dist', 'maestro.cjs');
    assert.ok(fs.existsSync(cli), `no Maestro CLI in the installed plugin: ${cli}`);
  });

  test('/maestro:terse full: the full ruleset reaches the model, and the next prompt of the session stays terse', async () => {
    const first = await runClaude(sb, bins, '/maestro:terse full');
    const step = first.steps[0]!;
    assertStepOk(step);
    const out = parseClaudeJson(step.stdout);
    assert.equal(out.is_error, false, describeStep(step));
    const sent = posts(first).map((q) => strings(q.body)).join('\n');
    assert.ok(sent.includes('Maestro terse mode is on at level "full" for this session.'), 'the hook did not switch the session to full');
    assert.ok(sent.includes(terseRule('full')), 'the ## full rule of skills/terse/SKILL.md did not reach the model');
    const sessionId = String(out.session_id ?? '');
    assert.match(sessionId, /^[0-9a-f-]{36}$/, `no session id in ${step.stdout.slice(0, 300)}`);

    const next = await runClaude(sb, bins, 'follow-up question MARKER-TERSE-NEXT', { extraArgs: ['--resume', sessionId] });
    assertStepOk(next.steps[0]);
    const last = posts(next).at(-1);
    assert.ok(last, 'no request for the follow-up');
    const text = strings(last.body);
    assert.ok(text.includes('MARKER-TERSE-NEXT'));
    assert.ok(text.includes('Maestro terse mode: full'), 'the follow-up prompt did not carry the session terse level');

    // Another session is untouched: the level was stored for that session only.
    const other = await runClaude(sb, bins, 'fresh session MARKER-TERSE-OTHER');
    assertStepOk(other.steps[0]);
    assert.ok(!posts(other).some((q) => /Maestro terse mode (is on|: full)/.test(strings(q.body))), 'terse leaked into a new session');
  });

  test('/maestro:frontier status: the model runs the plugin CLI from the command body and gets "off" back', async () => {
    const r = await runClaude(sb, bins, '/maestro:frontier status', {
      fake: { commandPicks: [{ pattern: `nothing, or \`status\`: \`${CLI_IN_BODY} frontier status\``, template: '$1 frontier status' }] },
    });
    const step = r.steps[0]!;
    assertStepOk(step);
    assertRunsPluginCli(bashCommands(posts(r)), 'frontier status');
    const out = parseClaudeJson(step.stdout);
    assert.deepEqual(out.permission_denials ?? [], [], 'the command allows Bash(node:*)');
    const result = toolResults(posts(r));
    assert.match(result, /^scope cc-[0-9a-f]{8}: off$/m, `the status of the workspace scope went back to the model: ${result}`);
    assert.ok((out.result ?? '').startsWith(AFTER_TOOL_PREFIX), `expected the after-tool answer: ${out.result}`);
    assert.match(out.result ?? '', /: off/);
  });

  test('/maestro:settings set verify block: the CLI stores it and `maestro settings status` shows verify block', async () => {
    const env = baseEnv(sb.home);
    const before = spawnSync(process.execPath, [cli, 'settings', 'status'], { env, cwd: sb.work, encoding: 'utf8' });
    assert.match(before.stdout, /verify\s+warn/, 'precondition: default verify mode');
    const r = await runClaude(sb, bins, '/maestro:settings set verify block', {
      fake: { commandPicks: [{ pattern: `\`set <key> <value> \\[flags\\]\`: \`${CLI_IN_BODY} settings set`, template: '$1 settings set verify block' }] },
    });
    const step = r.steps[0]!;
    assertStepOk(step);
    assertRunsPluginCli(bashCommands(posts(r)), 'settings set verify block');
    const out = parseClaudeJson(step.stdout);
    assert.deepEqual(out.permission_denials ?? [], []);
    assert.ok((out.result ?? '').startsWith(AFTER_TOOL_PREFIX), `expected the after-tool answer: ${out.result}`);
    assert.match(toolResults(posts(r)), /verify = block/, 'the CLI confirmation went back to the model');
    const after = spawnSync(process.execPath, [cli, 'settings', 'status'], { env, cwd: sb.work, encoding: 'utf8' });
    assert.equal(after.status, 0, after.stderr);
    assert.match(after.stdout, /verify\s+block \(source: config\)/, after.stdout);
  });
});

describe('codex skills', () => {
  test('$maestro:maestro-frontier status injects that skill body; the hub skill maestro:maestro is listed', async () => {
    const bins = ensureHosts();
    const sb = makeSandbox('commands-codex');
    const plugin = copyRepo(path.join(sb.root, 'plugin'));
    for (const s of (await installCodexPlugin(sb, bins, plugin)).steps) assertStepOk(s);
    await trustCodexHooks(sb, bins);
    const r = await runCodex(sb, bins, '$maestro:maestro-frontier status MARKER-CODEX-SKILL');
    assertStepOk(r.steps[0]);
    const first = posts(r)[0];
    assert.ok(first, 'no model request');
    const text = strings(first.body);
    assert.ok(text.includes('MARKER-CODEX-SKILL'));
    const skill = fs.readFileSync(path.join(REPO_ROOT, 'skills', 'maestro-frontier', 'SKILL.md'), 'utf8');
    const line = skill.split('\n').find((l) => l.startsWith('First, every time this skill is used'));
    assert.ok(line, 'distinctive line missing from skills/maestro-frontier/SKILL.md');
    assert.ok(text.includes(line), 'the maestro-frontier SKILL.md body did not reach the model');
    assert.match(developerTexts(r.requests).join('\n'), /^- maestro:maestro: /m, 'the hub skill is listed');
  });
});
