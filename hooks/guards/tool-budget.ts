// Tool budget (S9, advisory): many exploration calls before the first edit of a turn suggest the
// agent is wandering. When a turn's first edit comes after more than the threshold of other calls,
// one JSONL record goes to a local log (never to the model). MAESTRO_TOOLBUDGET=0 disables;
// MAESTRO_TOOLBUDGET_THRESHOLD (default 20); MAESTRO_TOOLBUDGET_LOG overrides the log path.
import path from 'node:path';
import { claimOnce } from '../session';
import type { Guard } from '../types';

export const DEFAULT_TOOL_THRESHOLD = 20;

export function toolThreshold(v: string | undefined): number {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : DEFAULT_TOOL_THRESHOLD;
}

export function toolBudgetLog(env: Record<string, string | undefined>, stateDir: string): string {
  const v = env.MAESTRO_TOOLBUDGET_LOG;
  return v && path.isAbsolute(v) ? v : path.join(stateDir, 'toolbudget.jsonl');
}

export const toolBudget: Guard = {
  name: 'tool-budget',
  events: ['PostToolUse'],
  enforcement: true,
  run(event, ctx) {
    if (ctx.env.MAESTRO_TOOLBUDGET === '0' || !event.tool?.writes || !ctx.sessionDir) return [];
    const turn = ctx.turn();
    const firstEdit = turn.tools.findIndex((t) => t.w);
    // Only the turn's first edit decides; if the ledger lost it, this call is the first edit.
    const explore = firstEdit >= 0 ? firstEdit : turn.tools.length;
    const threshold = toolThreshold(ctx.env.MAESTRO_TOOLBUDGET_THRESHOLD);
    if (explore <= threshold) return [];
    try {
      if (!claimOnce(ctx.sessionDir, `toolbudget-${turn.id || 'noturn'}`)) return [];
    } catch {
      return [];
    }
    return [
      {
        kind: 'log',
        file: toolBudgetLog(ctx.env, ctx.stateDir),
        record: {
          ts: ctx.now.toISOString(),
          session_id: event.sessionId ?? null,
          host: event.host,
          kind: 'toolbudget-advisory',
          explore_calls: explore,
          threshold,
          first_edit_tool: turn.tools[firstEdit]?.n ?? event.tool.tool,
          project: path.basename(event.cwd),
        },
      },
    ];
  },
};
