// Codex CLI: `codex exec --skip-git-repo-check --sandbox read-only -c approval_policy="never"
// --ephemeral --color never [-m m] -o <file> [--output-schema <file>] -`, prompt on stdin.
// codex 0.169 rejects --ask-for-approval on exec, so approvals go through -c.
import fs from 'node:fs';
import path from 'node:path';
import type { Backend, Invocation, InvocationContext, ModelSpec, Parsed, RawResult } from '../types';
import { classifyText } from '../classify';
import { binFor, checkReadOnly, cleanContent } from './common';
import { resolveModelEnv } from './model-env';

export const CODEX_PASS_ENV = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'CODEX_HOME', 'CODEX_API_KEY', 'AZURE_OPENAI_API_KEY'];
export const CODEX_PASS_PREFIXES = ['GIT_CONFIG_'];

export const codexBackend: Backend = {
  id: 'codex',
  bin: 'codex',
  binEnv: 'MAESTRO_CODEX_BIN',
  buildInvocation(model: ModelSpec, prompt: string, ctx: InvocationContext): Invocation {
    const outputFile = path.join(ctx.tmpDir, 'last-message.txt');
    const argv = ['exec', '--skip-git-repo-check', '--sandbox', 'read-only', '-c', 'approval_policy="never"', '--ephemeral', '--color', 'never'];
    if (model.modelArg) argv.push('-m', model.modelArg);
    argv.push('-o', outputFile);
    const files: Record<string, string> = {};
    if (ctx.jsonSchema) {
      const schemaFile = path.join(ctx.tmpDir, 'answer.schema.json');
      files[schemaFile] = JSON.stringify(ctx.jsonSchema);
      argv.push('--output-schema', schemaFile);
    }
    argv.push('-');
    return {
      bin: binFor('codex', 'MAESTRO_CODEX_BIN', ctx.env),
      argv,
      env: resolveModelEnv(model, ctx.env),
      passEnv: [...CODEX_PASS_ENV, ...(model.passEnv ?? [])],
      passPrefixes: CODEX_PASS_PREFIXES,
      stdin: prompt,
      outputFile,
      files,
    };
  },
  parseOutput(r: RawResult): Parsed {
    const text = r.outputFileText?.trim() ? r.outputFileText : r.code === 0 ? r.stdout : '';
    // `codex exec` reports the token total on stderr as "tokens used" followed by the number.
    const m = /tokens used:?\s*\n?\s*([\d,]+)/i.exec(r.stderr);
    const total = m ? Number(m[1]!.replace(/,/g, '')) : undefined;
    const parsed: Parsed = { content: cleanContent(text ?? ''), ...(total !== undefined && Number.isFinite(total) ? { usage: { totalTokens: total } } : {}) };
    // codex prints provider errors as "ERROR: …" lines while still exiting 0 in some versions.
    if (!parsed.content) {
      const err = /^(?:\[[^\]]*\]\s*)?ERROR:?\s*(.+)$/im.exec(r.stderr);
      if (err) return { ...parsed, errorText: err[1], errorClass: classifyText(err[1]!) };
    }
    return parsed;
  },
  checkArgv(argv) {
    return checkReadOnly(argv, [['exec'], ['--sandbox', 'read-only'], ['-c', 'approval_policy="never"']]);
  },
};

/** Variables named by `env_key = "…"` in codex's config.toml (custom model providers read their key from them). */
export function codexEnvKeys(configToml: string): string[] {
  const out = new Set<string>();
  for (const m of configToml.matchAll(/^\s*env_key\s*=\s*["']([A-Za-z_][A-Za-z0-9_]{0,127})["']/gm)) out.add(m[1]!);
  return [...out];
}

/** Read a CLI's output file, bounded; missing file = undefined. */
export function readOutputFile(file: string, maxBytes: number): string | undefined {
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    try {
      const buf = Buffer.alloc(Math.min(fs.fstatSync(fd).size, maxBytes));
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      return buf.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
