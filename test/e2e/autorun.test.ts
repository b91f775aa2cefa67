// Frontier autorun inside real Claude Code: Frontier armed (single, opus) for the workspace's
// Claude scope, the member is the pinned `claude` CLI itself. One `claude -p` must run the
// engine from the UserPromptSubmit hook, the nested member must not start another run, and the
// main model must get the member's answer as hook context with the relay instructions.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  assertStepOk,
  baseEnv,
  copyRepo,
  describeStep,
  ensureHosts,
  installClaudePlugin,
  makeSandbox,
  parseClaudeJson,
  runClaude,
  type HostBins,
  type JailResult,
  type LoggedRequest,
  type Sandbox,
} from './lib';

const PROMPT = 'plain question about stable sorting MARKER-AUTORUN';
const RELAY = 'already answered this prompt';

function installedRoot(sb: Sandbox, fallback: string): string {
  const installed = JSON.parse(fs.readFileSync(path.join(sb.home, '.claude', 'plugins', 'installed_plugins.json'), 'utf8')) as {
    plugins: Record<string, { installPath: string }[]>;
  };
  return installed.plugins['maestro@maestro']?.[0]?.installPath ?? fallback;
}

/** A wrapper around the real claude bin that logs FUSION_DEPTH and argv of every member launch. */
function loggedClaude(sb: Sandbox, real: string): { bin: string; log: string } {
  const log = path.join(sb.root, 'member-launches.log');
  const bin = path.join(sb.root, 'claude-member');
  fs.writeFileSync(log, '');
  fs.writeFileSync(bin, `#!/bin/sh\nprintf 'depth=%s argv=%s\\n' "$FUSION_DEPTH" "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  fs.chmodSync(bin, 0o755);
  return { bin, log };
}

/** Every string inside a value, joined: request and reply text without JSON escaping. */
function strings(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(strings).join('\n');
  if (v && typeof v === 'object') return Object.values(v).map(strings).join('\n');
  return '';
}

/** The text a logged reply carried, whether it went out as JSON or as SSE frames. */
function replyText(reply: unknown): string {
  if (!Array.isArray(reply)) return strings(reply);
  return reply
    .map((f) => {
      const data = typeof f === 'string' ? /^data: (.*)$/m.exec(f)?.[1] : undefined;
      return data ? strings(JSON.parse(data) as unknown) : '';
    })
    .join('');
}

const messages = (reqs: LoggedRequest[]) => reqs.filter((r) => r.url.startsWith('/v1/messages') && !r.url.includes('count_tokens'));

describe('frontier autorun in claude code', () => {
  let bins: HostBins;
  let sb: Sandbox;
  let scope: string;
  let run: JailResult;
  let launches: string[];

  before(async () => {
    bins = ensureHosts();
    sb = makeSandbox('autorun');
    const plugin = copyRepo(path.join(sb.root, 'plugin'));
    const install = await installClaudePlugin(sb, bins, plugin);
    for (const s of install.steps) assertStepOk(s);
    // The workspace is a git repo, so the hook resolves cc-<sha256(git root)[0..8]>.
    const git = spawnSync('git', ['init', '-q', sb.work], { encoding: 'utf8' });
    assert.equal(git.status, 0, git.stderr);
    const root = fs.realpathSync(sb.work);
    scope = `cc-${crypto.createHash('sha256').update(root).digest('hex').slice(0, 8)}`;
    const member = loggedClaude(sb, bins.claude);
    const cli = path.join(installedRoot(sb, plugin), 'dist', 'maestro.cjs');
    // Arming checks the member is ready: its bin and the Anthropic key the hook process will pass on.
    const armEnv = { ...baseEnv(sb.home), MAESTRO_CLAUDE_BIN: member.bin, ANTHROPIC_API_KEY: 'sk-ant-fake-e2e' };
    const arm = spawnSync(process.execPath, [cli, 'frontier', 'mode', 'single', 'opus', '--scope', scope], { env: armEnv, cwd: sb.work, encoding: 'utf8' });
    assert.equal(arm.status, 0, `arming failed: ${arm.stdout}${arm.stderr}`);
    run = await runClaude(sb, bins, PROMPT, { env: { MAESTRO_CLAUDE_BIN: member.bin }, timeoutMs: 150_000 });
    launches = fs.readFileSync(member.log, 'utf8').split('\n').filter(Boolean);
  });

  test('the armed state is the workspace scope and reads back as single opus', () => {
    const cli = path.join(installedRoot(sb, path.join(sb.root, 'plugin')), 'dist', 'maestro.cjs');
    const st = spawnSync(process.execPath, [cli, 'frontier', 'status', '--scope', 'cc-workspace'], { env: baseEnv(sb.home), cwd: sb.work, encoding: 'utf8' });
    assert.equal(st.status, 0, st.stderr);
    assert.match(st.stdout, new RegExp(scope), `the cc-workspace alias resolves to the armed scope: ${st.stdout}`);
    assert.match(st.stdout, /single/);
  });

  test('the hook ran exactly one member, a nested claude -p at FUSION_DEPTH=1', () => {
    assertStepOk(run.steps[0]);
    assert.equal(launches.length, 1, `member launches:\n${launches.join('\n')}\n${describeStep(run.steps[0]!)}`);
    assert.match(launches[0]!, /^depth=1 argv=-p --output-format json --permission-mode plan/);
    assert.ok(!launches[0]!.includes('MARKER-AUTORUN'), 'the prompt travels on stdin, not argv');
  });

  test('the member request carried the prompt; a later main request carried its answer with the relay instructions', () => {
    const msgs = messages(run.requests);
    const memberIdx = msgs.findIndex((r) => {
      const t = strings(r.body);
      return t.includes('MARKER-AUTORUN') && !t.includes(RELAY);
    });
    assert.ok(memberIdx >= 0, `no request carried the bare prompt; ${msgs.length} message requests`);
    const memberReply = `FAKE-REPLY prompt="${PROMPT}"`;
    assert.ok(replyText(msgs[memberIdx]!.reply).includes(memberReply), `member reply: ${replyText(msgs[memberIdx]!.reply).slice(0, 400)}`);
    const mainIdx = msgs.findIndex((r) => strings(r.body).includes(RELAY));
    assert.ok(mainIdx > memberIdx, `relay request at ${mainIdx}, member request at ${memberIdx}`);
    const main = strings(msgs[mainIdx]!.body);
    assert.ok(main.includes('<frontier-answer>'), 'the answer is fenced for the main model');
    assert.ok(main.includes(memberReply), 'the member answer reached the main model as hook context');
    assert.match(main, /Frontier · single · opus · 1 model · [\d.]+s/, 'the relay header line is requested');
  });

  test('no recursion: a bounded number of model requests, the CLI prints the relayed turn', () => {
    const msgs = messages(run.requests);
    // One member turn, then the main turn; a re-triggered run inside the member would add more.
    assert.equal(msgs.length, 2, `message requests: ${msgs.length}`);
    assert.equal(msgs.filter((r) => strings(r.body).includes(RELAY)).length, 1, 'exactly one request carries a Frontier answer');
    const out = parseClaudeJson(run.steps[0]!.stdout);
    assert.equal(out.is_error, false, describeStep(run.steps[0]!));
    assert.match(out.result ?? '', /MARKER-AUTORUN/);
  });
});
