// Phase scope (S7.1): work in phases of about five files, each verified. Counts the distinct
// normalized paths of this project changed in the current turn (editor tools, apply_patch, shell
// writes) and warns once per turn when the count passes the cap. MAESTRO_PHASE_FILE_CAP sets the
// cap (default 5; 0 disables).
import path from 'node:path';
import { projectRoot } from '../../core/scope';
import { normalizePath } from '../detect/tool';
import { claimOnce } from '../session';
import type { Guard } from '../types';

export const DEFAULT_PHASE_CAP = 5;

export function phaseCap(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return DEFAULT_PHASE_CAP;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_PHASE_CAP;
}

export function phaseText(count: number, cap: number): string {
  return (
    `Maestro phase scope: this turn has now changed ${count} files (guideline: about ${cap} per phase, doctrine S7.1). ` +
    `Verify what you have before going wider, or say why this batch has to land together.`
  );
}

export const phaseScope: Guard = {
  name: 'phase-scope',
  events: ['PostToolUse'],
  enforcement: true,
  run(event, ctx) {
    if (!event.tool?.paths.length || !ctx.sessionDir) return [];
    const cap = phaseCap(ctx.env.MAESTRO_PHASE_FILE_CAP);
    if (cap === 0) return [];
    // Only files of this project count: scratch files in /tmp or edits elsewhere are not the phase.
    const root = normalizePath(projectRoot(event.cwd).root, event.cwd)!;
    const inProject = (p: string): boolean => p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
    if (!event.tool.paths.some(inProject)) return [];
    const turn = ctx.turn();
    const paths = new Set<string>();
    for (const t of turn.tools) for (const p of t.p ?? []) if (inProject(p)) paths.add(p);
    // The ledger may have been unwritable: count this call's paths directly too.
    for (const p of event.tool.paths) if (inProject(p)) paths.add(p);
    if (paths.size <= cap) return [];
    try {
      if (!claimOnce(ctx.sessionDir, `phase-scope-${turn.id || 'noturn'}`)) return [];
    } catch {
      return []; // cannot record the warning: stay quiet rather than repeat it on every edit
    }
    return [{ kind: 'context', text: phaseText(paths.size, cap) }];
  },
};
