// maestro compress <file>: rewrite a Markdown memory file tersely through `claude --print`, validate the
// result deterministically (with at most one repair call), and only then replace the file,
// keeping the original as a backup. On any failure the file is left exactly as it was, with no backup.
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../../core/dirs';
import { runBounded } from '../../core/run-bounded';
import { createExclusive, readTextBounded, writeFileAtomic } from '../../core/safe-fs';
import { backupPath, MAX_INPUT_BYTES, refusalFor } from './guards';
import { validate, type Validation } from './validate';

export const MAX_FIX_ROUNDS = 1;
export const DEFAULT_TIMEOUT_MS = 300_000;
const MAX_OUTPUT = 4 * 1024 * 1024;

export class CompressError extends Error {}

export interface CompressResult {
  file: string;
  backup: string;
  beforeChars: number;
  afterChars: number;
  warnings: string[];
  fixRounds: number;
}

export type Model = (prompt: string) => Promise<string>;

const RULES = [
  'Rewrite the Markdown document below so it says the same thing in fewer words.',
  'Must stay exactly as they are: every heading (same count, level and order), every fenced code block byte for byte,',
  'every URL, version number, date, file path, command-line flag, UPPER_CASE identifier, number with its unit or comparison,',
  'section id (like S7.3) and inline `code` span.',
  'Cut filler, hedging, repetition and needless articles; keep lists as lists and keep every requirement and warning.',
  'Reply with the rewritten document only: no preamble, no closing remark, no code fence around the whole reply.',
].join('\n');

export function compressPrompt(doc: string): string {
  return `${RULES}\n\n<document>\n${doc}\n</document>\n`;
}

export function fixPrompt(doc: string, attempt: string, v: Validation): string {
  return (
    `${RULES}\n\nYour previous rewrite failed these checks:\n${v.errors.map((e) => `- ${e}`).join('\n')}\n\n` +
    `Produce a new rewrite of the original that passes them.\n\n<document>\n${doc}\n</document>\n\n<previous_rewrite>\n${attempt}\n</previous_rewrite>\n`
  );
}

/** Remove a fence wrapping the whole reply, unless the original itself starts with a fence. */
export function cleanOutput(out: string, original: string): string {
  let text = out.replace(/\r\n/g, '\n').trim();
  const wrapped = /^(`{3,}|~{3,})[\w-]*\n([\s\S]*)\n\1\s*$/.exec(text);
  if (wrapped && !/^\s*(`{3,}|~{3,})/.test(original)) text = wrapped[2]!.trim();
  return text + '\n';
}

export function claudeModel(env: Env, timeoutMs = DEFAULT_TIMEOUT_MS): Model {
  const bin = env.MAESTRO_CLAUDE_BIN?.trim() || 'claude';
  return async (prompt) => {
    const r = await runBounded(bin, ['--print'], { timeoutMs, env, input: prompt, maxOutput: MAX_OUTPUT });
    if (r.spawnError) throw new CompressError(`could not start ${bin}: ${r.spawnError} (set MAESTRO_CLAUDE_BIN to the claude binary)`);
    if (r.timedOut) throw new CompressError(`${bin} --print gave no answer within ${Math.round(timeoutMs / 1000)}s`);
    if (r.code !== 0) throw new CompressError(`${bin} --print exited ${r.code ?? r.signal}: ${r.stderr.trim().split('\n')[0] ?? ''}`);
    if (r.truncated) throw new CompressError(`${bin} --print produced more output than the ${MAX_OUTPUT}-byte limit`);
    if (!r.stdout.trim()) throw new CompressError(`${bin} --print returned nothing`);
    return r.stdout;
  };
}

const chars = (s: string) => [...s].length;

const backupExists = (file: string) =>
  new CompressError(`refusing to compress: the backup ${path.basename(backupPath(file))} already exists; move or delete it first`);

function reserveBackup(file: string, content: string): string {
  // Exclusive create: a backup that appeared meanwhile is never overwritten either.
  if (!createExclusive(backupPath(file), content)) throw backupExists(file);
  return backupPath(file);
}

export async function compressFile(fileArg: string, opts: { env: Env; model?: Model; cwd?: string }): Promise<CompressResult> {
  const file = path.resolve(opts.cwd ?? process.cwd(), fileArg);
  const refusal = refusalFor(file);
  if (refusal) throw new CompressError(refusal);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    throw new CompressError(`${fileArg} does not exist`);
  }
  if (st.isSymbolicLink()) throw new CompressError(`refusing to compress ${fileArg}: it is a symlink`);
  if (!st.isFile()) throw new CompressError(`${fileArg} is not a regular file`);
  if (st.size > MAX_INPUT_BYTES) throw new CompressError(`refusing to compress ${fileArg}: ${st.size} bytes is over the ${MAX_INPUT_BYTES}-byte limit`);
  const read = readTextBounded(file, MAX_INPUT_BYTES);
  if (!read.ok) throw new CompressError(`cannot read ${fileArg}: ${read.detail}`);
  const original = read.value;
  if (!original.trim()) throw new CompressError(`${fileArg} is empty`);
  if (fs.existsSync(backupPath(file))) throw backupExists(file);

  const model = opts.model ?? claudeModel(opts.env);
  let attempt = cleanOutput(await model(compressPrompt(original)), original);
  let v = validate(original, attempt);
  let rounds = 0;
  while (v.errors.length && rounds < MAX_FIX_ROUNDS) {
    rounds++;
    attempt = cleanOutput(await model(fixPrompt(original, attempt, v)), original);
    v = validate(original, attempt);
  }
  if (v.errors.length) {
    throw new CompressError(`compressed text failed validation after ${rounds} repair round${rounds === 1 ? '' : 's'} (${v.errors.join('; ')}); ${fileArg} left unchanged`);
  }

  // Only now touch the disk: backup first (never over an existing one), then the atomic replace.
  const backup = reserveBackup(file, original);
  try {
    writeFileAtomic(file, attempt, { mode: st.mode & 0o777 });
  } catch (e) {
    fs.rmSync(backup, { force: true });
    throw new CompressError(`could not write ${fileArg}: ${(e as Error).message}; left unchanged`);
  }
  return { file, backup, beforeChars: chars(original), afterChars: chars(attempt), warnings: v.warnings, fixRounds: rounds };
}
