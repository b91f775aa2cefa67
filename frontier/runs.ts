// Run records: one JSON file per run in <state dir>/runs/<id>.json. They hold what happened
// (members, timings, classes, usage, cost, stages, the final answer) but never the prompt text,
// env values or command lines.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { maestroDirs, type Env } from '../core/dirs';
import { readJsonFile, writeJsonAtomic } from '../core/safe-fs';
import type { Plan } from './plan';
import type { FailureReason, MemberOutcome, Usage } from './types';

export const KEEP_RUNS = 200;
export const RUN_ID_RE = /^frontier-[a-z0-9]{6,12}-[a-f0-9]{8}$/;
const FINAL_MAX_CHARS = 64 * 1024;

export function newRunId(now = Date.now()): string {
  return `frontier-${now.toString(36)}-${crypto.randomBytes(4).toString('hex')}`;
}

export function runsDir(env: Env): string {
  return path.join(maestroDirs(env).state, 'runs');
}

export type MemberRecord = Omit<MemberOutcome, 'content'> & { contentChars: number };

export interface RunRecord {
  id: string;
  version: 1;
  startedAt: string;
  finishedAt: string;
  scope?: string;
  request: Plan & {
    promptChars: number;
    promptSha256: string;
    limits: Record<string, number | undefined>;
  };
  status: 'ok' | 'error';
  failure_reason?: FailureReason;
  members: MemberRecord[];
  stages: Array<MemberRecord & { stage: 'judge' | 'judge-repair' | 'synth'; analysisOk?: boolean }>;
  degraded: string[];
  final?: { source: 'single' | 'synth' | 'best-answer' | 'only-answer'; chars: number; text: string };
  ms: number;
  usage?: Usage;
  costUsd?: number;
}

export type RunRecorder = (r: RunRecord) => void;

export function toMemberRecord(m: MemberOutcome): MemberRecord {
  const { content, ...rest } = m;
  return { ...rest, contentChars: content.length };
}

export function finalOf(source: NonNullable<RunRecord['final']>['source'], text: string): RunRecord['final'] {
  return { source, chars: text.length, text: text.length > FINAL_MAX_CHARS ? text.slice(0, FINAL_MAX_CHARS) : text };
}

/** Writes the record and prunes the oldest beyond KEEP_RUNS. Never throws (reports to onError). */
export function fileRecorder(env: Env, onError?: (msg: string) => void): RunRecorder {
  return (r) => {
    try {
      const dir = runsDir(env);
      writeJsonAtomic(path.join(dir, `${r.id}.json`), r);
      const files = fs.readdirSync(dir).filter((f) => f.startsWith('frontier-') && f.endsWith('.json')).sort();
      for (const f of files.slice(0, Math.max(0, files.length - KEEP_RUNS))) fs.rmSync(path.join(dir, f), { force: true });
    } catch (e) {
      onError?.(`could not write the run record: ${(e as Error).message}`);
    }
  };
}

export function listRuns(env: Env): RunRecord[] {
  let files: string[];
  try {
    files = fs.readdirSync(runsDir(env)).filter((f) => f.startsWith('frontier-') && f.endsWith('.json'));
  } catch {
    return [];
  }
  const out: RunRecord[] = [];
  for (const f of files) {
    const r = readJsonFile<RunRecord>(path.join(runsDir(env), f), { maxBytes: 2 * 1024 * 1024 });
    if (r.ok && typeof r.value.id === 'string') out.push(r.value);
  }
  return out.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

export function readRun(env: Env, id: string): RunRecord | undefined {
  if (!RUN_ID_RE.test(id)) return undefined;
  const r = readJsonFile<RunRecord>(path.join(runsDir(env), `${id}.json`), { maxBytes: 2 * 1024 * 1024 });
  return r.ok ? r.value : undefined;
}

export function sumUsage(ms: Array<Pick<MemberOutcome, 'usage' | 'costUsd'>>): { usage?: Usage; costUsd?: number } {
  let input = 0;
  let output = 0;
  let total = 0;
  let any = false;
  let cost = 0;
  let anyCost = false;
  for (const m of ms) {
    if (m.usage) {
      any = true;
      input += m.usage.inputTokens ?? 0;
      output += m.usage.outputTokens ?? 0;
      total += m.usage.totalTokens ?? (m.usage.inputTokens ?? 0) + (m.usage.outputTokens ?? 0);
    }
    if (m.costUsd !== undefined) {
      anyCost = true;
      cost += m.costUsd;
    }
  }
  return { ...(any ? { usage: { inputTokens: input, outputTokens: output, totalTokens: total } } : {}), ...(anyCost ? { costUsd: Math.round(cost * 1e6) / 1e6 } : {}) };
}
