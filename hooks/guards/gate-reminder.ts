// Gate reminder (doctrine S1): on the first prompt of a session, remind the agent to state its
// single- vs multi-agent verdict line before editing, with this project's Frontier badge.
import { frontierStateFor } from '../frontier-scope';
import { claimOnce } from '../session';
import type { Guard } from '../types';

export const MAX_REMINDER_BYTES = 200;

export function frontierBadge(state: { mode: string; preset?: string; model?: string }): string {
  if (state.mode === 'single') return `on (single/${state.model ?? '?'})`;
  if (state.mode === 'fusion') return `on (fusion/${state.preset ?? '?'})`;
  return 'off';
}

export function reminderText(badge: string): string {
  return `Maestro S1: before the first edit, state one line: Maestro · frontier ${badge} — files=<n> concerns=<m> -> single-agent|multi-agent — <why>.`;
}

export const gateReminder: Guard = {
  name: 'gate-reminder',
  events: ['UserPromptSubmit'],
  enforcement: true,
  run(event, ctx) {
    if (ctx.env.MAESTRO_GATE_REMINDER === '0' || !ctx.sessionDir) return [];
    let first = true;
    try {
      first = claimOnce(ctx.sessionDir, 'gate-reminder');
    } catch {
      // Cannot record it: a short reminder on every prompt beats none.
    }
    if (!first) return [];
    const text = reminderText(frontierBadge(frontierStateFor(ctx.env, event.cwd).state));
    return Buffer.byteLength(text) <= MAX_REMINDER_BYTES ? [{ kind: 'context', text }] : [{ kind: 'context', text: text.slice(0, 150) }];
  },
};
