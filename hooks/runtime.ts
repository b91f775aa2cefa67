// One process per host event: parse, normalize, run the event's guards in-process, merge, render.
import { maestroDirs, type Env } from '../core/dirs';
import { appendLine, createExclusive } from '../core/safe-fs';
import { snapshot, type SettingsSnapshot } from '../settings/store';
import { normalize } from './normalize';
import { render, type Merged } from './render';
import { sessionDir } from './session';
import type { Guard, GuardContext, JsonObject } from './types';

export interface RunInput {
  argvEvent: string | undefined;
  payload: JsonObject;
  env: Env;
  cwd: string;
  guards: readonly Guard[];
  now?: Date;
}

export async function runHook(input: RunInput): Promise<JsonObject | undefined> {
  const event = normalize(input.argvEvent, input.payload, input.env, input.cwd);
  if (!event) return undefined;
  const stateDir = maestroDirs(input.env).state;
  let settings: SettingsSnapshot | undefined;
  const ctx: GuardContext = {
    env: input.env,
    now: input.now ?? new Date(),
    settings: () => (settings ??= snapshot(input.env)),
    stateDir,
    sessionDir: sessionDir(stateDir, event.sessionId),
  };
  const merged: Merged = { context: [], deny: [], block: [] };
  for (const guard of input.guards) {
    if (!guard.events.includes(event.name)) continue;
    if (guard.enforcement && !ctx.settings().discipline.enabled) continue;
    let effects;
    try {
      effects = await guard.run(event, ctx);
    } catch {
      continue; // one failing guard must not silence the others
    }
    for (const e of effects) {
      if (e.kind === 'context') merged.context.push(e.text);
      else if (e.kind === 'deny') merged.deny.push(e.reason);
      else if (e.kind === 'log') {
        try {
          appendLine(e.file, JSON.stringify(e.record));
        } catch {
          // advisory logs are best effort
        }
      } else if (e.kind === 'block') {
        // Block only when we can prove next time that we already blocked; otherwise fall back to context.
        let recorded = true;
        if (e.onceMarker) {
          try {
            recorded = createExclusive(e.onceMarker);
          } catch {
            recorded = false;
          }
        }
        (recorded ? merged.block : merged.context).push(e.reason);
      }
    }
  }
  return render(event.name, event.host, merged);
}
