// What each real host lists to its model after installing the plugin: every Maestro action once,
// Codex-only entry skills hidden from Claude Code, no command-derived duplicates in Codex.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  assertStepOk,
  copyRepo,
  ensureHosts,
  installClaudePlugin,
  installCodexPlugin,
  makeSandbox,
  runClaude,
  runCodex,
  trustCodexHooks,
  type HostBins,
  type JailResult,
} from './lib';

/** Every string inside the first model request, joined: system prompt, developer and user texts. */
function firstRequestText(r: JailResult): string {
  const q = r.requests.find((x) => x.method === 'POST');
  assert.ok(q, 'no model request');
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(q.body);
  return out.join('\n');
}

/** Names of listed entries `- maestro:<name>: …`, in order, duplicates kept. */
function listed(text: string): string[] {
  return [...text.matchAll(/^- (maestro:[\w-]+):/gm)].map((m) => m[1]!);
}

function duplicates(names: string[]): string[] {
  return names.filter((n, i) => names.indexOf(n) !== i);
}

const CODEX_ONLY = ['maestro:maestro', 'maestro:maestro-frontier', 'maestro:maestro-settings', 'maestro:maestro-terse', 'maestro:maestro-update'];

describe('action listings', () => {
  let bins: HostBins;
  before(() => {
    bins = ensureHosts();
  });

  test('claude code lists each Maestro command and skill once, and none of the Codex-only entry skills', async () => {
    const sb = makeSandbox('listing-claude');
    const plugin = copyRepo(path.join(sb.root, 'plugin'));
    for (const s of (await installClaudePlugin(sb, bins, plugin)).steps) assertStepOk(s);
    const r = await runClaude(sb, bins, 'hello MARKER-LISTING-CC');
    assertStepOk(r.steps[0]);
    const names = listed(firstRequestText(r));
    assert.deepEqual(duplicates(names), [], `listed twice: ${names.join(', ')}`);
    assert.deepEqual(
      [...names].sort(),
      ['maestro:compress', 'maestro:context-bar', 'maestro:frontier', 'maestro:settings', 'maestro:terse', 'maestro:update'],
    );
    for (const hidden of CODEX_ONLY) assert.ok(!names.includes(hidden), `${hidden} is listed to Claude's model`);
  });

  test('codex lists each Maestro skill once and no source-command-* entries', async () => {
    const sb = makeSandbox('listing-codex');
    const plugin = copyRepo(path.join(sb.root, 'plugin'));
    for (const s of (await installCodexPlugin(sb, bins, plugin)).steps) assertStepOk(s);
    await trustCodexHooks(sb, bins);
    const r = await runCodex(sb, bins, 'hello MARKER-LISTING-CODEX');
    assertStepOk(r.steps[0]);
    const text = firstRequestText(r);
    const names = listed(text);
    assert.deepEqual(duplicates(names), [], `listed twice: ${names.join(', ')}`);
    assert.deepEqual([...names].sort(), [...CODEX_ONLY, 'maestro:terse'].sort());
    assert.ok(!/source-command/.test(text), 'codex turned a plugin command into a source-command-* skill');
  });
});
