// maestro settings status | list | help | set <key> <value>, plus the shortcuts `maestro terse <level>` and
// `maestro context-bar on|off|status`. One writer over the existing stores: config.json (settings/store.ts),
// the Frontier state file of the scope (frontier/state.ts) and the context-bar flag file.
import { Command } from 'commander';
import type { Env } from '../core/dirs';
import { resolveScope, ScopeError, type ResolvedScope } from '../core/scope';
import { CliError, UsageError } from '../cli/errors';
import { describeState, readState, writeState, type FrontierState } from '../frontier/state';
import { contextBarInfo, setContextBar, type ContextBarInfo } from './context-bar';
import { ChoiceError, describeChoice, parseFrontierChoice, stateFromChoice, validateFrontierChoice, type FrontierFlags } from './frontier-choice';
import { configPath, envDiscipline, envTerse, envVerify, readConfig, snapshot, TERSE_LEVELS, updateConfig, VERIFY_MODES, type Source } from './store';

export const SETTING_KEYS = ['terse', 'frontier', 'context-bar', 'discipline', 'verify'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
const ALIASES: Record<string, SettingKey> = { contextbar: 'context-bar', bar: 'context-bar', 'verify-gate': 'verify' };
const ON_OFF = ['on', 'off'] as const;

export const CHOICES: Record<SettingKey, readonly string[]> = {
  terse: TERSE_LEVELS,
  frontier: ['off', 'single:<model>', 'fusion:<preset>'],
  'context-bar': ON_OFF,
  discipline: ON_OFF,
  verify: VERIFY_MODES,
};

const ENV_VARS: Partial<Record<SettingKey, string>> = { terse: 'MAESTRO_TERSE_LEVEL', discipline: 'MAESTRO_DISCIPLINE', verify: 'MAESTRO_VERIFY_GATE' };

export function normalizeKey(raw: string): SettingKey {
  const k = raw.trim().toLowerCase();
  if ((SETTING_KEYS as readonly string[]).includes(k)) return k as SettingKey;
  if (ALIASES[k]) return ALIASES[k];
  throw new UsageError(`unknown setting "${raw}"; valid keys: ${SETTING_KEYS.join(', ')}`);
}

function pick<T extends string>(key: SettingKey, raw: string, allowed: readonly T[]): T {
  const v = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`invalid ${key} value "${raw}"; valid: ${allowed.join(', ')}`);
}

function scopeOf(flag: string | undefined, env: Env): ResolvedScope {
  try {
    return resolveScope({ flag, env });
  } catch (e) {
    if (e instanceof ScopeError) throw new UsageError(e.message);
    throw e;
  }
}

export interface SettingsStatus {
  terse: { level: string; source: Source; envOverride?: string; configLevel?: string };
  frontier: FrontierState & { scope: string; label: string; file: string; problem?: string };
  contextBar: ContextBarInfo;
  discipline: { enabled: boolean; source: Source; envOverride?: string };
  verify: { mode: string; source: Source; envOverride?: string };
  problem?: string;
}

export function settingsStatus(env: Env, scopeFlag?: string): SettingsStatus {
  const read = readConfig(env);
  const snap = snapshot(env, read);
  const scope = scopeOf(scopeFlag, env);
  const st = readState(scope.scope, env);
  const envNote = (key: SettingKey, active: boolean) => (active ? { envOverride: ENV_VARS[key]! } : {});
  return {
    terse: { ...snap.terse, ...envNote('terse', envTerse(env) !== undefined), ...(read.config.terseLevel ? { configLevel: read.config.terseLevel } : {}) },
    frontier: { ...st.state, scope: scope.scope, label: describeState(st.state), file: st.file, ...(st.problem ? { problem: st.problem } : {}) },
    contextBar: contextBarInfo(env),
    discipline: { ...snap.discipline, ...envNote('discipline', envDiscipline(env) !== undefined) },
    verify: { ...snap.verify, ...envNote('verify', envVerify(env) !== undefined) },
    ...(read.problem ? { problem: read.problem } : {}),
  };
}

export function renderStatus(s: SettingsStatus): string {
  const row = (k: string, v: string) => `  ${k.padEnd(12)} ${v}`;
  const env = (v?: string) => (v ? ` [${v} overrides the config]` : '');
  const f = s.frontier;
  let fr = f.label;
  if (f.mode === 'fusion') {
    if (f.models?.length && f.preset !== 'custom') fr += ` [${f.models.join(',')}]`;
    if (f.judgeModel) fr += ` judge=${f.judgeModel}`;
    if (f.synthModel) fr += ` synth=${f.synthModel}`;
  }
  const lines = [
    'Maestro settings',
    row('terse', `${s.terse.level} (source: ${s.terse.source})${env(s.terse.envOverride)}`),
    row('frontier', `${fr} (scope: ${f.scope})${f.problem ? ` [state unusable, reads as off: ${f.problem}]` : ''}`),
    row('context-bar', `${s.contextBar.enabled ? 'on' : 'off'} (${s.contextBar.dir})${s.contextBar.scriptConfirmed ? '' : ' [status line not confirmed as the context bar]'}`),
    row('discipline', `${s.discipline.enabled ? 'on' : 'off'} (source: ${s.discipline.source})${env(s.discipline.envOverride)}`),
    row('verify', `${s.verify.mode} (source: ${s.verify.source})${env(s.verify.envOverride)}`),
  ];
  if (s.problem) lines.push(`WARNING: config unusable, defaults apply: ${s.problem}`);
  return lines.join('\n') + '\n';
}

export function settingsList(): Record<string, unknown> {
  return {
    terse: TERSE_LEVELS,
    frontier: { values: CHOICES.frontier, flags: ['--models a,b (fusion:custom, 2-8 models)', '--judge <model>', '--synth <model>'], catalog: 'maestro frontier catalog' },
    'context-bar': ON_OFF,
    discipline: ON_OFF,
    verify: VERIFY_MODES,
  };
}

export function renderList(): string {
  return (
    SETTING_KEYS.map((k) => `  ${k.padEnd(12)} ${CHOICES[k].join(' | ')}`).join('\n') +
    '\n  fusion flags: --models a,b (fusion:custom, 2-8 models), --judge <model>, --synth <model>; ids: maestro frontier catalog\n'
  );
}

const USAGE = `usage: maestro settings status | list | help | set <key> <value> [--models a,b] [--judge m] [--synth m] [--scope s] [--json]\nkeys:\n`;

export interface SetResult {
  key: SettingKey;
  value: string;
  warnings: string[];
}

function refuseBrokenConfig(env: Env): void {
  const read = readConfig(env);
  if (read.problem) throw new CliError(`refusing to overwrite ${configPath(env)}: ${read.problem}`);
}

/** Apply one setting. Throws UsageError for bad input, CliError when storing fails. */
export function applySetting(rawKey: string, rawValue: string, opts: FrontierFlags & { scope?: string } = {}, env: Env = process.env): SetResult {
  const key = normalizeKey(rawKey);
  const warnings: string[] = [];
  const envWarn = (active: boolean) => {
    if (active) warnings.push(`${ENV_VARS[key]}=${env[ENV_VARS[key]!]} overrides this setting until it is unset`);
  };
  if (key !== 'frontier' && (opts.models !== undefined || opts.judge !== undefined || opts.synth !== undefined)) {
    throw new UsageError('--models, --judge and --synth only apply to the frontier setting');
  }
  const store = (patch: Parameters<typeof updateConfig>[0]) => {
    refuseBrokenConfig(env);
    try {
      updateConfig(patch, env);
    } catch (e) {
      throw new CliError(`could not write ${configPath(env)}: ${(e as Error).message}`);
    }
  };
  switch (key) {
    case 'terse': {
      const level = pick(key, rawValue, TERSE_LEVELS);
      store({ terseLevel: level === 'off' ? undefined : level });
      envWarn(envTerse(env) !== undefined && envTerse(env) !== level);
      return { key, value: level, warnings };
    }
    case 'discipline': {
      const v = pick(key, rawValue, ON_OFF);
      store({ discipline: v === 'on' ? undefined : false });
      envWarn(envDiscipline(env) !== undefined && envDiscipline(env) !== (v === 'on'));
      return { key, value: v, warnings };
    }
    case 'verify': {
      const v = rawValue.trim() === '0' ? 'off' : pick(key, rawValue, VERIFY_MODES);
      store({ verifyGate: v === 'warn' ? undefined : v });
      envWarn(envVerify(env) !== undefined && envVerify(env) !== v);
      return { key, value: v, warnings };
    }
    case 'context-bar': {
      const v = pick(key, rawValue, ON_OFF);
      try {
        const res = setContextBar(v === 'on', env);
        if (res.warning) warnings.push(res.warning);
      } catch (e) {
        throw new CliError(`could not switch the context bar ${v}: ${(e as Error).message}`);
      }
      return { key, value: v, warnings };
    }
    case 'frontier': {
      let choice;
      try {
        choice = parseFrontierChoice(rawValue, opts);
      } catch (e) {
        if (e instanceof ChoiceError) throw new UsageError(e.message);
        throw e;
      }
      const problem = validateFrontierChoice(choice);
      if (problem) throw new UsageError(problem);
      const scope = scopeOf(opts.scope, env);
      const cur = readState(scope.scope, env);
      try {
        writeState(scope.scope, stateFromChoice(choice, cur.problem ? undefined : cur.state), env);
      } catch (e) {
        throw new CliError(`could not write the Frontier state ${cur.file}: ${(e as Error).message}`);
      }
      return { key, value: `${describeChoice(choice)} (scope: ${scope.scope})`, warnings };
    }
  }
}

function printSet(r: SetResult, json: boolean | undefined): void {
  if (json) {
    process.stdout.write(JSON.stringify({ key: r.key, value: r.value, warnings: r.warnings }) + '\n');
    return;
  }
  process.stdout.write(`set ${r.key} = ${r.value}\n`);
  for (const w of r.warnings) process.stdout.write(`WARNING: ${w}\n`);
}

interface SetOpts extends FrontierFlags {
  scope?: string;
  json?: boolean;
}

export function registerSettings(program: Command): void {
  const settings = program.command('settings').description('show or change Maestro settings: terse, frontier, context-bar, discipline, verify');
  settings
    .command('status', { isDefault: true })
    .description('show every setting with its source')
    .option('--scope <scope>', 'Frontier scope to report')
    .option('--json', 'print JSON')
    .action((o: { scope?: string; json?: boolean }) => {
      const s = settingsStatus(process.env, o.scope);
      process.stdout.write(o.json ? JSON.stringify(s, null, 2) + '\n' : renderStatus(s));
    });
  settings
    .command('list')
    .description('list every key and its valid values')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      process.stdout.write(o.json ? JSON.stringify(settingsList(), null, 2) + '\n' : renderList());
    });
  settings
    .command('help')
    .description('usage and valid values')
    .action(() => {
      process.stdout.write(USAGE + renderList());
    });
  settings
    .command('set')
    .description('change one setting')
    .argument('[key]', SETTING_KEYS.join(' | '))
    .argument('[value]', 'the new value (see `maestro settings list`)')
    .option('--models <a,b>', 'panel for fusion:custom')
    .option('--judge <model>', 'judge model for fusion')
    .option('--synth <model>', 'synthesizer model for fusion')
    .option('--scope <scope>', 'Frontier scope to change')
    .option('--json', 'print JSON')
    .action((key: string | undefined, value: string | undefined, o: SetOpts) => {
      if (!key || value === undefined) throw new UsageError(`settings set needs a key and a value; keys: ${SETTING_KEYS.join(', ')}`);
      printSet(applySetting(key, value, o), o.json);
    });

  program
    .command('terse')
    .description('set the default terse level (same as `maestro settings set terse <level>`)')
    .argument('<level>', TERSE_LEVELS.join(' | '))
    .option('--json', 'print JSON')
    .action((level: string, o: { json?: boolean }) => printSet(applySetting('terse', level), o.json));

  program
    .command('context-bar')
    .description('switch the status-line context bar on or off, or show its state')
    .argument('[action]', 'on | off | status', 'status')
    .option('--json', 'print JSON')
    .action((action: string, o: { json?: boolean }) => {
      const a = action.trim().toLowerCase();
      if (a === 'status') {
        const info = contextBarInfo(process.env);
        process.stdout.write(
          o.json ? JSON.stringify(info) + '\n' : `context-bar ${info.enabled ? 'on' : 'off'} (${info.dir})${info.scriptConfirmed ? '' : ' [status line not confirmed as the context bar]'}\n`,
        );
        return;
      }
      if (a !== 'on' && a !== 'off') throw new UsageError(`invalid context-bar action "${action}"; valid: on, off, status`);
      printSet(applySetting('context-bar', a), o.json);
    });
}
