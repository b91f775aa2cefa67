// Fallback reader for host transcripts: Claude Code JSONL transcripts and Codex rollouts. Used only
// where the ledger cannot answer (a subagent's own transcript, a session whose ledger is missing,
// telemetry at session end), and always on a bounded, line-aligned tail.
import { classifyTool, type ToolFact } from './detect/tool';
import { parseJsonLines, readTailLines } from './tail';

export const TRANSCRIPT_TAIL_BYTES = 4 * 1024 * 1024;

type Rec = Record<string, unknown>;
const obj = (v: unknown): Rec | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);

export function isCodexRollout(recs: Rec[]): boolean {
  return recs.slice(0, 50).some((r) => typeof r.type === 'string' && ['session_meta', 'turn_context', 'event_msg', 'response_item'].includes(r.type) && obj(r.payload));
}

export interface TranscriptTurn {
  /** Tool calls since the last real user message, in order. */
  tools: ToolFact[];
  /** Text of the last assistant message, if any. */
  lastAssistantText?: string;
}

function claudeUserStartsTurn(r: Rec): boolean {
  if (r.type !== 'user' || r.isMeta === true) return false;
  const c = obj(r.message)?.content;
  if (typeof c === 'string') return true;
  if (!Array.isArray(c)) return false;
  const items = c.map(obj);
  return items.some((x) => x?.type === 'text') && !items.some((x) => x?.type === 'tool_result');
}

function claudeTurn(recs: Rec[], cwd: string, whole: boolean): TranscriptTurn {
  let start = 0;
  for (let k = recs.length - 1; k >= 0 && !whole; k--) {
    if (claudeUserStartsTurn(recs[k]!)) {
      start = k + 1;
      break;
    }
  }
  const out: TranscriptTurn = { tools: [] };
  for (const r of recs.slice(start)) {
    if (r.type !== 'assistant') continue;
    const content = obj(r.message)?.content;
    if (!Array.isArray(content)) continue;
    const texts: string[] = [];
    for (const item of content.map(obj)) {
      if (item?.type === 'tool_use' && typeof item.name === 'string') {
        const f = classifyTool(item.name, obj(item.input), cwd);
        if (f) out.tools.push(f);
      } else if (item?.type === 'text' && typeof item.text === 'string') texts.push(item.text);
    }
    if (texts.length) out.lastAssistantText = texts.join('\n');
  }
  return out;
}

function codexTurn(recs: Rec[], cwd: string, whole: boolean): TranscriptTurn {
  // A turn starts at its task_started (or user_message) event. Codex 0.169 `exec` rollouts carry no
  // user_message; turn_context records are no boundary: one precedes every model request of a turn.
  let start = 0;
  for (let k = recs.length - 1; k >= 0 && !whole; k--) {
    const r = recs[k]!;
    const kind = obj(r.payload)?.type;
    if (r.type === 'event_msg' && (kind === 'user_message' || kind === 'task_started')) {
      start = k + 1;
      break;
    }
  }
  const out: TranscriptTurn = { tools: [] };
  for (const r of recs.slice(start)) {
    const p = obj(r.payload);
    if (r.type !== 'response_item' || !p) continue;
    if (p.type === 'custom_tool_call' && typeof p.name === 'string') {
      const f = classifyTool(p.name, { input: p.input }, cwd);
      if (f) out.tools.push(f);
    } else if ((p.type === 'function_call' || p.type === 'local_shell_call') && typeof p.name === 'string') {
      let args: Rec | undefined;
      try {
        args = typeof p.arguments === 'string' ? obj(JSON.parse(p.arguments)) : obj(p.arguments);
      } catch {
        args = undefined;
      }
      const f = classifyTool(p.name, args ?? obj(p.action), cwd);
      if (f) out.tools.push(f);
    } else if (p.type === 'message' && p.role === 'assistant' && Array.isArray(p.content)) {
      const t = p.content
        .map(obj)
        .filter((x) => x && (x.type === 'output_text' || x.type === 'text') && typeof x.text === 'string')
        .map((x) => x!.text as string);
      if (t.length) out.lastAssistantText = t.join('\n');
    }
  }
  return out;
}

/**
 * The current turn of a transcript or rollout, from its bounded tail. `whole`: every tool call in
 * the tail (a subagent's transcript is one task, its later "user" entries are tool results).
 */
export function readTranscriptTurn(file: string | undefined, cwd: string, opts: { maxBytes?: number; whole?: boolean } = {}): TranscriptTurn | undefined {
  const recs = parseJsonLines(readTailLines(file, opts.maxBytes ?? TRANSCRIPT_TAIL_BYTES));
  if (!recs.length) return undefined;
  return isCodexRollout(recs) ? codexTurn(recs, cwd, !!opts.whole) : claudeTurn(recs, cwd, !!opts.whole);
}

/** Tool facts -> the compact shape `summarize` takes. */
export function asWork(tools: ToolFact[]): Array<{ w?: 1; c?: 1; p?: string[] }> {
  return tools.map((f) => ({ ...(f.writes ? { w: 1 as const } : {}), ...(f.checker ? { c: 1 as const } : {}), p: f.paths }));
}
