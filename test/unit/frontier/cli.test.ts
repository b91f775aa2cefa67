// Process tests: dist/maestro.cjs with stub CLIs on PATH (rebuild with `npm run build` first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { alive, maestro, sandbox } from './fixtures/harness';

const waitFor = async (pred: () => boolean, ms = 5000): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return pred();
};

test('--help works on frontier and its subcommands', async () => {
  const sb = sandbox();
  for (const args of [['frontier', '--help'], ['frontier', 'run', '--help'], ['frontier', 'mode', 'fusion', '--help'], ['frontier', 'runs', 'show', '--help']]) {
    const r = await maestro(sb, args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /Usage: maestro frontier/);
  }
});

test('catalog never prints configured ids, env values or binary paths', async () => {
  const sb = sandbox();
  const env = { MAESTRO_FRONTIER_MODEL_TERRA: 'internal-model-xyz', MAESTRO_CODEX_BIN: path.join(sb.bin, 'codex'), ZAI_API_KEY: 'zai-secret-value' };
  for (const args of [['frontier', 'catalog'], ['frontier', 'catalog', '--json'], ['frontier', 'roster'], ['frontier', 'roster', '--json']]) {
    const r = await maestro(sb, args, { env });
    assert.equal(r.code, 0);
    for (const leak of ['internal-model-xyz', 'zai-secret-value', sb.bin, 'sk-ant-stub']) assert.ok(!r.stdout.includes(leak), `${args.join(' ')} leaked ${leak}`);
  }
  const j = JSON.parse((await maestro(sb, ['frontier', 'catalog', '--json'], { env })).stdout);
  const terra = j.models.find((m: { id: string }) => m.id === 'terra');
  assert.equal(terra.ready, true);
  assert.equal(j.models.find((m: { id: string }) => m.id === 'opus').ready, true);
  assert.deepEqual(j.models.find((m: { id: string }) => m.id === 'gemini-agy').reasons, ['binary-not-found']);
});

test('mode is validated when armed; a failed state write is an error', async () => {
  const sb = sandbox();
  let r = await maestro(sb, ['frontier', 'mode', 'single', 'nosuch']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown model "nosuch"/);
  r = await maestro(sb, ['frontier', 'mode', 'single', 'gemini-agy']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not ready \(binary-not-found\)/);
  r = await maestro(sb, ['frontier', 'mode', 'fusion', 'custom']);
  assert.equal(r.code, 2);
  r = await maestro(sb, ['frontier', 'mode', 'fusion', 'custom', '--models', Array(9).fill('opus').join(',')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /1 to 8/);
  r = await maestro(sb, ['frontier', 'mode', 'fusion', 'opus-gpt', '--models', 'opus']);
  assert.equal(r.code, 2);
  r = await maestro(sb, ['frontier', 'mode', 'fusion', 'custom', '--models', 'claude,gemini', '--judge', 'gpt']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /armed: fusion · custom \(opus, gemini\)[\s\S]*judge: gpt-5\.5/);
  r = await maestro(sb, ['frontier', 'mode', 'fusion', 'opus-gpt']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /armed: fusion · opus-gpt/);
  r = await maestro(sb, ['frontier', 'status', '--json']);
  assert.equal(JSON.parse(r.stdout).state.preset, 'opus-gpt');
  // Config dir unwritable -> exit 1 and no "armed" claim.
  fs.rmSync(path.join(sb.env.XDG_CONFIG_HOME!), { recursive: true, force: true });
  fs.writeFileSync(sb.env.XDG_CONFIG_HOME!, 'not a dir');
  r = await maestro(sb, ['frontier', 'mode', 'single', 'opus']);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stdout, /armed/);
});

test('compose: dry run writes nothing; --save stores a preset and arms custom', async () => {
  const sb = sandbox();
  let r = await maestro(sb, ['frontier', 'compose', '--models', 'claude,chatgpt,gemini', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /panel: opus, gpt-5.5, gemini\njudge: opus\nsynth: opus/);
  assert.ok(!fs.existsSync(path.join(sb.env.XDG_CONFIG_HOME!, 'maestro', 'frontier-state.json')));
  r = await maestro(sb, ['frontier', 'compose', '--models', 'opus,gemini', '--synth', 'gpt-5.5', '--save', 'mix']);
  assert.equal(r.code, 0, r.stderr);
  r = await maestro(sb, ['frontier', 'preset', 'list']);
  assert.match(r.stdout, /mix models=opus,gemini judge=opus synth=gpt-5.5/);
  r = await maestro(sb, ['frontier', 'status']);
  assert.match(r.stdout, /fusion custom \(opus, gemini\)/);
  r = await maestro(sb, ['frontier', 'preset', 'delete', 'mix']);
  assert.equal(r.code, 0);
  r = await maestro(sb, ['frontier', 'preset', 'delete', 'mix']);
  assert.equal(r.code, 1);
});

test('run: off mode says so and exits 0; empty prompt refused', async () => {
  const sb = sandbox();
  let r = await maestro(sb, ['frontier', 'run', 'hello']);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /engine is off/);
  assert.equal(r.stdout, '');
  await maestro(sb, ['frontier', 'mode', 'single', 'opus']);
  r = await maestro(sb, ['frontier', 'run'], { input: '   \n' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /prompt is empty/);
  assert.equal(sb.calls().length, 0);
});

test('fusion end to end through the CLI with stub claude, codex and gemini', async () => {
  const sb = sandbox();
  let r = await maestro(sb, ['frontier', 'mode', 'fusion', 'frontier-trio']);
  assert.equal(r.code, 0, r.stderr);
  r = await maestro(sb, ['frontier', 'run', '-'], { input: 'What is two plus two? PROMPT-MARKER' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'SYNTH of 3 answers\n');
  assert.match(r.stderr, /asking opus, gpt-5\.5, gemini/);
  assert.match(r.stderr, /3\/3/);
  assert.match(r.stderr, /comparing answers with opus/);
  const calls = sb.calls();
  assert.deepEqual(calls.map((c) => `${c.kind}:${c.role}`).sort(), ['claude:judge', 'claude:panel', 'claude:synth', 'codex:panel', 'gemini:panel']);
  const runIds = new Set(calls.map((c) => c.runId));
  assert.equal(runIds.size, 1);
  for (const c of calls) {
    assert.ok(!JSON.stringify(c.argv).includes('PROMPT-MARKER'), 'prompt never in argv');
    assert.ok(!/stub-key/.test(JSON.stringify(c.argv)), 'credentials never in argv');
    assert.equal(c.depth, '1');
    assert.ok(!c.envKeys.includes('UNRELATED_SECRET'), 'env is an allowlist');
  }
  const codex = calls.find((c) => c.kind === 'codex')!;
  assert.equal(codex.openaiKey, 'sk-openai-stub-key-0002');
  assert.equal(codex.anthropicKey, undefined, 'claude credentials do not leak to codex');
  assert.equal(calls.find((c) => c.kind === 'claude')!.anthropicKey, 'sk-ant-stub-key-0001');
  assert.ok(!codex.argv.includes('--ask-for-approval'));

  // Run record
  r = await maestro(sb, ['frontier', 'runs', 'list', '--json']);
  const list = JSON.parse(r.stdout);
  assert.equal(list.length, 1);
  const id = list[0].id;
  assert.equal(id, [...runIds][0]);
  r = await maestro(sb, ['frontier', 'runs', 'show', id, '--json']);
  const rec = JSON.parse(r.stdout);
  assert.equal(rec.status, 'ok');
  assert.deepEqual(rec.members.map((m: { backend: string; ok: boolean }) => `${m.backend}:${m.ok}`), ['claude:true', 'codex:true', 'gemini:true']);
  assert.equal(rec.members[1].usage.totalTokens, 42);
  assert.equal(rec.members[0].costUsd, 0.002);
  assert.deepEqual(rec.stages.map((s: { stage: string }) => s.stage), ['judge', 'synth']);
  const recText = fs.readFileSync(path.join(sb.env.XDG_STATE_HOME!, 'maestro', 'runs', `${id}.json`), 'utf8');
  for (const leak of ['PROMPT-MARKER', 'sk-ant-stub', 'sk-openai-stub', 'gemini-stub-key']) assert.ok(!recText.includes(leak), `record leaked ${leak}`);
  assert.ok(!fs.existsSync(path.join(sb.env.XDG_CONFIG_HOME!, 'maestro', 'frontier-progress.json')), 'progress file removed after the run');
  r = await maestro(sb, ['frontier', 'runs', 'show', id]);
  assert.match(r.stdout, /judge\s+opus/);
  // --json result object
  r = await maestro(sb, ['frontier', 'run', '--json', 'again'], {});
  const res = JSON.parse(r.stdout);
  assert.equal(res.status, 'ok');
  assert.equal(res.responses.length, 3);
  assert.ok(res.analysis.consensus);
});

test('a failing member degrades, all failing gives a typed reason and exit 1', async () => {
  const sb = sandbox();
  await maestro(sb, ['frontier', 'mode', 'fusion', 'frontier-trio']);
  sb.config({ gemini: { exit: 1, stderr: 'Error: 429 Too Many Requests' } });
  let r = await maestro(sb, ['frontier', 'run', '--json', 'q']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).failed_models, [{ model: 'gemini', reason: 'rate_limited' }]);
  sb.config({ '*': { exit: 1, stderr: 'Your credit balance is too low' } });
  r = await maestro(sb, ['frontier', 'run', 'q']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /frontier run failed \[insufficient_credits\]/);
  assert.ok(!r.stderr.includes('Your credit balance'), 'CLI error text is classified, not echoed');
});

test('timeout kills the member and its grandchildren', async () => {
  const sb = sandbox();
  await maestro(sb, ['frontier', 'mode', 'single', 'opus']);
  sb.config({ claude: { hang: true, grandchild: true } });
  const r = await maestro(sb, ['frontier', 'run', '--timeout', '1s', 'q']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /\[timeout\]/);
  const pid = Number(fs.readFileSync(path.join(sb.bin, 'grandchild-claude.pid'), 'utf8'));
  assert.ok(await waitFor(() => !alive(pid), 2000), `grandchild ${pid} still running`);
});

test('Ctrl-C stops every member tree and exits 130', async () => {
  const sb = sandbox();
  await maestro(sb, ['frontier', 'mode', 'fusion', 'opus-gpt']);
  sb.config({ '*': { hang: true, grandchild: true } });
  let parent = 0;
  const run = maestro(sb, ['frontier', 'run', 'q'], { onStart: (p) => (parent = p) });
  const pidFiles = ['claude', 'codex'].map((k) => path.join(sb.bin, `grandchild-${k}.pid`));
  assert.ok(await waitFor(() => pidFiles.every((f) => fs.existsSync(f))), 'members started');
  const progress = JSON.parse(fs.readFileSync(path.join(sb.env.XDG_CONFIG_HOME!, 'maestro', 'frontier-progress.json'), 'utf8'));
  assert.equal(progress.phase, 'panel');
  assert.equal(progress.total, 2);
  assert.equal(progress.pid, parent);
  assert.ok(!/stub-key|sk-/.test(JSON.stringify(progress)), 'no secrets in the progress file');
  process.kill(parent, 'SIGINT');
  const r = await run;
  assert.equal(r.code, 130);
  assert.match(r.stderr, /interrupted/);
  for (const f of pidFiles) {
    const pid = Number(fs.readFileSync(f, 'utf8'));
    assert.ok(await waitFor(() => !alive(pid), 2000), `grandchild ${pid} survived Ctrl-C`);
  }
});

test('5 MiB answers parse; invalid UTF-8 does not crash', async () => {
  const sb = sandbox();
  await maestro(sb, ['frontier', 'mode', 'single', 'opus']);
  sb.config({ claude: { bigOutput: 5 * 1024 * 1024 } });
  let r = await maestro(sb, ['frontier', 'run', 'q']);
  assert.equal(r.code, 0, r.stderr.slice(0, 300));
  assert.equal(r.stdout.length, 5 * 1024 * 1024 + 1);
  const bad = Buffer.concat([Buffer.from('{"type":"result","is_error":false,"result":"ok '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
  sb.config({ claude: { rawStdout: bad.toString('base64') } });
  r = await maestro(sb, ['frontier', 'run', 'q']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ok /);
});

test('a panel member cannot start another run (FUSION_DEPTH)', async () => {
  const sb = sandbox();
  await maestro(sb, ['frontier', 'mode', 'single', 'opus']);
  const r = await maestro(sb, ['frontier', 'run', 'q'], { env: { FUSION_DEPTH: '1' } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /fusion_invocation_capped/);
  assert.equal(sb.calls().length, 0);
});

test('user-defined command backend from frontier-backends.json', async () => {
  const sb = sandbox(['claude', 'mytool']);
  fs.mkdirSync(path.join(sb.env.XDG_CONFIG_HOME!, 'maestro'), { recursive: true });
  fs.writeFileSync(
    path.join(sb.env.XDG_CONFIG_HOME!, 'maestro', 'frontier-backends.json'),
    JSON.stringify({ models: [{ id: 'mine', bin: 'mytool', args: ['--model', '{model}'], model: 'm1', output: 'json', field: 'response' }] }),
  );
  let r = await maestro(sb, ['frontier', 'mode', 'single', 'mine']);
  assert.equal(r.code, 0, r.stderr);
  r = await maestro(sb, ['frontier', 'run', 'q']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'answer from mytool/m1\n');
  fs.writeFileSync(path.join(sb.env.XDG_CONFIG_HOME!, 'maestro', 'frontier-backends.json'), '{"models":[{"id":"BAD ID"}]}');
  r = await maestro(sb, ['frontier', 'catalog']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /frontier-backends\.json ignored/);
});

test('--deadline: a hanging member is stopped (tree killed) and the run continues with the rest', async () => {
  const sb = sandbox();
  await maestro(sb, ['frontier', 'mode', 'fusion', 'frontier-trio']);
  sb.config({ gemini: { hang: true, grandchild: true } });
  const r = await maestro(sb, ['frontier', 'run', '--json', '--deadline', '1500ms', 'q']);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.equal(res.final, 'SYNTH of 2 answers');
  assert.deepEqual(res.failed_models, [{ model: 'gemini', reason: 'cancelled' }]);
  assert.match(r.stderr, /stopped waiting for gemini \(deadline reached\)/);
  assert.ok(r.ms < 10_000);
  const pid = Number(fs.readFileSync(path.join(sb.bin, 'grandchild-gemini.pid'), 'utf8'));
  assert.ok(await waitFor(() => !alive(pid), 2000), 'straggler grandchild killed');
});

test('limits set with mode are stored, shown by status and kept across mode changes', async () => {
  const sb = sandbox();
  let r = await maestro(sb, ['frontier', 'mode', 'single', 'opus', '--timeout', '90s', '--quorum', '2']);
  assert.equal(r.code, 0, r.stderr);
  r = await maestro(sb, ['frontier', 'mode', 'fusion', 'opus-gpt']);
  r = await maestro(sb, ['frontier', 'status', '--json']);
  const st = JSON.parse(r.stdout).state;
  assert.equal(st.timeoutMs, 90_000);
  assert.equal(st.quorum, 2);
  r = await maestro(sb, ['frontier', 'mode', 'single', 'opus', '--timeout', 'soon']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a duration/);
});
