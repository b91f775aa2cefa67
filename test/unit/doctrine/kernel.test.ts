import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { renderDoctrine } from '../../../scripts/build/doctrine';

const root = path.resolve(__dirname, '../../..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const kernel = read('AGENTS.md');

test('the kernel fits the 8,000-byte budget', () => {
  assert.ok(Buffer.byteLength(kernel) <= 8000, `AGENTS.md is ${Buffer.byteLength(kernel)} bytes`);
});

test('the kernel covers S0-S10 and every S7 rule', () => {
  for (const h of ['## S0 ', '## S1 ', '## S2-S6 ', '## S7 ', '## S8 ', '## S9 ', '## S10 ']) assert.ok(kernel.includes(h), `missing heading ${h}`);
  for (const r of ['S7.0', 'S7.1', 'S7.2', 'S7.3', 'S7.4', 'S7.5', 'S7.7']) assert.match(kernel, new RegExp(`\\*\\*${r.replace('.', '\\.')} `), `missing ${r}`);
  assert.match(kernel, /docs\/orchestration\.md/);
});

test('the verdict line template matches the gate parser and names both outcomes', () => {
  const template = '`Maestro · frontier <badge> — files=<n> concerns=<m> -> single-agent|multi-agent — <reason>`';
  assert.ok(kernel.includes(template));
  // The shape hooks parse: Maestro, separator, files=, concerns=, ->, single-agent|multi-agent.
  const parser = /(?:GATE|Maestro)[:\s·].*?files=(\S+)\s+concerns=(\S+)\s*->\s*(single-agent|multi-agent)/;
  const filled = 'Maestro · frontier off — files=3 concerns=1 -> single-agent — one module and its test';
  assert.deepEqual(filled.match(parser)?.slice(1), ['3', '1', 'single-agent']);
  assert.ok(kernel.includes('`on (<mode>/<preset-or-model>)`'));
});

test('the four status tokens are defined and the final message must begin with one', () => {
  for (const t of ['VERIFIED', 'PENDING_REVIEW', 'UNVERIFIED', 'FAIL']) assert.match(kernel, new RegExp(`^- \`${t}\`:`, 'm'));
  assert.match(kernel, /final message begins with exactly one/i);
  assert.match(kernel, /No check run means UNVERIFIED/);
});

test('the multi-agent protocol covers S2-S6 and the manifest contract', () => {
  const doc = read('docs/orchestration.md');
  for (const h of ['## S2 ', '## S3 ', '## S4 ', '## S5 ', '## S6 ']) assert.ok(doc.includes(h), `missing ${h}`);
  for (const f of ['`role`', '`task`', '`files.read`', '`files.modify`', '`output`', '`accept`', '`toolBudget`', '`UPSTREAM`', '`ORIENTATION`', '`ASSUMPTIONS`', '`RULES`', 'subagent_type', 'PASS', 'FAIL']) {
    assert.ok(doc.includes(f), `missing ${f}`);
  }
});

test('CLAUDE.md and GEMINI.md are thin adapters that import the kernel', () => {
  const claude = read('CLAUDE.md');
  const gemini = read('GEMINI.md');
  assert.equal(claude.split('\n')[0], '@AGENTS.md');
  assert.equal(gemini.split('\n')[0], '@./AGENTS.md');
  for (const a of [claude, gemini]) {
    assert.ok(Buffer.byteLength(a) < 1200, 'adapter grew past a thin set of host notes');
    assert.ok(!a.includes('## S1'), 'adapter must not restate kernel sections');
  }
});

test('host rule files are fresh renders of the kernel with the right frontmatter', () => {
  const rendered = renderDoctrine(root);
  for (const rel of ['integrations/cursor/rules/maestro.mdc', 'integrations/windsurf/rules/maestro.md', 'integrations/cline/rules/maestro.md']) {
    const onDisk = read(rel);
    assert.equal(onDisk, rendered.get(rel), `${rel} differs from a fresh render: run npm run build`);
    assert.equal(matter(onDisk).content, kernel, `${rel} body is not the kernel`);
  }
  assert.strictEqual(matter(read('integrations/cursor/rules/maestro.mdc')).data.alwaysApply, true);
  assert.equal(matter(read('integrations/windsurf/rules/maestro.md')).data.trigger, 'always_on');
  assert.ok(read('integrations/windsurf/rules/maestro.md').length <= 12000, 'Windsurf caps a rule at 12,000 characters');
});

test('every generated file on disk equals a fresh render, and no stale generated file remains', () => {
  const rendered = renderDoctrine(root);
  for (const [rel, content] of rendered) assert.equal(read(rel), content, `${rel} is stale: run npm run build`);
  const onDisk: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else onDisk.push(r);
    }
  };
  for (const d of ['commands', 'skills', 'integrations']) walk(d);
  assert.deepEqual(onDisk.filter((r) => !rendered.has(r)), [], 'files in generated dirs that no source renders');
});
