// Per target: which files land where, in the host's format, and install -> uninstall is byte-identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import toml from 'toml';
import { TARGET_IDS, type TargetId } from '../../../scripts/install/types';
import { exists, read, sandbox, snapshot } from './helpers';

const REPO = path.resolve(__dirname, '../../..');
const SHARED = ['AGENTS.md', '.maestro/bin/maestro.cjs', '.maestro/docs/orchestration.md', '.maestro/install-manifest.json'];
const SKILLS = ['maestro', 'maestro-frontier', 'maestro-settings', 'maestro-terse', 'maestro-update', 'terse'].map((n) => `.agents/skills/${n}/SKILL.md`);

const EXPECTED: Record<TargetId, string[]> = {
  claude: ['CLAUDE.md'],
  codex: SKILLS,
  cursor: ['.cursor/rules/maestro.mdc', '.cursor/commands/maestro-frontier.md'],
  gemini: ['GEMINI.md', '.gemini/commands/maestro/frontier.toml'],
  windsurf: ['.windsurf/rules/maestro.md', '.windsurf/workflows/maestro-frontier.md'],
  cline: ['.clinerules/maestro.md', '.clinerules/workflows/maestro-frontier.md'],
  copilot: ['.github/prompts/maestro-frontier.prompt.md'],
  opencode: SKILLS,
  antigravity: SKILLS,
};

function files(dir: string): string[] {
  return Object.keys(snapshot(dir)).filter((k) => !k.endsWith('/')).sort();
}

for (const target of TARGET_IDS) {
  test(`${target}: installs exactly its files, then uninstall leaves the project byte-identical`, () => {
    const sb = sandbox({ 'README.md': '# app\n', 'docs/orchestration.md': 'the user\'s own doc\n' });
    const before = snapshot(sb.project);
    const r = sb.install({ targets: [target] });
    assert.equal(r.code, 0, sb.text());
    assert.deepEqual(files(sb.project), [...new Set(['README.md', 'docs/orchestration.md', ...SHARED, ...EXPECTED[target]])].sort());
    // Never generic project paths; the user's docs/ is untouched.
    assert.equal(read(sb, 'docs/orchestration.md'), "the user's own doc\n");
    for (const p of ['bin', 'settings', 'frontier']) assert.equal(exists(sb, p), false);
    // The engine is the running bundle, executable.
    const engine = path.join(sb.project, '.maestro/bin/maestro.cjs');
    assert.ok(fs.readFileSync(engine).equals(fs.readFileSync(path.join(REPO, 'dist/maestro.cjs'))));
    assert.equal(fs.statSync(engine).mode & 0o111, 0o111);
    const u = sb.uninstall();
    assert.equal(u.code, 0, sb.text());
    assert.deepEqual(snapshot(sb.project), before);
  });
}

test('cursor rule is an .mdc with a real boolean alwaysApply; the command calls the project engine', () => {
  const sb = sandbox();
  sb.install({ targets: ['cursor'] });
  const fm = matter(read(sb, '.cursor/rules/maestro.mdc'));
  assert.equal(fm.data.alwaysApply, true);
  assert.match(read(sb, '.cursor/commands/maestro-frontier.md'), /node \.maestro\/bin\/maestro\.cjs/);
});

test('gemini command is valid TOML with {{args}}; GEMINI.md imports the kernel once', () => {
  const sb = sandbox();
  sb.install({ targets: ['gemini'] });
  const cmd = toml.parse(read(sb, '.gemini/commands/maestro/frontier.toml')) as { prompt: string; description: string };
  assert.match(cmd.prompt, /\{\{args\}\}/);
  assert.equal(typeof cmd.description, 'string');
  assert.equal(read(sb, 'GEMINI.md').match(/@\.?\/?AGENTS\.md/g)?.length, 1);
});

test('copilot prompt file has description and agent frontmatter and keeps the command body', () => {
  const sb = sandbox();
  sb.install({ targets: ['copilot'] });
  const fm = matter(read(sb, '.github/prompts/maestro-frontier.prompt.md'));
  assert.equal(fm.data.agent, 'agent');
  assert.equal(typeof fm.data.description, 'string');
  const cmd = matter(fs.readFileSync(path.join(REPO, 'integrations/cursor/commands/maestro-frontier.md'), 'utf8')).content;
  assert.equal(fm.content.trim(), cmd.trim());
});

test('codex skills carry name + description frontmatter matching their folder', () => {
  const sb = sandbox();
  sb.install({ targets: ['codex'] });
  for (const rel of SKILLS) {
    const fm = matter(read(sb, rel));
    assert.equal(fm.data.name, path.basename(path.dirname(rel)));
    assert.equal(typeof fm.data.description, 'string');
  }
});

test('claude and codex print the native plugin commands', () => {
  const sb = sandbox();
  sb.install({ targets: ['claude', 'codex'] });
  assert.match(sb.text(), /claude plugin marketplace add .*\n\s*claude plugin install maestro@maestro/);
  assert.match(sb.text(), /codex plugin marketplace add .*\n\s*codex plugin add maestro@maestro/);
});

test('orchestration references in installed doctrine point at the managed copy', () => {
  const sb = sandbox();
  sb.install({ targets: ['codex'] });
  const agents = read(sb, 'AGENTS.md');
  assert.doesNotMatch(agents, /(?<![\w./-])docs\/orchestration\.md/);
  assert.match(agents, /\.maestro\/docs\/orchestration\.md/);
});

test('--global writes user-level folders and every command calls the absolute global engine', () => {
  const sb = sandbox();
  const r = sb.install({ global: true, targets: ['all'] });
  assert.equal(r.code, 0, sb.text());
  const data = path.join(sb.env.XDG_DATA_HOME, 'maestro');
  const engine = path.join(data, 'bin', 'maestro.cjs');
  assert.ok(fs.existsSync(engine));
  const toml_ = fs.readFileSync(path.join(sb.home, '.gemini/commands/maestro/frontier.toml'), 'utf8');
  assert.ok(toml_.includes(`node ${engine} frontier`), toml_);
  assert.doesNotMatch(toml_, /node \.maestro/);
  for (const rel of ['.claude/CLAUDE.md', '.codex/AGENTS.md', '.gemini/GEMINI.md', '.cursor/commands/maestro-frontier.md', '.agents/skills/maestro/SKILL.md',
    '.codeium/windsurf/global_workflows/maestro-frontier.md', 'Documents/Cline/Rules/maestro.md']) {
    assert.ok(fs.existsSync(path.join(sb.home, rel)), rel);
  }
  // A user-level CLAUDE.md has no AGENTS.md beside it: the kernel is inlined instead of imported.
  const claude = fs.readFileSync(path.join(sb.home, '.claude/CLAUDE.md'), 'utf8');
  assert.doesNotMatch(claude, /^@/m);
  const kernelLine = fs.readFileSync(path.join(REPO, 'AGENTS.md'), 'utf8').split('\n').find((l) => l.trim())!;
  assert.ok(claude.includes(kernelLine), 'kernel text inlined');
  // Nothing in the project.
  assert.deepEqual(fs.readdirSync(sb.project), []);
  const homeBefore = sb.uninstall({ global: true });
  assert.equal(homeBefore.code, 0);
  assert.deepEqual(fs.readdirSync(sb.home), []);
  assert.equal(fs.existsSync(data), false);
  assert.equal(fs.existsSync(path.join(sb.env.XDG_STATE_HOME, 'maestro', 'install-manifest.json')), false);
});
