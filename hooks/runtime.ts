// One process per host event: parse, normalize, record, run the event's guards in-process, merge, render.
import fs from 'node:fs';
import { maestroDirs, type Env } from '../core/dirs';
import { appendLine, createExclusive } from '../core/safe-fs';
import { snapshot, type SettingsSnapshot } from '../settings/store';
import { appendLedger, readLedger, readTurn, toolEntry, type LedgerEntry, type TurnView } from './ledger';
import { normalize } from './normalize';
import { render, type Merged } from './render';
import { pruneSessions, sessionDir } from './session';
import type { Guard, GuardContext, HookEvent, JsonObject } from './types';

export interface RunInput {
  argvEvent: string | undefined;
  payload: JsonObject;
  env: Env;
  cwd: string;
  guards: readonly Guard[];
  now?: Date;
}

/** The ledger line this event contributes, if any: turn starts and finished tool calls. */
export function ledgerRecord(event: HookEvent, now: Date): LedgerEntry | undefined {
  const ts = now.getTime();
  if (event.name === 'UserPromptSubmit') {
    const hostId = event.payload.turn_id ?? event.payload.prompt_id;
    const id = typeof hostId === 'string' && hostId ? hostId.slice(0, 80) : `${ts.toString(36)}-${process.pid.toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
    return { t: 'turn', id, ts };
  }
  if (event.name === 'PostToolUse' && event.tool) return toolEntry(event.tool, ts);
  return undefined;
}

/** Local JSONL logs keep one previous generation: past the size limit the file becomes `<file>.1`. */
export const LOG_MAX_BYTES = 1024 * 1024;
export function rotateIfLarge(file: string, max = LOG_MAX_BYTES): void {
  try {
    const st = fs.lstatSync(file);
    if (st.isFile() && st.size > max) fs.renameSync(file, `${file}.1`);
  } catch {
    // absent: nothing to rotate
  }
}

export async function runHook(input: RunInput): Promise<JsonObject | undefined> {
  const event = normalize(input.argvEvent, input.payload, input.env, input.cwd);
  if (!event) return undefined;
  const now = input.now ?? new Date();
  const stateDir = maestroDirs(input.env).state;
  const sdir = sessionDir(stateDir, event.sessionId);

  // Record first, so guards of this very event see it (and concurrent events see each other).
  if (sdir) {
    const rec = ledgerRecord(event, now);
    if (rec) {
      try {
        appendLedger(sdir, rec);
      } catch {
        // unwritable state: guards work with what they can read
      }
    }
  }
  if (event.name === 'SessionStart') pruneSessions(stateDir, now.getTime());

  let settings: SettingsSnapshot | undefined;
  let ledger: LedgerEntry[] | undefined;
  let turn: TurnView | undefined;
  const ctx: GuardContext = {
    env: input.env,
    now,
    settings: () => (settings ??= snapshot(input.env)),
    stateDir,
    sessionDir: sdir,
    ledger: () => (ledger ??= readLedger(sdir)),
    turn: () => (turn ??= readTurn(sdir)),
  };
  const merged: Merged = { context: [], deny: [], block: [] };
  for (const guard of input.guards) {
    if (!guard.events.includes(event.name)) continue;
    let effects;
    try {
      if (guard.enforcement && !ctx.settings().discipline.enabled) continue;
      effects = await guard.run(event, ctx);
    } catch {
      continue; // one failing guard must not silence the others
    }
    for (const e of effects) {
      if (e.kind === 'context') merged.context.push(e.text);
      else if (e.kind === 'deny') merged.deny.push(e.reason);
      else if (e.kind === 'log') {
        try {
          rotateIfLarge(e.file);
          appendLine(e.file, JSON.stringify(e.record));
        } catch {
          // advisory logs are best effort
        }
      } else if (e.kind === 'block') {
        // Block only when we can prove next time that we already blocked. Marker already there:
        // this block was delivered before, stay silent. Marker unwritable (or none given): fall
        // back to context, since a block we cannot remember could repeat forever.
        let state: 'new' | 'seen' | 'unwritable' = 'unwritable';
        if (e.onceMarker) {
          try {
            state = createExclusive(e.onceMarker) ? 'new' : 'seen';
          } catch {
            state = 'unwritable';
          }
        }
        if (state === 'new') merged.block.push(e.reason);
        else if (state === 'unwritable') merged.context.push(e.reason);
      }
    }
  }
  return render(event.name, event.host, merged);
}
