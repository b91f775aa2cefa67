import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claudeBackend } from '../../../frontier/backends/claude';
import { codexBackend } from '../../../frontier/backends/codex';
import { geminiBackend } from '../../../frontier/backends/gemini';
import { agyBackend } from '../../../frontier/backends/agy';
import { makeCommandBackend } from '../../../frontier/backends/command';
import { NotReadyError } from '../../../frontier/backends/model-env';
import { BUILTIN_MODELS } from '../../../frontier/catalog';
import type { InvocationContext, ModelSpec, RawResult } from '../../../frontier/types';

const PROMPT = 'What is 2+2? secret-prompt-marker';
const ctx = (env: Record<string, string> = {}, extra: Partial<InvocationContext> = {}): InvocationContext => ({ role: 'panel', tmpDir: '/tmp/x', env, ...extra });
const spec = (id: string): ModelSpec => BUILTIN_MODELS.find((m) => m.id === id)!;
const raw = (over: Partial<RawResult>): RawResult => ({ code: 0, signal: null, stdout: '', stderr: '', timedOut: false, aborted: false, truncated: false, wallMs: 5, ...over });

test('claude: print mode, plan permissions, JSON output, prompt only on stdin', () => {
  const inv = claudeBackend.buildInvocation(spec('opus'), PROMPT, ctx());
  assert.equal(inv.bin, 'claude');
  assert.deepEqual(inv.argv, ['-p', '--output-format', 'json', '--permission-mode', 'plan', '--model', 'opus']);
  assert.equal(inv.stdin, PROMPT);
  assert.ok(!inv.argv.join(' ').includes('secret-prompt-marker'));
  assert.equal(claudeBackend.checkArgv(inv.argv), null);
  assert.ok(inv.passEnv.includes('ANTHROPIC_API_KEY') && inv.passEnv.includes('CLAUDE_CONFIG_DIR'));
});

test('claude: MAESTRO_CLAUDE_BIN overrides the binary', () => {
  assert.equal(claudeBackend.buildInvocation(spec('opus'), PROMPT, ctx({ MAESTRO_CLAUDE_BIN: ' /opt/claude ' })).bin, '/opt/claude');
});

test('claude: parses result, usage and cost from the real JSON shape', () => {
  const stdout = JSON.stringify({
    type: 'result', subtype: 'success', is_error: false, duration_ms: 2100, num_turns: 1, result: '```\n4\n```', session_id: 'x',
    total_cost_usd: 0.0123, usage: { input_tokens: 10, cache_creation_input_tokens: 5, cache_read_input_tokens: 100, output_tokens: 7 },
  });
  const p = claudeBackend.parseOutput(raw({ stdout }));
  assert.equal(p.content, '4');
  assert.equal(p.costUsd, 0.0123);
  assert.deepEqual(p.usage, { inputTokens: 115, outputTokens: 7, totalTokens: 122 });
  assert.equal(p.errorClass, undefined);
});

test('claude: is_error results are classified, not returned as content', () => {
  const p = claudeBackend.parseOutput(raw({ code: 1, stdout: JSON.stringify({ type: 'result', subtype: 'success', is_error: true, result: 'Credit balance is too low' }) }));
  assert.equal(p.content, '');
  assert.equal(p.errorClass, 'insufficient_credits');
  const a = claudeBackend.parseOutput(raw({ code: 1, stdout: JSON.stringify({ type: 'result', is_error: true, result: 'Invalid API key · Please run /login' }) }));
  assert.equal(a.errorClass, 'auth');
});

test('claude: a verbose message list is read from its final result event', () => {
  const stdout = JSON.stringify([{ type: 'system' }, { type: 'assistant' }, { type: 'result', is_error: false, result: 'done' }]);
  assert.equal(claudeBackend.parseOutput(raw({ stdout })).content, 'done');
});

test('anthropic-compatible vendors map their key and endpoint through the claude backend', () => {
  const inv = claudeBackend.buildInvocation(spec('glm'), PROMPT, ctx({ ZAI_API_KEY: 'zk-1' }));
  assert.equal(inv.env.ANTHROPIC_BASE_URL, 'https://api.z.ai/api/anthropic');
  assert.equal(inv.env.ANTHROPIC_AUTH_TOKEN, 'zk-1');
  assert.equal(inv.env.ANTHROPIC_API_KEY, 'zk-1');
  for (const k of ['ANTHROPIC_MODEL', 'ANTHROPIC_DEFAULT_OPUS_MODEL', 'ANTHROPIC_DEFAULT_SONNET_MODEL', 'ANTHROPIC_DEFAULT_HAIKU_MODEL', 'CLAUDE_CODE_SUBAGENT_MODEL']) assert.equal(inv.env[k], 'glm-4.6', k);
  assert.deepEqual(inv.argv.slice(-2), ['--model', 'glm-4.6']);
  assert.equal(claudeBackend.buildInvocation(spec('opus'), PROMPT, ctx()).env.ANTHROPIC_MODEL, undefined);
  assert.throws(() => claudeBackend.buildInvocation(spec('deepseek'), PROMPT, ctx()), NotReadyError);
});

test('codex: exec read-only with approvals via -c, ephemeral, -o file, stdin prompt, no --ask-for-approval', () => {
  const inv = codexBackend.buildInvocation(spec('gpt-5.5'), PROMPT, ctx());
  assert.equal(inv.bin, 'codex');
  assert.deepEqual(inv.argv, ['exec', '--skip-git-repo-check', '--sandbox', 'read-only', '-c', 'approval_policy="never"', '--ephemeral', '--color', 'never', '-m', 'gpt-5.5', '-o', '/tmp/x/last-message.txt', '-']);
  assert.ok(!inv.argv.includes('--ask-for-approval'));
  assert.equal(inv.outputFile, '/tmp/x/last-message.txt');
  assert.equal(inv.stdin, PROMPT);
  assert.equal(codexBackend.checkArgv(inv.argv), null);
});

test('codex: the judge gets --output-schema with a schema file', () => {
  const inv = codexBackend.buildInvocation(spec('gpt-5.5'), PROMPT, ctx({}, { role: 'judge', jsonSchema: { type: 'object' } }));
  const i = inv.argv.indexOf('--output-schema');
  assert.ok(i > 0);
  assert.equal(inv.files?.[inv.argv[i + 1]!], '{"type":"object"}');
  assert.equal(inv.argv.at(-1), '-');
});

test('codex: answer from the last-message file, token total from stderr', () => {
  const p = codexBackend.parseOutput(raw({ stdout: 'header noise', outputFileText: 'The answer is 4.\n', stderr: 'OpenAI Codex v0.169.0\n--------\ntokens used\n1,234\n' }));
  assert.equal(p.content, 'The answer is 4.');
  assert.deepEqual(p.usage, { totalTokens: 1234 });
  const e = codexBackend.parseOutput(raw({ code: 1, stderr: 'ERROR: unexpected status 429 Too Many Requests' }));
  assert.equal(e.content, '');
  assert.equal(e.errorClass, 'rate_limited');
});

test('gemini: JSON output, plan approval, model flag, prompt on stdin (not -p)', () => {
  const inv = geminiBackend.buildInvocation(spec('gemini'), PROMPT, ctx());
  assert.deepEqual(inv.argv, ['--output-format', 'json', '--approval-mode', 'plan', '-m', 'gemini-3.1-pro-preview']);
  assert.equal(inv.stdin, PROMPT);
  assert.equal(geminiBackend.checkArgv(inv.argv), null);
  assert.ok(inv.passEnv.includes('GEMINI_API_KEY') && inv.passPrefixes.includes('GOOGLE_'));
});

test('gemini: parses {response, stats} and {error}', () => {
  const ok = geminiBackend.parseOutput(raw({ stdout: JSON.stringify({ response: 'Four.', stats: { models: { 'gemini-3.1-pro-preview': { tokens: { prompt: 20, candidates: 3, total: 23 } }, 'flash-lite': { tokens: { prompt: 5, candidates: 1, total: 6 } } } } }) }));
  assert.equal(ok.content, 'Four.');
  assert.deepEqual(ok.usage, { inputTokens: 25, outputTokens: 4, totalTokens: 29 });
  const bad = geminiBackend.parseOutput(raw({ code: 1, stdout: JSON.stringify({ error: { type: 'ApiError', message: 'Quota exceeded for quota metric requests per minute', code: 429 } }) }));
  assert.equal(bad.errorClass, 'rate_limited');
});

test('agy: JSON print mode with the prompt on stdin, no -p (which would swallow stdin)', () => {
  const inv = agyBackend.buildInvocation(spec('gemini-agy'), PROMPT, ctx({ MAESTRO_AGY_BIN: '/x/agy' }));
  assert.equal(inv.bin, '/x/agy');
  assert.deepEqual(inv.argv, ['--output-format', 'json', '--mode', 'plan']);
  assert.equal(agyBackend.checkArgv(inv.argv), null);
  assert.match(agyBackend.checkArgv(['--output-format', 'json']) ?? '', /--mode/);
  assert.ok(!inv.argv.includes('-p'));
  assert.equal(inv.stdin, PROMPT);
  assert.equal(agyBackend.parseOutput(raw({ stdout: JSON.stringify({ result: { response: 'hi' } }) })).content, 'hi');
});

test('command backend: placeholders, prompt file, JSON field, read-only check', () => {
  const b = makeCommandBackend({ id: 'qwen', bin: 'qwen', args: ['--model', '{model}', '--in', '{promptFile}', '-o', 'json'], model: 'qwen3', prompt: 'file', output: 'json', field: 'data.text', env: ['DASHSCOPE_API_KEY'] });
  const inv = b.buildInvocation({ id: 'qwen', label: 'q', backend: 'command', command: 'qwen' }, PROMPT, ctx());
  assert.deepEqual(inv.argv, ['--model', 'qwen3', '--in', '/tmp/x/prompt.txt', '-o', 'json']);
  assert.equal(inv.stdin, '');
  assert.equal(inv.files?.['/tmp/x/prompt.txt'], PROMPT);
  assert.deepEqual(inv.passEnv, ['DASHSCOPE_API_KEY']);
  assert.equal(b.parseOutput(raw({ stdout: '{"data":{"text":"yo"}}' })).content, 'yo');
  const yolo = makeCommandBackend({ id: 'x', bin: 'x', args: ['--yolo'] });
  assert.match(yolo.checkArgv(['--yolo']) ?? '', /allow writes/);
});

test('read-only check refuses write flags and a missing plan mode, per token', () => {
  assert.match(claudeBackend.checkArgv(['-p', '--output-format', 'json', '--permission-mode', 'bypassPermissions']) ?? '', /allow writes|must be plan/);
  assert.match(claudeBackend.checkArgv(['-p', '--output-format', 'json']) ?? '', /--permission-mode/);
  assert.match(codexBackend.checkArgv(['exec', '--sandbox', 'workspace-write', '-c', 'approval_policy="never"']) ?? '', /allow writes/);
  assert.match(codexBackend.checkArgv(['exec', '--sandbox', 'read-only', '-c', 'sandbox_mode="danger-full-access"', '-c', 'approval_policy="never"']) ?? '', /allow writes/);
  assert.match(geminiBackend.checkArgv(['--output-format', 'json', '--approval-mode', 'yolo']) ?? '', /allow writes|must be plan/);
  // A model id that merely contains a risky word is fine; one that IS a risky token is refused.
  assert.equal(claudeBackend.checkArgv(['-p', '--output-format', 'json', '--permission-mode', 'plan', '--model', 'yolo-7b']), null);
});

test('child env: allowlist, backend credentials, proxies/CA, run id, depth+1; no host-session wiring', async () => {
  const { childEnv } = await import('../../../frontier/spawn');
  const parent = {
    PATH: '/bin', HOME: '/h', HTTPS_PROXY: 'http://proxy:3128', NODE_EXTRA_CA_CERTS: '/ca.pem', SSL_CERT_FILE: '/c.pem',
    ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o', GEMINI_API_KEY: 'g', GOOGLE_CLOUD_PROJECT: 'p', CLAUDE_CONFIG_DIR: '/cc',
    CLAUDE_CODE_SSE_PORT: '1234', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', CLAUDECODE: '1', RANDOM_TOKEN: 'x',
    FUSION_DEPTH: '0', MAESTRO_FRONTIER_PASS_ENV: 'MY_PROVIDER_KEY', MY_PROVIDER_KEY: 'm',
  };
  const claude = childEnv(claudeBackend.buildInvocation(spec('opus'), 'p', ctx(parent)), parent, 'frontier-r-1');
  assert.equal(claude.ANTHROPIC_API_KEY, 'a');
  assert.equal(claude.CLAUDE_CONFIG_DIR, '/cc');
  assert.equal(claude.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC, '1');
  assert.equal(claude.HTTPS_PROXY, 'http://proxy:3128');
  assert.equal(claude.NODE_EXTRA_CA_CERTS, '/ca.pem');
  assert.equal(claude.SSL_CERT_FILE, '/c.pem');
  assert.equal(claude.MY_PROVIDER_KEY, 'm');
  assert.equal(claude.MAESTRO_FRONTIER_RUN_ID, 'frontier-r-1');
  assert.equal(claude.FUSION_DEPTH, '1');
  for (const k of ['OPENAI_API_KEY', 'GEMINI_API_KEY', 'CLAUDE_CODE_SSE_PORT', 'CLAUDECODE', 'RANDOM_TOKEN']) assert.equal(claude[k], undefined, k);
  const codex = childEnv(codexBackend.buildInvocation(spec('gpt-5.5'), 'p', ctx(parent)), parent, 'r');
  assert.equal(codex.OPENAI_API_KEY, 'o');
  assert.equal(codex.ANTHROPIC_API_KEY, undefined);
  const gemini = childEnv(geminiBackend.buildInvocation(spec('gemini'), 'p', ctx(parent)), parent, 'r');
  assert.equal(gemini.GEMINI_API_KEY, 'g');
  assert.equal(gemini.GOOGLE_CLOUD_PROJECT, 'p');
  assert.equal(childEnv(geminiBackend.buildInvocation(spec('gemini'), 'p', ctx(parent)), { ...parent, FUSION_DEPTH: 'junk' }, 'r').FUSION_DEPTH, '1');
});

test('launch plan: node stubs via node, Windows .cmd shims via cmd.exe, metacharacters refused', async () => {
  const { launchPlan } = await import('../../../frontier/spawn');
  assert.deepEqual(launchPlan('/x/stub.cjs', ['-p'], {}), { cmd: process.execPath, args: ['/x/stub.cjs', '-p'] });
  assert.deepEqual(launchPlan('/usr/bin/claude', ['-p'], {}, 'linux'), { cmd: '/usr/bin/claude', args: ['-p'] });
  const w = launchPlan('C:\\npm\\codex.cmd', ['exec', '-c', 'approval_policy=never'], { ComSpec: 'C:\\Windows\\cmd.exe' }, 'win32');
  assert.deepEqual(w, { cmd: 'C:\\Windows\\cmd.exe', args: ['/d', '/v:off', '/s', '/c', 'C:\\npm\\codex.cmd exec -c approval_policy=never'] });
  assert.ok('refused' in launchPlan('C:\\npm\\codex.cmd', ['-c', 'approval_policy="never"'], {}, 'win32'));
});

test('codex: variables named by env_key in config.toml reach the codex child', async () => {
  const { codexEnvKeys } = await import('../../../frontier/backends/codex');
  const toml = 'model = "gpt-5.5"\n[model_providers.fake]\nname = "fake"\nenv_key = "FAKE_PROVIDER_KEY"\n# env_key = "COMMENTED"\n';
  assert.deepEqual(codexEnvKeys(toml), ['FAKE_PROVIDER_KEY']);
  const { buildCatalog } = await import('../../../frontier/catalog');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-codex-'));
  fs.writeFileSync(path.join(home, 'config.toml'), toml);
  const cat = buildCatalog({ HOME: home, CODEX_HOME: home, PATH: '/bin' });
  const { childEnv } = await import('../../../frontier/spawn');
  const parent = { PATH: '/bin', CODEX_HOME: home, FAKE_PROVIDER_KEY: 'v', OTHER: 'x' };
  const env = childEnv(codexBackend.buildInvocation(cat.models.get('gpt-5.5')!.spec, 'p', ctx(parent)), parent, 'r');
  assert.equal(env.FAKE_PROVIDER_KEY, 'v');
  assert.equal(env.OTHER, undefined);
});
