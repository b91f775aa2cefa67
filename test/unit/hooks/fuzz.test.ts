// Fuzz: malformed payloads of every kind to every event. Always exit 0 / no throw, never a block
// or deny, no stack traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePayload } from '../../../hooks/io';
import { runHook } from '../../../hooks/runtime';
import { GUARDS } from '../../../hooks/guards';
import { hermeticEnv, hookAsync, project, tmpDir } from './helpers';
import type { JsonObject } from '../../../hooks/types';

const EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SubagentStop', 'SessionEnd'];

/** Small deterministic PRNG so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function generator(seed: number, cwd: string) {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const str = (): string =>
    pick([
      '',
      'x',
      '/',
      '..',
      '\u0000',
      '\ud800',
      'a'.repeat(Math.floor(r() * 200_000)),
      'AGENTS.md',
      cwd,
      `${cwd}/AGENTS.md`,
      'echo "a > b" > c',
      '*** Begin Patch\n*** Add File: x\n*** End Patch',
      '/maestro:terse ultra',
      'VERIFIED',
      '$(rm -rf /)',
      "'unterminated",
      '<command-name>/x</command-name>',
    ]);
  const value = (depth: number): unknown => {
    const k = r();
    if (depth > 6 || k < 0.3) return pick([null, true, false, 0, -1, 1e308, NaN, str()]);
    if (k < 0.5) return Array.from({ length: Math.floor(r() * 4) }, () => value(depth + 1));
    const o: JsonObject = {};
    for (let i = 0; i < Math.floor(r() * 5); i++) o[pick(['a', 'command', 'file_path', 'input', 'cmd', 'p'])] = value(depth + 1);
    return o;
  };
  const FIELDS = ['session_id', 'cwd', 'transcript_path', 'agent_transcript_path', 'prompt', 'prompt_id', 'turn_id', 'tool_name', 'tool_input', 'tool_response', 'stop_hook_active', 'last_assistant_message', 'session_crons', 'hook_event_name', 'agent_type', 'source'];
  return (): string => {
    const kind = r();
    if (kind < 0.05) return pick(['null', '[]', '0', '"x"', 'true', '{', '{"a":', '\u00ff\u00fe', '']);
    if (kind < 0.1) {
      let deep = '';
      const n = 5000 + Math.floor(r() * 20000);
      for (let i = 0; i < n; i++) deep += '[';
      return `{"session_id":${deep}`;
    }
    const o: JsonObject = {};
    for (const f of FIELDS) if (r() < 0.6) o[f] = r() < 0.5 ? value(0) : f === 'tool_name' ? pick(['Read', 'Edit', 'Bash', 'apply_patch', 'Write', 'MultiEdit', 'NotebookEdit', 'ScheduleWakeup', 'Task']) : f === 'session_id' ? pick(['s1', 's2', '../../etc', '']) : f === 'cwd' ? pick([cwd, '/nonexistent', 7]) : str();
    let text = JSON.stringify(o);
    if (r() < 0.1) text = text.slice(0, Math.floor(r() * text.length)); // truncated
    if (r() < 0.05) text = text.replace(/"/, '\udc00"'); // lone surrogate -> invalid UTF-8 when encoded
    return text;
  };
}

test('in-process fuzz: 3500 malformed payloads never throw, block or deny', async () => {
  const home = tmpDir('mhf-');
  const cwd = project(home);
  const env = hermeticEnv(home);
  const next = generator(42, cwd);
  for (let i = 0; i < 3500; i++) {
    const text = next();
    const ev = EVENTS[i % EVENTS.length]!;
    const payload = parsePayload(text);
    if (!payload) continue;
    const out = await runHook({ argvEvent: ev, payload, env, cwd, guards: GUARDS });
    assert.notEqual(out?.decision, 'block', text.slice(0, 200));
    assert.notEqual((out?.hookSpecificOutput as JsonObject | undefined)?.permissionDecision, 'deny', text.slice(0, 200));
    if (out) JSON.stringify(out); // serializable
  }
});

test('process fuzz: 160 malformed payloads through dist/hooks/<Event>.cjs -> exit 0, no stderr, never block/deny', async () => {
  const home = tmpDir('mhf-');
  const cwd = project(home);
  const env = hermeticEnv(home, { CLAUDE_PLUGIN_ROOT: home });
  const next = generator(7, cwd);
  const inputs = Array.from({ length: 160 }, (_, i) => ({ ev: EVENTS[i % EVENTS.length]!, text: next() }));
  for (let k = 0; k < inputs.length; k += 8) {
    const batch = await Promise.all(inputs.slice(k, k + 8).map(({ ev, text }) => hookAsync(ev, text, env)));
    batch.forEach((r, j) => {
      const what = `${inputs[k + j]!.ev} ${inputs[k + j]!.text.slice(0, 120)}`;
      assert.equal(r.code, 0, what);
      assert.equal(r.stderr, '', what);
      assert.notEqual(r.json?.decision, 'block', what);
      assert.notEqual((r.json?.hookSpecificOutput as JsonObject | undefined)?.permissionDecision, 'deny', what);
    });
  }
});
