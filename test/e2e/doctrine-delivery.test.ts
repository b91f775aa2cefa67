// Doctrine delivery on the real hosts: with the plugin installed, a workspace whose instruction
// files lack Maestro's kernel gets it from the SessionStart hook; a workspace whose CLAUDE.md
// (Claude Code) / AGENTS.md (Codex) already carries the maestro block gets it only from that file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  assertStepOk,
  copyRepo,
  describeStep,
  ensureHosts,
  installClaudePlugin,
  installCodexPlugin,
  makeSandbox,
  runClaude,
  runCodex,
  trustCodexHooks,
  type HostBins,
  type JailResult,
  type Sandbox,
} from './lib';
import { MAESTRO_CLI } from './lib/frontier';

const KERNEL_HEADING = '# Maestro kernel';
const VERDICT = 'Maestro · frontier <badge>';
const HOOK_PREFIX = 'Maestro doctrine for this session';

function count(hay: string, needle: string): number {
  return hay.split(needle).length - 1;
}

/** The body of the first model request (the one carrying the session's context). */
function firstModelRequest(r: JailResult, route: string): string {
  const q = r.requests.find((x) => x.method === 'POST' && x.url.startsWith(route));
  assert.ok(q, `no ${route} request; saw: ${r.requests.map((x) => x.url).join(', ')}`);
  return typeof q.body === 'string' ? q.body : JSON.stringify(q.body);
}

/** A workspace where the real installer wrote Maestro's doctrine (block) for one host. */
function installedWorkspace(sb: Sandbox, target: 'claude' | 'codex'): string {
  const dir = path.join(sb.root, `work-${target}-block`);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(process.execPath, [MAESTRO_CLI, 'install', '--target', target, '--doctrine-only', '--project', dir], {
    env: { PATH: process.env.PATH ?? '', HOME: sb.home, XDG_CONFIG_HOME: path.join(sb.home, '.config'), XDG_STATE_HOME: path.join(sb.home, '.local', 'state'), XDG_CACHE_HOME: path.join(sb.home, '.cache') },
    stdio: 'pipe',
  });
  return dir;
}

describe('doctrine delivery', () => {
  let bins: HostBins;

  before(() => {
    bins = ensureHosts();
  });

  describe('claude code', () => {
    let sb: Sandbox;
    before(async () => {
      sb = makeSandbox('doctrine-claude');
      const plugin = copyRepo(path.join(sb.root, 'plugin'));
      for (const s of (await installClaudePlugin(sb, bins, plugin)).steps) assertStepOk(s);
    });

    test('a workspace without the kernel gets it once, from the SessionStart hook', async () => {
      assert.equal(fs.existsSync(path.join(sb.work, 'CLAUDE.md')) || fs.existsSync(path.join(sb.work, 'AGENTS.md')), false);
      const r = await runClaude(sb, bins, 'hello MARKER-DOCTRINE-CC');
      assertStepOk(r.steps[0]);
      const body = firstModelRequest(r, '/v1/messages');
      assert.ok(body.includes(HOOK_PREFIX), `the hook's doctrine context did not reach the model\n${describeStep(r.steps[0]!)}`);
      assert.equal(count(body, KERNEL_HEADING), 1, 'kernel heading should appear exactly once');
      assert.ok(body.includes(VERDICT), 'the verdict template line of the kernel reached the model');
    });

    test('a workspace whose CLAUDE.md carries the maestro block gets the kernel once, from the project file', async () => {
      const dir = installedWorkspace(sb, 'claude');
      assert.match(fs.readFileSync(path.join(dir, 'CLAUDE.md'), 'utf8'), /<!-- maestro:begin -->[\s\S]*<!-- maestro:end -->/);
      const r = await runClaude(sb, bins, 'hello MARKER-DOCTRINE-CC-BLOCK', { cwd: dir });
      assertStepOk(r.steps[0]);
      const body = firstModelRequest(r, '/v1/messages');
      assert.ok(!body.includes(HOOK_PREFIX), 'the hook delivered the kernel although CLAUDE.md already carries it');
      assert.equal(count(body, KERNEL_HEADING), 1, 'kernel heading should appear exactly once (from CLAUDE.md -> @AGENTS.md)');
      // Claude Code drops HTML comments from CLAUDE.md; what arrives is its notes and the imported AGENTS.md.
      assert.ok(body.includes('## Claude Code notes'), 'the CLAUDE.md block reached the model');
      assert.match(body, /AGENTS\.md \(project instructions[^)]*\):\\n\\n# Maestro kernel/, 'the kernel arrived as the imported project AGENTS.md');
    });
  });

  describe('codex', () => {
    let sb: Sandbox;
    before(async () => {
      sb = makeSandbox('doctrine-codex');
      const plugin = copyRepo(path.join(sb.root, 'plugin'));
      for (const s of (await installCodexPlugin(sb, bins, plugin)).steps) assertStepOk(s);
      await trustCodexHooks(sb, bins);
    });

    test('a workspace without AGENTS.md gets the kernel once, from the SessionStart hook', async () => {
      const r = await runCodex(sb, bins, 'hello MARKER-DOCTRINE-CODEX');
      assertStepOk(r.steps[0]);
      const body = firstModelRequest(r, '/v1/responses');
      assert.ok(body.includes(HOOK_PREFIX), `the hook's doctrine context did not reach the model\n${describeStep(r.steps[0]!)}`);
      assert.equal(count(body, KERNEL_HEADING), 1);
      assert.ok(body.includes(VERDICT));
    });

    test('a workspace whose AGENTS.md carries the maestro block gets the kernel once, from AGENTS.md', async () => {
      const dir = installedWorkspace(sb, 'codex');
      assert.match(fs.readFileSync(path.join(dir, 'AGENTS.md'), 'utf8'), /<!-- maestro:begin -->[\s\S]*<!-- maestro:end -->/);
      const r = await runCodex(sb, bins, 'hello MARKER-DOCTRINE-CODEX-BLOCK', { cwd: dir });
      assertStepOk(r.steps[0]);
      const body = firstModelRequest(r, '/v1/responses');
      assert.ok(!body.includes(HOOK_PREFIX), 'the hook delivered the kernel although AGENTS.md already carries it');
      assert.equal(count(body, KERNEL_HEADING), 1);
      assert.ok(body.includes('<!-- maestro:begin -->'), 'AGENTS.md (with its block) is what reached the model');
    });
  });
});
