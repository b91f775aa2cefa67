// Subagent guard (S7.3 for delegated work): a subagent that changed files must have run a checker
// after its last change and must open its final message with an honest status token, because only
// that message reaches the orchestrator. One block per subagent (keyed on its own transcript),
// with the reason; stop_hook_active, read-only agents and anything unreadable pass silently.
import path from 'node:path';
import { honestStatus, leadingStatus } from '../detect/status';
import { summarize } from '../ledger';
import { asWork, readTranscriptTurn } from '../transcript';
import type { Guard } from '../types';

export const SUBAGENT_TAIL_BYTES = 2 * 1024 * 1024;
const READ_ONLY_TYPES = new Set(['explore', 'plan', 'explorer', 'planner', 'researcher', 'reviewer']);

export function subagentProblems(opts: { modified: boolean; checked: boolean; message?: string }): string[] {
  if (!opts.modified) return [];
  const out: string[] = [];
  if (!opts.checked) out.push('it changed files but ran no checker (tests, type check, linter) after the last change');
  const token = leadingStatus(opts.message);
  if (!honestStatus(token, opts.checked)) {
    out.push(token === 'VERIFIED' ? 'its report opens with VERIFIED without a checker run to back it' : 'its final message does not open with VERIFIED, UNVERIFIED, PENDING_REVIEW or FAIL');
  }
  return out;
}

export const subagentGuard: Guard = {
  name: 'subagent-guard',
  events: ['SubagentStop'],
  enforcement: true,
  run(event, ctx) {
    if (event.stopHookActive) return [];
    const p = event.payload;
    const agentType = typeof p.agent_type === 'string' ? p.agent_type.toLowerCase() : '';
    if (READ_ONLY_TYPES.has(agentType)) return [];
    // Only the subagent's own transcript tells what it did; the parent's would judge the wrong work.
    const file = typeof p.agent_transcript_path === 'string' && p.agent_transcript_path ? p.agent_transcript_path : undefined;
    if (!file) return [];
    const t = readTranscriptTurn(file, event.cwd, { maxBytes: SUBAGENT_TAIL_BYTES, whole: true });
    if (!t) return [];
    const work = summarize(asWork(t.tools));
    const message = event.lastAssistantMessage ?? t.lastAssistantText;
    const problems = subagentProblems({ modified: work.modified, checked: work.checkedAfterLastEdit, message });
    if (!problems.length) return [];
    // Loaded here only: node:crypto costs startup time every other event would pay.
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const key = crypto.createHash('sha1').update(file).digest('hex').slice(0, 16);
    const dir = ctx.sessionDir ?? path.join(ctx.stateDir, 'subagents');
    const reason =
      `Maestro subagent check: ${problems.join('; ')}. ` +
      `Run the cheapest real check for what you changed, then restate your complete report opening with the status token ` +
      `(VERIFIED only after a passing check; otherwise UNVERIFIED, PENDING_REVIEW or FAIL with the gap named). The orchestrator sees only your last message.`;
    return [{ kind: 'block', reason, onceMarker: path.join(dir, `subagent-${key}`) }];
  },
};
