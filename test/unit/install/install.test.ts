// Installer safety: planning, idempotence, conflicts, markers, line endings, symlinks, scope refusals,
// rollback, and install -> uninstall round trips on realistic projects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BEGIN, END } from '../../../scripts/install/markers';
import type { FsOps } from '../../../scripts/install/applier';
import { realFs } from '../../../scripts/install/applier';
import { actions, exists, read, sandbox, snapshot } from './helpers';

const REPO = path.resolve(__dirname, '../../..');

test('auto detects every host folder in the project and says what it found', () => {
  const sb = sandbox({ '.github/copilot-instructions.md': 'Be kind.\n' }, ['.cursor', '.gemini', '.clinerules', '.agents']);
  const r = sb.install();
  assert.deepEqual(r.targets, ['codex', 'cursor', 'gemini', 'cline', 'copilot']);
  assert.match(sb.text(), /auto: found .*\.agents -> codex.*\.cursor -> cursor.*\.gemini -> gemini.*\.clinerules -> cline.*copilot-instructions\.md -> copilot/);
});

test('a plain re-run (auto) also refreshes targets installed earlier by name', () => {
  const sb = sandbox();
  sb.install({ targets: ['claude', 'gemini'] });
  const r = sb.install();
  assert.deepEqual(r.targets, ['claude', 'gemini']);
  assert.match(sb.text(), /auto: found \.gemini -> gemini\nauto: installed earlier: claude/);
  assert.ok(r.plan.steps.every((s) => s.action === 'unchanged'));
});

test('auto with --global looks in the home folder, not the project', () => {
  const sb = sandbox({}, ['.cursor']);
  fs.mkdirSync(path.join(sb.home, '.codex'));
  const r = sb.install({ global: true, dryRun: true });
  assert.deepEqual(r.targets, ['codex']);
  assert.match(sb.text(), /~\/\.codex -> codex/);
});

test('auto with no host folder refuses with the list it looked for, writing nothing', () => {
  const sb = sandbox();
  assert.throws(() => sb.install(), /auto found no host folders \(looked for \.claude, \.codex/);
  assert.deepEqual(fs.readdirSync(sb.project), []);
});

test('--dry-run prints the whole plan and writes nothing', () => {
  const sb = sandbox({ 'AGENTS.md': '# mine\n' });
  const before = snapshot(sb.project);
  const r = sb.install({ targets: ['all'], dryRun: true });
  assert.equal(r.code, 0);
  assert.deepEqual(snapshot(sb.project), before);
  assert.deepEqual(fs.readdirSync(sb.base).sort(), ['home', 'project']);
  const a = actions(r, sb.project);
  assert.equal(a['AGENTS.md'], 'update');
  assert.equal(a['.cursor/rules/maestro.mdc'], 'create');
  assert.match(sb.text(), /dry run: nothing written/);
});

test('a second run writes nothing: all unchanged, mtimes and manifest untouched', () => {
  const sb = sandbox({ 'AGENTS.md': '# mine\n' });
  sb.install({ targets: ['all'] });
  const snap = snapshot(sb.project);
  const mtimes = Object.keys(snap).filter((k) => !k.endsWith('/')).map((k) => fs.statSync(path.join(sb.project, k)).mtimeMs);
  const r = sb.install({ targets: ['all'] });
  assert.ok(r.plan.steps.every((s) => s.action === 'unchanged'), JSON.stringify(actions(r, sb.project)));
  assert.deepEqual(r.applied?.written, []);
  assert.equal(r.applied?.manifestWritten, false);
  assert.deepEqual(snapshot(sb.project), snap);
  assert.deepEqual(Object.keys(snap).filter((k) => !k.endsWith('/')).map((k) => fs.statSync(path.join(sb.project, k)).mtimeMs), mtimes);
});

test('an upgrade refreshes what Maestro wrote and keeps what the user edited', () => {
  const sb = sandbox();
  sb.install({ targets: ['cursor'] });
  // Simulate an older Maestro: its command differs from today's render, untouched by the user.
  const cmd = path.join(sb.project, '.cursor/commands/maestro-frontier.md');
  const rule = path.join(sb.project, '.cursor/rules/maestro.mdc');
  const manifestPath = path.join(sb.project, '.maestro/install-manifest.json');
  const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  fs.writeFileSync(cmd, 'old maestro command\n');
  m.files['.cursor/commands/maestro-frontier.md'].hash = require('node:crypto').createHash('sha256').update('old maestro command\n').digest('hex');
  fs.writeFileSync(manifestPath, JSON.stringify(m));
  fs.appendFileSync(rule, 'my own tweak\n');
  const r = sb.install({ targets: ['cursor'] });
  const a = actions(r, sb.project);
  assert.equal(a['.cursor/commands/maestro-frontier.md'], 'update');
  assert.equal(a['.cursor/rules/maestro.mdc'], 'conflict');
  assert.doesNotMatch(fs.readFileSync(cmd, 'utf8'), /old maestro/);
  assert.match(fs.readFileSync(rule, 'utf8'), /my own tweak/);
  assert.match(sb.text(), /conflict .*maestro\.mdc.*changed since Maestro wrote it; kept/);
  // Uninstall keeps the edited file and reports it.
  sb.uninstall();
  assert.match(fs.readFileSync(rule, 'utf8'), /my own tweak/);
  assert.equal(fs.existsSync(cmd), false);
  assert.match(sb.text(), /keep .*maestro\.mdc/);
});

test('--force replaces a user-modified file after keeping a backup; uninstall of a replaced foreign file restores it', () => {
  const sb = sandbox({ '.cursor/rules/maestro.mdc': 'a rule the user wrote\n' });
  const before = snapshot(sb.project);
  const r1 = sb.install({ targets: ['cursor'] });
  assert.equal(actions(r1, sb.project)['.cursor/rules/maestro.mdc'], 'conflict');
  assert.equal(read(sb, '.cursor/rules/maestro.mdc'), 'a rule the user wrote\n');
  const r2 = sb.install({ targets: ['cursor'], force: true, now: new Date('2030-01-02T03:04:05Z') });
  assert.equal(actions(r2, sb.project)['.cursor/rules/maestro.mdc'], 'update');
  const backup = path.join(sb.project, '.maestro/backups/2030-01-02T03-04-05-000Z/.cursor/rules/maestro.mdc');
  assert.equal(fs.readFileSync(backup, 'utf8'), 'a rule the user wrote\n');
  assert.notEqual(read(sb, '.cursor/rules/maestro.mdc'), 'a rule the user wrote\n');
  sb.uninstall();
  assert.deepEqual(snapshot(sb.project), before);
});

test('duplicate or unclosed markers: the file is refused and nothing at all is written', () => {
  for (const bad of [`${BEGIN}\na\n${END}\n${BEGIN}\nb\n${END}\n`, `intro\n${BEGIN}\nno end\n`, `orphan\n${END}\n`]) {
    const sb = sandbox({ 'AGENTS.md': bad });
    const before = snapshot(sb.project);
    const r = sb.install({ targets: ['codex'] });
    assert.equal(r.code, 1);
    assert.equal(actions(r, sb.project)['AGENTS.md'], 'refuse');
    assert.deepEqual(snapshot(sb.project), before);
    assert.match(sb.text(), /nothing written: 1 path refused/);
  }
});

test('CRLF AGENTS.md and CLAUDE.md keep CRLF and user content; an existing @AGENTS.md import is not added twice', () => {
  const agents = '# Team rules\r\n\r\nUse tabs.\r\n';
  const claude = '@AGENTS.md\r\n\r\n# Claude notes\r\nBe brief.';
  const sb = sandbox({ 'AGENTS.md': agents, 'CLAUDE.md': claude });
  const before = snapshot(sb.project);
  sb.install({ targets: ['claude'] });
  const a = read(sb, 'AGENTS.md');
  const c = read(sb, 'CLAUDE.md');
  assert.ok(a.startsWith(agents));
  assert.ok(c.startsWith(claude));
  for (const t of [a, c]) assert.doesNotMatch(t.replace(/\r\n/g, ''), /\n/, 'no bare LF');
  assert.equal(c.match(/^@AGENTS\.md/gm)?.length, 1);
  // Idempotent on CRLF too.
  const again = sb.install({ targets: ['claude'] });
  assert.ok(again.plan.steps.every((s) => s.action === 'unchanged'));
  sb.uninstall();
  assert.deepEqual(snapshot(sb.project), before);
});

test('a fresh CLAUDE.md gets the import inside the block', () => {
  const sb = sandbox();
  sb.install({ targets: ['claude'] });
  assert.match(read(sb, 'CLAUDE.md'), new RegExp(`^${BEGIN}\\n@AGENTS\\.md`));
});

test('symlinked targets and symlinked ancestors are refused; nothing is written', () => {
  const sb = sandbox();
  const outside = path.join(sb.base, 'outside');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'AGENTS.md'), 'elsewhere\n');
  fs.symlinkSync(path.join(outside, 'AGENTS.md'), path.join(sb.project, 'AGENTS.md'));
  const r1 = sb.install({ targets: ['codex'] });
  assert.equal(r1.code, 1);
  assert.match(r1.plan.steps.find((s) => s.path.endsWith('AGENTS.md'))!.note!, /symlink/);
  assert.equal(fs.readFileSync(path.join(outside, 'AGENTS.md'), 'utf8'), 'elsewhere\n');
  assert.equal(exists(sb, '.maestro'), false);

  const sb2 = sandbox();
  fs.mkdirSync(path.join(sb2.base, 'elsewhere'));
  fs.symlinkSync(path.join(sb2.base, 'elsewhere'), path.join(sb2.project, '.cursor'));
  const r2 = sb2.install({ targets: ['cursor'] });
  assert.equal(r2.code, 1);
  assert.equal(actions(r2, sb2.project)['.cursor/rules/maestro.mdc'], 'refuse');
  assert.deepEqual(fs.readdirSync(path.join(sb2.base, 'elsewhere')), []);
});

test('a file that is not UTF-8 text is refused rather than re-encoded', () => {
  const sb = sandbox();
  fs.writeFileSync(path.join(sb.project, 'AGENTS.md'), Buffer.from([0x52, 0xe9, 0x67, 0x6c, 0x65, 0x0a])); // "Règle" in Latin-1
  const r = sb.install({ targets: ['codex'] });
  assert.equal(r.code, 1);
  assert.match(r.plan.steps.find((s) => s.path.endsWith('AGENTS.md'))!.note!, /not UTF-8/);
  assert.deepEqual(fs.readFileSync(path.join(sb.project, 'AGENTS.md')), Buffer.from([0x52, 0xe9, 0x67, 0x6c, 0x65, 0x0a]));
});

test('the filesystem root and the home folder are refused as projects', () => {
  const sb = sandbox();
  assert.throws(() => sb.install({ project: '/', targets: ['codex'] }), /filesystem root/);
  assert.throws(() => sb.install({ project: sb.home, targets: ['codex'] }), /home folder/);
  assert.deepEqual(fs.readdirSync(sb.home), []);
});

test('installing into the Maestro package itself is refused (it would edit the kernel source)', () => {
  const sb = sandbox();
  assert.throws(() => sb.install({ project: REPO, targets: ['codex'], dryRun: true }), /is the Maestro package itself/);
});

test('--doctrine-only writes only doctrine; --engine-only skips doctrine', () => {
  const sb = sandbox();
  sb.install({ targets: ['cursor'], profile: 'doctrine-only' });
  assert.ok(exists(sb, 'AGENTS.md') && exists(sb, '.cursor/rules/maestro.mdc'));
  assert.equal(exists(sb, '.maestro/bin/maestro.cjs'), false);
  assert.equal(exists(sb, '.cursor/commands'), false);
  const sb2 = sandbox();
  sb2.install({ targets: ['cursor'], profile: 'engine-only' });
  assert.ok(exists(sb2, '.maestro/bin/maestro.cjs') && exists(sb2, '.cursor/commands/maestro-frontier.md'));
  assert.equal(exists(sb2, 'AGENTS.md'), false);
  assert.equal(exists(sb2, '.cursor/rules'), false);
});

test('a write failure midway undoes every change of the run', () => {
  const sb = sandbox({ 'AGENTS.md': '# mine\n' });
  const before = snapshot(sb.project);
  let n = 0;
  const failing: FsOps = {
    write(file, data, mode) {
      if (++n === 4) throw Object.assign(new Error('EACCES'), { code: 'EACCES', path: file });
      realFs.write(file, data, mode);
    },
    remove: realFs.remove,
  };
  assert.throws(() => sb.install({ targets: ['all'], fsOps: failing }), /every change of this run was undone/);
  assert.deepEqual(snapshot(sb.project), before);
});

test('a read-only folder gives a clear error and leaves nothing half-written', { skip: process.getuid?.() === 0 && 'root ignores folder permissions' }, () => {
  const sb = sandbox({ 'AGENTS.md': '# mine\n' }, ['.cursor/rules']);
  fs.chmodSync(path.join(sb.project, '.cursor/rules'), 0o500);
  const before = snapshot(sb.project);
  try {
    assert.throws(() => sb.install({ targets: ['cursor'] }), /could not write \(EACCES.*every change of this run was undone/);
    assert.deepEqual(snapshot(sb.project), before);
  } finally {
    fs.chmodSync(path.join(sb.project, '.cursor/rules'), 0o755);
  }
});

test('uninstall --target keeps files another installed target still uses', () => {
  const sb = sandbox();
  sb.install({ targets: ['cursor', 'gemini'] });
  sb.uninstall({ targets: ['cursor'] });
  assert.equal(exists(sb, '.cursor'), false);
  assert.ok(exists(sb, 'AGENTS.md') && exists(sb, 'GEMINI.md') && exists(sb, '.maestro/bin/maestro.cjs'));
  sb.uninstall();
  assert.deepEqual(fs.readdirSync(sb.project), []);
});

test('uninstall keeps a block the user edited and removes the rest', () => {
  const sb = sandbox({ 'AGENTS.md': '# mine\n' });
  sb.install({ targets: ['codex'] });
  fs.writeFileSync(path.join(sb.project, 'AGENTS.md'), read(sb, 'AGENTS.md').replace(END, `my addition\n${END}`));
  const r = sb.uninstall();
  assert.equal(actions(r, sb.project)['AGENTS.md'], 'keep');
  assert.match(read(sb, 'AGENTS.md'), /my addition/);
  assert.equal(exists(sb, '.agents'), false);
});

test('user text added after install survives uninstall; our separators go away', () => {
  const sb = sandbox({ 'AGENTS.md': '# mine' });
  sb.install({ targets: ['codex'] });
  fs.appendFileSync(path.join(sb.project, 'AGENTS.md'), 'added later\n');
  sb.uninstall();
  assert.equal(read(sb, 'AGENTS.md'), '# mine' + 'added later\n');
});

const FIXTURES: Record<string, { files: Record<string, string>; dirs?: string[] }> = {
  'monorepo with nested AGENTS.md': {
    files: {
      'AGENTS.md': '# Monorepo\n\nRun pnpm -r test.\n',
      'packages/api/AGENTS.md': '# API\nUse zod.\n',
      'packages/web/CLAUDE.md': '@../../AGENTS.md\n',
      'package.json': '{"private":true}\n',
    },
    dirs: ['.claude', '.codex'],
  },
  'repo with existing .cursor/rules': {
    files: { '.cursor/rules/style.mdc': '---\nalwaysApply: true\n---\nUse 2 spaces.\n', '.cursor/commands/deploy.md': 'Deploy it.\n' },
  },
  'Windows-style CRLF repo': {
    files: { 'AGENTS.md': 'Rules\r\n', 'CLAUDE.md': 'Notes\r\n', 'GEMINI.md': '@./AGENTS.md\r\n', '.windsurf/rules/x.md': 'x\r\n' },
    dirs: ['.gemini'],
  },
};

for (const [name, fx] of Object.entries(FIXTURES)) {
  test(`round trip on a ${name}: install all -> uninstall is byte-identical`, () => {
    const sb = sandbox(fx.files, fx.dirs ?? []);
    const before = snapshot(sb.project);
    assert.equal(sb.install({ targets: ['all'] }).code, 0, sb.text());
    assert.equal(read(sb, 'packages/api/AGENTS.md' in fx.files ? 'packages/api/AGENTS.md' : 'AGENTS.md').length > 0, true);
    sb.install({ targets: ['all'] });
    assert.equal(sb.uninstall().code, 0);
    assert.deepEqual(snapshot(sb.project), before);
  });
}


/** A copy of the Maestro package with some sources changed: a newer release. */
function newerPackage(base: string, patch: Record<string, string>): string {
  const dir = path.join(base, 'pkg-next');
  for (const p of ['package.json', 'dist/maestro.cjs', 'AGENTS.md', 'CLAUDE.md', 'GEMINI.md', 'docs', 'integrations', 'skills']) {
    fs.cpSync(path.join(REPO, p), path.join(dir, p), { recursive: true });
  }
  for (const [rel, text] of Object.entries(patch)) fs.writeFileSync(path.join(dir, rel), text);
  return dir;
}

test('upgrading to a newer kernel refreshes the AGENTS.md block in place and keeps user text around it', () => {
  const sb = sandbox({ 'AGENTS.md': '# mine\r\n' });
  sb.install({ targets: ['codex'] });
  fs.appendFileSync(path.join(sb.project, 'AGENTS.md'), 'added by me\r\n');
  const pkg = newerPackage(sb.base, { 'AGENTS.md': '# Kernel v2\n\nNew rule.\n' });
  const r = sb.install({ targets: ['codex'], packageRoot: pkg });
  assert.equal(actions(r, sb.project)['AGENTS.md'], 'update');
  const text = read(sb, 'AGENTS.md');
  assert.equal(text, `# mine\r\n\r\n${BEGIN}\r\n# Kernel v2\r\n\r\nNew rule.\r\n${END}\r\nadded by me\r\n`);
  sb.uninstall();
  assert.equal(read(sb, 'AGENTS.md'), '# mine\r\nadded by me\r\n');
});

test('a source that renders invalid TOML is refused before anything is written', () => {
  const sb = sandbox();
  const pkg = newerPackage(sb.base, { 'integrations/gemini/commands/maestro/frontier.toml': 'prompt = """unterminated\n' });
  assert.throws(() => sb.install({ targets: ['gemini'], packageRoot: pkg }), /not valid TOML/);
  assert.deepEqual(fs.readdirSync(sb.project), []);
});
