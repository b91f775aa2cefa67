import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../frontier/catalog';
import { runPipeline, DEFAULT_LIMITS, type Limits } from '../../../frontier/pipeline';
import type { Plan } from '../../../frontier/plan';
import type { SpawnRequest, Spawner } from '../../../frontier/spawn';
import type { RawResult } from '../../../frontier/types';
import type { RunRecord } from '../../../frontier/runs';
import type { ProgressEvent } from '../../../frontier/progress';

const env = { HOME: '/nonexistent-home', PATH: '/usr/bin:/bin', ANTHROPIC_API_KEY: 'sk-ant-test-123' };
const catalog = buildCatalog(env);
const ANALYSIS = { consensus: ['4'], contradictions: [], partial_coverage: [], unique_insights: [{ model: 'B (sonnet-5)', insight: 'shows work' }], blind_spots: [] };

type Behave = (req: SpawnRequest) => Partial<RawResult> | Promise<Partial<RawResult>>;
const claudeOk = (text: string, extra: object = {}): Partial<RawResult> => ({ code: 0, stdout: JSON.stringify({ type: 'result', is_error: false, result: text, usage: { input_tokens: 10, output_tokens: 5 }, total_cost_usd: 0.01, ...extra }) });

function fake(behave: Record<string, Behave>): { spawner: Spawner; calls: SpawnRequest[] } {
  const calls: SpawnRequest[] = [];
  const spawner: Spawner = async (req) => {
    calls.push(req);
    const fn = behave[`${req.role}:${req.model}`] ?? behave[req.role] ?? behave[req.model];
    const over = fn ? await fn(req) : claudeOk(`answer from ${req.model}`);
    return { code: 0, signal: null, stdout: '', stderr: '', timedOut: false, aborted: false, truncated: false, wallMs: 1, ...over };
  };
  return { spawner, calls };
}

const fusion: Plan = { mode: 'fusion', label: 'fusion · test', preset: 'test', members: ['opus', 'sonnet-5', 'fable'], judge: 'opus', synth: 'sonnet-5' };
const limits: Limits = { ...DEFAULT_LIMITS, timeoutMs: 5000, runBudgetMs: 60_000 };

async function run(plan: Plan, behave: Record<string, Behave>, l: Limits = limits, extraEnv: Record<string, string> = {}) {
  const f = fake(behave);
  const records: RunRecord[] = [];
  const events: ProgressEvent[] = [];
  const result = await runPipeline(plan, 'What is 2+2?', l, { catalog, env: { ...env, ...extraEnv }, cwd: process.cwd(), spawner: f.spawner, recorder: (r) => records.push(r), progress: (e) => events.push(e) });
  return { result, calls: f.calls, record: records[0]!, events };
}

test('fusion happy path: panel, schema-checked judge analysis, synthesis', async () => {
  const { result, calls, record } = await run(fusion, { judge: () => claudeOk(JSON.stringify(ANALYSIS)), synth: () => claudeOk('SYNTH: 4') });
  assert.equal(result.status, 'ok');
  assert.equal(result.final, 'SYNTH: 4');
  assert.deepEqual(result.analysis, ANALYSIS);
  assert.equal(result.responses.length, 3);
  assert.deepEqual(calls.map((c) => c.role), ['panel', 'panel', 'panel', 'judge', 'synth']);
  // The synthesizer sees the analysis and the anti-majority rule.
  const synthIn = calls.find((c) => c.role === 'synth')!.stdin;
  assert.match(synthIn, /not on how many answers share it/);
  assert.match(synthIn, /"consensus"/);
  // Every child: prompt on stdin only, depth incremented, run id passed.
  for (const c of calls) {
    assert.ok(!c.argv.join(' ').includes('2+2'));
    assert.equal(c.env.FUSION_DEPTH, '1');
    assert.equal(c.env.MAESTRO_FRONTIER_RUN_ID, result.runId);
    assert.equal(c.env.ANTHROPIC_API_KEY, 'sk-ant-test-123');
  }
  assert.equal(record.status, 'ok');
  assert.equal(record.final?.source, 'synth');
  assert.equal(record.stages.length, 2);
  assert.equal(record.usage?.totalTokens, 75);
  assert.equal(result.costUsd, 0.05);
  assert.ok(!JSON.stringify(record).includes('What is 2+2?'), 'the prompt text is not stored');
  assert.ok(!JSON.stringify(record).includes('sk-ant-test-123'), 'no secrets in the record');
});

test('some members fail: synthesis from the rest, failed_models listed with classes', async () => {
  const { result, calls } = await run(fusion, {
    'panel:fable': () => ({ code: 1, stderr: 'Error: 429 Too Many Requests' }),
    judge: () => claudeOk(JSON.stringify(ANALYSIS)),
    synth: () => claudeOk('SYNTH'),
  });
  assert.equal(result.status, 'ok');
  assert.deepEqual(result.failed_models, [{ model: 'fable', reason: 'rate_limited' }]);
  assert.equal(result.responses.length, 2);
  assert.ok(!calls.find((c) => c.role === 'judge')!.stdin.includes('answer from fable'));
});

test('judge returns bad JSON: one repair attempt, then synthesis from raw answers', async () => {
  let judgeCalls = 0;
  const { result, calls, record } = await run(fusion, {
    judge: () => {
      judgeCalls++;
      return claudeOk('I think they mostly agree.');
    },
    synth: () => claudeOk('SYNTH raw'),
  });
  assert.equal(judgeCalls, 2);
  assert.equal(result.status, 'ok');
  assert.equal(result.final, 'SYNTH raw');
  assert.equal(result.analysis, undefined);
  assert.match(calls.find((c) => c.role === 'synth')!.stdin, /No comparison is available/);
  assert.ok(record.degraded.some((d) => /judge reply unusable/.test(d)));
});

test('judge repair succeeds on the second try', async () => {
  let n = 0;
  const { result } = await run(fusion, { judge: () => claudeOk(n++ === 0 ? '{"consensus": "not an array"}' : JSON.stringify(ANALYSIS)), synth: () => claudeOk('S') });
  assert.deepEqual(result.analysis, ANALYSIS);
});

test('judge process fails: synthesis from raw answers', async () => {
  const { result } = await run(fusion, { judge: () => ({ code: 1, stderr: 'boom' }), synth: () => claudeOk('SYNTH') });
  assert.equal(result.final, 'SYNTH');
  assert.ok(result.degraded?.some((d) => /judge failed \(exit_nonzero\)/.test(d)));
});

test('synth fails: best panel answer (the one the judge credits), not an error', async () => {
  const { result, record } = await run(fusion, {
    'panel:sonnet-5': () => claudeOk('short'),
    'panel:opus': () => claudeOk('a much much longer answer from opus'),
    judge: () => claudeOk(JSON.stringify(ANALYSIS)),
    synth: () => ({ code: 1, stderr: 'overloaded_error' }),
  });
  assert.equal(result.status, 'ok');
  assert.equal(result.final, 'short'); // unique insight credited to B (sonnet-5) outweighs length
  assert.equal(record.final?.source, 'best-answer');
});

test('all members fail: typed failure_reason from the classes', async () => {
  const { result, calls } = await run(fusion, { panel: () => ({ code: 1, stdout: JSON.stringify({ type: 'result', is_error: true, result: 'Invalid API key' }) }) });
  assert.equal(result.status, 'error');
  assert.equal(result.failure_reason, 'auth');
  assert.equal(result.final, null);
  assert.equal(calls.length, 3, 'no judge or synth after a dead panel');
});

test('one answer only: returned directly, degraded noted', async () => {
  const { result, calls } = await run(fusion, { 'panel:opus': () => ({ timedOut: true, code: null, signal: 'SIGKILL' }), 'panel:fable': () => ({ spawnError: 'spawn ENOENT', code: null }) });
  assert.equal(result.final, 'answer from sonnet-5');
  assert.deepEqual(result.failed_models, [{ model: 'opus', reason: 'timeout' }, { model: 'fable', reason: 'spawn_failed' }]);
  assert.equal(calls.length, 3);
});

test('depth guard: inside a member (FUSION_DEPTH>=1) nothing is spawned', async () => {
  const { result, calls } = await run(fusion, {}, limits, { FUSION_DEPTH: '1' });
  assert.equal(result.failure_reason, 'fusion_invocation_capped');
  assert.equal(calls.length, 0);
});

test('single mode: ok and failure', async () => {
  const single: Plan = { mode: 'single', label: 'single · opus', members: ['opus'] };
  const ok = await run(single, {});
  assert.equal(ok.result.final, 'answer from opus');
  assert.equal(ok.result.label, 'single · opus');
  const bad = await run(single, { single: () => ({ code: 1, stderr: 'Your credit balance is too low' }) });
  assert.equal(bad.result.status, 'error');
  assert.equal(bad.result.failure_reason, 'insufficient_credits');
});

test('token budget: judge and synth skipped when the panel reported more tokens', async () => {
  const { result, calls } = await run(fusion, {}, { ...limits, tokenBudget: 20 });
  assert.equal(result.status, 'ok');
  assert.equal(calls.length, 3);
  assert.ok(result.degraded?.some((d) => /token budget/.test(d)));
});

test('run budget expiry kills the members and says so', async () => {
  const hang: Behave = (req) => new Promise((resolve) => req.signal?.addEventListener('abort', () => resolve({ aborted: true, code: null, signal: 'SIGKILL' })));
  const t0 = Date.now();
  const { result } = await run(fusion, { panel: hang }, { ...limits, runBudgetMs: 100 });
  assert.ok(Date.now() - t0 < 2000);
  assert.equal(result.status, 'error');
  assert.equal(result.failure_reason, 'budget_exceeded');
});

test('quorum in the pipeline: a straggler is cancelled and reported', async () => {
  const hang: Behave = (req) => new Promise((resolve) => req.signal?.addEventListener('abort', () => resolve({ aborted: true, code: null, signal: 'SIGKILL' })));
  const { result, events } = await run(fusion, { 'panel:fable': hang, judge: () => claudeOk(JSON.stringify(ANALYSIS)), synth: () => claudeOk('S') }, { ...limits, quorum: 2, graceMs: 10 });
  assert.equal(result.final, 'S');
  assert.deepEqual(result.failed_models, [{ model: 'fable', reason: 'cancelled' }]);
  assert.ok(events.some((e) => e.kind === 'cancelled'));
});

test('an unsafe configured id fails only its member, at build time', async () => {
  const cat = buildCatalog({ ...env, MAESTRO_FRONTIER_MODEL_TERRA: 'gpt-x' });
  const terra = cat.models.get('terra')!;
  cat.models.set('terra', { ...terra, spec: { ...terra.spec, modelArg: 'danger-full-access' } });
  const f = fake({ synth: () => claudeOk('S'), judge: () => claudeOk(JSON.stringify(ANALYSIS)) });
  const plan: Plan = { ...fusion, members: ['opus', 'terra', 'sonnet-5'] };
  const result = await runPipeline(plan, 'q', limits, { catalog: cat, env, cwd: process.cwd(), spawner: f.spawner });
  assert.equal(result.status, 'ok');
  assert.deepEqual(result.failed_models, [{ model: 'terra', reason: 'unsafe_invocation' }]);
  assert.ok(!f.calls.some((c) => c.model === 'terra'));
});
