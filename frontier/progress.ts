// Progress file for the status line and progress lines on stderr. Writes never throw.
import fs from 'node:fs';
import type { Env } from '../core/dirs';
import { writeJsonAtomic } from '../core/safe-fs';
import { progressPath } from './state';

export type ProgressEvent =
  | { kind: 'start'; mode: 'single' | 'fusion'; label: string; models: string[] }
  | { kind: 'member-done'; role: 'single' | 'panel'; model: string; ok: boolean; done: number; total: number; ms: number; errorClass?: string }
  | { kind: 'stage'; stage: 'judge' | 'synth'; model: string }
  | { kind: 'stage-done'; stage: 'judge' | 'synth'; ok: boolean; ms: number }
  | { kind: 'cancelled'; models: string[]; why: string }
  | { kind: 'degraded'; reason: string }
  | { kind: 'done'; ok: boolean; models: number; ms: number };

export type ProgressSink = (e: ProgressEvent) => void;

const MODEL_RE = /^[A-Za-z0-9.-]{1,24}$/;

/** Keeps the per-scope progress file current while a run is going: {phase, done, total, ts, pid, model?, startTs, runId}; removed at the end. */
export function progressFileSink(scope: string, env: Env, runId: string, now: () => number = Date.now): ProgressSink {
  const file = progressPath(scope, env);
  const startTs = now();
  let phase: 'single' | 'panel' | 'judge' | 'synth' = 'panel';
  let total = 0;
  const write = (done: number, model?: string): void => {
    try {
      writeJsonAtomic(file, {
        phase,
        done: Math.min(done, 99),
        total: Math.min(total, 99),
        ts: now(),
        startTs,
        // Same instant under the name the status line reads for elapsed time.
        startedAt: startTs,
        pid: process.pid,
        ...(model && MODEL_RE.test(model) ? { model } : {}),
        runId,
      });
    } catch {
      // A status line is a nicety; never fail a run over it.
    }
  };
  return (e) => {
    switch (e.kind) {
      case 'start':
        phase = e.mode === 'single' ? 'single' : 'panel';
        total = e.models.length;
        write(0, e.mode === 'single' ? e.models[0] : undefined);
        break;
      case 'member-done':
        write(e.done, e.model);
        break;
      case 'stage':
        phase = e.stage;
        total = 1;
        write(0, e.model);
        break;
      case 'done':
        // Nothing is running any more: no file means no progress to show.
        try {
          fs.rmSync(file, { force: true });
        } catch {
          // best effort
        }
        break;
      default:
        break;
    }
  };
}

/** Human progress lines (stderr). */
export function progressTextSink(write: (line: string) => void): ProgressSink {
  return (e) => {
    switch (e.kind) {
      case 'start':
        write(e.mode === 'single' ? `frontier: ${e.label}` : `frontier: ${e.label} · asking ${e.models.join(', ')}`);
        break;
      case 'member-done':
        write(`frontier: ${e.done}/${e.total} ${e.model} ${e.ok ? 'answered' : `failed (${e.errorClass ?? 'error'})`} in ${(e.ms / 1000).toFixed(1)}s`);
        break;
      case 'stage':
        write(`frontier: ${e.stage === 'judge' ? 'comparing answers with' : 'writing the synthesis with'} ${e.model}`);
        break;
      case 'stage-done':
        if (!e.ok) write(`frontier: ${e.stage} step failed; continuing without it`);
        break;
      case 'cancelled':
        write(`frontier: stopped waiting for ${e.models.join(', ')} (${e.why})`);
        break;
      case 'degraded':
        write(`frontier: degraded: ${e.reason}`);
        break;
      case 'done':
        write(`frontier: ${e.ok ? 'done' : 'failed'} · ${e.models} model${e.models === 1 ? '' : 's'} answered · ${(e.ms / 1000).toFixed(1)}s`);
        break;
    }
  };
}

export function fanSinks(...sinks: ProgressSink[]): ProgressSink {
  return (e) => {
    for (const s of sinks) {
      try {
        s(e);
      } catch {
        // one broken sink must not stop the run
      }
    }
  };
}
