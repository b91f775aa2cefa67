// Frontier with real host CLIs as panel members: claude, codex and gemini each talk to their own
// fake server in one network jail; the judge gets a schema-shaped analysis from the fake, the
// synthesizer's answer becomes the final one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { JUDGE_MARKER } from './fake/reply-hook';
import { developerTexts, ensureHosts, makeSandbox, requestText, describeStep, type HostBins, type Sandbox } from './lib';
import { frontierRig, maestroStep, memberLaunches, runFrontierJail, type FrontierRig } from './lib/frontier';
import type { MultiJailResult } from './lib/jail-multi-spec';
import type { FrontierResult } from '../../frontier/types';
import type { RunRecord } from '../../frontier/runs';
import { check } from '../../core/validate';
import frontierAnalysis from '../../core/generated/frontier-analysis.validator';

const QUESTION = 'Which sorting algorithm is stable? MARKER-FRONTIER-Q';

function parseResult(stdout: string): FrontierResult {
  return JSON.parse(stdout) as FrontierResult;
}

function runRecord(sb: Sandbox, id: string): RunRecord {
  return JSON.parse(fs.readFileSync(path.join(sb.home, '.local', 'state', 'maestro', 'runs', `${id}.json`), 'utf8')) as RunRecord;
}

describe('frontier with real host CLIs', () => {
  let bins: HostBins;

  before(() => {
    bins = ensureHosts();
  });

  describe('fusion: claude + codex + gemini, judge claude, synth codex', () => {
    let sb: Sandbox;
    let rig: FrontierRig;
    let jail: MultiJailResult;
    let result: FrontierResult;

    before(async () => {
      sb = makeSandbox('frontier-fusion');
      rig = frontierRig(sb, bins);
      jail = await runFrontierJail(sb, rig, 'fusion', [
        maestroStep(rig, sb, 'compose', ['frontier', 'compose', '--models', 'opus,gpt-5.5,gemini', '--judge', 'opus', '--synth', 'gpt-5.5', '--scope', 'e2e']),
        maestroStep(rig, sb, 'run', ['frontier', 'run', '--json', '--scope', 'e2e', '--timeout', '100s', QUESTION], { timeoutMs: 200_000 }),
      ]);
      const run = jail.steps[1]!;
      try {
        result = parseResult(run.stdout);
      } catch {
        assert.fail(`frontier run printed no JSON:\n${jail.steps.map(describeStep).join('\n')}`);
      }
    });

    test('compose arms the panel and the run succeeds with every member ok', () => {
      assert.equal(jail.steps[0]!.code, 0, describeStep(jail.steps[0]!));
      assert.equal(result.status, 'ok', describeStep(jail.steps[1]!));
      assert.equal(jail.steps[1]!.code, 0);
      assert.equal(result.mode, 'fusion');
      assert.deepEqual(result.responses.map((r) => r.model), ['opus', 'gpt-5.5', 'gemini']);
      assert.deepEqual(result.failed_models ?? [], []);
      for (const r of result.responses) assert.match(r.content, /MARKER-FRONTIER-Q/, `${r.model} did not answer the question: ${r.content}`);
    });

    test('each real CLI sent the prompt to its own provider', () => {
      for (const p of ['anthropic', 'openai', 'gemini'] as const) {
        assert.ok(requestText(jail.requests[p] ?? []).includes('MARKER-FRONTIER-Q'), `no ${p} request carried the question`);
      }
      const launches = memberLaunches(rig);
      assert.deepEqual([...new Set(launches.map((l) => l.host))].sort(), ['claude', 'codex', 'gemini']);
      for (const l of launches) assert.ok(!l.argv.some((a) => a.includes('MARKER-FRONTIER-Q')), `${l.host} got the prompt on its command line`);
    });

    test('the judge returned a schema-valid analysis and the final answer came from the synthesizer', () => {
      assert.ok(result.analysis, `no analysis; degraded: ${result.degraded?.join(', ')}`);
      assert.equal(check(frontierAnalysis, result.analysis), null);
      assert.match(result.analysis.consensus[0] ?? '', new RegExp(JUDGE_MARKER));
      assert.deepEqual(result.degraded ?? [], []);
      const rec = runRecord(sb, result.runId!);
      assert.equal(rec.final?.source, 'synth');
      const judge = rec.stages.find((s) => s.stage === 'judge');
      assert.ok(judge?.ok && judge.analysisOk, `judge stage: ${JSON.stringify(judge)}`);
      assert.equal(judge.model, 'opus');
      const synth = rec.stages.find((s) => s.stage === 'synth');
      assert.ok(synth?.ok, `synth stage: ${JSON.stringify(synth)}`);
      assert.equal(synth.backend, 'codex');
      // The synthesizer (codex) saw the judge's analysis: its echo lists the judge's marker.
      assert.ok(result.final && result.final.trim().length > 0);
      assert.match(result.final, /^FAKE-REPLY prompt="Several independent answers/);
      assert.ok(result.final.includes(JUDGE_MARKER), `final answer: ${result.final}`);
      assert.equal(rec.final?.text, result.final);
    });

    test('the codex member ran read-only with approvals off, claude in plan mode, gemini in plan mode', () => {
      const launches = memberLaunches(rig);
      const codex = launches.filter((l) => l.host === 'codex');
      assert.ok(codex.length >= 1);
      for (const l of codex) {
        const i = l.argv.indexOf('--sandbox');
        assert.equal(l.argv[i + 1], 'read-only', l.argv.join(' '));
        assert.ok(l.argv.includes('approval_policy="never"'), l.argv.join(' '));
      }
      const dev = developerTexts(jail.requests.openai ?? []).join('\n');
      assert.match(dev, /read-only/, 'codex told its model the sandbox is read-only');
      for (const l of launches.filter((x) => x.host === 'claude')) assert.equal(l.argv[l.argv.indexOf('--permission-mode') + 1], 'plan');
      for (const l of launches.filter((x) => x.host === 'gemini')) assert.equal(l.argv[l.argv.indexOf('--approval-mode') + 1], 'plan');
    });

    test('the run record lists every member with its wall time', () => {
      const rec = runRecord(sb, result.runId!);
      assert.equal(rec.status, 'ok');
      assert.deepEqual(rec.members.map((m) => [m.model, m.backend, m.ok]), [
        ['opus', 'claude', true],
        ['gpt-5.5', 'codex', true],
        ['gemini', 'gemini', true],
      ]);
      for (const m of [...rec.members, ...rec.stages]) assert.ok(Number.isInteger(m.wallMs) && m.wallMs > 0, `${m.model}: wallMs ${m.wallMs}`);
      const { final: _final, ...rest } = rec;
      assert.ok(!JSON.stringify(rest).includes('MARKER-FRONTIER-Q'), 'the record keeps the prompt text outside the final answer');
      assert.equal(rec.request.promptChars, QUESTION.length);
    });
  });
  test('single mode: one real CLI (claude) answers directly, no judge or synthesis', async () => {
    const sb = makeSandbox('frontier-single');
    const rig = frontierRig(sb, bins);
    const jail = await runFrontierJail(
      sb,
      rig,
      'single',
      [
        maestroStep(rig, sb, 'mode', ['frontier', 'mode', 'single', 'opus', '--scope', 'solo']),
        maestroStep(rig, sb, 'run', ['frontier', 'run', '--json', '--scope', 'solo', 'Explain stability MARKER-FRONTIER-SOLO'], { timeoutMs: 120_000 }),
      ],
      { anthropic: {} },
    );
    assert.equal(jail.steps[0]!.code, 0, describeStep(jail.steps[0]!));
    const run = jail.steps[1]!;
    assert.equal(run.code, 0, describeStep(run));
    const result = parseResult(run.stdout);
    assert.equal(result.status, 'ok');
    assert.equal(result.mode, 'single');
    assert.match(result.final ?? '', /^FAKE-REPLY prompt="Explain stability MARKER-FRONTIER-SOLO"/);
    assert.equal(result.analysis, undefined);
    assert.equal((jail.requests.anthropic ?? []).filter((r) => r.url.startsWith('/v1/messages')).length, 1, 'exactly one model call');
    assert.deepEqual(memberLaunches(rig).map((l) => l.host), ['claude']);
    const rec = runRecord(sb, result.runId!);
    assert.equal(rec.final?.source, 'single');
    assert.equal(rec.stages.length, 0);
    assert.ok(rec.members.length === 1 && rec.members[0]!.ok && rec.members[0]!.wallMs > 0);
  });

  test('codex as judge (--output-schema) and gemini as synthesizer: analysis accepted, final from gemini', async () => {
    const sb = makeSandbox('frontier-codex-judge');
    const rig = frontierRig(sb, bins);
    const jail = await runFrontierJail(sb, rig, 'codex-judge', [
      maestroStep(rig, sb, 'mode', ['frontier', 'mode', 'fusion', 'custom', '--models', 'opus,gemini', '--judge', 'gpt-5.5', '--synth', 'gemini', '--scope', 'cj']),
      maestroStep(rig, sb, 'run', ['frontier', 'run', '--json', '--scope', 'cj', QUESTION], { timeoutMs: 200_000 }),
    ]);
    assert.equal(jail.steps[0]!.code, 0, describeStep(jail.steps[0]!));
    const result = parseResult(jail.steps[1]!.stdout);
    assert.equal(result.status, 'ok', describeStep(jail.steps[1]!));
    assert.ok(result.analysis, `no analysis; degraded: ${result.degraded?.join(', ')}`);
    assert.equal(check(frontierAnalysis, result.analysis), null);
    const judgeCall = memberLaunches(rig).find((l) => l.host === 'codex');
    assert.ok(judgeCall?.argv.includes('--output-schema'), `codex judge argv: ${judgeCall?.argv.join(' ')}`);
    // codex forwarded the analysis schema to its model as the response format.
    assert.ok(requestText(jail.requests.openai ?? []).includes('blind_spots'), 'codex request did not carry the schema');
    assert.ok(result.final?.includes(JUDGE_MARKER), `final answer: ${result.final}`);
    assert.equal(runRecord(sb, result.runId!).final?.source, 'synth');
    assert.equal(runRecord(sb, result.runId!).stages.find((x) => x.stage === 'synth')?.backend, 'gemini');
  });

  test('a judge that answers prose degrades as documented: one repair try, then synthesis from the raw answers', async () => {
    const sb = makeSandbox('frontier-degrade');
    const rig = frontierRig(sb, bins);
    const jail = await runFrontierJail(
      sb,
      rig,
      'degrade',
      [
        maestroStep(rig, sb, 'compose', ['frontier', 'compose', '--models', 'opus,gpt-5.5', '--judge', 'opus', '--synth', 'opus', '--scope', 'dg']),
        maestroStep(rig, sb, 'run', ['frontier', 'run', '--json', '--scope', 'dg', QUESTION], { timeoutMs: 200_000 }),
      ],
      { anthropic: {}, openai: {} },
    );
    const run = jail.steps[1]!;
    assert.equal(run.code, 0, describeStep(run));
    const result = parseResult(run.stdout);
    assert.equal(result.status, 'ok');
    assert.equal(result.analysis, undefined);
    assert.ok(result.degraded?.some((d) => /^judge reply unusable/.test(d)), `degraded: ${result.degraded?.join(' | ')}`);
    const rec = runRecord(sb, result.runId!);
    assert.deepEqual(rec.stages.map((x) => x.stage), ['judge', 'judge-repair', 'synth']);
    assert.equal(rec.final?.source, 'synth');
    assert.match(result.final ?? '', /No comparison is available/, `the synthesizer was told there is no comparison: ${result.final}`);
  });
});
