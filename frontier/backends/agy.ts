// Antigravity CLI (agy), which serves Gemini models to consumer accounts. Its -p flag takes the
// prompt as a value (argv) and then ignores stdin, so we give no -p: agy reads the prompt from
// stdin when stdin is not a terminal. `--mode plan` refuses its edit tools (agy has no full
// read-only mode: its shell tool is not gated). JSON output as gemini-like {response|result, stats, error}.
import type { Backend, Invocation, InvocationContext, ModelSpec, Parsed, RawResult } from '../types';
import { binFor, checkReadOnly } from './common';
import { parseGeminiLike } from './gemini';
import { resolveModelEnv } from './model-env';

export const AGY_PASS_ENV = ['GEMINI_API_KEY', 'NO_BROWSER'];
export const AGY_PASS_PREFIXES = ['GOOGLE_', 'ANTIGRAVITY_', 'AGY_'];

export const agyBackend: Backend = {
  id: 'agy',
  bin: 'agy',
  binEnv: 'MAESTRO_AGY_BIN',
  buildInvocation(model: ModelSpec, prompt: string, ctx: InvocationContext): Invocation {
    const argv = ['--output-format', 'json', '--mode', 'plan'];
    if (model.modelArg) argv.push('--model', model.modelArg);
    return {
      bin: binFor('agy', 'MAESTRO_AGY_BIN', ctx.env),
      argv,
      env: resolveModelEnv(model, ctx.env),
      passEnv: AGY_PASS_ENV,
      passPrefixes: AGY_PASS_PREFIXES,
      stdin: prompt,
    };
  },
  parseOutput(r: RawResult): Parsed {
    return parseGeminiLike(r);
  },
  checkArgv(argv) {
    return checkReadOnly(argv, [['--output-format', 'json'], ['--mode', 'plan']]);
  },
};
