// Gate telemetry (S1 audit, S9), opt-in with MAESTRO_TELEMETRY=1: at session end, one local JSONL
// row per session: the S1 verdict the agent stated, how many subagents it actually spawned, whether
// the two disagree, token sums and the prompt-cache hit share. Reads a bounded transcript tail
// once, at the end of the session, which is the only time this is worth it. Nothing leaves the machine.
import path from 'node:path';
import { parseJsonLines, readTailLines } from '../tail';
import { isCodexRollout } from '../transcript';
import type { Guard } from '../types';

export const TELEMETRY_TAIL_BYTES = 8 * 1024 * 1024;
const AGENT_TOOLS = new Set(['Task', 'Agent', 'spawn_agent']);
const VERDICT_RE = /(?:GATE|Maestro)[:\s\u00b7][^\n]*?files=(\S+)\s+concerns=(\S+)\s*->\s*(single-agent|multi-agent)/g;

type Rec = Record<string, unknown>;
const obj = (v: unknown): Rec | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

export interface Verdict {
  files: string;
  concerns: string;
  verdict: 'single' | 'multi';
}

/** The last verdict line in a text, or undefined. */
export function lastVerdict(text: string): Verdict | undefined {
  let v: Verdict | undefined;
  for (const m of text.matchAll(VERDICT_RE)) v = { files: m[1]!, concerns: m[2]!, verdict: m[3] === 'multi-agent' ? 'multi' : 'single' };
  return v;
}

export interface SessionStats {
  verdict?: Verdict;
  agent_count: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  assistant_turns: number;
}

export function sessionStats(recs: Rec[]): SessionStats {
  const s: SessionStats = { agent_count: 0, input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_creation_tokens: 0, assistant_turns: 0 };
  if (isCodexRollout(recs)) {
    let total: Rec | undefined;
    for (const r of recs) {
      const p = obj(r.payload);
      if (!p) continue;
      if (r.type === 'event_msg' && p.type === 'token_count') total = obj(obj(p.info)?.total_token_usage) ?? total;
      if (r.type === 'response_item' && p.type === 'message' && p.role === 'assistant' && Array.isArray(p.content)) {
        s.assistant_turns++;
        for (const c of p.content.map(obj)) if (typeof c?.text === 'string') s.verdict = lastVerdict(c.text) ?? s.verdict;
      }
      if (r.type === 'response_item' && p.type === 'function_call' && typeof p.name === 'string' && AGENT_TOOLS.has(p.name)) s.agent_count++;
    }
    if (total) {
      s.cache_read_tokens = num(total.cached_input_tokens);
      s.input_tokens = Math.max(0, num(total.input_tokens) - s.cache_read_tokens);
      s.output_tokens = num(total.output_tokens);
    }
    return s;
  }
  const seen = new Set<string>();
  for (const r of recs) {
    if (r.type !== 'assistant') continue;
    const m = obj(r.message);
    if (!m) continue;
    // Claude writes one line per content block of a message, each repeating the usage: count it once.
    const id = typeof m.id === 'string' ? m.id : undefined;
    const u = obj(m.usage);
    if (u && (!id || !seen.has(id))) {
      if (id) seen.add(id);
      s.assistant_turns++;
      s.input_tokens += num(u.input_tokens);
      s.output_tokens += num(u.output_tokens);
      s.cache_read_tokens += num(u.cache_read_input_tokens);
      s.cache_creation_tokens += num(u.cache_creation_input_tokens);
    }
    if (!Array.isArray(m.content)) continue;
    for (const c of m.content.map(obj)) {
      if (c?.type === 'tool_use' && typeof c.name === 'string' && AGENT_TOOLS.has(c.name)) s.agent_count++;
      if (c?.type === 'text' && typeof c.text === 'string') s.verdict = lastVerdict(c.text) ?? s.verdict;
    }
  }
  return s;
}

export function telemetryRow(stats: SessionStats, meta: { ts: string; session_id: string | null; host: string; project: string }): Rec {
  const denom = stats.input_tokens + stats.cache_read_tokens + stats.cache_creation_tokens;
  const spawned = stats.agent_count > 0;
  return {
    ...meta,
    verdict: stats.verdict?.verdict ?? null,
    verdict_files: stats.verdict?.files ?? null,
    verdict_concerns: stats.verdict?.concerns ?? null,
    agent_count: stats.agent_count,
    mismatch: stats.verdict ? (stats.verdict.verdict === 'multi') !== spawned : false,
    input_tokens: stats.input_tokens,
    output_tokens: stats.output_tokens,
    cache_read_tokens: stats.cache_read_tokens,
    cache_creation_tokens: stats.cache_creation_tokens,
    cache_hit_pct: denom > 0 ? Math.round((100 * stats.cache_read_tokens) / denom) : null,
    assistant_turns: stats.assistant_turns,
  };
}

export const gateTelemetry: Guard = {
  name: 'gate-telemetry',
  events: ['SessionEnd'],
  enforcement: true,
  run(event, ctx) {
    if (ctx.env.MAESTRO_TELEMETRY !== '1') return [];
    const recs = parseJsonLines(readTailLines(event.transcriptPath, TELEMETRY_TAIL_BYTES));
    const row = telemetryRow(sessionStats(recs), {
      ts: ctx.now.toISOString(),
      session_id: event.sessionId ?? null,
      host: event.host,
      project: path.basename(event.cwd),
    });
    return [{ kind: 'log', file: path.join(ctx.stateDir, 'telemetry.jsonl'), record: row }];
  },
};
