// maestro compress: guards, deterministic validation, and the end-to-end flow with a stub claude binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { refusalFor, sensitiveReason } from '../../../scripts/compress/guards';
import { validate, fencedBlocks } from '../../../scripts/compress/validate';
import { cleanOutput } from '../../../scripts/compress/run';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'maestro.cjs');

const ORIGINAL = `# Project notes

## Build
We basically always run the build with \`npm run build\` before we do anything else, see https://example.com/docs/build for details.
Version 1.14.2 was released on 2026-03-01 and it requires --strict mode and MAESTRO_VERIFY_GATE set.
The hook must finish in under 400ms and the kernel must stay <=8000 bytes; see S7.3 and scripts/build.ts.

\`\`\`sh
npm run build
npm test
\`\`\`

- first point that is really rather long
- second point
`;

const GOOD = `# Project notes

## Build
Always run \`npm run build\` first; details: https://example.com/docs/build.
Version 1.14.2 (2026-03-01) needs --strict and MAESTRO_VERIFY_GATE.
Hook < 400 ms, kernel <= 8,000 bytes; see S7.3, scripts/build.ts.

\`\`\`sh
npm run build
npm test
\`\`\`

- first point, long
- second point
`;

test('secrets-like paths are refused; ordinary notes about tokens are not', () => {
  for (const p of ['.env', '.env.local', 'x/.ssh/notes.md', 'credentials.md', 'secrets.txt', 'id_rsa', 'server.pem', 'my-api-key.md', 'aws_access_key_notes.md', 'db-password.md', 'token.md', 'github_access_token.md']) {
    assert.ok(sensitiveReason(p), `${p} should be sensitive`);
  }
  for (const p of ['token-budget.md', 'notes.md', 'CLAUDE.md', 'tokenizer.md']) assert.equal(sensitiveReason(p), undefined, p);
  assert.match(refusalFor('a/notes.original.md') ?? '', /backup/);
  assert.match(refusalFor('a/NOTES.Original.md') ?? '', /backup/);
  assert.match(refusalFor('a/code.ts') ?? '', /only \.md/);
  assert.equal(refusalFor('a/NOTES'), undefined);
});

test('a faithful compression passes; each kind of loss is caught', () => {
  assert.deepEqual(validate(ORIGINAL, GOOD).errors, []);
  assert.match(validate(ORIGINAL, GOOD.replace('## Build\n', '')).errors.join(), /heading count/);
  assert.match(validate(ORIGINAL, GOOD.replace('npm test', 'npm t')).errors.join(), /byte-identical/);
  assert.match(validate(ORIGINAL, GOOD.replace('https://example.com/docs/build', 'the docs')).errors.join(), /URL set changed; lost https:\/\/example.com\/docs\/build/);
  for (const [needle, repl] of [['1.14.2', '1.14'], ['2026-03-01', 'March'], ['--strict', 'strict'], ['MAESTRO_VERIFY_GATE', 'the gate var'], ['S7.3', 'honesty'], ['scripts/build.ts', 'the build script'], ['`npm run build`', 'npm run build'], ['400 ms', 'fast']]) {
    assert.match(validate(ORIGINAL, GOOD.replace(needle!, repl!)).errors.join(), /lost \d+ exact token/, `dropping ${needle} went unnoticed`);
  }
  assert.deepEqual(validate(ORIGINAL, GOOD.replace('kernel <= 8,000', 'kernel <=8000')).errors, [], 'thresholds ignore spacing and commas');
  assert.deepEqual(validate(ORIGINAL, GOOD + '\nAlso see v2.0.0.\n').errors, [], 'added tokens are fine');
  assert.match(validate(ORIGINAL, GOOD.replace('- second point\n', '')).warnings.join(), /bullet count/);
});

test('the doctrine kernel validates against itself without false positives', () => {
  const kernel = fs.readFileSync(path.join(root, 'AGENTS.md'), 'utf8');
  assert.deepEqual(validate(kernel, kernel), { errors: [], warnings: [] });
});

test('fences follow CommonMark closing rules; an unclosed fence is plain text', () => {
  const doc = '````md\n```\ninner\n```\n````\ntext\n```\nunclosed';
  const f = fencedBlocks(doc);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.text, '````md\n```\ninner\n```\n````');
});

test('a fence around the whole reply is removed unless the file itself starts with one', () => {
  assert.equal(cleanOutput('```markdown\n# A\nb\n```\n', '# A\nlong b\n'), '# A\nb\n');
  assert.equal(cleanOutput('```sh\nls\n```', '```sh\nls\n```\n'), '```sh\nls\n```\n');
});

// ---- end to end through dist/maestro.cjs with a stub claude --------------------------------------

function sandbox(replies: string[]): { dir: string; env: NodeJS.ProcessEnv; calls: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-compress-'));
  const calls = path.join(dir, 'calls');
  replies.forEach((r, i) => fs.writeFileSync(path.join(dir, `reply${i}`), r));
  const stub = path.join(dir, 'fake claude');
  fs.writeFileSync(
    stub,
    `#!${process.execPath}\nconst fs=require('fs');const p=require('path');\n` +
      `if(process.argv[2]!=='--print'){process.stderr.write('bad args');process.exit(3)}\n` +
      `const d=${JSON.stringify(dir)};let n=0;try{n=fs.readFileSync(p.join(d,'calls'),'utf8').length}catch{}\n` +
      `fs.appendFileSync(p.join(d,'calls'),'x');const input=fs.readFileSync(0,'utf8');fs.writeFileSync(p.join(d,'prompt'+n),input);\n` +
      `const f=p.join(d,'reply'+Math.min(n,${replies.length - 1}));process.stdout.write(fs.readFileSync(f,'utf8'));\n`,
    { mode: 0o755 },
  );
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'c'), XDG_STATE_HOME: path.join(dir, 's'), XDG_CACHE_HOME: path.join(dir, 'k'), MAESTRO_CLAUDE_BIN: stub };
  return { dir, env, calls };
}

function compress(file: string, env: NodeJS.ProcessEnv, cwd: string) {
  return spawnSync(process.execPath, [cli, 'compress', file], { env, cwd, encoding: 'utf8' });
}

test('success: file replaced, original kept as <stem>.original.md, sizes reported, prompt on stdin', () => {
  const { dir, env } = sandbox([GOOD]);
  const file = path.join(dir, 'notes.md');
  fs.writeFileSync(file, ORIGINAL);
  const r = compress('notes.md', env, dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`compressed notes.md: ${ORIGINAL.length} -> ${GOOD.length} characters \\(\\d+% saved\\); original kept at .*notes\\.original\\.md`));
  assert.equal(fs.readFileSync(file, 'utf8'), GOOD);
  assert.equal(fs.readFileSync(path.join(dir, 'notes.original.md'), 'utf8'), ORIGINAL);
  assert.ok(fs.readFileSync(path.join(dir, 'prompt0'), 'utf8').includes(ORIGINAL), 'the document travels on stdin');
});

test('an existing backup is refused before claude is called, and nothing changes', () => {
  const { dir, env, calls } = sandbox([GOOD]);
  fs.writeFileSync(path.join(dir, 'notes.md'), ORIGINAL);
  fs.writeFileSync(path.join(dir, 'notes.original.md'), 'older backup');
  const r = compress('notes.md', env, dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /backup notes\.original\.md already exists/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.equal(fs.existsSync(calls), false, 'claude was not called');
  assert.equal(fs.readFileSync(path.join(dir, 'notes.original.md'), 'utf8'), 'older backup');
  assert.equal(fs.readFileSync(path.join(dir, 'notes.md'), 'utf8'), ORIGINAL);
});

test('a bad first answer is repaired in a fix round', () => {
  const { dir, env, calls } = sandbox([GOOD.replace('1.14.2', '1.14'), GOOD]);
  fs.writeFileSync(path.join(dir, 'notes.md'), ORIGINAL);
  const r = compress('notes.md', env, dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.readFileSync(calls, 'utf8').length, 2);
  assert.match(fs.readFileSync(path.join(dir, 'prompt1'), 'utf8'), /failed these checks:\n- lost 1 exact token: version 1\.14\.2/);
});

test('after a failed repair the file is untouched and no backup is left', () => {
  const bad = GOOD.replace('https://example.com/docs/build', 'the docs');
  const { dir, env, calls } = sandbox([bad]);
  const file = path.join(dir, 'notes.md');
  fs.writeFileSync(file, ORIGINAL);
  const r = compress('notes.md', env, dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /failed validation after 1 repair round .*URL set changed.*left unchanged/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.equal(fs.readFileSync(calls, 'utf8').length, 2, 'one compress call and one repair call');
  assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('original')), []);
});

test('refusals exit 1 without calling claude', () => {
  const { dir, env, calls } = sandbox([GOOD]);
  fs.writeFileSync(path.join(dir, '.env.md'), 'KEY=1');
  fs.writeFileSync(path.join(dir, 'big.md'), 'x'.repeat(500_001));
  fs.writeFileSync(path.join(dir, 'app.js'), '1');
  for (const f of ['.env.md', 'big.md', 'app.js', 'missing.md']) {
    const r = compress(f, env, dir);
    assert.equal(r.status, 1, f);
    assert.match(r.stderr, /^maestro: /);
  }
  assert.equal(fs.existsSync(calls), false);
});

test('a failing claude binary leaves everything as it was', () => {
  const { dir, env } = sandbox([GOOD]);
  fs.writeFileSync(path.join(dir, 'notes.md'), ORIGINAL);
  const r = compress('notes.md', { ...env, MAESTRO_CLAUDE_BIN: path.join(dir, 'nope') }, dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /could not start/);
  assert.equal(fs.readFileSync(path.join(dir, 'notes.md'), 'utf8'), ORIGINAL);
  assert.equal(fs.existsSync(path.join(dir, 'notes.original.md')), false);
});
