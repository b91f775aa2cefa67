// The settings store: config.json in the config dir, with environment overrides on top.
// Precedence for every toggle: valid env value > config value > default.
import path from 'node:path';
import { maestroDirs, type Env } from '../core/dirs';
import { readJsonFile, writeJsonAtomic } from '../core/safe-fs';
import { validatorFor } from '../core/validate';
import settingsConfig from '../core/generated/settings-config.validator';

export const CONFIG_MAX_BYTES = 64 * 1024;
export const TERSE_LEVELS = ['off', 'lite', 'full', 'ultra'] as const;
export const VERIFY_MODES = ['off', 'warn', 'block'] as const;
export type TerseLevel = (typeof TERSE_LEVELS)[number];
export type VerifyMode = (typeof VERIFY_MODES)[number];
export type Source = 'env' | 'config' | 'default';

export interface ConfigFile {
  terseLevel?: TerseLevel;
  discipline?: boolean;
  verifyGate?: VerifyMode;
  [key: string]: unknown;
}

export interface ConfigRead {
  config: ConfigFile;
  /** Set when config.json exists but could not be used; the defaults apply meanwhile. */
  problem?: string;
}

export interface SettingsSnapshot {
  terse: { level: TerseLevel; source: Source };
  discipline: { enabled: boolean; source: Source };
  verify: { mode: VerifyMode; source: Source };
  problem?: string;
}

export function configPath(env: Env = process.env): string {
  return path.join(maestroDirs(env).config, 'config.json');
}

export function readConfig(env: Env = process.env): ConfigRead {
  const res = readJsonFile<ConfigFile>(configPath(env), { maxBytes: CONFIG_MAX_BYTES, validate: validatorFor(settingsConfig) });
  if (res.ok) return { config: res.value };
  return res.reason === 'absent' ? { config: {} } : { config: {}, problem: res.detail };
}

function parseBoolWord(v: string | undefined): boolean | undefined {
  const s = v?.trim().toLowerCase();
  if (s === 'on' || s === 'true' || s === '1') return true;
  if (s === 'off' || s === 'false' || s === '0') return false;
  return undefined;
}

export function envTerse(env: Env): TerseLevel | undefined {
  const v = env.MAESTRO_TERSE_LEVEL?.trim().toLowerCase();
  return (TERSE_LEVELS as readonly string[]).includes(v ?? '') ? (v as TerseLevel) : undefined;
}

export function envDiscipline(env: Env): boolean | undefined {
  return parseBoolWord(env.MAESTRO_DISCIPLINE);
}

export function envVerify(env: Env): VerifyMode | undefined {
  const v = env.MAESTRO_VERIFY_GATE?.trim().toLowerCase();
  if (v === '0' || v === 'false') return 'off';
  return (VERIFY_MODES as readonly string[]).includes(v ?? '') ? (v as VerifyMode) : undefined;
}

/** Read once per process; every guard and command sees the same values. */
export function snapshot(env: Env = process.env, read: ConfigRead = readConfig(env)): SettingsSnapshot {
  const c = read.config;
  const terseEnv = envTerse(env);
  const discEnv = envDiscipline(env);
  const verifyEnv = envVerify(env);
  return {
    terse: terseEnv ? { level: terseEnv, source: 'env' } : c.terseLevel ? { level: c.terseLevel, source: 'config' } : { level: 'off', source: 'default' },
    discipline:
      discEnv !== undefined ? { enabled: discEnv, source: 'env' } : typeof c.discipline === 'boolean' ? { enabled: c.discipline, source: 'config' } : { enabled: true, source: 'default' },
    verify: verifyEnv ? { mode: verifyEnv, source: 'env' } : c.verifyGate ? { mode: c.verifyGate, source: 'config' } : { mode: 'warn', source: 'default' },
    ...(read.problem ? { problem: read.problem } : {}),
  };
}

/**
 * Merge keys into config.json, keeping unknown keys. A key set to undefined is removed.
 * Refuses (throws) when the existing file is unreadable or malformed, so nothing is lost.
 */
export function updateConfig(patch: Partial<Record<keyof ConfigFile, unknown>>, env: Env = process.env): ConfigFile {
  const file = configPath(env);
  const cur = readJsonFile<ConfigFile>(file, { maxBytes: CONFIG_MAX_BYTES });
  if (!cur.ok && cur.reason !== 'absent') throw new Error(`refusing to overwrite ${file}: ${cur.detail}`);
  const next: ConfigFile = { ...(cur.ok && cur.value && typeof cur.value === 'object' && !Array.isArray(cur.value) ? cur.value : {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  writeJsonAtomic(file, next);
  return next;
}
