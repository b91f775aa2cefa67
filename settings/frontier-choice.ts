// Parse and check a Frontier choice given to `settings set frontier`: off | single:<model> | fusion:<preset>.
// Only syntax is checked here; whether a model or preset exists is the Frontier catalog's call, passed in
// as `catalog` by whoever wires it (validateFrontierChoice stays the one narrow seam).
import type { FrontierState } from '../frontier/state';

export interface FrontierChoice {
  mode: 'off' | 'single' | 'fusion';
  model?: string;
  preset?: string;
  models?: string[];
  judge?: string;
  synth?: string;
}

export interface FrontierFlags {
  models?: string;
  judge?: string;
  synth?: string;
}

export interface FrontierCatalogView {
  models: readonly string[];
  presets: readonly string[];
}

export const MAX_PANEL = 8;
export const MIN_CUSTOM_PANEL = 2;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/;
const PRESET_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class ChoiceError extends Error {}

/** Turn the value and flags into a choice; throws ChoiceError with one readable line. */
export function parseFrontierChoice(value: string, flags: FrontierFlags = {}): FrontierChoice {
  const v = value.trim();
  const colon = v.indexOf(':');
  const mode = (colon < 0 ? v : v.slice(0, colon)).toLowerCase();
  const arg = colon < 0 ? undefined : v.slice(colon + 1);
  const hasStageFlags = flags.models !== undefined || flags.judge !== undefined || flags.synth !== undefined;
  if (mode === 'off' && arg === undefined) {
    if (hasStageFlags) throw new ChoiceError('--models, --judge and --synth only apply to fusion:<preset>');
    return { mode: 'off' };
  }
  if (mode === 'single') {
    if (!arg) throw new ChoiceError('single needs a model: single:<model> (see `maestro frontier catalog`)');
    if (hasStageFlags) throw new ChoiceError('--models, --judge and --synth only apply to fusion:<preset>');
    return { mode: 'single', model: arg };
  }
  if (mode === 'fusion') {
    if (!arg) throw new ChoiceError('fusion needs a preset: fusion:<preset> (see `maestro frontier catalog`)');
    const choice: FrontierChoice = { mode: 'fusion', preset: arg.toLowerCase() };
    if (flags.models !== undefined) choice.models = flags.models.split(',').map((s) => s.trim());
    if (flags.judge !== undefined) choice.judge = flags.judge.trim();
    if (flags.synth !== undefined) choice.synth = flags.synth.trim();
    return choice;
  }
  throw new ChoiceError(`malformed frontier value "${value}": use off, single:<model> or fusion:<preset>`);
}

/** Null when acceptable, else one line. With a catalog, unknown ids are refused with the valid ones named. */
export function validateFrontierChoice(c: FrontierChoice, catalog?: FrontierCatalogView): string | null {
  const ids = [c.model, c.judge, c.synth, ...(c.models ?? [])].filter((x): x is string => x !== undefined);
  for (const id of ids) if (!ID_RE.test(id)) return `"${id}" is not a valid model id`;
  if (c.mode === 'fusion') {
    if (!PRESET_RE.test(c.preset ?? '')) return `"${c.preset}" is not a valid preset name (lowercase letters, digits, hyphens)`;
    if (c.preset === 'custom' && !c.models) return `fusion:custom needs --models a,b (${MIN_CUSTOM_PANEL}-${MAX_PANEL} models)`;
    if (c.models && c.preset === 'custom' && c.models.length < MIN_CUSTOM_PANEL) return `fusion:custom needs at least ${MIN_CUSTOM_PANEL} models`;
    if (c.models && c.models.length > MAX_PANEL) return `a panel has at most ${MAX_PANEL} models (got ${c.models.length})`;
    if (c.models && c.preset !== 'custom') return '--models only applies to fusion:custom';
  }
  if (catalog) {
    const unknown = ids.filter((id) => !catalog.models.includes(id));
    if (unknown.length) return `unknown model${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${catalog.models.join(', ')}`;
    if (c.mode === 'fusion' && c.preset !== 'custom' && !catalog.presets.includes(c.preset!)) {
      return `unknown preset ${c.preset}; known: ${[...catalog.presets, 'custom'].join(', ')}`;
    }
  }
  return null;
}

const CHOICE_KEYS = ['mode', 'model', 'preset', 'models', 'judgeModel', 'synthModel'] as const;

/** The state to write: the choice, plus any other keys the current state carries (budgets, timeouts). */
export function stateFromChoice(c: FrontierChoice, current: FrontierState | undefined): FrontierState {
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(current ?? {})) if (!(CHOICE_KEYS as readonly string[]).includes(k)) kept[k] = v;
  const s: FrontierState = { ...kept, mode: c.mode };
  if (c.model) s.model = c.model;
  if (c.preset) s.preset = c.preset;
  if (c.models) s.models = c.models;
  if (c.judge) s.judgeModel = c.judge;
  if (c.synth) s.synthModel = c.synth;
  return s;
}

export function describeChoice(c: FrontierChoice): string {
  if (c.mode === 'single') return `single:${c.model}`;
  if (c.mode === 'fusion') {
    const extra = [c.models ? `[${c.models.join(',')}]` : '', c.judge ? `judge=${c.judge}` : '', c.synth ? `synth=${c.synth}` : ''].filter(Boolean);
    return [`fusion:${c.preset}`, ...extra].join(' ');
  }
  return 'off';
}
