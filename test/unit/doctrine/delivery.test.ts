// Process-level: dist/hooks/SessionStart.cjs delivers the kernel once, and only when the project lacks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(__dirname, '../../..');
const hook = path.join(root, 'dist', 'hooks', 'SessionStart.cjs');

function sandbox(): { home: string; project: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-deliv-'));
  const project = path.join(home, 'my project');
  fs.mkdirSync(path.join(project, '.git'), { recursive: true });
  return { home, project };
}

function baseEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(CLAUDE|CODEX|PLUGIN_|MAESTRO_|FUSION_DEPTH)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'c'), XDG_STATE_HOME: path.join(home, 's'), XDG_CACHE_HOME: path.join(home, 'k') };
}

function sessionStart(home: string, project: string, host: 'claude' | 'codex', session = 's1'): string | undefined {
  const env = { ...baseEnv(home), CLAUDE_PLUGIN_ROOT: root, ...(host === 'codex' ? { PLUGIN_ROOT: root } : {}) };
  const payload = { session_id: session, cwd: project, hook_event_name: 'SessionStart', source: 'startup', ...(host === 'codex' ? { turn_id: 't' } : {}) };
  const r = spawnSync(process.execPath, [hook, 'SessionStart'], { input: JSON.stringify(payload), env, cwd: project, encoding: 'utf8' });
  assert.equal(r.status, 0);
  if (!r.stdout.trim()) return undefined;
  return (JSON.parse(r.stdout) as { hookSpecificOutput: { additionalContext: string } }).hookSpecificOutput.additionalContext;
}

const KERNEL_HEAD = '# Maestro kernel';

test('a project without instruction files gets the kernel once per session, with the protocol path resolved', () => {
  const { home, project } = sandbox();
  const ctx = sessionStart(home, project, 'claude');
  assert.ok(ctx?.includes(KERNEL_HEAD));
  assert.ok(ctx!.includes(path.join(root, 'docs', 'orchestration.md')), 'orchestration path must point into the plugin');
  assert.ok(ctx!.length < 10000, 'hosts truncate hook context around 10,000 characters');
  assert.equal(sessionStart(home, project, 'claude'), undefined, 'delivered twice in one session');
  assert.ok(sessionStart(home, project, 'claude', 's2')?.includes(KERNEL_HEAD), 'a new session must get it again');
});

test('Claude Code: a CLAUDE.md with the maestro block, or importing an AGENTS.md that has it, suppresses delivery', () => {
  const { home, project } = sandbox();
  fs.writeFileSync(path.join(project, 'CLAUDE.md'), '# mine\n<!-- maestro:begin -->\nrules\n<!-- maestro:end -->\n');
  assert.equal(sessionStart(home, project, 'claude', 'a'), undefined);
  fs.writeFileSync(path.join(project, 'CLAUDE.md'), '@AGENTS.md\n');
  fs.writeFileSync(path.join(project, 'AGENTS.md'), '<!-- maestro:begin -->\nrules\n<!-- maestro:end -->\n');
  assert.equal(sessionStart(home, project, 'claude', 'b'), undefined);
});

test('Claude Code: .claude/CLAUDE.md carrying the block counts too', () => {
  const { home, project } = sandbox();
  fs.mkdirSync(path.join(project, '.claude'));
  fs.writeFileSync(path.join(project, '.claude', 'CLAUDE.md'), '<!-- maestro:begin -->\nk\n<!-- maestro:end -->\n');
  assert.equal(sessionStart(home, project, 'claude'), undefined);
});

test('Claude Code does not read AGENTS.md on its own: a block only there still gets the kernel delivered', () => {
  const { home, project } = sandbox();
  fs.writeFileSync(path.join(project, 'AGENTS.md'), '<!-- maestro:begin -->\nrules\n<!-- maestro:end -->\n');
  assert.ok(sessionStart(home, project, 'claude')?.includes(KERNEL_HEAD));
});

test('Codex: an AGENTS.md with the block suppresses delivery; a plain one does not', () => {
  const { home, project } = sandbox();
  fs.writeFileSync(path.join(project, 'AGENTS.md'), '# team rules\n');
  assert.ok(sessionStart(home, project, 'codex', 'x')?.includes(KERNEL_HEAD));
  fs.writeFileSync(path.join(project, 'AGENTS.md'), '# team rules\n<!-- maestro:begin -->\nk\n<!-- maestro:end -->\n');
  assert.equal(sessionStart(home, project, 'codex', 'y'), undefined);
});

test('instruction files are read from the git root, not the current subdirectory', () => {
  const { home, project } = sandbox();
  fs.writeFileSync(path.join(project, 'CLAUDE.md'), '<!-- maestro:begin -->\n<!-- maestro:end -->\n');
  const sub = path.join(project, 'src', 'deep');
  fs.mkdirSync(sub, { recursive: true });
  assert.equal(sessionStart(home, sub, 'claude'), undefined);
});

test('without a plugin root nothing is delivered', () => {
  const { home, project } = sandbox();
  const r = spawnSync(process.execPath, [hook, 'SessionStart'], { input: JSON.stringify({ session_id: 'z', cwd: project }), env: baseEnv(home), encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), '');
});
