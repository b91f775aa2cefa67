// The planner is pure: artifacts + observed disk + manifest in, plan out. No file system here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planInstall, planUninstall } from '../../../scripts/install/planner';
import { emptyManifest } from '../../../scripts/install/manifest';
import { BEGIN, END, sha256 } from '../../../scripts/install/markers';
import type { Artifact, Manifest, Observed } from '../../../scripts/install/types';

const art = (p: string, policy: Artifact['policy'], content: string): Artifact => ({
  path: `/p/${p}`, boundary: '/p', policy, kind: 'command', content, mode: 0o644, targets: ['cursor'],
});

function plan(a: Artifact[], obs: Record<string, Observed>, manifest: Manifest = emptyManifest('project'), force = false) {
  return planInstall({
    scope: 'project', root: '/p', artifacts: a, observed: new Map(Object.entries(obs).map(([k, v]) => [`/p/${k}`, v])), manifest, force,
    keyOf: (abs) => abs.slice(3), backupPath: (abs) => `/p/.maestro/backups/t/${abs.slice(3)}`,
  });
}

const file = (text: string): Observed => ({ kind: 'file', text, mode: 0o644 });

test('never-clobber creates a missing file and never replaces an existing one, even with --force', () => {
  const a = [art('x.md', 'never-clobber', 'ours\n')];
  assert.equal(plan(a, { 'x.md': { kind: 'absent', missingDirs: [] } }).steps[0]!.action, 'create');
  const p = plan(a, { 'x.md': file('theirs\n') }, emptyManifest('project'), true);
  assert.equal(p.steps[0]!.action, 'unchanged');
  assert.equal(p.steps[0]!.write, undefined);
});

test('a foreign file at a managed path is a conflict; --force backs it up and records it for restore', () => {
  const a = [art('x.md', 'managed', 'ours\n')];
  const c = plan(a, { 'x.md': file('theirs\n') });
  assert.equal(c.steps[0]!.action, 'conflict');
  assert.equal(c.manifest.files['x.md'], undefined);
  const f = plan(a, { 'x.md': file('theirs\n') }, emptyManifest('project'), true);
  assert.equal(f.steps[0]!.action, 'update');
  assert.equal(f.steps[0]!.backupOf, 'theirs\n');
  assert.equal(f.manifest.files['x.md']!.backup, '.maestro/backups/t/x.md', 'stored project-relative');
  assert.equal(f.manifest.files['x.md']!.created, false);
});

test('missing folders are recorded so uninstall can remove them', () => {
  const p = plan([art('a/b/x.md', 'managed', 'ours\n')], { 'a/b/x.md': { kind: 'absent', missingDirs: ['/p/a', '/p/a/b'] } });
  assert.deepEqual(p.manifest.dirs.sort(), ['a', 'a/b']);
});

test('unsafe paths are refused with the reason', () => {
  const p = plan([art('x.md', 'managed', 'ours\n')], { 'x.md': { kind: 'unsafe', reason: 'x.md is a symlink' } });
  assert.equal(p.steps[0]!.action, 'refuse');
  assert.match(p.steps[0]!.note!, /symlink/);
});

test('an edited block is a conflict; --force keeps a backup of the whole file', () => {
  const block = `${BEGIN}\nold\n${END}`;
  const edited = `${BEGIN}\nold, edited\n${END}`;
  const manifest: Manifest = { ...emptyManifest('project'), files: { 'A.md': { policy: 'block', kind: 'doctrine', hash: sha256(block), targets: ['codex'], created: false, before: '\n', after: '\n' } } };
  const a = [{ ...art('A.md', 'block', 'new'), kind: 'doctrine' as const }];
  assert.equal(plan(a, { 'A.md': file(`mine\n\n${edited}\n`) }, manifest).steps[0]!.action, 'conflict');
  const up = plan(a, { 'A.md': file(`mine\n\n${block}\n`) }, manifest);
  assert.equal(up.steps[0]!.action, 'update');
  assert.equal(up.steps[0]!.write, `mine\n\n${BEGIN}\nnew\n${END}\n`);
  // The separators recorded at first install survive the refresh, so uninstall still removes them.
  assert.equal(up.manifest.files['A.md']!.before, '\n');
  const forced = plan(a, { 'A.md': file(`mine\n\n${edited}\n`) }, manifest, true);
  assert.equal(forced.steps[0]!.backupOf, `mine\n\n${edited}\n`);
});

test('uninstall of one target keeps a shared file and only drops that target', () => {
  const manifest: Manifest = { ...emptyManifest('project'), files: { 'AGENTS.md': { policy: 'block', kind: 'doctrine', hash: 'a'.repeat(64), targets: ['codex', 'cursor'], created: true } } };
  const p = planUninstall({ scope: 'project', root: '/p', manifest, observed: new Map(), targets: ['cursor'], fromKey: (k) => `/p/${k}` });
  assert.equal(p.steps[0]!.action, 'keep');
  assert.deepEqual(p.manifest.files['AGENTS.md']!.targets, ['codex']);
});
