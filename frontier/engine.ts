// One entry for the CLI and the autorun hook: scope state -> plan -> pipeline with the real
// spawner, progress file and run recorder.
import type { Env } from '../core/dirs';
import { buildCatalog, CatalogError, type Catalog } from './catalog';
import { DEFAULT_LIMITS, runPipeline, type Limits } from './pipeline';
import { planFromState, type Plan } from './plan';
import { readPresets, savedAsPresets } from './presets';
import { fanSinks, progressFileSink, type ProgressSink } from './progress';
import { fileRecorder, newRunId } from './runs';
import type { Spawner } from './spawn';
import { knobsOf, readState, type FrontierState } from './state';
import type { FrontierResult } from './types';

export function catalogFor(scope: string, env: Env): Catalog {
  return buildCatalog(env, savedAsPresets(readPresets(scope, env).presets));
}

/**
 * Arm-time check for any writer of a state (the `frontier mode` commands, `settings set frontier`):
 * null when the state can run now, else one readable line (unknown names, panel size, readiness).
 */
export function armProblem(state: FrontierState, scope: string, env: Env): string | null {
  try {
    planFromState(state, catalogFor(scope, env));
    return null;
  } catch (e) {
    if (e instanceof CatalogError) return e.message;
    throw e;
  }
}

export function limitsFor(state: FrontierState, override: Partial<Limits> = {}): Limits {
  const k = knobsOf(state);
  const l: Limits = { ...DEFAULT_LIMITS };
  if (k.timeoutMs) l.timeoutMs = k.timeoutMs;
  if (k.runBudgetMs) l.runBudgetMs = k.runBudgetMs;
  if (k.concurrency) l.concurrency = Math.min(8, Math.floor(k.concurrency));
  if (k.quorum) l.quorum = Math.floor(k.quorum);
  if (k.deadlineMs) l.deadlineMs = k.deadlineMs;
  if (k.tokenBudget) l.tokenBudget = k.tokenBudget;
  if (k.usdBudget) l.usdBudget = k.usdBudget;
  for (const [key, v] of Object.entries(override)) if (v !== undefined) (l as unknown as Record<string, number>)[key] = v;
  return l;
}

export interface EngineRun {
  prompt: string;
  scope: string;
  env: Env;
  cwd: string;
  limits?: Partial<Limits>;
  progress?: ProgressSink;
  signal?: AbortSignal;
  spawner?: Spawner;
  onRecordError?: (msg: string) => void;
  /** Clamp applied after everything else (autorun must end inside the hook's own timeout). */
  clamp?: (l: Limits) => Limits;
}

export type EngineOutcome = { kind: 'off'; state: FrontierState } | { kind: 'invalid'; error: string; state: FrontierState } | { kind: 'ran'; plan: Plan; result: FrontierResult };

export async function runEngine(o: EngineRun): Promise<EngineOutcome> {
  const { state, problem } = readState(o.scope, o.env);
  if (problem) return { kind: 'invalid', error: `Frontier state is unusable: ${problem}`, state };
  if (state.mode === 'off') return { kind: 'off', state };
  const catalog = catalogFor(o.scope, o.env);
  let plan: Plan | undefined;
  try {
    plan = planFromState(state, catalog);
  } catch (e) {
    if (e instanceof CatalogError) return { kind: 'invalid', error: e.message, state };
    throw e;
  }
  if (!plan) return { kind: 'off', state };
  let limits = limitsFor(state, o.limits);
  if (o.clamp) limits = o.clamp(limits);
  const runId = newRunId();
  const sinks = [progressFileSink(o.scope, o.env, runId), ...(o.progress ? [o.progress] : [])];
  const result = await runPipeline(plan, o.prompt, limits, {
    catalog,
    env: o.env,
    cwd: o.cwd,
    runId,
    scope: o.scope,
    progress: fanSinks(...sinks),
    recorder: fileRecorder(o.env, o.onRecordError),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.spawner ? { spawner: o.spawner } : {}),
  });
  return { kind: 'ran', plan, result };
}
