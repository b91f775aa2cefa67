// The synthesizer: one final answer from the panel's answers and (when available) the judge's
// analysis. It must weigh correctness, never votes: a lone correct answer beats a popular wrong one.
import type { Analysis } from './types';
import { answerLabel, clipAnswer, type PanelAnswer } from './judge';

const ANTI_MAJORITY = [
  'Decide each point on the evidence and reasoning, not on how many answers share it. If one answer is right',
  'and the others agree on something wrong, follow the one that is right and say briefly why. Repetition across',
  'answers is not confirmation: they may share the same mistake.',
].join(' ');

export function synthPrompt(question: string, answers: PanelAnswer[], analysis?: Analysis): string {
  const parts = [
    'Several independent answers to the question below are given, labelled A, B, and so on.',
    analysis ? 'A reviewer compared them; the comparison follows the answers.' : 'No comparison is available; compare them yourself.',
    '',
    'Write the single best answer to the question for the person who asked it:',
    '- keep what is correct and well supported, including points only one answer makes;',
    '- settle every disagreement explicitly, choosing the position that is actually correct;',
    '- add what every answer missed when you can;',
    '- drop anything wrong, and do not mention the answers, the labels, the reviewer or this process.',
    '',
    ANTI_MAJORITY,
    '',
    '## Question',
    '',
    question,
    '',
    '## Answers',
    '',
    answers.map((a, i) => `### Answer ${answerLabel(i, a.model)}\n\n${clipAnswer(a.content)}`).join('\n\n'),
  ];
  if (analysis) parts.push('', '## Comparison', '', JSON.stringify(analysis, null, 2));
  return parts.join('\n');
}

/** Without a working synthesizer: the answer the judge cited most as correct/insightful, else the longest. */
export function bestAnswer(answers: PanelAnswer[], analysis?: Analysis): PanelAnswer | undefined {
  if (answers.length === 0) return undefined;
  const score = new Map<number, number>();
  if (analysis) {
    answers.forEach((a, i) => {
      const label = answerLabel(i, a.model);
      let s = 0;
      for (const u of analysis.unique_insights) if (u.model === label || u.model === String.fromCharCode(65 + i)) s += 2;
      for (const p of analysis.partial_coverage) if (p.covered_by.some((c) => c === label || c === String.fromCharCode(65 + i))) s += 1;
      score.set(i, s);
    });
  }
  let best = 0;
  for (let i = 1; i < answers.length; i++) {
    const d = (score.get(i) ?? 0) - (score.get(best) ?? 0);
    if (d > 0 || (d === 0 && answers[i]!.content.length > answers[best]!.content.length)) best = i;
  }
  return answers[best];
}
