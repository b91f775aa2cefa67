// `maestro frontier …`: catalog, compose, mode, status, roster, preset, run, runs.
import type { Command } from 'commander';
import type { Env } from '../core/dirs';
import { resolveScope, ScopeError } from '../core/scope';
import { which } from '../core/which';
import { CliError, UsageError } from '../cli/errors';
import {
  BUILTIN_PRESETS,
  CatalogError,
  MAX_MEMBERS,
  MODEL_ALIASES,
  PRESET_ALIASES,
  checkMembers,
  checkModel,
  resolveModelName,
  resolvePresetName,
  type Catalog,
} from './catalog';
import { ERROR_HINTS } from './classify';
import { catalogFor, runEngine } from './engine';
import type { Limits } from './pipeline';
import { planFromState } from './plan';
import { presetNameProblem, readPresets, updatePresets } from './presets';
import { progressTextSink } from './progress';
import { listRuns, readRun, type RunRecord } from './runs';
import { describeState, KNOB_KEYS, knobsOf, readState, writeState, type FrontierState } from './state';

const STDIN_MAX = 4 * 1024 * 1024;

interface ScopeOpt {
  scope?: string;
}
interface KnobOpts {
  timeout?: string;
  budget?: string;
  quorum?: string;
  deadline?: string;
  concurrency?: string;
  maxTokens?: string;
  maxUsd?: string;
}

function scopeOf(o: ScopeOpt, env: Env = process.env): string {
  try {
    return resolveScope({ flag: o.scope, env, cwd: process.cwd() }).scope;
  } catch (e) {
    if (e instanceof ScopeError) throw new UsageError(e.message);
    throw e;
  }
}

/** "90s", "2m", "500ms", "1h"; a bare number is seconds. */
export function parseDuration(v: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new UsageError(`${flag}: "${v}" is not a duration (examples: 90s, 2m, 500ms)`);
  const n = Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms'] ?? 1000);
  if (!(n >= 1) || n > 24 * 3_600_000) throw new UsageError(`${flag}: duration out of range`);
  return Math.round(n);
}

function parseCount(v: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(v.trim())) throw new UsageError(`${flag}: "${v}" is not a whole number`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}`);
  return n;
}

function parsePositive(v: string, flag: string): number {
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(n > 0)) throw new UsageError(`${flag}: "${v}" is not a positive number`);
  return n;
}

function knobsFromFlags(o: KnobOpts): Partial<Limits> {
  const l: Partial<Limits> = {};
  if (o.timeout) l.timeoutMs = parseDuration(o.timeout, '--timeout');
  if (o.budget) l.runBudgetMs = parseDuration(o.budget, '--budget');
  if (o.deadline) l.deadlineMs = parseDuration(o.deadline, '--deadline');
  if (o.quorum) l.quorum = parseCount(o.quorum, '--quorum', 1, MAX_MEMBERS);
  if (o.concurrency) l.concurrency = parseCount(o.concurrency, '--concurrency', 1, MAX_MEMBERS);
  if (o.maxTokens) l.tokenBudget = parseCount(o.maxTokens, '--max-tokens', 1, 1e9);
  if (o.maxUsd) l.usdBudget = parsePositive(o.maxUsd, '--max-usd');
  return l;
}

/** Limits as stored in a state file. */
function knobsToState(l: Partial<Limits>): Partial<FrontierState> {
  const s: Record<string, number> = {};
  if (l.timeoutMs) s.timeoutMs = l.timeoutMs;
  if (l.runBudgetMs) s.runBudgetMs = l.runBudgetMs;
  if (l.deadlineMs) s.deadlineMs = l.deadlineMs;
  if (l.quorum) s.quorum = l.quorum;
  if (l.concurrency) s.concurrency = l.concurrency;
  if (l.tokenBudget) s.tokenBudget = l.tokenBudget;
  if (l.usdBudget) s.usdBudget = l.usdBudget;
  return s;
}

function addKnobOptions(c: Command): Command {
  return c
    .option('--timeout <duration>', 'per-model timeout (e.g. 90s, 3m)')
    .option('--budget <duration>', 'whole-run budget; every child is stopped when it runs out')
    .option('--quorum <k>', 'stop waiting for stragglers once k members answered (after a short grace)')
    .option('--deadline <duration>', 'stop waiting for panel members after this long')
    .option('--concurrency <n>', 'members running at once (1-8)')
    .option('--max-tokens <n>', 'skip judge and synthesis when the panel reported more tokens than this')
    .option('--max-usd <amount>', 'skip judge and synthesis when the panel reported a higher cost than this');
}

function splitList(v: string, flag: string): string[] {
  const items = v.split(',').map((s) => s.trim());
  if (items.some((s) => !s)) throw new UsageError(`${flag}: empty item in "${v}"`);
  return items;
}

function wrapCatalog<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CatalogError) throw new UsageError(e.message);
    throw e;
  }
}

function storeState(scope: string, s: FrontierState): void {
  try {
    writeState(scope, s);
  } catch (e) {
    throw new CliError(`could not store the Frontier state: ${(e as Error).message}`);
  }
}

// ---- catalog ----
export function catalogJson(cat: Catalog): object {
  const models = [...cat.models.values()]
    .map((m) => ({
      id: m.spec.id,
      label: m.spec.label,
      backend: m.spec.backend,
      readOnly: true,
      selectable: m.selectable,
      configured: m.configured,
      ready: m.readiness.ready,
      reasons: m.readiness.reasons,
      remediation: m.readiness.remediation,
      requiredEnv: m.requiredEnv,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const presets = [...cat.presets.values()]
    .map((p) => ({ id: p.id, models: p.models, judge: p.judge ?? null, synth: p.synth ?? null, builtin: BUILTIN_PRESETS.some((b) => b.id === p.id) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { aliases: { models: MODEL_ALIASES, presets: PRESET_ALIASES }, presets, models, problems: cat.problems };
}

function renderCatalog(cat: Catalog): string {
  const j = catalogJson(cat) as ReturnType<typeof catalogJson> & { presets: Array<{ id: string; models: string[]; judge: string | null; synth: string | null; builtin: boolean }>; models: Array<Record<string, unknown>> };
  const lines = ['models:'];
  for (const m of j.models) {
    const reasons = (m.reasons as string[]).join(',') || '-';
    lines.push(`  ${String(m.id).padEnd(12)} ${m.ready ? 'ready  ' : 'blocked'} ${String(m.backend).padEnd(7)} read-only=yes reason=${reasons} required-env=${(m.requiredEnv as string[]).join(',') || '-'}`);
    lines.push(`  ${''.padEnd(12)} ${m.label}${m.ready ? '' : ` · fix: ${m.remediation}`}`);
  }
  lines.push('presets:');
  for (const p of j.presets) lines.push(`  ${p.id.padEnd(18)} ${p.models.join(', ')} · judge ${p.judge ?? 'default'} · synth ${p.synth ?? 'default'}${p.builtin ? '' : ' (saved)'}`);
  lines.push('aliases:');
  for (const [a, t] of Object.entries({ ...MODEL_ALIASES, ...PRESET_ALIASES })) lines.push(`  ${a} -> ${t}`);
  for (const p of cat.problems) lines.push(`note: ${p}`);
  return lines.join('\n') + '\n';
}

// ---- stdin ----
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let len = 0;
  for await (const c of process.stdin) {
    const b = c as Buffer;
    len += b.length;
    if (len > STDIN_MAX) throw new UsageError(`the prompt on stdin is larger than ${STDIN_MAX / 1024 / 1024} MiB`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function renderRun(r: RunRecord): string {
  const lines = [
    `${r.id} · ${r.request.label} · ${r.status}${r.failure_reason ? ` (${r.failure_reason})` : ''} · ${(r.ms / 1000).toFixed(1)}s`,
    `started ${r.startedAt} · prompt ${r.request.promptChars} chars`,
  ];
  for (const m of [...r.members, ...r.stages]) {
    const stage = 'stage' in m ? (m as { stage: string }).stage : m.role;
    const usage = m.usage?.totalTokens !== undefined ? ` · ${m.usage.totalTokens} tokens` : '';
    const cost = m.costUsd !== undefined ? ` · $${m.costUsd}` : '';
    lines.push(`  ${stage.padEnd(12)} ${m.model.padEnd(12)} ${m.backend.padEnd(7)} ${m.ok ? 'ok  ' : 'FAIL'} ${(m.wallMs / 1000).toFixed(1)}s${m.errorClass ? ` · ${m.errorClass}` : ''}${m.exitCode !== null && m.exitCode !== 0 ? ` · exit ${m.exitCode}` : ''}${usage}${cost}`);
  }
  for (const d of r.degraded) lines.push(`  degraded: ${d}`);
  if (r.usage?.totalTokens !== undefined || r.costUsd !== undefined) lines.push(`  total: ${r.usage?.totalTokens ?? '?'} tokens${r.costUsd !== undefined ? ` · $${r.costUsd}` : ''}`);
  if (r.final) lines.push('', r.final.text);
  return lines.join('\n') + '\n';
}

export function registerFrontier(program: Command): void {
  const fr = program.command('frontier').description('Frontier: ask several model CLIs at once and fuse their answers (modes off, single, fusion)');

  fr.command('catalog')
    .description('list models, presets and aliases with readiness; never prints configured ids, keys or paths')
    .option('--json', 'print JSON')
    .option('--scope <scope>', 'include the saved presets of this scope')
    .action((o: ScopeOpt & { json?: boolean }) => {
      const cat = catalogFor(scopeOf(o), process.env);
      process.stdout.write(o.json ? JSON.stringify(catalogJson(cat), null, 2) + '\n' : renderCatalog(cat));
    });

  fr.command('compose')
    .description('arm a custom fusion panel (1-8 ready models); judge and synth default to the first member')
    .requiredOption('--models <list>', 'comma-separated panel, e.g. opus,gpt-5.5,gemini')
    .option('--judge <model>', 'model that compares the answers')
    .option('--synth <model>', 'model that writes the final answer')
    .option('--save <name>', 'also save the panel as a preset of this scope')
    .option('--dry-run', 'check and print the panel without writing anything')
    .option('--scope <scope>', 'scope to arm')
    .action((o: ScopeOpt & { models: string; judge?: string; synth?: string; save?: string; dryRun?: boolean }) => {
      const scope = scopeOf(o);
      const cat = catalogFor(scope, process.env);
      const members = wrapCatalog(() => checkMembers(cat, splitList(o.models, '--models')));
      const judge = wrapCatalog(() => checkModel(cat, o.judge ?? members[0]!, 'judge'));
      const synth = wrapCatalog(() => checkModel(cat, o.synth ?? members[0]!, 'synth'));
      const saveName = o.save?.trim().toLowerCase();
      if (saveName !== undefined) {
        const p = presetNameProblem(saveName);
        if (p) throw new UsageError(`--save: ${p}`);
      }
      process.stdout.write(`panel: ${members.join(', ')}\njudge: ${judge}\nsynth: ${synth}\n`);
      if (o.dryRun) {
        process.stdout.write('dry run: nothing written\n');
        return;
      }
      if (saveName) {
        try {
          updatePresets(scope, process.env, (p) => ({ ...p, [saveName]: { models: members, judge, synth } }));
        } catch (e) {
          throw new CliError(`could not save preset ${saveName}: ${(e as Error).message}`);
        }
        process.stdout.write(`saved preset ${saveName}\n`);
      }
      const prev = readState(scope).state;
      storeState(scope, { mode: 'fusion', preset: 'custom', models: members, judgeModel: judge, synthModel: synth, ...knobsOf(prev) });
      process.stdout.write(`armed: fusion · custom (${members.join(', ')}) in scope ${scope}\n`);
    });

  const mode = fr.command('mode').description('set the Frontier mode of a scope: off, single <model> or fusion <preset>');
  mode
    .command('off')
    .description('turn Frontier off (the default)')
    .option('--scope <scope>', 'scope to change')
    .action((o: ScopeOpt) => {
      const scope = scopeOf(o);
      storeState(scope, { mode: 'off', ...knobsOf(readState(scope).state) });
      process.stdout.write(`Frontier is off in scope ${scope}\n`);
    });
  addKnobOptions(
    mode
      .command('single <model>')
      .description('route prompts to one model')
      .option('--scope <scope>', 'scope to change'),
  ).action((model: string, o: ScopeOpt & KnobOpts) => {
    const scope = scopeOf(o);
    const cat = catalogFor(scope, process.env);
    const id = wrapCatalog(() => checkModel(cat, model, 'model'));
    const knobs = { ...knobsOf(readState(scope).state), ...knobsToState(knobsFromFlags(o)) };
    storeState(scope, { mode: 'single', model: id, ...knobs });
    process.stdout.write(`armed: single · ${id} in scope ${scope}\n`);
  });
  addKnobOptions(
    mode
      .command('fusion <preset>')
      .description('route prompts through a panel; <preset> is a built-in or saved preset, or "custom" with --models')
      .option('--models <list>', 'panel members of the custom preset')
      .option('--judge <model>', 'judge model')
      .option('--synth <model>', 'synthesis model')
      .option('--scope <scope>', 'scope to change'),
  ).action((preset: string, o: ScopeOpt & KnobOpts & { models?: string; judge?: string; synth?: string }) => {
    const scope = scopeOf(o);
    const cat = catalogFor(scope, process.env);
    const next: FrontierState = { mode: 'fusion', preset: resolvePresetName(preset) };
    if (o.models && next.preset !== 'custom') throw new UsageError(`--models goes with the custom preset (mode fusion custom --models …); ${next.preset} has its own panel`);
    if (o.models) next.models = splitList(o.models, '--models').map(resolveModelName);
    if (o.judge) next.judgeModel = resolveModelName(o.judge);
    if (o.synth) next.synthModel = resolveModelName(o.synth);
    const plan = wrapCatalog(() => planFromState(next, cat))!;
    Object.assign(next, { ...knobsOf(readState(scope).state), ...knobsToState(knobsFromFlags(o)) });
    storeState(scope, next);
    process.stdout.write(`armed: ${plan.label} in scope ${scope}\npanel: ${plan.members.join(', ')}\njudge: ${plan.judge}\nsynth: ${plan.synth}\n`);
  });

  fr.command('status')
    .description('show the mode of a scope')
    .option('--json', 'print JSON')
    .option('--scope <scope>', 'scope to show')
    .action((o: ScopeOpt & { json?: boolean }) => {
      const scope = scopeOf(o);
      const st = readState(scope);
      let plan: object | undefined;
      let problem = st.problem;
      try {
        plan = planFromState(st.state, catalogFor(scope, process.env));
      } catch (e) {
        if (!(e instanceof CatalogError)) throw e;
        problem = e.message;
      }
      if (o.json) {
        process.stdout.write(JSON.stringify({ scope, state: st.state, label: describeState(st.state), ...(plan ? { plan } : {}), ...(problem ? { problem } : {}) }, null, 2) + '\n');
        return;
      }
      process.stdout.write(`scope ${scope}: ${describeState(st.state)}\n`);
      const knobs = knobsOf(st.state);
      if (Object.keys(knobs).length) process.stdout.write(`limits: ${KNOB_KEYS.filter((k) => knobs[k]).map((k) => `${k}=${knobs[k]}`).join(' ')}\n`);
      if (problem) process.stdout.write(`problem: ${problem}\n`);
    });

  fr.command('roster')
    .description('per model: backend, whether its CLI is installed, which variables it needs, ready or blocked')
    .option('--json', 'print JSON')
    .option('--scope <scope>', 'scope whose saved presets to include')
    .action((o: ScopeOpt & { json?: boolean }) => {
      const cat = catalogFor(scopeOf(o), process.env);
      const rows = [...cat.models.values()].map((m) => {
        const binEnv = { claude: 'MAESTRO_CLAUDE_BIN', codex: 'MAESTRO_CODEX_BIN', gemini: 'MAESTRO_GEMINI_BIN', agy: 'MAESTRO_AGY_BIN', command: '' }[m.spec.backend];
        const bin = (binEnv && process.env[binEnv]?.trim()) || m.command?.bin || m.spec.backend;
        return {
          id: m.spec.id,
          backend: m.spec.backend,
          binary: which(bin, process.env) ? 'found' : 'missing',
          env: m.requiredEnv.map((n) => ({ name: n, set: Boolean(process.env[n]) })),
          ready: m.readiness.ready,
          reasons: m.readiness.reasons,
        };
      });
      if (o.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      for (const r of rows) {
        const env = r.env.length ? r.env.map((e) => `${e.name}(${e.set ? 'set' : 'missing'})`).join(',') : '-';
        process.stdout.write(`${r.id.padEnd(12)} ${r.backend.padEnd(7)} cli=${r.binary.padEnd(7)} env=${env} -> ${r.ready ? 'ready' : `blocked (${r.reasons.join(',')})`}\n`);
      }
    });

  const preset = fr.command('preset').description('save, list and delete named panels of a scope');
  preset
    .command('save <name>')
    .description('save a panel as a preset (does not arm it)')
    .requiredOption('--models <list>', 'comma-separated panel')
    .option('--judge <model>', 'judge model')
    .option('--synth <model>', 'synthesis model')
    .option('--scope <scope>', 'scope to save in')
    .action((name: string, o: ScopeOpt & { models: string; judge?: string; synth?: string }) => {
      const scope = scopeOf(o);
      const id = name.trim().toLowerCase();
      const p = presetNameProblem(id);
      if (p) throw new UsageError(p);
      const cat = catalogFor(scope, process.env);
      // Saved presets may name models that are not ready yet; they must exist.
      const members = wrapCatalog(() => {
        const names = splitList(o.models, '--models');
        if (names.length > MAX_MEMBERS) throw new CatalogError(`a preset has 1 to ${MAX_MEMBERS} models`);
        return names.map((n) => checkModel(cat, n, 'panel', false));
      });
      const judge = o.judge ? wrapCatalog(() => checkModel(cat, o.judge!, 'judge', false)) : undefined;
      const synth = o.synth ? wrapCatalog(() => checkModel(cat, o.synth!, 'synth', false)) : undefined;
      try {
        updatePresets(scope, process.env, (all) => ({ ...all, [id]: { models: members, ...(judge ? { judge } : {}), ...(synth ? { synth } : {}) } }));
      } catch (e) {
        throw new CliError(`could not save preset ${id}: ${(e as Error).message}`);
      }
      process.stdout.write(`saved preset ${id}: ${members.join(', ')} · judge ${judge ?? 'default'} · synth ${synth ?? 'default'}\n`);
    });
  preset
    .command('list')
    .description('list the saved presets of a scope')
    .option('--json', 'print JSON')
    .option('--scope <scope>', 'scope to list')
    .action((o: ScopeOpt & { json?: boolean }) => {
      const { presets, problem } = readPresets(scopeOf(o), process.env);
      if (o.json) {
        process.stdout.write(JSON.stringify({ presets, ...(problem ? { problem } : {}) }, null, 2) + '\n');
        return;
      }
      const names = Object.keys(presets).sort();
      if (problem) process.stdout.write(`problem: ${problem}\n`);
      if (!names.length) process.stdout.write('no saved presets in this scope\n');
      for (const n of names) {
        const p = presets[n]!;
        process.stdout.write(`${n} models=${p.models.join(',')} judge=${p.judge ?? '-'} synth=${p.synth ?? '-'}\n`);
      }
    });
  preset
    .command('delete <name>')
    .description('delete a saved preset')
    .option('--scope <scope>', 'scope to change')
    .action((name: string, o: ScopeOpt) => {
      const scope = scopeOf(o);
      const id = name.trim().toLowerCase();
      let found = false;
      try {
        updatePresets(scope, process.env, (all) => {
          found = id in all;
          const { [id]: _gone, ...rest } = all;
          return rest;
        });
      } catch (e) {
        throw new CliError(`could not delete preset ${id}: ${(e as Error).message}`);
      }
      if (!found) throw new CliError(`no saved preset named ${id} in scope ${scope}`);
      process.stdout.write(`deleted preset ${id}\n`);
    });

  addKnobOptions(
    fr
      .command('run [prompt...]')
      .description('run the armed mode on a prompt (argument, "-" or piped stdin); answer on stdout, progress on stderr')
      .option('--json', 'print the result object as JSON')
      .option('--quiet', 'no progress lines on stderr')
      .option('--scope <scope>', 'scope whose mode to use'),
  ).action(async (words: string[], o: ScopeOpt & KnobOpts & { json?: boolean; quiet?: boolean }) => {
    const scope = scopeOf(o);
    const limits = knobsFromFlags(o);
    const st = readState(scope);
    if (!st.problem && st.state.mode === 'off') {
      if (o.json) process.stdout.write(JSON.stringify({ status: 'off', mode: 'off', final: null }, null, 2) + '\n');
      else process.stderr.write(`frontier: the engine is off in scope ${scope}; arm it with \`maestro frontier mode single <model>\` or \`mode fusion <preset>\`\n`);
      return;
    }
    let prompt: string;
    if (words.length === 0 || (words.length === 1 && words[0] === '-')) {
      if (process.stdin.isTTY && words.length === 0) throw new UsageError('give a prompt as an argument, or pipe one on stdin');
      prompt = await readStdin();
    } else prompt = words.join(' ');
    if (!prompt.trim()) throw new UsageError('the prompt is empty');

    const ac = new AbortController();
    const onSigint = (): void => {
      if (ac.signal.aborted) return;
      process.stderr.write('\nfrontier: interrupted, stopping every member\n');
      ac.abort();
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);
    let out;
    try {
      out = await runEngine({
        prompt,
        scope,
        env: process.env,
        cwd: process.cwd(),
        limits,
        signal: ac.signal,
        ...(o.quiet ? {} : { progress: progressTextSink((l) => process.stderr.write(l + '\n')) }),
        onRecordError: (m) => process.stderr.write(`frontier: ${m}\n`),
      });
    } finally {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    }
    if (out.kind === 'off') {
      process.stderr.write(`frontier: the engine is off in scope ${scope}\n`);
      return;
    }
    if (out.kind === 'invalid') throw new CliError(out.error);
    const r = out.result;
    if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else if (r.status === 'ok') process.stdout.write(r.final!.endsWith('\n') ? r.final! : r.final + '\n');
    if (r.status !== 'ok') {
      const hint = r.failure_reason ? ERROR_HINTS[r.failure_reason] : undefined;
      process.stderr.write(`maestro: frontier run failed [${r.failure_reason}]: ${r.error ?? 'no answer'}${hint ? ` (${hint})` : ''}\n`);
      process.exitCode = ac.signal.aborted ? 130 : 1;
    }
  });

  const runs = fr.command('runs').description('inspect run records');
  runs
    .command('list')
    .description('list recent runs, newest first')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many', '20')
    .action((o: { json?: boolean; limit: string }) => {
      const n = parseCount(o.limit, '--limit', 1, 1000);
      const all = listRuns(process.env).slice(0, n);
      if (o.json) {
        process.stdout.write(JSON.stringify(all.map(({ final: _f, ...r }) => r), null, 2) + '\n');
        return;
      }
      if (!all.length) process.stdout.write('no runs recorded yet\n');
      for (const r of all) {
        const ok = r.members.filter((m) => m.ok).length;
        process.stdout.write(`${r.id}  ${r.startedAt}  ${r.request.label}  ${r.status}${r.failure_reason ? `(${r.failure_reason})` : ''}  ${ok}/${r.members.length} ok  ${(r.ms / 1000).toFixed(1)}s\n`);
      }
    });
  runs
    .command('show <id>')
    .description('show one run: members, timings, error classes, usage, cost and the final answer')
    .option('--json', 'print JSON')
    .action((id: string, o: { json?: boolean }) => {
      const r = readRun(process.env, id);
      if (!r) throw new CliError(`no run record ${id.slice(0, 64)}; see \`maestro frontier runs list\``);
      process.stdout.write(o.json ? JSON.stringify(r, null, 2) + '\n' : renderRun(r));
    });
}



