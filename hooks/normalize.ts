// Host payload -> HookEvent. Every field is type-checked: hosts change, payloads get hand-written in tests.
import type { Env } from '../core/dirs';
import { classifyTool } from './detect/tool';
import { EVENT_NAMES, type EventName, type Host, type HookEvent, type JsonObject } from './types';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const obj = (v: unknown): JsonObject | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined);

export function isEventName(s: unknown): s is EventName {
  return typeof s === 'string' && (EVENT_NAMES as readonly string[]).includes(s);
}

/** Codex sets PLUGIN_ROOT for plugin hooks and carries turn_id in its payloads; Claude Code does neither. */
export function detectHookHost(env: Env, payload: JsonObject): Host {
  if (env.PLUGIN_ROOT || typeof payload.turn_id === 'string') return 'codex';
  return 'claude';
}

export function normalize(argvEvent: string | undefined, payload: JsonObject, env: Env, fallbackCwd: string): HookEvent | undefined {
  const name = isEventName(argvEvent) ? argvEvent : isEventName(payload.hook_event_name) ? payload.hook_event_name : undefined;
  if (!name) return undefined;
  const cwd = str(payload.cwd) ?? fallbackCwd;
  const toolName = str(payload.tool_name);
  const toolInput = obj(payload.tool_input);
  const tool = name === 'PreToolUse' || name === 'PostToolUse' ? classifyTool(toolName, toolInput, cwd) : undefined;
  return {
    host: detectHookHost(env, payload),
    name,
    sessionId: str(payload.session_id),
    cwd,
    transcriptPath: str(payload.transcript_path),
    prompt: typeof payload.prompt === 'string' ? payload.prompt : undefined,
    toolName,
    toolInput,
    ...(tool ? { tool } : {}),
    stopHookActive: payload.stop_hook_active === true,
    lastAssistantMessage: typeof payload.last_assistant_message === 'string' ? payload.last_assistant_message : undefined,
    payload,
  };
}
