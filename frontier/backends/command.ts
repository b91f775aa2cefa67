// User-defined command backend: any CLI declared in configDir/frontier-backends.json.
// args may use {model}, {promptFile} and {outputFile}; the prompt goes on stdin unless prompt = "file".
// Output is plain text, or JSON read at `field` (dotted path). The argv passes the same read-only check.
import path from 'node:path';
import type { Backend, Invocation, InvocationContext, ModelSpec, Parsed, RawResult } from '../types';
import { classifyText } from '../classify';
import { checkReadOnly, cleanContent, isRecord, parseJsonLoose } from './common';
import { resolveModelEnv } from './model-env';

export interface CommandEntry {
  id: string;
  label?: string;
  bin: string;
  args: string[];
  model?: string;
  prompt?: 'stdin' | 'file';
  output?: 'text' | 'json';
  field?: string;
  env?: string[];
}

function pick(v: unknown, field: string): unknown {
  let cur = v;
  for (const k of field.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function makeCommandBackend(entry: CommandEntry): Backend {
  return {
    id: 'command',
    bin: entry.bin,
    buildInvocation(model: ModelSpec, prompt: string, ctx: InvocationContext): Invocation {
      const promptFile = path.join(ctx.tmpDir, 'prompt.txt');
      const outputFile = path.join(ctx.tmpDir, 'output.txt');
      const usesOut = entry.args.some((a) => a.includes('{outputFile}'));
      const argv = entry.args.map((a) =>
        a.replaceAll('{model}', model.modelArg ?? entry.model ?? '').replaceAll('{promptFile}', promptFile).replaceAll('{outputFile}', outputFile),
      );
      const byFile = entry.prompt === 'file';
      return {
        bin: entry.bin,
        argv,
        env: resolveModelEnv(model, ctx.env),
        passEnv: entry.env ?? [],
        passPrefixes: [],
        stdin: byFile ? '' : prompt,
        ...(usesOut ? { outputFile } : {}),
        files: byFile ? { [promptFile]: prompt } : {},
      };
    },
    parseOutput(r: RawResult): Parsed {
      const raw = r.outputFileText?.trim() ? r.outputFileText : r.stdout;
      if (entry.output !== 'json') return { content: cleanContent(raw) };
      const obj = parseJsonLoose(raw);
      const v = pick(obj, entry.field ?? 'response');
      if (typeof v === 'string') return { content: cleanContent(v) };
      const err = pick(obj, 'error');
      const text = typeof err === 'string' ? err : isRecord(err) && typeof err.message === 'string' ? err.message : undefined;
      return text ? { content: '', errorText: text, errorClass: classifyText(text) ?? 'exit_nonzero' } : { content: '' };
    },
    checkArgv(argv) {
      return checkReadOnly(argv, []);
    },
  };
}
