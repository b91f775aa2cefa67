// Plugin manifests: one version everywhere, local marketplace sources, Codex interface limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/env';
import { VERSIONED_MANIFESTS } from '../../../scripts/build/versions';

const read = (p: string): any => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, p), 'utf8'));

test('package.json and every plugin manifest carry one version', () => {
  const version = read('package.json').version as string;
  for (const { file, paths } of VERSIONED_MANIFESTS) {
    const json = read(file);
    for (const p of paths) assert.equal(p.reduce((o: any, k) => o[k], json), version, `${file} ${p.join('.')}`);
  }
});

test('Claude marketplace installs the plugin from this checkout as maestro@maestro', () => {
  const m = read('.claude-plugin/marketplace.json');
  assert.equal(m.name, 'maestro');
  assert.ok(m.owner?.name);
  assert.deepEqual(m.plugins.map((p: any) => [p.name, p.source]), [['maestro', './plugin']]);
  assert.equal(read('.claude-plugin/plugin.json').name, 'maestro');
});

test('Codex marketplace uses a local source and the manifest points at existing skills and hooks', () => {
  const m = read('.agents/plugins/marketplace.json');
  assert.equal(m.name, 'maestro');
  const entry = m.plugins.find((p: any) => p.name === 'maestro');
  assert.deepEqual(entry.source, { source: 'local', path: './plugin' });
  assert.equal(entry.policy.installation, 'AVAILABLE');
  const plugin = read('.codex-plugin/plugin.json');
  assert.equal(plugin.name, 'maestro');
  assert.equal(plugin.hooks, './hooks/hooks.json');
  assert.ok(fs.existsSync(path.join(REPO_ROOT, plugin.hooks)));
  assert.equal(plugin.skills, './skills/');
});

test('the installable plugin folder holds what the runtime reads and no npm manifest or lockfile', () => {
  // A package.json beside a lockfile makes Claude Code run `npm ci` in its plugin cache.
  for (const f of ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'node_modules']) assert.equal(fs.existsSync(path.join(REPO_ROOT, 'plugin', f)), false, f);
  for (const f of ['.claude-plugin/plugin.json', '.codex-plugin/plugin.json', 'hooks/hooks.json', 'dist/hooks/Stop.cjs', 'dist/maestro.cjs', 'AGENTS.md', 'skills/terse/SKILL.md', 'statusline/context-bar.mjs'])
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'plugin', f)), f);
  for (const f of ['dist/hooks/Stop.cjs', 'dist/maestro.cjs', 'AGENTS.md', 'hooks/hooks.json'])
    assert.ok(fs.readFileSync(path.join(REPO_ROOT, f)).equals(fs.readFileSync(path.join(REPO_ROOT, 'plugin', f))), `plugin/${f} is stale`);
});

test('Codex interface: display fields present, at most 3 default prompts of at most 128 chars', () => {
  const i = read('.codex-plugin/plugin.json').interface;
  for (const k of ['displayName', 'shortDescription', 'longDescription', 'category']) assert.equal(typeof i[k], 'string', k);
  assert.ok(Array.isArray(i.capabilities) && i.capabilities.length > 0);
  assert.ok(i.defaultPrompt.length >= 1 && i.defaultPrompt.length <= 3);
  for (const p of i.defaultPrompt) assert.ok(p.length <= 128, p);
});

test('hooks.json runs one bundle per event through the plugin root, one process per event', () => {
  const h = read('hooks/hooks.json').hooks as Record<string, Array<{ hooks: Array<{ type: string; command: string; timeout?: number }> }>>;
  for (const e of ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SubagentStop', 'SessionEnd']) {
    const cmds = (h[e] ?? []).flatMap((g) => g.hooks);
    assert.equal(cmds.length, 1, `${e} must start exactly one process`);
    assert.equal(cmds[0]!.type, 'command');
    assert.equal(cmds[0]!.command, `node "\${CLAUDE_PLUGIN_ROOT}/dist/hooks/${e}.cjs"`);
  }
  // Frontier autorun runs inside UserPromptSubmit and may take minutes.
  assert.ok((h.UserPromptSubmit![0]!.hooks[0]!.timeout ?? 0) >= 600);
});
