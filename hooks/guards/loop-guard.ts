// Loop guard (S10): a long-running loop (scheduled crons or self-scheduled wakeups) needs one
// checkpoint file `_<task>.md` in the working dir and a bounded number of iterations. When either
// is missing, one context note per session. Frontier panel members are skipped. MAESTRO_LOOP_MAX_ITER
// sets the iteration cap (default 50).
import fs from 'node:fs';
import path from 'node:path';
import { claimOnce } from '../session';
import type { Guard } from '../types';
import { insideFrontierRun } from './verify-gate';

export const DEFAULT_LOOP_MAX_ITER = 50;
const WAKEUP_TOOLS = new Set(['ScheduleWakeup', 'CronCreate']);
/** One fixed-size line per wakeup: the count is the file size, read with one stat. */
const WAKEUP_FILE = 'wakeups.log';
const WAKEUP_LINE = '{}';

export function wakeupCount(sessionDir: string): number {
  try {
    const st = fs.statSync(path.join(sessionDir, WAKEUP_FILE), { throwIfNoEntry: false });
    return st ? Math.floor(st.size / (WAKEUP_LINE.length + 1)) : 0;
  } catch {
    return 0;
  }
}

export function loopMaxIter(v: string | undefined): number {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isInteger(n) && n > 0 ? n : DEFAULT_LOOP_MAX_ITER;
}

export function hasCheckpoint(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((f) => /^_.+\.md$/i.test(f));
  } catch {
    return true; // unreadable: do not nag about what we cannot see
  }
}

export function loopWarnings(opts: { crons: number; wakeups: number; maxIter: number; checkpoint: boolean }): string[] {
  if (opts.crons === 0 && opts.wakeups === 0) return [];
  const out: string[] = [];
  if (!opts.checkpoint) out.push('no checkpoint file `_<task>.md` in the working directory: write one (objective, state, next step) and read it first on every wakeup');
  if (opts.wakeups > opts.maxIter) out.push(`${opts.wakeups} wakeups so far, past the cap of ${opts.maxIter}: have a fresh verifier judge whether the loop should end`);
  return out;
}

export const loopGuard: Guard = {
  name: 'loop-guard',
  events: ['PostToolUse', 'Stop'],
  enforcement: true,
  run(event, ctx) {
    if (!ctx.sessionDir) return [];
    if (event.name === 'PostToolUse') {
      return event.toolName && WAKEUP_TOOLS.has(event.toolName) ? [{ kind: 'log', file: path.join(ctx.sessionDir, WAKEUP_FILE), record: {} }] : [];
    }
    if (event.stopHookActive || insideFrontierRun(ctx.env)) return [];
    const crons = Array.isArray(event.payload.session_crons) ? event.payload.session_crons.length : 0;
    const wakeups = wakeupCount(ctx.sessionDir);
    if (crons === 0 && wakeups === 0) return []; // not a loop
    if (fs.existsSync(path.join(ctx.sessionDir, 'loop-guard'))) return []; // already said it this session
    const warnings = loopWarnings({ crons, wakeups, maxIter: loopMaxIter(ctx.env.MAESTRO_LOOP_MAX_ITER), checkpoint: hasCheckpoint(event.cwd) });
    if (!warnings.length) return [];
    try {
      if (!claimOnce(ctx.sessionDir, 'loop-guard')) return [];
    } catch {
      return [];
    }
    return [{ kind: 'context', text: `Maestro loop guard (S10):\n- ${warnings.join('\n- ')}` }];
  },
};
