// Rollout fallback of the verify gate: which records belong to the current Codex turn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readTranscriptTurn } from '../../../hooks/transcript';
import { tmpDir } from './helpers';

const line = (type: string, payload: Record<string, unknown>) => JSON.stringify({ timestamp: '2026-11-24T10:00:00Z', type, payload });

function rollout(lines: string[]): string {
  const f = path.join(tmpDir(), 'rollout.jsonl');
  fs.writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

const patch = '*** Begin Patch\n*** Add File: src/new.ts\n+export {};\n*** End Patch\n';
const firstTurn = [
  line('session_meta', { id: 's1', cwd: '/p' }),
  line('turn_context', { turn_id: 't1', cwd: '/p' }),
  line('event_msg', { type: 'task_started', turn_id: 't1' }),
  line('response_item', { type: 'custom_tool_call', name: 'apply_patch', input: patch, call_id: 'c1' }),
  // Codex records a turn_context before every model request, also in the middle of a turn.
  line('turn_context', { turn_id: 't1', cwd: '/p' }),
  line('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Added it.' }] }),
];

test('Codex 0.169 rollouts (no user_message events): a resumed turn starts at its task_started event', () => {
  const f = rollout([
    ...firstTurn,
    line('turn_context', { turn_id: 't2', cwd: '/p' }),
    line('event_msg', { type: 'task_started', turn_id: 't2' }),
    line('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'UNVERIFIED: nothing to do' }] }),
  ]);
  const turn = readTranscriptTurn(f, '/p');
  assert.deepEqual(turn?.tools, [], "the previous turn's edit is not part of this turn");
  assert.equal(turn?.lastAssistantText, 'UNVERIFIED: nothing to do');
});

test('the first turn of a rollout sees its own apply_patch edit', () => {
  const turn = readTranscriptTurn(rollout(firstTurn), '/p');
  assert.equal(turn?.tools.length, 1);
  assert.equal(turn?.tools[0]?.writes, true);
});
