// Fake Anthropic Messages API: POST /v1/messages (JSON or SSE when stream:true),
// POST /v1/messages/count_tokens, GET /v1/models. The shell tool call is a Bash tool_use.
import { decide, notFound, sseFrame, startServer, type Decision, type FakeConfig, type Reply, type RunningServer, type TurnFacts } from './server';

interface Block {
  type?: string;
  text?: string;
  content?: unknown;
}
interface Message {
  role?: string;
  content?: string | Block[];
}
interface MessagesRequest {
  model?: string;
  messages?: Message[];
  stream?: boolean;
}

function blockText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((b: Block) => (typeof b === 'string' ? b : typeof b.text === 'string' ? b.text : blockText(b.content))).join('\n');
}

export function anthropicFacts(req: MessagesRequest, raw: string): TurnFacts {
  const last = [...(req.messages ?? [])].reverse().find((m) => m.role === 'user');
  const blocks = Array.isArray(last?.content) ? last.content : [];
  const results = blocks.filter((b) => b.type === 'tool_result');
  const texts = typeof last?.content === 'string' ? [last.content] : blocks.filter((b) => b.type === 'text').map((b) => b.text ?? '');
  return {
    body: raw,
    lastUserText: texts.join('\n'),
    prompt: texts.filter((t) => !t.trimStart().startsWith('<system-reminder>')).at(-1),
    hasToolResult: results.length > 0,
    toolResult: results.map((r) => blockText(r.content)).join('\n'),
  };
}

let counter = 0;

function contentBlocks(d: Decision): Record<string, unknown>[] {
  const text = { type: 'text', text: d.text };
  if (d.kind === 'text') return [text];
  counter += 1;
  return [text, { type: 'tool_use', id: `toolu_fake_${counter}`, name: 'Bash', input: { command: d.command, description: 'fake shell call' } }];
}

function jsonReply(model: string, d: Decision): Reply {
  const content = contentBlocks(d);
  return {
    status: 200,
    json: {
      id: `msg_fake_${++counter}`,
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: d.kind === 'tool' ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 10 },
    },
  };
}

function sseReply(model: string, d: Decision): Reply {
  const frames: string[] = [];
  const id = `msg_fake_${++counter}`;
  frames.push(
    sseFrame('message_start', {
      type: 'message_start',
      message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } },
    }),
  );
  contentBlocks(d).forEach((block, index) => {
    if (block.type === 'text') {
      frames.push(sseFrame('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      frames.push(sseFrame('ping', { type: 'ping' }));
      frames.push(sseFrame('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } }));
    } else {
      frames.push(
        sseFrame('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } }),
      );
      frames.push(
        sseFrame('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } }),
      );
    }
    frames.push(sseFrame('content_block_stop', { type: 'content_block_stop', index }));
  });
  frames.push(
    sseFrame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: d.kind === 'tool' ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: 10 },
    }),
  );
  frames.push(sseFrame('message_stop', { type: 'message_stop' }));
  return { status: 200, sse: frames };
}

export function anthropicRoute(cfg: FakeConfig) {
  return (method: string, url: URL, body: unknown, raw: string): Reply => {
    if (method === 'GET' && url.pathname === '/v1/models') {
      return {
        status: 200,
        json: { data: [{ type: 'model', id: 'claude-fake-1', display_name: 'Fake', created_at: '2026-01-01T00:00:00Z' }], has_more: false, first_id: 'claude-fake-1', last_id: 'claude-fake-1' },
      };
    }
    if (method === 'POST' && url.pathname === '/v1/messages/count_tokens') {
      return { status: 200, json: { input_tokens: Math.max(1, Math.ceil(raw.length / 4)) } };
    }
    if (method === 'POST' && url.pathname === '/v1/messages') {
      const req = (body && typeof body === 'object' ? body : {}) as MessagesRequest;
      const d = decide(anthropicFacts(req, raw), cfg);
      const model = req.model ?? 'claude-fake-1';
      return req.stream ? sseReply(model, d) : jsonReply(model, d);
    }
    return notFound(url);
  };
}

export function startAnthropic(cfg: FakeConfig): Promise<RunningServer> {
  return startServer(anthropicRoute(cfg), cfg);
}
