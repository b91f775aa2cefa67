// Frontier state per scope: configDir/frontier-state[.<scope>].json. Missing or unusable state means "off".
import path from 'node:path';
import { maestroDirs, type Env } from '../core/dirs';
import { readJsonFile, writeJsonAtomic } from '../core/safe-fs';
import { scopeSuffix } from '../core/scope';
import { validatorFor } from '../core/validate';

export const STATE_MAX_BYTES = 64 * 1024;

export interface FrontierState {
  mode: 'off' | 'single' | 'fusion';
  model?: string;
  preset?: string;
  models?: string[];
  judgeModel?: string;
  synthModel?: string;
  [key: string]: unknown;
}

export interface StateRead {
  state: FrontierState;
  file: string;
  /** Set when the file exists but is unusable (reads as off meanwhile). */
  problem?: string;
}

export function statePath(scope: string, env: Env = process.env): string {
  return path.join(maestroDirs(env).config, `frontier-state${scopeSuffix(scope)}.json`);
}

export function readState(scope: string, env: Env = process.env): StateRead {
  const file = statePath(scope, env);
  const res = readJsonFile<FrontierState>(file, { maxBytes: STATE_MAX_BYTES, validate: validatorFor('frontierState') });
  if (res.ok) return { state: res.value, file };
  return res.reason === 'absent' ? { state: { mode: 'off' }, file } : { state: { mode: 'off' }, file, problem: res.detail };
}

/** Throws when the write fails: callers must not report "set" for state that was not stored. */
export function writeState(scope: string, state: FrontierState, env: Env = process.env): string {
  const file = statePath(scope, env);
  writeJsonAtomic(file, state);
  return file;
}

/** Short human label: "off", "single opus", "fusion opus-gpt", "fusion custom (a, b)". */
export function describeState(s: FrontierState): string {
  if (s.mode === 'single') return `single ${s.model ?? '?'}`;
  if (s.mode === 'fusion') {
    if (s.preset === 'custom' && s.models?.length) return `fusion custom (${s.models.join(', ')})`;
    return `fusion ${s.preset ?? '?'}`;
  }
  return 'off';
}

export function presetsPath(scope: string, env: Env = process.env): string {
  return path.join(maestroDirs(env).config, `frontier-presets${scopeSuffix(scope)}.json`);
}

export function progressPath(scope: string, env: Env = process.env): string {
  return path.join(maestroDirs(env).config, `frontier-progress${scopeSuffix(scope)}.json`);
}

/** Engine knobs a state may carry (set by `mode`/`compose` flags, honoured by `run` and autorun). */
export const KNOB_KEYS = ['timeoutMs', 'runBudgetMs', 'concurrency', 'quorum', 'deadlineMs', 'tokenBudget', 'usdBudget'] as const;
export type KnobKey = (typeof KNOB_KEYS)[number];

export function knobsOf(s: FrontierState): Partial<Record<KnobKey, number>> {
  const out: Partial<Record<KnobKey, number>> = {};
  for (const k of KNOB_KEYS) {
    const v = s[k];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[k] = v;
  }
  return out;
}
