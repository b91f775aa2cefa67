// Saved presets per scope (frontier-presets[.<scope>].json). Updates take a short lock file so two
// concurrent `preset save` calls cannot lose each other's preset; every write is atomic.
import fs from 'node:fs';
import type { Env } from '../core/dirs';
import { createExclusive, readJsonFile, writeJsonAtomic } from '../core/safe-fs';
import { validatorFor } from '../core/validate';
import { BUILTIN_PRESETS, type Preset } from './catalog';
import { presetsPath } from './state';

export const PRESET_NAME_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LOCK_WAIT_MS = 3000;
const LOCK_STALE_MS = 10_000;

export type SavedPresets = Record<string, Omit<Preset, 'id'>>;

export function readPresets(scope: string, env: Env): { presets: SavedPresets; problem?: string } {
  const res = readJsonFile<SavedPresets>(presetsPath(scope, env), { maxBytes: 256 * 1024, validate: validatorFor('frontierPresets') });
  if (res.ok) return { presets: res.value };
  return res.reason === 'absent' ? { presets: {} } : { presets: {}, problem: res.detail };
}

export function savedAsPresets(saved: SavedPresets): Record<string, Preset> {
  const out: Record<string, Preset> = {};
  for (const [id, p] of Object.entries(saved)) out[id] = { id, models: p.models, ...(p.judge ? { judge: p.judge } : {}), ...(p.synth ? { synth: p.synth } : {}) };
  return out;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock<T>(file: string, fn: () => T): T {
  const lock = `${file}.lock`;
  const start = Date.now();
  for (;;) {
    if (createExclusive(lock, String(process.pid))) break;
    try {
      if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
    } catch {
      // vanished meanwhile: retry
    }
    if (Date.now() - start > LOCK_WAIT_MS) throw new Error(`another Maestro process holds ${lock}; retry in a moment`);
    sleepSync(15);
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Read-modify-write under the lock. A malformed file is refused rather than overwritten. */
export function updatePresets(scope: string, env: Env, change: (p: SavedPresets) => SavedPresets): SavedPresets {
  const file = presetsPath(scope, env);
  return withLock(file, () => {
    const cur = readPresets(scope, env);
    if (cur.problem) throw new Error(`${cur.problem}; fix or delete it first`);
    const next = change({ ...cur.presets });
    writeJsonAtomic(file, next);
    return next;
  });
}

export function presetNameProblem(name: string): string | null {
  if (!PRESET_NAME_RE.test(name)) return 'preset names are 1-64 lowercase letters, digits and hyphens, starting with a letter or digit';
  if (name === 'custom' || BUILTIN_PRESETS.some((p) => p.id === name)) return `"${name}" is a built-in name`;
  return null;
}
