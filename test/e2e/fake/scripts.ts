// Opt-in scripted behaviours for the fake OpenAI server, layered over its normal route without
// changing it: a `TRIGGER_PATCH` prompt makes the model call Codex's apply_patch tool with a patch
// that adds files, in whatever shape the request's tools list offers (freeform custom tool,
// function, or the shell fallback `apply_patch <<'EOF'`). Any tool output after the latest user
// message (function_call_output or custom_tool_call_output) ends the turn with a plain answer.
import { findMarkers, sseFrame, type FakeConfig, type Reply, type Route } from './server';
import { completedReply } from './openai';

export const PATCH_TRIGGER = 'TRIGGER_PATCH';
export const PATCH_DONE_PREFIX = 'FAKE-AFTER-PATCH';

export interface PatchScript {
  /** Files the patch adds (paths relative to the workspace), one line of content each. */
  files: string[];
}

interface Item {
  type?: string;
  role?: string;
  content?: unknown;
  output?: unknown;
}
interface Tool {
  type?: string;
  name?: string;
}

function text(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((c: { text?: unknown }) => (typeof c?.text === 'string' ? c.text : '')).join('\n');
}

export function patchText(files: readonly string[]): string {
  return ['*** Begin Patch', ...files.flatMap((f) => [`*** Add File: ${f}`, `+patched ${f}`]), '*** End Patch'].join('\n');
}

/** How the request offers apply_patch: 'custom' (freeform), 'function', or 'shell' (not offered). */
export function applyPatchShape(tools: unknown): 'custom' | 'function' | 'shell' {
  const t = (Array.isArray(tools) ? tools : []) as Tool[];
  const ap = t.find((x) => x?.name === 'apply_patch');
  if (!ap) return 'shell';
  return ap.type === 'custom' ? 'custom' : 'function';
}

let counter = 0;

function sse(model: string, items: Record<string, unknown>[]): Reply {
  const base = { id: `resp_script_${++counter}`, object: 'response', created_at: Math.floor(Date.now() / 1000), model };
  const frames = [sseFrame('response.created', { type: 'response.created', response: { ...base, status: 'in_progress', output: [] } })];
  items.forEach((item, output_index) => {
    frames.push(sseFrame('response.output_item.added', { type: 'response.output_item.added', output_index, item }));
    frames.push(sseFrame('response.output_item.done', { type: 'response.output_item.done', output_index, item }));
  });
  return completedReply(frames, base, items);
}

function message(t: string): Record<string, unknown> {
  return { type: 'message', id: `msg_script_${++counter}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: t, annotations: [] }] };
}

/** The apply_patch call item for the shape the request offers. */
export function patchCall(shape: 'custom' | 'function' | 'shell', patch: string): Record<string, unknown> {
  const n = ++counter;
  if (shape === 'custom') return { type: 'custom_tool_call', id: `ctc_script_${n}`, call_id: `call_script_${n}`, name: 'apply_patch', input: patch, status: 'completed' };
  if (shape === 'function') return { type: 'function_call', id: `fc_script_${n}`, call_id: `call_script_${n}`, name: 'apply_patch', arguments: JSON.stringify({ input: patch }), status: 'completed' };
  return {
    type: 'function_call',
    id: `fc_script_${n}`,
    call_id: `call_script_${n}`,
    name: 'exec_command',
    arguments: JSON.stringify({ cmd: `apply_patch <<'EOF'\n${patch}\nEOF` }),
    status: 'completed',
  };
}

export function withPatchScript(route: Route, cfg: Omit<FakeConfig, 'logFile'>, script: PatchScript): Route {
  return (method, url, body, raw) => {
    if (method !== 'POST' || url.pathname !== '/v1/responses' || !body || typeof body !== 'object') return route(method, url, body, raw);
    const req = body as { model?: string; input?: Item[] | string; tools?: unknown };
    const items = Array.isArray(req.input) ? req.input : [];
    let lastUser = -1;
    items.forEach((it, i) => {
      if (it.role === 'user' && (it.type === undefined || it.type === 'message')) lastUser = i;
    });
    const userText = lastUser >= 0 ? text(items[lastUser]!.content) : '';
    if (!userText.includes(PATCH_TRIGGER)) return route(method, url, body, raw);
    const tail = `markers=[${findMarkers(raw, cfg.markerPatterns).join(', ')}]`;
    const model = req.model ?? 'gpt-5.5';
    const outputs = items.slice(lastUser + 1).filter((it) => typeof it.type === 'string' && it.type.endsWith('_output'));
    if (outputs.length) {
      const out = outputs.map((o) => (typeof o.output === 'string' ? o.output : JSON.stringify(o.output))).join(' ').replace(/\s+/g, ' ').slice(0, 200);
      return sse(model, [message(`${PATCH_DONE_PREFIX} result="${out}" ${tail}`)]);
    }
    return sse(model, [message(`patching ${tail}`), patchCall(applyPatchShape(req.tools), patchText(script.files))]);
  };
}

// ---------- Anthropic: a subagent call ----------

export const AGENT_TRIGGER = 'TRIGGER_AGENT';

export interface AgentScript {
  /** The task the fake main model hands to Claude Code's Agent tool (the subagent's prompt). */
  prompt: string;
  subagentType?: string;
}

interface AMessage {
  role?: string;
  content?: string | { type?: string; text?: string }[];
}

/** A latest user message (not a tool result) containing AGENT_TRIGGER gets an Agent tool_use. */
export function withAgentScript(route: Route, script: AgentScript): Route {
  return (method, url, body, raw) => {
    if (method !== 'POST' || url.pathname !== '/v1/messages' || !body || typeof body !== 'object') return route(method, url, body, raw);
    const req = body as { model?: string; stream?: boolean; messages?: AMessage[] };
    const last = [...(req.messages ?? [])].reverse().find((m) => m.role === 'user');
    const blocks = typeof last?.content === 'string' ? [{ type: 'text', text: last.content }] : (last?.content ?? []);
    if (blocks.some((b) => b.type === 'tool_result') || !blocks.some((b) => b.type === 'text' && (b.text ?? '').includes(AGENT_TRIGGER))) {
      return route(method, url, body, raw);
    }
    const id = `toolu_agent_${++counter}`;
    const input = { description: 'fake subagent task', prompt: script.prompt, subagent_type: script.subagentType ?? 'general-purpose' };
    const model = req.model ?? 'claude-fake-1';
    const usage = { input_tokens: 10, output_tokens: 10 };
    if (!req.stream) {
      return {
        status: 200,
        json: { id: `msg_agent_${counter}`, type: 'message', role: 'assistant', model, content: [{ type: 'tool_use', id, name: 'Agent', input }], stop_reason: 'tool_use', stop_sequence: null, usage },
      };
    }
    return {
      status: 200,
      sse: [
        sseFrame('message_start', {
          type: 'message_start',
          message: { id: `msg_agent_${counter}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage },
        }),
        sseFrame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id, name: 'Agent', input: {} } }),
        sseFrame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) } }),
        sseFrame('content_block_stop', { type: 'content_block_stop', index: 0 }),
        sseFrame('message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 10 } }),
        sseFrame('message_stop', { type: 'message_stop' }),
      ],
    };
  };
}
