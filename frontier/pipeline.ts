// The Frontier pipeline over injected interfaces (catalog/backends, spawner, clock, progress sink,
// run recorder): single = one member; fusion = panel -> filter -> judge -> synth, degrading when a
// stage fails instead of failing the run.
import crypto from 'node:crypto';
import type { Env } from '../core/dirs';
import type { Catalog, CatalogModel } from './catalog';
import { backendFor as defaultBackendFor } from './catalog';
import { overallFailure } from './classify';
import { fanOut, realClock, type Clock } from './dispatch';
import { ANALYSIS_SCHEMA, judgePrompt, judgeRepairPrompt, parseAnalysis, type PanelAnswer } from './judge';
import type { Plan } from './plan';
import type { ProgressSink } from './progress';
import { finalOf, newRunId, sumUsage, toMemberRecord, type RunRecord, type RunRecorder } from './runs';
import { parentDepth, processSpawner, runMember, type MemberContext, type Spawner } from './spawn';
import { bestAnswer, synthPrompt } from './synth';
import type { Analysis, Backend, FrontierResult, MemberOutcome, Role } from './types';

export interface Limits {
  /** Per member (and per stage) timeout. */
  timeoutMs: number;
  /** Whole run; when it runs out every child is killed. */
  runBudgetMs: number;
  concurrency: number;
  quorum?: number;
  deadlineMs?: number;
  graceMs?: number;
  /** Opt-in: stop after the panel when reported tokens / cost exceed these. */
  tokenBudget?: number;
  usdBudget?: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 180_000, runBudgetMs: 540_000, concurrency: 4 };
/** A stage is only started with at least this much budget left (or a tenth of small budgets). */
export const STAGE_MIN_MS = 15_000;

export interface PipelineDeps {
  catalog: Catalog;
  env: Env;
  cwd: string;
  spawner?: Spawner;
  clock?: Clock;
  progress?: ProgressSink;
  recorder?: RunRecorder;
  backendFor?: (m: CatalogModel) => Backend;
  /** External abort (Ctrl-C). */
  signal?: AbortSignal;
  runId?: string;
  scope?: string;
}

export async function runPipeline(plan: Plan, prompt: string, limits: Limits, deps: PipelineDeps): Promise<FrontierResult> {
  const clock = deps.clock ?? realClock;
  const progress = deps.progress ?? (() => undefined);
  const start = clock.now();
  const runId = deps.runId ?? newRunId(start);
  const base = { mode: plan.mode, runId, label: plan.label, ...(plan.preset ? { preset: plan.preset } : {}) } as const;

  if (parentDepth(deps.env) >= 1) {
    return { ...base, status: 'error', final: null, responses: [], failure_reason: 'fusion_invocation_capped', error: 'Frontier is already running above this process (FUSION_DEPTH is set); a panel member cannot start another run', ms: 0 };
  }

  // Run budget: one controller that kills every child when the budget runs out or the user interrupts.
  const budget = new AbortController();
  const cancelBudget = clock.setTimeout(() => budget.abort(), limits.runBudgetMs);
  const onExternal = (): void => budget.abort();
  if (deps.signal) {
    if (deps.signal.aborted) budget.abort();
    else deps.signal.addEventListener('abort', onExternal, { once: true });
  }
  const left = (): number => limits.runBudgetMs - (clock.now() - start);
  const stageMin = Math.min(STAGE_MIN_MS, Math.round(limits.runBudgetMs / 10));

  const memberCtx = (signal: AbortSignal, jsonSchema?: object): MemberContext => ({
    runId,
    env: deps.env,
    cwd: deps.cwd,
    spawner: deps.spawner ?? processSpawner,
    timeoutMs: Math.max(1, Math.min(limits.timeoutMs, left())),
    signal,
    backendFor: deps.backendFor ?? defaultBackendFor,
    ...(jsonSchema ? { jsonSchema } : {}),
  });
  const model = (id: string): CatalogModel => {
    const m = deps.catalog.models.get(id);
    if (!m) throw new Error(`model ${id} vanished from the catalog`);
    return m;
  };

  const record: RunRecord = {
    id: runId,
    version: 1,
    startedAt: new Date(start).toISOString(),
    finishedAt: '',
    ...(deps.scope ? { scope: deps.scope } : {}),
    request: {
      mode: plan.mode,
      label: plan.label,
      ...(plan.preset ? { preset: plan.preset } : {}),
      members: plan.members,
      ...(plan.judge ? { judge: plan.judge } : {}),
      ...(plan.synth ? { synth: plan.synth } : {}),
      promptChars: prompt.length,
      promptSha256: crypto.createHash('sha256').update(prompt).digest('hex'),
      limits: { ...limits },
    },
    status: 'error',
    members: [],
    stages: [],
    degraded: [],
    ms: 0,
  };
  const all: MemberOutcome[] = [];

  const finish = (res: FrontierResult, final?: RunRecord['final']): FrontierResult => {
    cancelBudget();
    deps.signal?.removeEventListener('abort', onExternal);
    const ms = clock.now() - start;
    const totals = sumUsage(all);
    const out: FrontierResult = { ...res, ms, ...totals };
    if (deps.signal?.aborted && out.status === 'error') {
      out.failure_reason = 'interrupted';
      out.error = 'interrupted; every member process was stopped';
    }
    record.status = out.status === 'ok' ? 'ok' : 'error';
    if (out.failure_reason) record.failure_reason = out.failure_reason;
    record.finishedAt = new Date(clock.now()).toISOString();
    record.ms = ms;
    if (final) record.final = final;
    Object.assign(record, totals);
    progress({ kind: 'done', ok: out.status === 'ok', models: record.members.filter((m) => m.ok).length, ms });
    try {
      deps.recorder?.(record);
    } catch {
      // recording is best effort
    }
    return out;
  };

  progress({ kind: 'start', mode: plan.mode, label: plan.label, models: plan.members });

  // ---- single ----
  if (plan.mode === 'single') {
    const id = plan.members[0]!;
    const out = await runMember(model(id), prompt, 'single', memberCtx(budget.signal));
    all.push(out);
    record.members.push(toMemberRecord(out));
    progress({ kind: 'member-done', role: 'single', model: id, ok: out.ok, done: 1, total: 1, ms: out.wallMs, ...(out.errorClass ? { errorClass: out.errorClass } : {}) });
    if (out.ok) return finish({ ...base, status: 'ok', model: id, final: out.content, responses: [{ model: id, content: out.content }], ms: 0 }, finalOf('single', out.content));
    const reason = budget.signal.aborted && !deps.signal?.aborted ? 'budget_exceeded' : overallFailure([out]);
    return finish({ ...base, status: 'error', model: id, final: null, responses: [], failed_models: [{ model: id, reason: out.errorClass! }], failure_reason: reason, error: `${id} failed: ${out.error ?? out.errorClass}`, ms: 0 });
  }

  // ---- fusion: panel ----
  const models = plan.members.map(model);
  const report = await fanOut(
    models.map((m) => (signal: AbortSignal) => runMember(m, prompt, 'panel', memberCtx(anySignal(signal, budget.signal)))),
    (r) => r.ok,
    { concurrency: limits.concurrency, quorum: limits.quorum, deadlineMs: limits.deadlineMs, graceMs: limits.graceMs, signal: budget.signal, clock },
    (i, r, done, total) =>
      progress({ kind: 'member-done', role: 'panel', model: plan.members[i]!, ok: r.ok, done, total, ms: r.wallMs, ...(r.errorClass ? { errorClass: r.errorClass } : {}) }),
  );
  const panel = report.results;
  all.push(...panel);
  record.members = panel.map(toMemberRecord);
  if (report.cancelled.length && report.stopReason !== 'aborted') {
    const why = report.stopReason === 'quorum' ? `quorum of ${limits.quorum} reached` : 'deadline reached';
    progress({ kind: 'cancelled', models: report.cancelled.map((i) => plan.members[i]!), why });
    record.degraded.push(`stopped waiting for ${report.cancelled.length} member(s): ${why}`);
  }
  const okAnswers: PanelAnswer[] = panel.filter((r) => r.ok).map((r) => ({ model: r.model, content: r.content }));
  const failedModels = panel.filter((r) => !r.ok).map((r) => ({ model: r.model, reason: r.errorClass! }));
  const fusionBase = { ...base, responses: okAnswers, ...(failedModels.length ? { failed_models: failedModels } : {}) };

  if (okAnswers.length === 0) {
    const reason = budget.signal.aborted && !deps.signal?.aborted ? 'budget_exceeded' : overallFailure(panel);
    return finish({ ...fusionBase, status: 'error', final: null, failure_reason: reason, error: `no panel member answered (${failedModels.map((f) => `${f.model}: ${f.reason}`).join(', ')})`, ms: 0 });
  }
  if (failedModels.length) {
    const note = `${failedModels.length} of ${plan.members.length} members failed`;
    record.degraded.push(note);
    progress({ kind: 'degraded', reason: note });
  }

  const degrade = (why: string): void => {
    record.degraded.push(why);
    progress({ kind: 'degraded', reason: why });
  };
  const done = (final: string, source: NonNullable<RunRecord['final']>['source'], extra: Partial<FrontierResult> = {}): FrontierResult =>
    finish({ ...fusionBase, ...extra, status: 'ok', final, ...(record.degraded.length ? { degraded: [...record.degraded] } : {}), ms: 0 }, finalOf(source, final));

  if (okAnswers.length === 1) {
    if (plan.members.length > 1) degrade('only one member answered; its answer is the result');
    return done(okAnswers[0]!.content, 'only-answer');
  }

  // Opt-in spend limits, measured from what the CLIs reported for the panel.
  const spent = sumUsage(panel);
  if (limits.tokenBudget && (spent.usage?.totalTokens ?? 0) > limits.tokenBudget) {
    degrade(`token budget reached after the panel (${spent.usage?.totalTokens} > ${limits.tokenBudget}); best answer returned`);
    return done(bestAnswer(okAnswers)!.content, 'best-answer');
  }
  if (limits.usdBudget && (spent.costUsd ?? 0) > limits.usdBudget) {
    degrade(`cost budget reached after the panel ($${spent.costUsd} > $${limits.usdBudget}); best answer returned`);
    return done(bestAnswer(okAnswers)!.content, 'best-answer');
  }

  // ---- judge ----
  const stage = async (role: Exclude<Role, 'single' | 'panel'>, name: 'judge' | 'judge-repair' | 'synth', id: string, text: string, schema?: object): Promise<MemberOutcome | undefined> => {
    if (budget.signal.aborted || left() < stageMin) {
      degrade(`no time left in the run budget for the ${role} step`);
      return undefined;
    }
    progress({ kind: 'stage', stage: role, model: id });
    const out = await runMember(model(id), text, role, memberCtx(budget.signal, schema));
    all.push(out);
    record.stages.push({ ...toMemberRecord(out), stage: name });
    progress({ kind: 'stage-done', stage: role, ok: out.ok, ms: out.wallMs });
    return out;
  };

  let analysis: Analysis | undefined;
  const j = await stage('judge', 'judge', plan.judge!, judgePrompt(prompt, okAnswers), ANALYSIS_SCHEMA);
  if (j?.ok) {
    let parsed = parseAnalysis(j.content);
    if ('problem' in parsed) {
      const repair = await stage('judge', 'judge-repair', plan.judge!, judgePrompt(prompt, okAnswers) + '\n\n' + judgeRepairPrompt(j.content, parsed.problem), ANALYSIS_SCHEMA);
      if (repair?.ok) parsed = parseAnalysis(repair.content);
    }
    if ('analysis' in parsed) {
      analysis = parsed.analysis;
      record.stages[record.stages.length - 1]!.analysisOk = true;
    } else degrade(`judge reply unusable (${parsed.problem}); synthesis from the raw answers`);
  } else if (j) degrade(`judge failed (${j.errorClass}); synthesis from the raw answers`);

  // ---- synth ----
  const s = await stage('synth', 'synth', plan.synth!, synthPrompt(prompt, okAnswers, analysis));
  const extra: Partial<FrontierResult> = { ...(analysis ? { analysis } : {}), judge: plan.judge!, synth: plan.synth! };
  if (s?.ok) return done(s.content, 'synth', extra);
  if (s) degrade(`synthesis failed (${s.errorClass}); best panel answer returned`);
  else degrade('no synthesis; best panel answer returned');
  return done(bestAnswer(okAnswers, analysis)!.content, 'best-answer', extra);
}

/** A signal that aborts when any input does. */
export function anySignal(...signals: AbortSignal[]): AbortSignal {
  const c = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      c.abort();
      break;
    }
    s.addEventListener('abort', () => c.abort(), { once: true });
  }
  return c.signal;
}
