// Claude Code in print mode: `claude -p --output-format json --permission-mode plan [--model m]`,
// prompt on stdin. Also runs the Anthropic-compatible vendors (GLM, Kimi, DeepSeek) through the
// model's env mapping. Output: one JSON object {type:"result", result, is_error, usage, total_cost_usd}.
import type { Backend, Invocation, InvocationContext, ModelSpec, Parsed, RawResult } from '../types';
import { classifyText } from '../classify';
import { binFor, checkReadOnly, cleanContent, isRecord, num, parseJsonLoose } from './common';
import { resolveModelEnv } from './model-env';
import { compatModelSlots } from './anthropic-compatible';

export const CLAUDE_PASS_ENV = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_CUSTOM_HEADERS', 'CLAUDE_CONFIG_DIR', 'IS_SANDBOX'];
export const CLAUDE_PASS_PREFIXES = ['CLAUDE_CODE_', 'DISABLE_', 'ANTHROPIC_DEFAULT_', 'AWS_', 'CLOUD_ML_', 'VERTEX_'];

function pickResult(v: unknown): Record<string, unknown> | undefined {
  if (isRecord(v)) return v;
  // Some versions (with --verbose) print the whole message list; the result event is last.
  if (Array.isArray(v)) {
    for (let i = v.length - 1; i >= 0; i--) if (isRecord(v[i]) && (v[i] as Record<string, unknown>).type === 'result') return v[i] as Record<string, unknown>;
  }
  return undefined;
}

export const claudeBackend: Backend = {
  id: 'claude',
  bin: 'claude',
  binEnv: 'MAESTRO_CLAUDE_BIN',
  buildInvocation(model: ModelSpec, prompt: string, ctx: InvocationContext): Invocation {
    const argv = ['-p', '--output-format', 'json', '--permission-mode', 'plan'];
    if (model.modelArg) argv.push('--model', model.modelArg);
    return {
      bin: binFor('claude', 'MAESTRO_CLAUDE_BIN', ctx.env),
      argv,
      env: { ...resolveModelEnv(model, ctx.env), ...compatModelSlots(model) },
      passEnv: CLAUDE_PASS_ENV,
      passPrefixes: CLAUDE_PASS_PREFIXES,
      stdin: prompt,
    };
  },
  parseOutput(r: RawResult): Parsed {
    const obj = pickResult(parseJsonLoose(r.stdout));
    if (!obj) return { content: '' };
    const usageRaw = isRecord(obj.usage) ? obj.usage : undefined;
    const input = usageRaw
      ? (num(usageRaw.input_tokens) ?? 0) + (num(usageRaw.cache_creation_input_tokens) ?? 0) + (num(usageRaw.cache_read_input_tokens) ?? 0)
      : undefined;
    const output = usageRaw ? num(usageRaw.output_tokens) : undefined;
    const usage = usageRaw ? { inputTokens: input, outputTokens: output, totalTokens: (input ?? 0) + (output ?? 0) } : undefined;
    const costUsd = num(obj.total_cost_usd) ?? num(obj.cost_usd);
    const text = typeof obj.result === 'string' ? obj.result : '';
    if (obj.is_error === true || (typeof obj.subtype === 'string' && obj.subtype.startsWith('error'))) {
      return { content: '', usage, costUsd, errorText: text || String(obj.subtype ?? 'error'), errorClass: classifyText(text) ?? 'exit_nonzero' };
    }
    return { content: cleanContent(text), usage, costUsd };
  },
  checkArgv(argv) {
    return checkReadOnly(argv, [['-p'], ['--permission-mode', 'plan'], ['--output-format', 'json']]);
  },
};
