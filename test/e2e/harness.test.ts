// The harness itself: fake servers speak each wire protocol, the answer protocol holds, output
// parsers read real CLI output shapes, and a broken host install fails loudly instead of skipping.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { startAnthropic } from './fake/anthropic';
import { sampleFor, startGemini } from './fake/gemini';
import { startOpenAI } from './fake/openai';
import { findMarkers, readLog, type RunningServer } from './fake/server';
import { dropTable, trustTables } from './lib/codex-trust';
import { ensureHosts, installProblem, lockHash, nonLoopback, parseConnects, parseValidate, PINNED } from './lib';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-e2e-harness-'));
const servers: RunningServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function post(port: number, url: string, body: unknown): Promise<{ status: number; text: string; type: string }> {
  const r = await fetch(`http://127.0.0.1:${port}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, text: await r.text(), type: r.headers.get('content-type') ?? '' };
}

function sseData(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>);
}

describe('answer protocol', () => {
  test('markers: the built-in pattern plus configured extra patterns, each once, in order', () => {
    const text = 'x MARKER-A y Maestro S1: before MARKER-B-2 MARKER-A';
    assert.deepEqual(findMarkers(text, ['Maestro S1:']), ['MARKER-A', 'MARKER-B-2', 'Maestro S1:']);
    assert.deepEqual(findMarkers('nothing here'), []);
  });

  test('gemini schema sampler satisfies enums, minimums and nested required objects', () => {
    const v = sampleFor({
      type: 'OBJECT',
      properties: {
        next_speaker: { type: 'STRING', enum: ['model', 'user'] },
        score: { type: 'integer', minimum: 1, maximum: 100 },
        nested: { type: 'object', properties: { ok: { type: 'boolean' } } },
        list: { type: 'array', items: { type: 'string' }, minItems: 1 },
      },
    });
    assert.deepEqual(v, { next_speaker: 'user', score: 1, nested: { ok: false }, list: ['fake'] });
  });
});

describe('fake servers', () => {
  test('anthropic: SSE stream with a Bash tool_use on the trigger word, after-tool answer on a tool_result, JSON otherwise', async () => {
    const logFile = path.join(tmp, 'anthropic.jsonl');
    const s = await startAnthropic({ logFile, markerPatterns: ['Maestro S1:'] });
    servers.push(s);
    const tool = await post(s.port, '/v1/messages?beta=true', {
      model: 'm',
      stream: true,
      system: 'Maestro S1: hi',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'go TRIGGER_SHELL MARKER-T' }] }],
    });
    assert.match(tool.type, /text\/event-stream/);
    const events = sseData(tool.text).map((e) => e.type);
    assert.deepEqual(events.slice(0, 2), ['message_start', 'content_block_start']);
    assert.equal(events.at(-1), 'message_stop');
    const toolStart = sseData(tool.text).find((e) => (e.content_block as { type?: string })?.type === 'tool_use');
    assert.equal((toolStart?.content_block as { name?: string }).name, 'Bash');
    const partial = sseData(tool.text).find((e) => (e.delta as { type?: string })?.type === 'input_json_delta');
    assert.equal(JSON.parse((partial?.delta as { partial_json: string }).partial_json).command, 'echo fake-shell-ran');

    const afterTool = await post(s.port, '/v1/messages', {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'out-123' }] }],
    });
    const json = JSON.parse(afterTool.text) as { content: { text: string }[]; stop_reason: string };
    assert.equal(json.stop_reason, 'end_turn');
    assert.match(json.content[0]!.text, /^FAKE-AFTER-TOOL result="out-123"/);

    const count = await post(s.port, '/v1/messages/count_tokens', { messages: [] });
    assert.ok((JSON.parse(count.text) as { input_tokens: number }).input_tokens > 0);
    assert.equal((await fetch(`http://127.0.0.1:${s.port}/v1/models`)).status, 200);
    assert.equal((await post(s.port, '/v1/other', {})).status, 404);
    const log = readLog(logFile);
    assert.equal(log.length, 5);
    assert.match(JSON.stringify(log[0]!.reply), /MARKER-T, Maestro S1:/);
  });

  test('openai: Responses SSE ends with response.completed; trigger word yields an exec_command function call', async () => {
    const s = await startOpenAI({ logFile: path.join(tmp, 'openai.jsonl') });
    servers.push(s);
    const r = await post(s.port, '/v1/responses', {
      model: 'gpt-5.5',
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'TRIGGER_SHELL' }] }],
    });
    const events = sseData(r.text);
    assert.equal(events[0]!.type, 'response.created');
    assert.equal(events.at(-1)!.type, 'response.completed');
    const call = events.find((e) => e.type === 'response.output_item.done' && (e.item as { type: string }).type === 'function_call');
    assert.equal((call?.item as { name: string }).name, 'exec_command');
    assert.deepEqual(JSON.parse((call?.item as { arguments: string }).arguments), { cmd: 'echo fake-shell-ran' });

    const after = await post(s.port, '/v1/responses', {
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'TRIGGER_SHELL' }] },
        { type: 'function_call', call_id: 'c1', name: 'exec_command', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'done-42' },
      ],
    });
    assert.match(JSON.stringify(sseData(after.text)), /FAKE-AFTER-TOOL result=\\"done-42\\"/);
  });

  test('gemini: JSON-schema requests get a schema-shaped object; streams use SSE; countTokens answers', async () => {
    const s = await startGemini({ logFile: path.join(tmp, 'gemini.jsonl') });
    servers.push(s);
    const routed = await post(s.port, '/v1beta/models/flash:generateContent', {
      contents: [{ role: 'user', parts: [{ text: 'classify' }] }],
      generationConfig: { responseMimeType: 'application/json', responseJsonSchema: { type: 'object', properties: { model_choice: { enum: ['flash', 'pro'] } } } },
    });
    const text = (JSON.parse(routed.text) as { candidates: { content: { parts: { text: string }[] } }[] }).candidates[0]!.content.parts[0]!.text;
    assert.deepEqual(JSON.parse(text), { model_choice: 'flash' });
    const stream = await post(s.port, '/v1beta/models/pro:streamGenerateContent?alt=sse', { contents: [{ role: 'user', parts: [{ text: 'TRIGGER_SHELL' }] }] });
    const parts = (sseData(stream.text)[0] as { candidates: { content: { parts: Record<string, unknown>[] } }[] }).candidates[0]!.content.parts;
    assert.equal((parts.find((p) => p.functionCall)?.functionCall as { name: string }).name, 'run_shell_command');
    const tokens = await post(s.port, '/v1beta/models/pro:countTokens', { contents: [] });
    assert.ok((JSON.parse(tokens.text) as { totalTokens: number }).totalTokens > 0);
  });
});

describe('parsers', () => {
  test('egress audit: strace connect lines -> addresses; loopback filtered out', () => {
    const trace = [
      '1 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.53")}, 16) = -1 ENETUNREACH',
      '1 connect(4, {sa_family=AF_INET, sin_port=htons(4000), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      '2 connect(5, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = -1',
      '2 connect(6, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT',
    ].join('\n');
    const c = parseConnects(trace);
    assert.deepEqual(c, ['AF_INET 10.0.0.53:53', 'AF_INET 127.0.0.1:4000', 'AF_INET6 [2001:db8::1]:443']);
    assert.deepEqual(nonLoopback(c), ['AF_INET 10.0.0.53:53', 'AF_INET6 [2001:db8::1]:443']);
  });

  test('claude plugin validate output: validation findings apart from plugin-directory findings', () => {
    const out = [
      'Validating plugin: /x',
      '',
      '⚠ Found 1 warning:',
      '',
      '  ❯ root: CLAUDE.md at the plugin root is not loaded as project context.',
      '',
      'Provides:',
      '  ❯ skills: maestro:maestro',
      'Plugin directory checks for /x.',
      '✘ Found 1 problem the plugin directory refuses a submission for:',
      '  ❯ README.md: README missing',
      '⚠ Found 1 plugin directory warning:',
      '  ❯ icon: No icon',
      '✔ Validation passed with warnings',
    ].join('\n');
    const f = parseValidate(out);
    assert.equal(f.passed, true);
    assert.deepEqual(f.errors, []);
    assert.deepEqual(f.warnings, ['root: CLAUDE.md at the plugin root is not loaded as project context.']);
    assert.deepEqual(f.directoryProblems, ['README.md: README missing']);
    assert.deepEqual(f.directoryWarnings, ['icon: No icon']);
  });

  test('codex trust tables: handler and content hashes split, stale tables replaced, trusted hooks left alone', () => {
    const base = 'model = "x"\n\n[hooks.state."p@m:hooks/hooks.json:stop:0:0"]\ntrusted_hash = "sha256:old"\n\n[other]\nk = 1\n';
    const { toml, trusted } = trustTables(base, [
      { key: 'p@m:hooks/hooks.json:stop:0:0', trustStatus: 'modified', currentHash: 'sha256:aaa/sha256:bbb' },
      { key: 'p@m:hooks/hooks.json:session_start:0:0', trustStatus: 'trusted', currentHash: 'sha256:ccc/sha256:ddd' },
    ]);
    assert.deepEqual(trusted, ['p@m:hooks/hooks.json:stop:0:0']);
    assert.equal(toml.match(/\[hooks\.state\./g)?.length, 1);
    assert.match(toml, /\[hooks\.state\."p@m:hooks\/hooks\.json:stop:0:0"\]\ntrusted_hash = "sha256:aaa"\ntrusted_content_hash = "sha256:bbb"\n/);
    assert.doesNotMatch(toml, /sha256:old/);
    assert.match(toml, /\[other\]\nk = 1/);
    assert.equal(dropTable('[a]\nx=1\n[b]\ny=2', '[a]'), '[b]\ny=2');
  });
});

describe('pinned hosts', () => {
  test('the manifest pins exactly the three host CLIs, and the lockfile matches it', () => {
    const dir = path.join(__dirname, 'hosts');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.deepEqual(manifest.dependencies, Object.fromEntries(Object.values(PINNED).map((p) => [p.pkg, p.version])));
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    for (const p of Object.values(PINNED)) assert.equal(lock.packages[`node_modules/${p.pkg}`]?.version, p.version);
    assert.match(lockHash(), /^[0-9a-f]{16}$/);
  });

  test('an unusable install fails loudly with the reason instead of skipping', () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'hosts-'));
    assert.match(installProblem(empty) ?? '', /is not installed/);
    // Offline npm with an empty cache cannot install: ensureHosts must throw, naming the dir.
    const env = { ...process.env, MAESTRO_E2E_HOSTS_DIR: empty, npm_config_offline: 'true', npm_config_cache: path.join(tmp, 'npm-cache') };
    assert.throws(() => ensureHosts(env), (e: Error) => e.message.includes(empty) && /npm ci/.test(e.message));
  });
});
