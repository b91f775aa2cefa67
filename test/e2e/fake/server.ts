// Shared plumbing for the fake model servers: an HTTP server on loopback, a JSONL request log
// tests read afterwards, and the answer protocol every provider speaks (marker echo, trigger
// words that turn into a shell tool call, a fixed answer once a tool result comes back).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pickCommand, type CommandPick } from './command-pick';

export type Provider = 'anthropic' | 'openai' | 'gemini';

export interface FakeConfig {
  /** JSONL file: one line per request (method, url, body, reply). */
  logFile: string;
  /** Extra regex sources whose matches count as markers (e.g. "Maestro S1:"). */
  markerPatterns?: string[];
  /** Word in the latest user text that makes the model call its shell tool. */
  triggerWord?: string;
  /** Command the shell tool call runs. */
  shellCommand?: string;
  /** Opt-in: call the shell tool with a command found in the latest user text (see command-pick.ts). */
  commandPicks?: CommandPick[];
}

export const DEFAULT_TRIGGER = 'TRIGGER_SHELL';
export const DEFAULT_SHELL_COMMAND = 'echo fake-shell-ran';
export const AFTER_TOOL_PREFIX = 'FAKE-AFTER-TOOL';
export const REPLY_PREFIX = 'FAKE-REPLY';
const BASE_MARKER = /MARKER-[A-Z0-9-]+/g;

/** Every distinct marker in the text, in order of first appearance. */
export function findMarkers(text: string, extra: readonly string[] = []): string[] {
  const seen = new Set<string>();
  const patterns = [BASE_MARKER, ...extra.map((p) => new RegExp(p, 'g'))];
  for (const re of patterns) for (const m of text.matchAll(re)) seen.add(m[0]);
  return [...seen];
}

/** What the scripted model decided to do for one request. */
export type Decision =
  | { kind: 'text'; text: string }
  | { kind: 'tool'; command: string; text: string };

export interface TurnFacts {
  /** Raw request body text (markers are searched here). */
  body: string;
  /** Text of the latest user turn (trigger words are searched here only). */
  lastUserText: string;
  /** The part of it that is the user's own prompt (last text part), echoed in plain replies. */
  prompt?: string;
  /** True when the latest turn carries a tool result. */
  hasToolResult: boolean;
  /** A short excerpt of the tool result, echoed in the after-tool answer. */
  toolResult?: string;
}

export function decide(facts: TurnFacts, cfg: FakeConfig): Decision {
  const markers = findMarkers(facts.body, cfg.markerPatterns);
  const tail = `markers=[${markers.join(', ')}]`;
  if (facts.hasToolResult) {
    const result = (facts.toolResult ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
    return { kind: 'text', text: `${AFTER_TOOL_PREFIX} result="${result}" ${tail}` };
  }
  const picked = pickCommand(facts.lastUserText, cfg.commandPicks);
  if (picked) return { kind: 'tool', command: picked, text: `calling shell ${tail}` };
  const trigger = cfg.triggerWord ?? DEFAULT_TRIGGER;
  if (facts.lastUserText.includes(trigger)) {
    return { kind: 'tool', command: cfg.shellCommand ?? DEFAULT_SHELL_COMMAND, text: `calling shell ${tail}` };
  }
  const prompt = (facts.prompt ?? facts.lastUserText).replace(/\s+/g, ' ').trim().slice(0, 200);
  return { kind: 'text', text: `${REPLY_PREFIX} prompt="${prompt}" ${tail}` };
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON body, or a list of SSE frames already formatted. */
  json?: unknown;
  sse?: string[];
}

export interface LoggedRequest {
  method: string;
  url: string;
  body: unknown;
  reply: unknown;
}

export type Route = (method: string, url: URL, body: unknown, raw: string) => Reply;

export function sseFrame(event: string | undefined, data: unknown): string {
  return `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export async function startServer(route: Route, cfg: FakeConfig): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        // keep the raw text
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let reply: Reply;
      try {
        reply = route(req.method ?? 'GET', url, body, raw);
      } catch (e) {
        reply = { status: 500, json: { error: { message: `fake server: ${(e as Error).message}` } } };
      }
      const logged: LoggedRequest = { method: req.method ?? '', url: req.url ?? '', body, reply: reply.json ?? reply.sse };
      fs.appendFileSync(cfg.logFile, `${JSON.stringify(logged)}\n`);
      if (reply.sse) {
        res.writeHead(reply.status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
        for (const frame of reply.sse) res.write(frame);
        res.end();
      } else {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.json ?? {}));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function notFound(url: URL): Reply {
  return { status: 404, json: { error: { type: 'not_found_error', message: `fake server has no route for ${url.pathname}` } } };
}

/** Read a request log written by startServer. */
export function readLog(file: string): LoggedRequest[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LoggedRequest);
}
