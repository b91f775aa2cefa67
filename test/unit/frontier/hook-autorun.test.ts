// The armed engine through the real hook bundle: dist/hooks/UserPromptSubmit.cjs loads dist/autorun.cjs lazily and
// relays the fused answer as prompt context (rebuild with `npm run build` first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, maestro, sandbox } from './fixtures/harness';

test('dist/hooks/UserPromptSubmit.cjs with fusion armed: the synthesis reaches the host as context', async () => {
  const sb = sandbox();
  const r = await maestro(sb, ['frontier', 'mode', 'fusion', 'frontier-trio']);
  assert.equal(r.code, 0, r.stderr);
  const payload = { session_id: 's1', transcript_path: path.join(sb.dir, 't.jsonl'), cwd: sb.dir, hook_event_name: 'UserPromptSubmit', prompt: 'Explain how the cache layer expires entries' };
  const res = spawnSync(process.execPath, [path.join(ROOT, 'dist/hooks/UserPromptSubmit.cjs')], { input: JSON.stringify(payload), env: sb.env, cwd: sb.dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /SYNTH of 3 answers/);
  assert.match(res.stdout, /fusion · frontier-trio/);
  const calls = sb.calls();
  assert.equal(calls.filter((c) => c.role === 'panel').length, 3);
  assert.ok(calls.every((c) => c.depth === '1'));
});
