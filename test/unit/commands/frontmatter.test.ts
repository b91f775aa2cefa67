// Commands and skills: valid frontmatter per host, the CLI invocation each host needs, and no action
// listed twice in either host's listing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import toml from 'toml';
import { check } from '../../../core/validate';

const root = path.resolve(__dirname, '../../..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const commands = fs.readdirSync(path.join(root, 'commands')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
const skills = fs.readdirSync(path.join(root, 'skills')).filter((d) => fs.existsSync(path.join(root, 'skills', d, 'SKILL.md'))).sort();
const CODEX_ENTRY = ['maestro', 'maestro-frontier', 'maestro-settings', 'maestro-terse', 'maestro-update'];

test('Claude Code gets the frontier, settings, update, compress and context-bar commands, each calling the plugin CLI', () => {
  assert.deepEqual(commands, ['compress', 'context-bar', 'frontier', 'settings', 'update']);
  for (const c of commands) {
    const { data, content } = matter(read(`commands/${c}.md`));
    assert.equal(check('commandFrontmatter', data), null, `commands/${c}.md frontmatter`);
    assert.ok(content.includes('$ARGUMENTS') || c === 'update', `${c} must pass the user's words through $ARGUMENTS`);
    if (c !== 'update') assert.ok(content.includes('node "${CLAUDE_PLUGIN_ROOT}/dist/maestro.cjs"'), `${c} must run the plugin's CLI`);
    assert.ok(!content.includes('{{'), `${c} has an unrendered placeholder`);
  }
});

test('every skill has schema-valid frontmatter whose name matches its directory', () => {
  assert.deepEqual(skills, [...CODEX_ENTRY, 'terse'].sort());
  for (const s of skills) {
    const { data } = matter(read(`skills/${s}/SKILL.md`));
    assert.equal(check('skillFrontmatter', data), null, `skills/${s}/SKILL.md frontmatter`);
    assert.equal(data.name, s);
  }
});

test('no action is listed twice: Codex entry skills are hidden from Claude Code, and no skill shadows a command', () => {
  for (const s of CODEX_ENTRY) {
    const { data } = matter(read(`skills/${s}/SKILL.md`));
    assert.strictEqual(data['disable-model-invocation'], true, `${s} would appear in Claude's skill listing`);
    assert.strictEqual(data['user-invocable'], false, `${s} would appear in Claude's slash menu`);
  }
  // A skill dir named like a command makes Claude list the name twice or block the command.
  for (const c of commands) assert.ok(!skills.includes(c), `skills/${c} collides with commands/${c}.md`);
  // Claude Code: commands plus the visible skills; each name once.
  const claudeListing = [...commands, ...skills.filter((s) => matter(read(`skills/${s}/SKILL.md`)).data['disable-model-invocation'] !== true)];
  assert.deepEqual(claudeListing.sort(), ['compress', 'context-bar', 'frontier', 'settings', 'terse', 'update']);
  assert.equal(new Set(claudeListing).size, claudeListing.length);
});

test('Codex skills find the CLI from the skill location and use the Codex workspace scope', () => {
  for (const s of ['maestro', 'maestro-frontier', 'maestro-settings', 'maestro-terse']) {
    const body = matter(read(`skills/${s}/SKILL.md`)).content;
    assert.ok(body.includes('two directories above this SKILL.md'), `${s} cannot locate the CLI`);
    assert.ok(body.includes('.maestro/bin/maestro.cjs'), `${s} ignores a project-installed engine`);
    assert.ok(!body.includes('{{'), `${s} has an unrendered placeholder`);
  }
  const hub = matter(read('skills/maestro/SKILL.md')).content;
  for (const route of ['frontier', 'settings', 'terse', 'update', 'status']) assert.match(hub, new RegExp(`\`${route}`), `hub does not route ${route}`);
  const fr = matter(read('skills/maestro-frontier/SKILL.md')).content;
  assert.match(fr, /frontier status --scope codex-project/);
  assert.match(fr, /first line of your reply is the indicator/);
  assert.match(fr, /`Frontier ON · single - <model>`/);
});

test('the terse ruleset has a common part and exactly one section per level, in order', () => {
  const { data, content } = matter(read('skills/terse/SKILL.md'));
  assert.equal(data['disable-model-invocation'], undefined, 'the ruleset must stay usable in both hosts');
  const headings = content.match(/^## .*$/gm) ?? [];
  assert.deepEqual(headings, ['## lite', '## full', '## ultra']);
  const common = content.slice(0, content.indexOf('## lite'));
  assert.match(common, /commit messages/i);
  assert.match(common, /security warnings/i);
});

test('portable Frontier renders use the project engine and each host\'s argument syntax', () => {
  const cli = 'node .maestro/bin/maestro.cjs frontier status';
  const cursor = read('integrations/cursor/commands/maestro-frontier.md');
  const windsurf = read('integrations/windsurf/workflows/maestro-frontier.md');
  const cline = read('integrations/cline/workflows/maestro-frontier.md');
  const gem = toml.parse(read('integrations/gemini/commands/maestro/frontier.toml')) as { description: string; prompt: string };
  assert.ok(gem.description.length > 10);
  assert.ok(gem.prompt.includes('{{args}}'), 'Gemini expands {{args}}');
  for (const body of [cursor, windsurf, cline, gem.prompt]) {
    assert.ok(body.includes(cli));
    assert.ok(!body.includes('CLAUDE_PLUGIN_ROOT') && !body.includes('$ARGUMENTS'));
  }
  assert.ok(typeof matter(windsurf).data.description === 'string');
});
