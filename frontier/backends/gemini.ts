// Gemini CLI: `gemini --output-format json --approval-mode plan [-m m]`, prompt on stdin (never
// argv: visible in ps and size-limited). Output: {response, stats, error}.
import type { Backend, Invocation, InvocationContext, ModelSpec, Parsed, RawResult, Usage } from '../types';
import { classifyText } from '../classify';
import { binFor, checkReadOnly, cleanContent, isRecord, num, parseJsonLoose } from './common';
import { resolveModelEnv } from './model-env';

export const GEMINI_PASS_ENV = ['GEMINI_API_KEY', 'NO_BROWSER', 'CLOUDSDK_CONFIG'];
export const GEMINI_PASS_PREFIXES = ['GOOGLE_', 'GEMINI_'];

/** Sum token counts across the per-model stats gemini reports. */
export function geminiUsage(stats: unknown): Usage | undefined {
  if (!isRecord(stats) || !isRecord(stats.models)) return undefined;
  let input = 0;
  let output = 0;
  let total = 0;
  let seen = false;
  for (const m of Object.values(stats.models)) {
    if (!isRecord(m) || !isRecord(m.tokens)) continue;
    seen = true;
    input += num(m.tokens.prompt) ?? num(m.tokens.input) ?? 0;
    output += num(m.tokens.candidates) ?? num(m.tokens.output) ?? 0;
    total += num(m.tokens.total) ?? 0;
  }
  return seen ? { inputTokens: input, outputTokens: output, totalTokens: total || input + output } : undefined;
}

/** Shared by gemini and agy: {response|result|text, stats|usage, error:{message,code,type}}. */
export function parseGeminiLike(r: RawResult): Parsed {
  const obj = parseJsonLoose(r.stdout);
  if (!isRecord(obj)) return { content: '' };
  const usage = geminiUsage(obj.stats) ?? (isRecord(obj.usage) ? { inputTokens: num(obj.usage.input_tokens), outputTokens: num(obj.usage.output_tokens), totalTokens: num(obj.usage.total_tokens) } : undefined);
  if (isRecord(obj.error)) {
    const e = obj.error;
    const text = [e.type, e.code, e.status, e.message].filter((x) => x !== undefined).join(' ');
    return { content: '', usage, errorText: text, errorClass: classifyText(text) ?? 'exit_nonzero' };
  }
  const body = [obj.response, obj.result, obj.text, obj.content].find((v) => typeof v === 'string') as string | undefined;
  const nested = isRecord(obj.result) && typeof obj.result.response === 'string' ? obj.result.response : undefined;
  return { content: cleanContent(body ?? nested ?? ''), usage };
}

export const geminiBackend: Backend = {
  id: 'gemini',
  bin: 'gemini',
  binEnv: 'MAESTRO_GEMINI_BIN',
  buildInvocation(model: ModelSpec, prompt: string, ctx: InvocationContext): Invocation {
    const argv = ['--output-format', 'json', '--approval-mode', 'plan'];
    if (model.modelArg) argv.push('-m', model.modelArg);
    return {
      bin: binFor('gemini', 'MAESTRO_GEMINI_BIN', ctx.env),
      argv,
      env: resolveModelEnv(model, ctx.env),
      passEnv: GEMINI_PASS_ENV,
      passPrefixes: GEMINI_PASS_PREFIXES,
      stdin: prompt,
    };
  },
  parseOutput: parseGeminiLike,
  checkArgv(argv) {
    return checkReadOnly(argv, [['--approval-mode', 'plan'], ['--output-format', 'json']]);
  },
};
