// Merge guard effects into the one answer the host reads from stdout. Claude Code and Codex share
// field names, but Codex rejects unknown keys, so only the fields an event supports are emitted.
import type { EventName, Host, JsonObject } from './types';

export interface Merged {
  context: string[];
  deny: string[];
  block: string[];
}

const CONTEXT_EVENTS: ReadonlySet<EventName> = new Set(['SessionStart', 'UserPromptSubmit', 'PostToolUse']);

export function render(event: EventName, host: Host, m: Merged): JsonObject | undefined {
  if (event === 'PreToolUse' && m.deny.length) {
    return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: m.deny.join('\n\n') } };
  }
  if ((event === 'Stop' || event === 'SubagentStop') && m.block.length) {
    return { decision: 'block', reason: m.block.join('\n\n') };
  }
  // Claude Code reads Stop context (it costs one extra model turn); Codex's Stop schema has no such field.
  const contextOk = CONTEXT_EVENTS.has(event) || (event === 'Stop' && host === 'claude');
  if (contextOk && m.context.length) {
    return { hookSpecificOutput: { hookEventName: event, additionalContext: m.context.join('\n\n') } };
  }
  return undefined;
}
