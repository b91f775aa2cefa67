// Opt-in reply hooks for the fake servers, layered over any provider's route without touching it:
// the route answers as usual, then every `FAKE-REPLY …` text in its reply (JSON body or SSE
// frames) is swapped for the hook's text when the hook claims the request.
import { REPLY_PREFIX, findMarkers, sseFrame, type Reply, type Route } from './server';

/** Given the raw request body, the text to answer with instead of the scripted reply, or undefined. */
export type ReplyHook = (raw: string) => string | undefined;

function swap(value: unknown, text: string): unknown {
  if (typeof value === 'string') return value.startsWith(REPLY_PREFIX) ? text : value;
  if (Array.isArray(value)) return value.map((v) => swap(v, text));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v, text)]));
  return value;
}

function swapFrame(frame: string, text: string): string {
  const event = /^event: (.*)$/m.exec(frame)?.[1];
  const data = /^data: (.*)$/m.exec(frame)?.[1];
  if (data === undefined) return frame;
  try {
    return sseFrame(event, swap(JSON.parse(data), text));
  } catch {
    return frame;
  }
}

export function withReplyHook(route: Route, hook: ReplyHook): Route {
  return (method, url, body, raw) => {
    const reply: Reply = route(method, url, body, raw);
    const text = method === 'POST' ? hook(raw) : undefined;
    if (text === undefined) return reply;
    return {
      ...reply,
      ...(reply.json !== undefined ? { json: swap(reply.json, text) } : {}),
      ...(reply.sse ? { sse: reply.sse.map((f) => swapFrame(f, text)) } : {}),
    };
  };
}

/** Marker the judge hook writes into its analysis; whoever reads the analysis echoes it. */
export const JUDGE_MARKER = 'MARKER-JUDGE-ANALYSIS';

/**
 * Frontier's judge asks for one JSON object and lists the keys it wants, each followed by its
 * type ("consensus": array …). Such a request gets a schema-shaped analysis naming the markers
 * it saw; the synthesis prompt, which only quotes an analysis, does not match.
 */
export const frontierJudgeHook: ReplyHook = (raw) => {
  const asks = ['consensus', 'contradictions', 'partial_coverage', 'unique_insights', 'blind_spots'].every((k) =>
    new RegExp(`\\\\?"${k}\\\\?":\\s*array`).test(raw),
  );
  if (!asks) return undefined;
  const seen = findMarkers(raw).filter((m) => m !== JUDGE_MARKER);
  return JSON.stringify({
    consensus: [`${JUDGE_MARKER} the answers agree; panel markers: ${seen.join(' ')}`],
    contradictions: [],
    partial_coverage: [],
    unique_insights: [],
    blind_spots: [],
  });
};
