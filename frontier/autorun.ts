// Entry for the hook pack's autorun guard (loaded lazily, only when a mode is armed).
// Never throws; the run is clamped so it ends well inside the hook's 600 s timeout.
import { runEngine } from './engine';
import type { Limits } from './pipeline';

export interface AutorunResult {
  ok: boolean;
  final?: string;
  label: string;
  models: number;
  ms: number;
  reason?: string;
}

/** Hook timeout is 600 s; leave room for process start, rendering and the host. */
export const AUTORUN_BUDGET_MS = 540_000;

export function clampForHook(l: Limits): Limits {
  const runBudgetMs = Math.min(l.runBudgetMs, AUTORUN_BUDGET_MS);
  return { ...l, runBudgetMs, timeoutMs: Math.min(l.timeoutMs, runBudgetMs), ...(l.deadlineMs ? { deadlineMs: Math.min(l.deadlineMs, runBudgetMs) } : {}) };
}

export async function runForAutorun(opts: { prompt: string; scope: string; cwd: string; env: Record<string, string | undefined> }): Promise<AutorunResult> {
  const start = Date.now();
  try {
    if (!opts.prompt.trim()) return { ok: false, label: 'off', models: 0, ms: 0, reason: 'empty prompt' };
    // If the host stops the hook (timeout, session end), stop every member tree with it.
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
    for (const s of signals) process.on(s, stop);
    let out;
    try {
      out = await runEngine({ prompt: opts.prompt, scope: opts.scope, env: opts.env, cwd: opts.cwd, clamp: clampForHook, signal: ac.signal });
    } finally {
      for (const s of signals) process.off(s, stop);
    }
    if (out.kind === 'off') return { ok: false, label: 'off', models: 0, ms: Date.now() - start, reason: 'Frontier is off' };
    if (out.kind === 'invalid') return { ok: false, label: 'invalid', models: 0, ms: Date.now() - start, reason: out.error };
    const r = out.result;
    const models = r.responses.length;
    if (r.status === 'ok' && r.final) return { ok: true, final: r.final, label: r.label, models, ms: r.ms };
    return { ok: false, label: r.label, models, ms: r.ms, reason: `${r.failure_reason ?? 'failed'}: ${r.error ?? 'no answer'}` };
  } catch (e) {
    return { ok: false, label: 'error', models: 0, ms: Date.now() - start, reason: `unexpected_error: ${(e as Error).message}` };
  }
}
