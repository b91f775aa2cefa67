// Merge guard effects into the one answer the host reads from stdout. Claude Code and Codex share
// field names, but Codex validates against per-event schemas with no unknown keys, so only fields
// the event supports on that host are emitted.
import type { EventName, Host, JsonObject } from './types';

export interface Merged {
  context: string[];
  deny: string[];
  block: string[];
}

const CONTEXT_EVENTS: ReadonlySet<EventName> = new Set(['SessionStart', 'UserPromptSubmit', 'PostToolUse']);
const MAX_OUTPUT_CHARS = 200_000;

const join = (xs: string[]): string => {
  const s = xs.join('\n\n');
  return s.length > MAX_OUTPUT_CHARS ? s.slice(0, MAX_OUTPUT_CHARS) : s;
};

export function render(event: EventName, host: Host, m: Merged): JsonObject | undefined {
  if (event === 'SessionEnd') return undefined; // nobody reads it; Codex's schema has nothing to say here
  if (event === 'PreToolUse' && m.deny.length) {
    return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: join(m.deny) } };
  }
  if ((event === 'Stop' || event === 'SubagentStop') && m.block.length) {
    // Context gathered alongside a block rides in the same reason: the model reads only one.
    return { decision: 'block', reason: join([...m.block, ...m.context]) };
  }
  if (!m.context.length) return undefined;
  if (CONTEXT_EVENTS.has(event)) {
    return { hookSpecificOutput: { hookEventName: event, additionalContext: join(m.context) } };
  }
  if (event === 'Stop' || event === 'SubagentStop') {
    // Claude Code feeds Stop context to the model (one extra turn). Codex's Stop schema has no
    // context field; its systemMessage is shown to the user instead, which is the honest fallback.
    return host === 'claude'
      ? { hookSpecificOutput: { hookEventName: event, additionalContext: join(m.context) } }
      : { systemMessage: join(m.context) };
  }
  return undefined;
}
