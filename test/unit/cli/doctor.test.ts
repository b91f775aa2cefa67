import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, sandbox } from '../../helpers/env';

/** A fake host CLI on PATH: prints a version, or hangs, or fails. */
function fakeBin(dir: string, name: string, body: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, name);
  fs.writeFileSync(p, `#!/bin/sh\n${body}\n`);
  fs.chmodSync(p, 0o755);
}

function doctor(env: Record<string, string>, cwd: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, [CLI, 'doctor', '--json', ...extra], { env, cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, report: JSON.parse(r.stdout) as Record<string, any>, stderr: r.stderr };
}

test('healthy machine: host versions, dirs, scope and mode reported, exit 0', () => {
  const sb = sandbox();
  const bin = path.join(sb.root, 'bin');
  fakeBin(bin, 'claude', 'echo "9.9.9 (Claude Code)"');
  fakeBin(bin, 'codex', 'echo "codex-cli 1.2.3"');
  const r = doctor({ ...sb.env, PATH: `${bin}:/usr/bin:/bin` }, sb.root);
  assert.equal(r.code, 0, JSON.stringify(r.report.problems));
  const hosts = Object.fromEntries((r.report.hosts as any[]).map((h) => [h.name, h]));
  assert.equal(hosts.claude.version, '9.9.9 (Claude Code)');
  assert.equal(hosts.codex.version, 'codex-cli 1.2.3');
  assert.equal(hosts.gemini.found, false);
  assert.deepEqual((r.report.dirs as any[]).map((d) => [d.kind, d.writable]), [['config', true], ['state', true], ['cache', true]]);
  assert.equal(r.report.frontier.mode, 'off');
  assert.equal(r.report.scope.scope, 'default');
});

test('a hanging host CLI is bounded by the probe timeout and reported with a remedy', () => {
  const sb = sandbox();
  const bin = path.join(sb.root, 'bin');
  fakeBin(bin, 'claude', 'echo "1.0.0"');
  fakeBin(bin, 'agy', 'sleep 60');
  const t0 = Date.now();
  const r = doctor({ ...sb.env, PATH: `${bin}:/usr/bin:/bin` }, sb.root);
  assert.ok(Date.now() - t0 < 20000, 'probe must not wait for the hung CLI');
  assert.equal(r.code, 1);
  const p = (r.report.problems as any[]).find((x) => x.id === 'host-agy');
  assert.ok(p, JSON.stringify(r.report.problems));
  assert.match(p.remedy, /agy/);
});

test('malformed Frontier state and unwritable dirs are problems with remedies, not crashes', () => {
  const sb = sandbox();
  const bin = path.join(sb.root, 'bin');
  fakeBin(bin, 'codex', 'echo "codex-cli 1"');
  const cfg = path.join(sb.env.XDG_CONFIG_HOME!, 'maestro');
  fs.mkdirSync(cfg, { recursive: true });
  fs.writeFileSync(path.join(cfg, 'frontier-state.json'), '{"mode":');
  const r = doctor({ ...sb.env, PATH: `${bin}:/usr/bin:/bin` }, sb.root);
  assert.equal(r.code, 1);
  assert.equal(r.report.frontier.mode, 'off');
  const ids = (r.report.problems as any[]).map((p) => p.id);
  assert.ok(ids.includes('frontier-state'), ids.join());
  for (const p of r.report.problems as any[]) assert.ok(p.remedy.length > 0);
});

test('armed state of the selected scope is shown; project artifacts are listed', () => {
  const sb = sandbox();
  const bin = path.join(sb.root, 'bin');
  fakeBin(bin, 'claude', 'echo "1.0.0"');
  const cfg = path.join(sb.env.XDG_CONFIG_HOME!, 'maestro');
  fs.mkdirSync(cfg, { recursive: true });
  fs.writeFileSync(path.join(cfg, 'frontier-state.team.json'), JSON.stringify({ mode: 'fusion', preset: 'opus-gpt' }));
  const proj = path.join(sb.root, 'proj');
  fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
  fs.writeFileSync(path.join(proj, 'AGENTS.md'), '# mine\n<!-- maestro:begin -->\nrules\n<!-- maestro:end -->\n');
  fs.writeFileSync(path.join(proj, 'CLAUDE.md'), '<!-- maestro:begin -->\n<!-- maestro:begin -->\n');
  const r = doctor({ ...sb.env, PATH: `${bin}:/usr/bin:/bin` }, proj, ['--scope', 'team']);
  assert.equal(r.report.frontier.mode, 'fusion opus-gpt');
  assert.equal(r.report.project.git, true);
  const arts = Object.fromEntries((r.report.project.artifacts as any[]).map((a) => [a.path, a]));
  assert.equal(arts['AGENTS.md'].maestroBlock, true);
  assert.ok((r.report.problems as any[]).some((p) => p.id === 'markers-CLAUDE.md'));
  assert.equal(r.code, 1);
});

test('text output names every section and ends with the verdict', () => {
  const sb = sandbox();
  const bin = path.join(sb.root, 'bin');
  fakeBin(bin, 'gemini', 'echo "0.61.0"');
  const r = spawnSync(process.execPath, [CLI, 'doctor'], { env: { ...sb.env, PATH: `${bin}:/usr/bin:/bin` }, cwd: sb.root, encoding: 'utf8' });
  assert.equal(r.status, 0);
  for (const s of ['host CLIs:', 'dirs:', 'frontier:', 'project:']) assert.ok(r.stdout.includes(s), s);
  assert.match(r.stdout, /no problems found\n$/);
});
