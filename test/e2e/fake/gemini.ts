// Fake Gemini API: models/<m>:generateContent, :streamGenerateContent?alt=sse, :countTokens,
// :embedContent. Requests that ask for JSON output (router, next-speaker check) get an object
// that satisfies their schema. The shell tool call is run_shell_command.
import { decide, notFound, sseFrame, startServer, type Decision, type FakeConfig, type Reply, type RunningServer, type TurnFacts } from './server';

interface Part {
  text?: string;
  functionCall?: unknown;
  functionResponse?: { name?: string; response?: unknown };
}
interface Content {
  role?: string;
  parts?: Part[];
}
interface GenerateRequest {
  contents?: Content[];
  generationConfig?: { responseMimeType?: string; responseJsonSchema?: unknown; responseSchema?: unknown };
}

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minItems?: number;
  minimum?: number;
  maximum?: number;
};

/** Smallest value satisfying a JSON schema (OpenAPI-style upper-case types accepted). */
export function sampleFor(schema: Schema | undefined): unknown {
  if (!schema || typeof schema !== 'object') return {};
  if (Array.isArray(schema.enum) && schema.enum.length) {
    // "user" first keeps the next-speaker check from asking the model to continue forever.
    return schema.enum.includes('user') ? 'user' : schema.enum[0];
  }
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return sampleFor(alt[0]);
  const t = String(Array.isArray(schema.type) ? schema.type[0] : (schema.type ?? 'object')).toLowerCase();
  switch (t) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = sampleFor(v);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleFor(schema.items));
    case 'string':
      return 'fake';
    case 'integer':
    case 'number':
      return schema.minimum ?? Math.min(0, schema.maximum ?? 0);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

export function geminiFacts(req: GenerateRequest, raw: string): TurnFacts {
  const last = [...(req.contents ?? [])].reverse().find((c) => c.role === 'user' || c.role === undefined);
  const parts = last?.parts ?? [];
  const responses = parts.filter((p) => p.functionResponse);
  return {
    body: raw,
    lastUserText: parts.map((p) => p.text ?? '').join('\n'),
    prompt: parts.filter((p) => typeof p.text === 'string' && !p.text.trimStart().startsWith('<session_context>')).at(-1)?.text,
    hasToolResult: responses.length > 0,
    toolResult: responses.map((p) => JSON.stringify(p.functionResponse?.response ?? {})).join('\n'),
  };
}

function candidate(parts: Record<string, unknown>[]) {
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 10, totalTokenCount: 20 },
    modelVersion: 'gemini-fake',
  };
}

function partsFor(d: Decision): Record<string, unknown>[] {
  if (d.kind === 'text') return [{ text: d.text }];
  return [{ text: d.text }, { functionCall: { name: 'run_shell_command', args: { command: d.command, description: 'fake shell call' } } }];
}

export function geminiRoute(cfg: FakeConfig) {
  return (method: string, url: URL, body: unknown, raw: string): Reply => {
    const m = /^\/v1(?:beta|alpha)?\/models\/([^:/]+):(\w+)$/.exec(url.pathname);
    if (method === 'GET' && /^\/v1(beta)?\/models$/.test(url.pathname)) {
      return { status: 200, json: { models: [{ name: 'models/gemini-2.5-pro', supportedGenerationMethods: ['generateContent'] }] } };
    }
    if (method !== 'POST' || !m) return notFound(url);
    const req = (body && typeof body === 'object' ? body : {}) as GenerateRequest;
    const action = m[2];
    if (action === 'countTokens') return { status: 200, json: { totalTokens: Math.max(1, Math.ceil(raw.length / 4)) } };
    if (action === 'embedContent') return { status: 200, json: { embedding: { values: [0, 0, 0] } } };
    if (action !== 'generateContent' && action !== 'streamGenerateContent') return notFound(url);
    const gc = req.generationConfig ?? {};
    const schema = gc.responseJsonSchema ?? gc.responseSchema;
    const payload =
      gc.responseMimeType === 'application/json' || schema
        ? candidate([{ text: JSON.stringify(sampleFor(schema as Schema | undefined)) }])
        : candidate(partsFor(decide(geminiFacts(req, raw), cfg)));
    if (action === 'generateContent') return { status: 200, json: payload };
    if (url.searchParams.get('alt') === 'sse') return { status: 200, sse: [sseFrame(undefined, payload)] };
    return { status: 200, json: [payload] };
  };
}

export function startGemini(cfg: FakeConfig): Promise<RunningServer> {
  return startServer(geminiRoute(cfg), cfg);
}
