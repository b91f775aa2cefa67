// The model catalog: built-in models and presets, aliases, user-defined command models,
// and readiness (binary, configuration, authentication) with reasons and a remedy.
// Nothing here ever returns a configured model id, an env value or a binary path for display.
import fs from 'node:fs';
import path from 'node:path';
import { homeDir, maestroDirs, type Env } from '../core/dirs';
import { readJsonFile, readTextBounded } from '../core/safe-fs';
import { validatorFor } from '../core/validate';
import { which } from '../core/which';
import type { Backend, ModelSpec } from './types';
import { claudeBackend } from './backends/claude';
import { codexBackend, codexEnvKeys } from './backends/codex';
import { geminiBackend } from './backends/gemini';
import { agyBackend } from './backends/agy';
import { makeCommandBackend, type CommandEntry } from './backends/command';
import { modelIdProblem } from './backends/common';
import { COMPAT_VENDORS, compatModel } from './backends/anthropic-compatible';

export const MAX_MEMBERS = 8;

export interface Preset {
  id: string;
  models: string[];
  judge?: string;
  synth?: string;
}

export const BUILTIN_MODELS: readonly ModelSpec[] = [
  { id: 'opus', label: 'Claude Opus via the claude CLI', backend: 'claude', modelArg: 'opus' },
  { id: 'sonnet-5', label: 'Claude Sonnet via the claude CLI', backend: 'claude', modelArg: 'sonnet' },
  { id: 'fable', label: 'Claude Fable via the claude CLI', backend: 'claude', modelArg: 'claude-fable-5' },
  { id: 'gpt-5.5', label: 'GPT-5.5 via the codex CLI', backend: 'codex', modelArg: 'gpt-5.5' },
  { id: 'gemini', label: 'Gemini 3.1 Pro via the gemini CLI (API key or Vertex accounts)', backend: 'gemini', modelArg: 'gemini-3.1-pro-preview' },
  { id: 'gemini-agy', label: 'Gemini via the Antigravity CLI (consumer Google accounts)', backend: 'agy' },
  ...COMPAT_VENDORS.map(compatModel),
  // Optional codex models whose ids only the user knows; they exist once the env var is set.
  { id: 'terra', label: 'Optional codex model (id from MAESTRO_FRONTIER_MODEL_TERRA)', backend: 'codex', modelEnv: 'MAESTRO_FRONTIER_MODEL_TERRA' },
  { id: 'luna', label: 'Optional codex model (id from MAESTRO_FRONTIER_MODEL_LUNA)', backend: 'codex', modelEnv: 'MAESTRO_FRONTIER_MODEL_LUNA' },
  { id: 'sol', label: 'Optional codex model (id from MAESTRO_FRONTIER_MODEL_SOL)', backend: 'codex', modelEnv: 'MAESTRO_FRONTIER_MODEL_SOL' },
];
/** Models whose id must come from the env (no default). */
const ID_REQUIRED = new Set(['terra', 'luna', 'sol']);

export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  chatgpt: 'gpt-5.5',
  gpt: 'gpt-5.5',
  claude: 'opus',
  sonnet: 'sonnet-5',
  agy: 'gemini-agy',
  antigravity: 'gemini-agy',
};
export const PRESET_ALIASES: Readonly<Record<string, string>> = { 'chatgpt-duo': 'gpt-duo' };

export const BUILTIN_PRESETS: readonly Preset[] = [
  { id: 'opus-duo', models: ['opus', 'opus'] },
  { id: 'opus-gpt', models: ['opus', 'gpt-5.5'] },
  { id: 'gpt-duo', models: ['gpt-5.5', 'gpt-5.5'], judge: 'gpt-5.5', synth: 'gpt-5.5' },
  { id: 'frontier-trio', models: ['opus', 'gpt-5.5', 'gemini'] },
  { id: 'frontier-trio-agy', models: ['opus', 'gpt-5.5', 'gemini-agy'] },
  { id: 'frontier-quad', models: ['fable', 'opus', 'gpt-5.5', 'gemini'] },
  { id: 'frontier-quint', models: ['fable', 'opus', 'sonnet-5', 'gpt-5.5', 'gemini'] },
  { id: 'sonnet-duo', models: ['sonnet-5', 'sonnet-5'], judge: 'sonnet-5', synth: 'sonnet-5' },
  { id: 'sonnet-gpt', models: ['sonnet-5', 'gpt-5.5'], judge: 'sonnet-5', synth: 'sonnet-5' },
  { id: 'sonnet-trio', models: ['sonnet-5', 'gpt-5.5', 'gemini'], judge: 'sonnet-5', synth: 'sonnet-5' },
  { id: 'fable-duo', models: ['fable', 'fable'], judge: 'fable', synth: 'fable' },
  { id: 'fable-gpt', models: ['fable', 'gpt-5.5'], judge: 'fable', synth: 'fable' },
  { id: 'fable-trio', models: ['fable', 'gpt-5.5', 'gemini'], judge: 'fable', synth: 'fable' },
  { id: 'budget-trio', models: ['kimi', 'deepseek', 'glm'], judge: 'deepseek', synth: 'deepseek' },
  { id: 'east-west', models: ['deepseek', 'gpt-5.5'] },
];
export const DEFAULT_STAGE_MODEL = 'opus';

export interface Readiness {
  ready: boolean;
  reasons: string[];
  remediation: string;
}

export interface CatalogModel {
  spec: ModelSpec;
  selectable: boolean;
  configured: boolean;
  requiredEnv: string[];
  readiness: Readiness;
  /** For user command models: the entry that defines them. */
  command?: CommandEntry;
}

export interface Catalog {
  models: Map<string, CatalogModel>;
  presets: Map<string, Preset>;
  /** Problems with the user backends file (shown by catalog, never fatal). */
  problems: string[];
}

export function userBackendsPath(env: Env): string {
  return path.join(maestroDirs(env).config, 'frontier-backends.json');
}

export function loadUserCommands(env: Env): { entries: CommandEntry[]; problem?: string } {
  const res = readJsonFile<{ models: CommandEntry[] }>(userBackendsPath(env), { maxBytes: 256 * 1024, validate: validatorFor('frontierBackends') });
  if (res.ok) return { entries: res.value.models };
  return res.reason === 'absent' ? { entries: [] } : { entries: [], problem: res.detail };
}

function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Local sign-in evidence per backend: an API key in the env, or the CLI's own credential files. */
function authEvidence(spec: ModelSpec, env: Env): boolean {
  const home = homeDir(env);
  switch (spec.backend) {
    case 'claude':
      return Boolean(env.ANTHROPIC_API_KEY || env.ANTHROPIC_AUTH_TOKEN || env.CLAUDE_CODE_OAUTH_TOKEN || env.CLAUDE_CODE_USE_BEDROCK || env.CLAUDE_CODE_USE_VERTEX) ||
        exists(path.join(env.CLAUDE_CONFIG_DIR || path.join(home, '.claude'), '.credentials.json')) || exists(path.join(home, '.claude.json'));
    case 'codex': {
      const codexHome = env.CODEX_HOME || path.join(home, '.codex');
      return Boolean(env.OPENAI_API_KEY || env.CODEX_API_KEY) || exists(path.join(codexHome, 'auth.json')) || exists(path.join(codexHome, 'config.toml'));
    }
    case 'gemini':
      return Boolean(env.GEMINI_API_KEY || env.GOOGLE_API_KEY || env.GOOGLE_GENAI_USE_VERTEXAI || env.GOOGLE_APPLICATION_CREDENTIALS) ||
        exists(path.join(home, '.gemini', 'oauth_creds.json'));
    default:
      // agy and user commands: no reliable offline check; the first run tells.
      return true;
  }
}

const REMEDY: Record<string, string> = {
  'configuration-required': 'set the model id variable named in required-env',
  'invalid-model-id': 'fix the model id variable: it must be a plain model name',
  'binary-not-found': 'install the CLI or put it on PATH (or set its MAESTRO_*_BIN override)',
  'authentication-required': 'sign in with the CLI itself or set its API key variable',
  'backends-file-invalid': 'fix frontier-backends.json in the Maestro config dir',
};

function backendBinEnv(b: ModelSpec['backend']): string | undefined {
  return { claude: 'MAESTRO_CLAUDE_BIN', codex: 'MAESTRO_CODEX_BIN', gemini: 'MAESTRO_GEMINI_BIN', agy: 'MAESTRO_AGY_BIN', command: undefined }[b];
}

function assess(spec: ModelSpec, env: Env, bin: string): { configured: boolean; selectable: boolean; readiness: Readiness; resolved: ModelSpec; requiredEnv: string[] } {
  const reasons: string[] = [];
  const requiredEnv: string[] = [];
  let resolved = spec;
  let configured = true;
  if (spec.modelEnv) {
    const v = env[spec.modelEnv]?.trim();
    if (ID_REQUIRED.has(spec.id)) requiredEnv.push(spec.modelEnv);
    if (v) {
      const problem = modelIdProblem(v);
      if (problem) reasons.push('invalid-model-id');
      else resolved = { ...spec, modelArg: v };
    } else if (ID_REQUIRED.has(spec.id)) {
      configured = false;
      reasons.push('configuration-required');
    }
  }
  for (const source of Object.values(spec.envFrom ?? {})) {
    if (!requiredEnv.includes(source)) requiredEnv.push(source);
    if (!env[source] && !reasons.includes('authentication-required')) reasons.push('authentication-required');
  }
  if (!which(bin, env)) reasons.push('binary-not-found');
  else if (!spec.envFrom && !authEvidence(spec, env)) reasons.push('authentication-required');
  const remediation = reasons.map((r) => REMEDY[r] ?? r).join('; ') || 'none needed';
  return { configured, selectable: configured, readiness: { ready: reasons.length === 0, reasons, remediation }, resolved, requiredEnv };
}

export function buildCatalog(env: Env, saved: Record<string, Preset> = {}): Catalog {
  const models = new Map<string, CatalogModel>();
  const problems: string[] = [];
  const codexToml = readTextBounded(path.join(env.CODEX_HOME || path.join(homeDir(env), '.codex'), 'config.toml'), 256 * 1024);
  const codexKeys = codexToml.ok ? codexEnvKeys(codexToml.value) : [];
  for (const base of BUILTIN_MODELS) {
    const spec = base.backend === 'codex' && codexKeys.length ? { ...base, passEnv: codexKeys } : base;
    const binEnv = backendBinEnv(spec.backend);
    const bin = (binEnv && env[binEnv]?.trim()) || spec.backend;
    const a = assess(spec, env, bin);
    models.set(spec.id, { spec: a.resolved, selectable: a.selectable, configured: a.configured, requiredEnv: a.requiredEnv, readiness: a.readiness });
  }
  // Consumer Google accounts moved from the gemini CLI to Antigravity: when the gemini CLI cannot
  // run here but agy can, "gemini" (and every preset naming it) is served through agy.
  const gemini = models.get('gemini');
  const agy = models.get('gemini-agy');
  if (gemini && agy && !gemini.readiness.ready && agy.readiness.ready) {
    models.set('gemini', { ...agy, spec: { ...agy.spec, id: 'gemini', label: 'Gemini via the Antigravity CLI (the gemini CLI is not set up here)' } });
  }
  const user = loadUserCommands(env);
  if (user.problem) problems.push(`frontier-backends.json ignored: ${user.problem}`);
  for (const entry of user.entries) {
    if (models.has(entry.id) || MODEL_ALIASES[entry.id]) {
      problems.push(`frontier-backends.json: model "${entry.id}" clashes with a built-in name and is ignored`);
      continue;
    }
    const spec: ModelSpec = { id: entry.id, label: entry.label ?? `${entry.id} via a user-defined command`, backend: 'command', command: entry.id, ...(entry.model ? { modelArg: entry.model } : {}) };
    const a = assess(spec, env, entry.bin);
    if (entry.model && modelIdProblem(entry.model)) {
      a.readiness.reasons.push('invalid-model-id');
      a.readiness.ready = false;
    }
    models.set(entry.id, { spec, selectable: true, configured: true, requiredEnv: entry.env ?? [], readiness: a.readiness, command: entry });
  }
  const presets = new Map<string, Preset>();
  for (const p of BUILTIN_PRESETS) presets.set(p.id, p);
  for (const [id, p] of Object.entries(saved)) if (!presets.has(id)) presets.set(id, p);
  return { models, presets, problems };
}

export function resolveModelName(name: string): string {
  const n = name.trim().toLowerCase();
  return MODEL_ALIASES[n] ?? n;
}

export function resolvePresetName(name: string): string {
  const n = name.trim().toLowerCase();
  return PRESET_ALIASES[n] ?? n;
}

const BACKENDS: Record<string, Backend> = { claude: claudeBackend, codex: codexBackend, gemini: geminiBackend, agy: agyBackend };

/** The backend that runs a catalog model. */
export function backendFor(m: CatalogModel): Backend {
  if (m.spec.backend === 'command') {
    if (!m.command) throw new Error(`model ${m.spec.id} has no command entry`);
    return makeCommandBackend(m.command);
  }
  return BACKENDS[m.spec.backend]!;
}

/** Validate member names: known, selectable, 1-8. Returns canonical ids or throws with a readable line. */
export function checkMembers(cat: Catalog, names: string[], what = 'panel'): string[] {
  if (names.length < 1 || names.length > MAX_MEMBERS) throw new CatalogError(`${what} needs 1 to ${MAX_MEMBERS} models, got ${names.length}`);
  return names.map((n) => checkModel(cat, n, what));
}

export class CatalogError extends Error {}

export function checkModel(cat: Catalog, name: string, what = 'model', requireReady = true): string {
  if (!name || !name.trim()) throw new CatalogError(`${what}: empty model name`);
  const id = resolveModelName(name);
  const m = cat.models.get(id);
  if (!m) throw new CatalogError(`${what}: unknown model "${name.slice(0, 64)}"; see \`maestro frontier catalog\``);
  if (!m.selectable) throw new CatalogError(`${what}: model ${id} is not configured (${m.readiness.remediation})`);
  if (requireReady && !m.readiness.ready) {
    throw new CatalogError(`${what}: model ${id} is not ready (${m.readiness.reasons.join(', ')}): ${m.readiness.remediation}; see \`maestro frontier catalog\``);
  }
  return id;
}
