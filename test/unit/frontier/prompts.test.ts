import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgePrompt, parseAnalysis, ANSWER_MAX_CHARS, ANALYSIS_SCHEMA } from '../../../frontier/judge';
import { synthPrompt, bestAnswer } from '../../../frontier/synth';

const answers = [
  { model: 'opus', content: 'The capital of Australia is Sydney.' },
  { model: 'gpt-5.5', content: 'Sydney.' },
  { model: 'gemini', content: 'Canberra is the capital; Sydney is the largest city.' },
];

test('judge prompt: every answer labelled, compare-not-merge, exact JSON keys requested', () => {
  const p = judgePrompt('Capital of Australia?', answers);
  for (const l of ['Answer A (opus)', 'Answer B (gpt-5.5)', 'Answer C (gemini)']) assert.ok(p.includes(l), l);
  for (const k of ['consensus', 'contradictions', 'partial_coverage', 'unique_insights', 'blind_spots']) assert.ok(p.includes(`"${k}"`), k);
  assert.match(p, /agreement\s+between answers is not evidence/);
});

test('synth prompt: anti-majority rule with or without an analysis', () => {
  for (const a of [undefined, { consensus: [], contradictions: [], partial_coverage: [], unique_insights: [], blind_spots: [] }]) {
    const p = synthPrompt('Capital of Australia?', answers, a);
    assert.match(p, /If one answer is right\s+and the others agree on something wrong, follow the one that is right/);
    assert.ok(p.includes('Canberra'));
  }
});

test('analysis parsing: strict schema, JSON recovered from surrounding prose, wrong shapes refused', () => {
  const good = { consensus: [], contradictions: [{ topic: 'capital', positions: [{ model: 'A (opus)', stance: 'Sydney (wrong)' }, { model: 'C (gemini)', stance: 'Canberra (right)' }] }], partial_coverage: [], unique_insights: [], blind_spots: [] };
  assert.deepEqual(parseAnalysis(JSON.stringify(good)), { analysis: good });
  assert.deepEqual(parseAnalysis('Here you go:\n' + JSON.stringify(good) + '\nThanks'), { analysis: good });
  assert.ok('problem' in parseAnalysis('{"consensus": []}'));
  assert.ok('problem' in parseAnalysis(JSON.stringify({ ...good, extra: 1 })));
  assert.ok('problem' in parseAnalysis('no json here'));
  assert.equal((ANALYSIS_SCHEMA as { $id?: string }).$id, undefined, 'schema handed to codex has no $id');
});

test('long answers are cut before they reach the judge', () => {
  const p = judgePrompt('q', [{ model: 'opus', content: 'x'.repeat(ANSWER_MAX_CHARS + 500) }]);
  assert.ok(p.length < ANSWER_MAX_CHARS + 5000);
  assert.match(p, /answer cut here/);
});

test('best answer without synthesis: judge credit first, then length', () => {
  assert.equal(bestAnswer(answers)!.model, 'gemini');
  const credited = bestAnswer(answers, { consensus: [], contradictions: [], partial_coverage: [], unique_insights: [{ model: 'B (gpt-5.5)', insight: 'x' }], blind_spots: [] });
  assert.equal(credited!.model, 'gpt-5.5');
});
