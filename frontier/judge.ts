// The judge: compares the panel's answers and returns a structured analysis (JSON, schema-checked).
// It compares; it does not pick a winner by headcount and does not write the final answer.
import { check } from '../core/validate';
import type { Analysis } from './types';
import analysisSchema from '../schemas/frontier-analysis.schema.json';

export const ANALYSIS_SCHEMA: object = (() => {
  // Codex --output-schema wants a plain JSON Schema without our $id/title.
  const { $id: _id, title: _title, ...rest } = analysisSchema as Record<string, unknown>;
  return rest;
})();

export interface PanelAnswer {
  model: string;
  content: string;
}

/** Panel answers are labelled by position (A, B, …) plus model id, so duplicates of one model stay apart. */
export function answerLabel(i: number, model: string): string {
  return `${String.fromCharCode(65 + i)} (${model})`;
}

/** Longest panel answer passed on to the judge and synthesizer; longer ones are cut with a note. */
export const ANSWER_MAX_CHARS = 100_000;

export function clipAnswer(text: string): string {
  return text.length > ANSWER_MAX_CHARS ? `${text.slice(0, ANSWER_MAX_CHARS)}\n\n[answer cut here: it was ${text.length} characters long]` : text;
}

export function judgePrompt(question: string, answers: PanelAnswer[]): string {
  const sections = answers.map((a, i) => `### Answer ${answerLabel(i, a.model)}\n\n${clipAnswer(a.content)}`).join('\n\n');
  return [
    'You are reviewing several independent answers to the same question. Do not answer the question yourself',
    'and do not merge the answers. Compare them, claim by claim, and report what you find.',
    '',
    'Judge claims on their merits: an answer that stands alone can still be the correct one, and agreement',
    'between answers is not evidence that they are right. Where you can check a claim by reasoning, do so.',
    '',
    'Reply with one JSON object and nothing else (no code fence, no prose), with exactly these keys:',
    '- "consensus": array of strings, points the answers agree on and that hold up;',
    '- "contradictions": array of {"topic": string, "positions": [{"model": answer label, "stance": string}]},',
    '  including which stance is correct when you can tell and why, inside the stance text;',
    '- "partial_coverage": array of {"topic": string, "covered_by": [answer labels], "missing_from": [answer labels]};',
    '- "unique_insights": array of {"model": answer label, "insight": string}, valuable points only one answer makes;',
    '- "blind_spots": array of strings, things every answer missed or got wrong.',
    'Use empty arrays where there is nothing to report.',
    '',
    '## Question',
    '',
    question,
    '',
    '## Answers',
    '',
    sections,
  ].join('\n');
}

export function judgeRepairPrompt(previous: string, problem: string): string {
  return [
    'Your previous reply could not be used: ' + problem + '.',
    'Return the same analysis again as one valid JSON object with exactly the keys consensus, contradictions,',
    'partial_coverage, unique_insights and blind_spots, shaped as described before. No prose, no code fence.',
    '',
    '## Previous reply',
    '',
    previous.slice(0, 20_000),
  ].join('\n');
}

/** Parse and schema-check a judge reply. Returns the analysis or a one-line problem. */
export function parseAnalysis(text: string): { analysis: Analysis } | { problem: string } {
  const t = text.trim();
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch {
    const a = t.indexOf('{');
    const b = t.lastIndexOf('}');
    if (a < 0 || b <= a) return { problem: 'the reply contains no JSON object' };
    try {
      value = JSON.parse(t.slice(a, b + 1));
    } catch (e) {
      return { problem: `the JSON does not parse (${(e as Error).message.slice(0, 80)})` };
    }
  }
  const problem = check('frontierAnalysis', value);
  return problem ? { problem: `the JSON does not match the analysis shape: ${problem}` } : { analysis: value as Analysis };
}
