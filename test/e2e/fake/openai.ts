// Fake OpenAI Responses API as Codex uses it: POST /v1/responses answered as SSE, GET /v1/models.
// The shell tool call is an exec_command function call; its output returns as function_call_output.
import { decide, notFound, sseFrame, startServer, type Decision, type FakeConfig, type Reply, type RunningServer, type TurnFacts } from './server';

interface InputItem {
  type?: string;
  role?: string;
  content?: unknown;
  output?: unknown;
}
interface ResponsesRequest {
  model?: string;
  input?: InputItem[] | string;
}

function itemText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((c: { text?: unknown }) => (typeof c?.text === 'string' ? c.text : '')).join('\n');
}

export function openaiFacts(req: ResponsesRequest, raw: string): TurnFacts {
  const items = typeof req.input === 'string' ? [{ type: 'message', role: 'user', content: req.input }] : (req.input ?? []);
  let lastUser = -1;
  items.forEach((it, i) => {
    if (it.role === 'user' && (it.type === undefined || it.type === 'message')) lastUser = i;
  });
  const after = items.slice(lastUser + 1).filter((it) => it.type === 'function_call_output');
  return {
    body: raw,
    lastUserText: lastUser >= 0 ? itemText(items[lastUser]!.content) : '',
    hasToolResult: after.length > 0,
    toolResult: after.map((it) => (typeof it.output === 'string' ? it.output : JSON.stringify(it.output))).join('\n'),
  };
}

let counter = 0;

function outputItems(d: Decision): Record<string, unknown>[] {
  counter += 1;
  const message = {
    type: 'message',
    id: `msg_fake_${counter}`,
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: d.text, annotations: [] }],
  };
  if (d.kind === 'text') return [message];
  return [
    message,
    { type: 'function_call', id: `fc_fake_${counter}`, call_id: `call_fake_${counter}`, name: 'exec_command', arguments: JSON.stringify({ cmd: d.command }), status: 'completed' },
  ];
}

/** Close a Responses stream: the `response.completed` frame with every output item and fixed usage. */
export function completedReply(frames: string[], base: Record<string, unknown>, items: unknown[]): Reply {
  const usage = { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 10, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 20 };
  frames.push(sseFrame('response.completed', { type: 'response.completed', response: { ...base, status: 'completed', output: items, usage } }));
  return { status: 200, sse: frames };
}

function sseReply(model: string, d: Decision): Reply {
  const id = `resp_fake_${++counter}`;
  const created_at = Math.floor(Date.now() / 1000);
  const base = { id, object: 'response', created_at, model };
  const items = outputItems(d);
  const frames: string[] = [
    sseFrame('response.created', { type: 'response.created', response: { ...base, status: 'in_progress', output: [] } }),
    sseFrame('response.in_progress', { type: 'response.in_progress', response: { ...base, status: 'in_progress', output: [] } }),
  ];
  items.forEach((item, output_index) => {
    if (item.type === 'message') {
      frames.push(sseFrame('response.output_item.added', { type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', content: [] } }));
      frames.push(
        sseFrame('response.output_text.delta', { type: 'response.output_text.delta', item_id: item.id, output_index, content_index: 0, delta: d.text }),
      );
    } else {
      frames.push(sseFrame('response.output_item.added', { type: 'response.output_item.added', output_index, item: { ...item, arguments: '' } }));
      frames.push(
        sseFrame('response.function_call_arguments.delta', {
          type: 'response.function_call_arguments.delta',
          item_id: item.id,
          output_index,
          delta: item.arguments,
        }),
      );
    }
    frames.push(sseFrame('response.output_item.done', { type: 'response.output_item.done', output_index, item }));
  });
  return completedReply(frames, base, items);
}

export function openaiRoute(cfg: FakeConfig) {
  return (method: string, url: URL, body: unknown, raw: string): Reply => {
    if (method === 'GET' && url.pathname === '/v1/models') {
      return { status: 200, json: { object: 'list', data: [{ id: 'gpt-5.5', object: 'model', created: 0, owned_by: 'fake' }] } };
    }
    if (method === 'POST' && url.pathname === '/v1/responses') {
      const req = (body && typeof body === 'object' ? body : {}) as ResponsesRequest;
      return sseReply(req.model ?? 'gpt-5.5', decide(openaiFacts(req, raw), cfg));
    }
    return notFound(url);
  };
}

export function startOpenAI(cfg: FakeConfig): Promise<RunningServer> {
  return startServer(openaiRoute(cfg), cfg);
}
