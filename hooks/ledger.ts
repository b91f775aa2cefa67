// The session ledger: one small JSON line per relevant event, appended with O_APPEND under the
// session dir. It is how guards know what happened earlier in a turn without re-reading the host
// transcript on every tool call. Concurrent appends of small lines do not interleave.
import path from 'node:path';
import { appendLine } from '../core/safe-fs';
import type { ToolFact } from './detect/tool';
import { parseJsonLines, readTailLines } from './tail';

export const LEDGER_FILE = 'ledger.jsonl';
/** Upper bound of a ledger read: thousands of tool calls, far more than one turn ever has. */
export const LEDGER_READ_BYTES = 512 * 1024;
/** First try: a small tail usually holds the whole current turn. */
export const LEDGER_FIRST_BYTES = 32 * 1024;

export type LedgerEntry =
  /** A user prompt started a turn. */
  | { t: 'turn'; id: string; ts: number }
  /** A tool call finished. w: wrote files, p: paths, c: ran a checker, k: kind. */
  | { t: 'tool'; n: string; k: 'edit' | 'shell' | 'other'; w?: 1; c?: 1; p?: string[]; ts: number };

export function ledgerPath(sessionDir: string): string {
  return path.join(sessionDir, LEDGER_FILE);
}

export function toolEntry(f: ToolFact, ts: number): LedgerEntry {
  return {
    t: 'tool',
    n: f.tool.slice(0, 64),
    k: f.kind,
    ...(f.writes ? { w: 1 as const } : {}),
    ...(f.checker ? { c: 1 as const } : {}),
    ...(f.paths.length ? { p: f.paths.slice(0, 50) } : {}),
    ts,
  };
}

export function appendLedger(sessionDir: string, e: LedgerEntry): void {
  appendLine(ledgerPath(sessionDir), JSON.stringify(e));
}

function isEntry(v: Record<string, unknown>): v is LedgerEntry {
  if (v.t === 'turn') return typeof v.id === 'string';
  if (v.t === 'tool') return typeof v.n === 'string' && (v.p === undefined || (Array.isArray(v.p) && v.p.every((x) => typeof x === 'string')));
  return false;
}

export function readLedger(sessionDir: string | undefined, maxBytes = LEDGER_READ_BYTES): LedgerEntry[] {
  if (!sessionDir) return [];
  return parseJsonLines(readTailLines(ledgerPath(sessionDir), maxBytes)).filter(isEntry);
}

/**
 * The current turn, reading as little as possible: a small tail first, the full bound only when
 * the small tail holds no turn start (a long turn). Cost stays flat however long the session runs.
 */
export function readTurn(sessionDir: string | undefined): TurnView {
  const small = readLedger(sessionDir, LEDGER_FIRST_BYTES);
  if (small.some((e) => e.t === 'turn')) return currentTurn(small);
  return currentTurn(readLedger(sessionDir, LEDGER_READ_BYTES));
}

export interface TurnView {
  /** Id of the current turn ('' when the ledger has no turn start in reach). */
  id: string;
  /** Tool entries since the turn started, in append order. */
  tools: Array<Extract<LedgerEntry, { t: 'tool' }>>;
}

export function currentTurn(entries: LedgerEntry[]): TurnView {
  let start = -1;
  for (let k = entries.length - 1; k >= 0; k--) {
    if (entries[k]!.t === 'turn') {
      start = k;
      break;
    }
  }
  const id = start >= 0 ? (entries[start] as { id: string }).id : '';
  const tools = entries.slice(start + 1).filter((e): e is Extract<LedgerEntry, { t: 'tool' }> => e.t === 'tool');
  return { id, tools };
}

/** Summary of edits and checks within a list of tool entries. */
export interface WorkSummary {
  modified: boolean;
  paths: string[];
  /** A checker ran after the last change (a checker run before later edits does not count; a
   *  command that both checks and writes, like `npm test > log`, counts as a check). */
  checkedAfterLastEdit: boolean;
  checkerRan: boolean;
}

export function summarize(tools: Array<{ w?: 1; c?: 1; p?: string[] }>): WorkSummary {
  let lastEdit = -1;
  let lastCheck = -1;
  const paths = new Set<string>();
  tools.forEach((e, k) => {
    if (e.w) lastEdit = k;
    if (e.c) lastCheck = k;
    for (const p of e.p ?? []) paths.add(p);
  });
  return { modified: lastEdit >= 0, paths: [...paths], checkedAfterLastEdit: lastCheck >= 0 && lastCheck >= lastEdit, checkerRan: lastCheck >= 0 };
}
