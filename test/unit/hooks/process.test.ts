// Process-level tests: dist/hook.cjs spawned the way the hosts run it, with payloads shaped like
// the real ones of claude 2.1.328 and codex 0.169.0 (fixtures/host-payloads.json).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { hookBundle, hermeticEnv, hookAsync, hookSync, project, sessionPath, tmpDir, contextOf, type ProcResult } from './helpers';
import type { JsonObject } from '../../../hooks/types';

interface Fixture {
  host: 'claude' | 'codex';
  event: string;
  payload: JsonObject;
}
const FIXTURES = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'host-payloads.json'), 'utf8')) as Fixture[];

before(() => {
  assert.ok(fs.existsSync(hookBundle('Stop')), 'run `npm run build` first');
});

/** Keys each host accepts in a hook answer (Codex rejects unknown keys). */
const TOP_KEYS = new Set(['continue', 'stopReason', 'suppressOutput', 'systemMessage', 'decision', 'reason', 'hookSpecificOutput']);
const HSO_KEYS: Record<string, Set<string>> = {
  SessionStart: new Set(['hookEventName', 'additionalContext']),
  UserPromptSubmit: new Set(['hookEventName', 'additionalContext']),
  PostToolUse: new Set(['hookEventName', 'additionalContext']),
  PreToolUse: new Set(['hookEventName', 'permissionDecision', 'permissionDecisionReason']),
  Stop: new Set(['hookEventName', 'additionalContext']),
};

function assertHostShape(host: 'claude' | 'codex', event: string, r: ProcResult): void {
  assert.equal(r.code, 0, `${host} ${event} exit code`);
  assert.equal(r.stderr, '', `${host} ${event} stderr`);
  if (!r.json) return;
  for (const k of Object.keys(r.json)) assert.ok(TOP_KEYS.has(k), `${host} ${event}: unexpected key ${k}`);
  const h = r.json.hookSpecificOutput as JsonObject | undefined;
  if (h) {
    assert.equal(h.hookEventName, event);
    for (const k of Object.keys(h)) assert.ok(HSO_KEYS[event]?.has(k), `${host} ${event}: unexpected hookSpecificOutput.${k}`);
    if (host === 'codex') assert.notEqual(event, 'Stop', 'Codex Stop has no hookSpecificOutput');
  }
  if (r.json.decision !== undefined) {
    assert.equal(r.json.decision, 'block');
    assert.equal(typeof r.json.reason, 'string');
  }
  if (event === 'SessionEnd') assert.fail('SessionEnd must print nothing');
}

function world(host: 'claude' | 'codex', extra: Record<string, string> = {}) {
  const home = tmpDir('mhp-');
  const cwd = project(home);
  const plugin = path.join(home, 'plugin');
  fs.mkdirSync(plugin);
  const hostEnv: Record<string, string> =
    host === 'claude'
      ? { CLAUDE_PLUGIN_ROOT: plugin, CLAUDE_PLUGIN_DATA: path.join(home, 'data'), CLAUDE_PROJECT_DIR: cwd }
      : { PLUGIN_ROOT: plugin, PLUGIN_DATA: path.join(home, 'data'), CLAUDE_PLUGIN_ROOT: plugin, CLAUDE_PLUGIN_DATA: path.join(home, 'data'), CODEX_HOME: path.join(home, '.codex') };
  const env = hermeticEnv(home, { ...hostEnv, ...extra });
  const fill = (p: JsonObject): JsonObject =>
    JSON.parse(
      JSON.stringify(p)
        .replaceAll('<HOME>', home)
        .replaceAll('touch <PATH>', `touch ${path.join(cwd, 'made.txt')}`)
        .replaceAll('"file_path":"<PATH>"', `"file_path":${JSON.stringify(path.join(cwd, 'README.md'))}`)
        .replaceAll('<PATH>', cwd),
    ) as JsonObject;
  return { home, cwd, env, fill };
}

function fixture(host: string, event: string, tool?: string): JsonObject {
  const f = FIXTURES.find((x) => x.host === host && x.event === event && (tool === undefined || x.payload.tool_name === tool));
  assert.ok(f, `fixture ${host} ${event} ${tool ?? ''}`);
  return f.payload;
}

for (const host of ['claude', 'codex'] as const) {
  test(`${host}: every real payload -> exit 0, no stderr, only keys the host accepts`, () => {
    const { env, fill, cwd } = world(host, { MAESTRO_TERSE_LEVEL: 'lite' });
    for (const f of FIXTURES.filter((x) => x.host === host)) {
      const r = hookSync(f.event, JSON.stringify(fill(f.payload)), env, cwd);
      assertHostShape(host, f.event, r);
    }
  });

  test(`${host}: a session end to end — reminder once, edit seen, Stop verify warning in the host's channel`, () => {
    const { env, fill, cwd } = world(host);
    const send = (event: string, p: JsonObject) => {
      const r = hookSync(event, JSON.stringify(p), env, cwd);
      assertHostShape(host, event, r);
      return r;
    };
    send('SessionStart', fill(fixture(host, 'SessionStart')));
    const ups = fill(fixture(host, 'UserPromptSubmit'));
    assert.match(contextOf(send('UserPromptSubmit', ups).json) ?? '', /single-agent\|multi-agent/);
    assert.equal(contextOf(send('UserPromptSubmit', ups).json), undefined, 'reminder only on the first prompt');
    // A file-writing shell call (Claude: touch; Codex: its shell tool is reported as Bash).
    const post = fill(fixture(host, 'PostToolUse', 'Bash'));
    (post.tool_input as JsonObject).command = `touch ${path.join(cwd, 'made.txt')}`;
    send('PostToolUse', post);
    const stopP = fill(fixture(host, 'Stop'));
    const r = send('Stop', stopP);
    if (host === 'claude') assert.match(contextOf(r.json) ?? '', /verify gate/);
    else assert.match(String(r.json?.systemMessage), /verify gate/);
    assert.equal(send('Stop', stopP).json, undefined, 'once per turn');
    send('SessionEnd', fill(fixture(host, 'SessionEnd')));
  });

  test(`${host}: verify gate block mode blocks exactly once; stop_hook_active is honoured`, () => {
    const { env, fill, cwd } = world(host, { MAESTRO_VERIFY_GATE: 'block' });
    hookSync('UserPromptSubmit', JSON.stringify(fill(fixture(host, 'UserPromptSubmit'))), env, cwd);
    const post = fill(fixture(host, 'PostToolUse', 'Bash'));
    (post.tool_input as JsonObject).command = 'echo x > out.txt';
    hookSync('PostToolUse', JSON.stringify(post), env, cwd);
    const stopP = fill(fixture(host, 'Stop'));
    const first = hookSync('Stop', JSON.stringify(stopP), env, cwd);
    assertHostShape(host, 'Stop', first);
    assert.equal(first.json?.decision, 'block');
    assert.equal(hookSync('Stop', JSON.stringify({ ...stopP, stop_hook_active: true }), env, cwd).stdout, '');
    assert.equal(hookSync('Stop', JSON.stringify(stopP), env, cwd).stdout, '', 'already blocked this turn');
  });
}

test('codex: apply_patch PostToolUse is seen by phase scope', () => {
  const { env, fill, cwd } = world('codex');
  hookSync('UserPromptSubmit', JSON.stringify(fill(fixture('codex', 'UserPromptSubmit'))), env, cwd);
  const files = Array.from({ length: 6 }, (_, k) => `*** Add File: src/f${k}.ts\n+x`).join('\n');
  const post = { ...fill(fixture('codex', 'PostToolUse', 'Bash')), tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n${files}\n*** End Patch` } };
  const r = hookSync('PostToolUse', JSON.stringify(post), env, cwd);
  assertHostShape('codex', 'PostToolUse', r);
  assert.match(contextOf(r.json) ?? '', /6 files/);
});

test('null, arrays, numbers and garbage on stdin -> exit 0, no output, no stderr', () => {
  const home = tmpDir();
  const env = hermeticEnv(home);
  for (const input of ['null', '[]', '[{"session_id":"x"}]', '42', '"str"', 'true', '{', 'garbage', '', '\u0000\u00ff', '{"session_id":']) {
    for (const ev of ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SubagentStop', 'SessionEnd']) {
      const r = hookSync(ev, input, env);
      assert.equal(r.code, 0, `${ev} ${input}`);
      assert.equal(r.stdout, '', `${ev} ${input}`);
      assert.equal(r.stderr, '', `${ev} ${input}`);
    }
  }
  // Invalid UTF-8 inside an otherwise valid object: decoded leniently, never a crash.
  const bad = Buffer.concat([Buffer.from('{"session_id":"s","cwd":"/tmp","prompt":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]);
  for (const ev of ['UserPromptSubmit', 'Stop']) {
    const r = hookSync(ev, bad, env);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
  }
});

test('unwritable state dir: a full session never blocks, never crashes', () => {
  const { home, env, fill, cwd } = world('claude', { MAESTRO_VERIFY_GATE: 'block' });
  const blocked = path.join(home, 'state-file');
  fs.writeFileSync(blocked, 'x');
  const benv = { ...env, XDG_STATE_HOME: blocked };
  const tr = path.join(home, 'tr.jsonl');
  fs.writeFileSync(tr, JSON.stringify({ type: 'user', message: { content: 'go' } }) + '\n' + JSON.stringify({ type: 'assistant', message: { content: [{ type: 'tool_use', name: 'Write', input: { file_path: 'x' } }] } }) + '\n');
  for (const ev of ['SessionStart', 'UserPromptSubmit', 'PostToolUse', 'Stop', 'Stop', 'SessionEnd']) {
    const p = { ...fill(fixture('claude', ev === 'PostToolUse' ? 'PostToolUse' : ev, ev === 'PostToolUse' ? 'Bash' : undefined)), transcript_path: tr };
    const r = hookSync(ev, JSON.stringify(p), benv, cwd);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.notEqual(r.json?.decision, 'block', ev);
  }
});

test('symlinked session dir: no block, no deny, no crash', () => {
  const { home, env, fill, cwd } = world('claude', { MAESTRO_VERIFY_GATE: 'block' });
  const sid = String(fixture('claude', 'PreToolUse', 'Read').session_id);
  const target = path.join(home, 'elsewhere');
  fs.mkdirSync(target);
  fs.mkdirSync(path.dirname(sessionPath(home, sid)), { recursive: true });
  fs.symlinkSync(target, sessionPath(home, sid));
  fs.writeFileSync(path.join(cwd, 'AGENTS.md'), 'x');
  fs.writeFileSync(path.join(cwd, 'CLAUDE.md'), '@AGENTS.md\n');
  const read = { ...fill(fixture('claude', 'PreToolUse', 'Read')), tool_input: { file_path: path.join(cwd, 'AGENTS.md') } };
  for (let k = 0; k < 2; k++) assert.equal(hookSync('PreToolUse', JSON.stringify(read), env, cwd).stdout, '');
  const post = { ...fill(fixture('claude', 'PostToolUse', 'Bash')), session_id: sid };
  hookSync('PostToolUse', JSON.stringify(post), env, cwd);
  const r = hookSync('Stop', JSON.stringify({ ...fill(fixture('claude', 'Stop')), session_id: sid }), env, cwd);
  assert.equal(r.code, 0);
  assert.deepEqual(fs.readdirSync(target), [], 'nothing written through the symlink');
  assert.notEqual(r.json?.decision, 'block');
});

test('doctrine guard under concurrency: of 12 parallel Reads of AGENTS.md exactly one is allowed', async () => {
  const { env, fill, cwd } = world('claude');
  fs.writeFileSync(path.join(cwd, 'AGENTS.md'), '# doctrine');
  fs.writeFileSync(path.join(cwd, 'CLAUDE.md'), '@AGENTS.md\n');
  const read = { ...fill(fixture('claude', 'PreToolUse', 'Read')), tool_input: { file_path: 'AGENTS.md' } };
  const results = await Promise.all(Array.from({ length: 12 }, () => hookAsync('PreToolUse', JSON.stringify(read), env)));
  const denied = results.filter((r) => (r.json?.hookSpecificOutput as JsonObject | undefined)?.permissionDecision === 'deny').length;
  assert.equal(results.filter((r) => r.code === 0).length, 12);
  assert.equal(denied, 11);
});

test('50 concurrent PostToolUse events of one session: ledger consistent, phase warning exactly once', async () => {
  const { home, env, fill, cwd } = world('claude');
  const ups = fill(fixture('claude', 'UserPromptSubmit'));
  hookSync('UserPromptSubmit', JSON.stringify(ups), env, cwd);
  const base = fill(fixture('claude', 'PostToolUse', 'Bash'));
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, k) => hookAsync('PostToolUse', JSON.stringify({ ...base, tool_name: 'Write', tool_input: { file_path: `f${k}.ts`, content: 'x' } }), env)),
  );
  assert.ok(results.every((r) => r.code === 0 && r.stderr === ''));
  const warned = results.filter((r) => /phase scope/.test(contextOf(r.json) ?? '')).length;
  assert.equal(warned, 1);
  const ledger = fs.readFileSync(path.join(sessionPath(home, String(ups.session_id)), 'ledger.jsonl'), 'utf8').trim().split('\n');
  const parsed = ledger.map((l) => JSON.parse(l) as JsonObject);
  assert.equal(parsed.filter((e) => e.t === 'tool').length, 50);
  assert.equal(new Set(parsed.flatMap((e) => (e.p as string[] | undefined) ?? [])).size, 50);
});

test('discipline off (settings file) silences enforcement through the real process', () => {
  const { home, env, fill, cwd } = world('claude');
  fs.mkdirSync(path.join(home, '.config', 'maestro'), { recursive: true });
  fs.writeFileSync(path.join(home, '.config', 'maestro', 'config.json'), JSON.stringify({ discipline: false }));
  assert.equal(hookSync('UserPromptSubmit', JSON.stringify(fill(fixture('claude', 'UserPromptSubmit'))), env, cwd).stdout, '');
  const post = fill(fixture('claude', 'PostToolUse', 'Bash'));
  hookSync('PostToolUse', JSON.stringify(post), env, cwd);
  assert.equal(hookSync('Stop', JSON.stringify(fill(fixture('claude', 'Stop'))), env, cwd).stdout, '');
});

test('FUSION_DEPTH>=1 with Frontier armed: no engine, no output beyond the reminder', () => {
  const { home, env, fill, cwd } = world('claude', { FUSION_DEPTH: '1', MAESTRO_GATE_REMINDER: '0', MAESTRO_SCOPE: 'default' });
  fs.mkdirSync(path.join(home, '.config', 'maestro'), { recursive: true });
  fs.writeFileSync(path.join(home, '.config', 'maestro', 'frontier-state.json'), JSON.stringify({ mode: 'single', model: 'opus' }));
  const p = { ...fill(fixture('claude', 'UserPromptSubmit')), prompt: 'explain how the cache works in detail' };
  assert.equal(hookSync('UserPromptSubmit', JSON.stringify(p), env, cwd).stdout, '');
});

test('frontier autorun through the bundle: dist/autorun.cjs is loaded only when armed and its answer relayed', () => {
  const { home, env, fill } = world('claude', { MAESTRO_GATE_REMINDER: '0', MAESTRO_SCOPE: 'default' });
  // A copy of the bundle next to a stand-in engine that records each load.
  const dist = path.join(home, 'dist');
  fs.mkdirSync(path.join(dist, 'hooks'), { recursive: true });
  const bundle = path.join(dist, 'hooks', 'UserPromptSubmit.cjs');
  fs.copyFileSync(hookBundle('UserPromptSubmit'), bundle);
  const loads = path.join(home, 'loads');
  fs.writeFileSync(
    path.join(dist, 'autorun.cjs'),
    `require('fs').appendFileSync(${JSON.stringify(loads)}, 'x');
     exports.runForAutorun = async (o) => ({ ok: true, final: 'ENGINE-SAYS ' + o.scope, label: 'single · opus', models: 1, ms: 4200 });`,
  );
  const p = { ...fill(fixture('claude', 'UserPromptSubmit')), prompt: 'explain how the cache layer works' };
  const send = () => {
    const r = spawnSync(process.execPath, [bundle], { input: JSON.stringify(p), env, encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    return r.stdout.trim() ? (JSON.parse(r.stdout) as JsonObject) : undefined;
  };
  assert.equal(send(), undefined, 'Frontier off');
  assert.equal(fs.existsSync(loads), false, 'engine not loaded while off');
  fs.mkdirSync(path.join(home, '.config', 'maestro'), { recursive: true });
  fs.writeFileSync(path.join(home, '.config', 'maestro', 'frontier-state.json'), JSON.stringify({ mode: 'single', model: 'opus' }));
  const ctx = contextOf(send()) ?? '';
  assert.match(ctx, /ENGINE-SAYS default/);
  assert.match(ctx, /single · opus/);
  assert.equal(fs.readFileSync(loads, 'utf8'), 'x');
  // A 60 KB answer full of quotes, newlines and non-ASCII still comes out as one valid JSON answer.
  fs.writeFileSync(
    path.join(dist, 'autorun.cjs'),
    `exports.runForAutorun = async () => ({ ok: true, final: ('"quoted" \\ line\\n é ✓ ').repeat(3000), label: 'fusion · opus-gpt', models: 2, ms: 1 });`,
  );
  const big = contextOf(send()) ?? '';
  assert.ok(big.length > 60_000);
  assert.match(big, /"quoted"/);
});
