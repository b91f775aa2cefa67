// Verify gate (S7.3): a turn that changed files must end with an honest status token at the very
// start of the final message: VERIFIED (only after a checker ran since the last edit), or
// UNVERIFIED / PENDING_REVIEW / FAIL. Mode from MAESTRO_VERIFY_GATE > settings > warn:
//   warn  - one context note per turn (Claude: the model gets one more turn; Codex: shown to the user)
//   block - one block per turn, recorded with a once-marker (unrecordable -> context, never a loop)
//   off   - silent
// Host-neutral: the ledger says what the turn did; the Stop payload carries the final message.
// The transcript / rollout is read (bounded tail) only when the ledger has nothing for the turn.
import fs from 'node:fs';
import path from 'node:path';
import { readTextBounded, writeFileAtomic } from '../../core/safe-fs';
import { honestStatus, leadingStatus } from '../detect/status';
import { summarize, type WorkSummary } from '../ledger';
import { claimOnce } from '../session';
import { asWork, readTranscriptTurn } from '../transcript';
import type { Guard, HookEvent, GuardContext } from '../types';

export function insideFrontierRun(env: Record<string, string | undefined>): boolean {
  const d = Number.parseInt(env.FUSION_DEPTH ?? '', 10);
  return (Number.isFinite(d) && d >= 1) || !!env.MAESTRO_FRONTIER_RUN_ID;
}

/** Returns the reason to raise, or undefined when the turn is fine. */
export function verifyProblem(work: WorkSummary, message: string | undefined): string | undefined {
  if (!work.modified) return undefined;
  const token = leadingStatus(message);
  if (honestStatus(token, work.checkedAfterLastEdit)) return undefined;
  const what = work.paths.length ? `${work.paths.length} file${work.paths.length === 1 ? '' : 's'}` : 'files';
  if (token === 'VERIFIED') {
    return (
      `Maestro verify gate: this turn changed ${what} and the reply opens with VERIFIED, but no checker ran after the last change. ` +
      `Run the project's cheapest real check (tests, type check or linter) and report again, or open with UNVERIFIED and name what is unchecked (S7.3).`
    );
  }
  return (
    `Maestro verify gate: this turn changed ${what}${work.checkedAfterLastEdit ? '' : ' without running a checker afterwards'}, and the final reply does not open with a status token. ` +
    `Run the cheapest real check the project has and open your report with VERIFIED, or open with UNVERIFIED, PENDING_REVIEW or FAIL and name the gap (S7.3). ` +
    `Restate the full report: only the last message counts. (MAESTRO_VERIFY_GATE=off disables this.)`
  );
}

/** What the current turn did: the ledger when it has the turn, else the transcript / rollout tail. */
export function turnWork(event: HookEvent, ctx: GuardContext): { work: WorkSummary; lastText?: string } {
  const turn = ctx.turn();
  if (turn.id || turn.tools.length) {
    const work = summarize(turn.tools);
    // Codex may not report every tool (apply_patch) to PostToolUse: when its ledger shows no
    // change, the rollout tail of this turn decides. Claude Code reports every edit tool.
    if (work.modified || event.host !== 'codex') return { work };
  }
  const t = readTranscriptTurn(event.transcriptPath, event.cwd, { maxBytes: event.host === 'codex' ? 2 * 1024 * 1024 : undefined });
  return t ? { work: summarize(asWork(t.tools)), lastText: t.lastAssistantText } : { work: summarize([]) };
}

const PENDING = 'verify-pending';

/**
 * Codex shows Stop notes to the user only. So a warning is also parked in the session dir and handed
 * to the model with the next prompt; the rename makes exactly one concurrent reader take it.
 */
export function takePending(sessionDir: string): string | undefined {
  const file = path.join(sessionDir, PENDING);
  if (!fs.existsSync(file)) return undefined;
  const claimed = `${file}.${process.pid}`;
  try {
    fs.renameSync(file, claimed);
  } catch {
    return undefined; // another event took it
  }
  const r = readTextBounded(claimed, 16 * 1024);
  fs.rmSync(claimed, { force: true });
  return r.ok && r.value.trim() ? r.value : undefined;
}

export const verifyGate: Guard = {
  name: 'verify-gate',
  events: ['Stop', 'UserPromptSubmit'],
  enforcement: true,
  run(event, ctx) {
    if (event.name === 'UserPromptSubmit') {
      const note = ctx.sessionDir ? takePending(ctx.sessionDir) : undefined;
      return note ? [{ kind: 'context', text: `About your previous turn: ${note}` }] : [];
    }
    const mode = ctx.settings().verify.mode;
    if (mode === 'off' || event.stopHookActive || insideFrontierRun(ctx.env)) return [];
    const { work, lastText } = turnWork(event, ctx);
    if (!work.modified) return [];
    // Hosts that predate last_assistant_message: the final text from a small transcript tail.
    const message = event.lastAssistantMessage ?? lastText ?? readTranscriptTurn(event.transcriptPath, event.cwd, { maxBytes: 1024 * 1024 })?.lastAssistantText;
    const problem = verifyProblem(work, message);
    if (!problem) return [];
    const turnKey = ctx.turn().id || 'noturn';
    // Without a session there is nowhere to remember that we already spoke: stay silent.
    if (!ctx.sessionDir) return [];
    if (mode === 'block') return [{ kind: 'block', reason: problem, onceMarker: path.join(ctx.sessionDir, `verify-block-${turnKey.replace(/[^A-Za-z0-9_-]/g, '_')}`) }];
    try {
      if (!claimOnce(ctx.sessionDir, `verify-warn-${turnKey}`)) return [];
    } catch {
      return []; // cannot remember the warning: a repeated nag is worse than none
    }
    if (event.host === 'codex') {
      try {
        writeFileAtomic(path.join(ctx.sessionDir, PENDING), problem);
      } catch {
        // the user still sees the note
      }
    }
    return [{ kind: 'context', text: problem }];
  },
};
