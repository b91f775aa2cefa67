// From a stored state to a concrete run plan (members, judge, synth), validated against the catalog.
// The same check runs when a mode is armed and again when a run starts.
import { CatalogError, DEFAULT_STAGE_MODEL, checkMembers, checkModel, resolvePresetName, type Catalog } from './catalog';
import type { FrontierState } from './state';

export interface Plan {
  mode: 'single' | 'fusion';
  label: string;
  preset?: string;
  members: string[];
  judge?: string;
  synth?: string;
}

export function planLabel(p: Pick<Plan, 'mode' | 'preset' | 'members'>): string {
  if (p.mode === 'single') return `single · ${p.members[0]}`;
  if (p.preset === 'custom') return `fusion · custom (${p.members.join(', ')})`;
  return `fusion · ${p.preset}`;
}

/** Throws CatalogError with one readable line when the state cannot run. Off states return undefined. */
export function planFromState(state: FrontierState, cat: Catalog, opts: { requireReady?: boolean } = {}): Plan | undefined {
  const ready = opts.requireReady ?? true;
  if (state.mode === 'off') return undefined;
  if (state.mode === 'single') {
    if (!state.model) throw new CatalogError('single mode needs a model');
    const id = checkModel(cat, state.model, 'model', ready);
    return { mode: 'single', label: planLabel({ mode: 'single', members: [id] }), members: [id] };
  }
  const presetName = resolvePresetName(state.preset ?? '');
  if (!presetName) throw new CatalogError('fusion mode needs a preset');
  let members: string[];
  let judge: string | undefined;
  let synth: string | undefined;
  if (presetName === 'custom') {
    if (!state.models?.length) throw new CatalogError('the custom preset needs --models a,b,…');
    members = checkMembers(cat, state.models, 'panel');
    judge = state.judgeModel ?? members[0];
    synth = state.synthModel ?? members[0];
  } else {
    const preset = cat.presets.get(presetName);
    if (!preset) throw new CatalogError(`unknown preset "${presetName.slice(0, 64)}"; see \`maestro frontier catalog\``);
    members = checkMembers(cat, state.models?.length ? state.models : preset.models, 'panel');
    judge = state.judgeModel ?? preset.judge ?? DEFAULT_STAGE_MODEL;
    synth = state.synthModel ?? preset.synth ?? DEFAULT_STAGE_MODEL;
  }
  const j = checkModel(cat, judge!, 'judge', ready);
  const s = checkModel(cat, synth!, 'synth', ready);
  return { mode: 'fusion', label: planLabel({ mode: 'fusion', preset: presetName, members }), preset: presetName, members, judge: j, synth: s };
}
