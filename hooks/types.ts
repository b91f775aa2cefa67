// Shapes shared by the hook runtime and every guard.
import type { Env } from '../core/dirs';
import type { SettingsSnapshot } from '../settings/store';
import type { ToolFact } from './detect/tool';
import type { LedgerEntry, TurnView } from './ledger';

export const EVENT_NAMES = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SubagentStop', 'SessionEnd'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
export type Host = 'claude' | 'codex';

export type JsonObject = Record<string, unknown>;

/** A host event in host-neutral form. `payload` keeps the raw object for guards that need more. */
export interface HookEvent {
  host: Host;
  name: EventName;
  sessionId?: string;
  cwd: string;
  transcriptPath?: string;
  prompt?: string;
  toolName?: string;
  toolInput?: JsonObject;
  stopHookActive: boolean;
  lastAssistantMessage?: string;
  /** Pre/PostToolUse: what the tool call does (edits, touched paths, checker). */
  tool?: ToolFact;
  payload: JsonObject;
}

/** What a guard asks for. The runtime applies and merges them; guards never print or exit. */
export type Effect =
  | { kind: 'context'; text: string }
  | { kind: 'deny'; reason: string }
  /** Block a Stop/SubagentStop. `onceMarker`: written first; if it cannot be written the block becomes context. */
  | { kind: 'block'; reason: string; onceMarker?: string }
  | { kind: 'log'; file: string; record: JsonObject };

export interface GuardContext {
  env: Env;
  now: Date;
  /** Per-process settings snapshot (read lazily, once). */
  settings(): SettingsSnapshot;
  /** Maestro's state dir for this user. */
  stateDir: string;
  /** Directory for this session's small files (markers, ledger). Undefined without a session id. */
  sessionDir?: string;
  /** The session ledger (bounded tail, read once, lazily); includes this event's own entry. */
  ledger(): LedgerEntry[];
  /** The current turn from the ledger. */
  turn(): TurnView;
}

export interface Guard {
  name: string;
  events: readonly EventName[];
  /** Enforcement guards fall silent when discipline is off; terse, status line and autorun do not. */
  enforcement: boolean;
  run(event: HookEvent, ctx: GuardContext): Effect[] | Promise<Effect[]>;
}
