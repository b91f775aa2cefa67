import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { maestroDirs } from '../../../core/dirs';
import { hashRoot, projectRoot, resolveScope, scopeSuffix, ScopeError } from '../../../core/scope';
import { tempDir } from '../../helpers/env';

test('dirs follow XDG and fall back to ~/.config, ~/.local/state, ~/.cache', () => {
  assert.deepEqual(maestroDirs({ HOME: '/h' }, 'linux'), { config: '/h/.config/maestro', state: '/h/.local/state/maestro', cache: '/h/.cache/maestro' });
  assert.deepEqual(maestroDirs({ HOME: '/h', XDG_CONFIG_HOME: '/c', XDG_STATE_HOME: '/s', XDG_CACHE_HOME: '/k' }, 'linux'), {
    config: '/c/maestro',
    state: '/s/maestro',
    cache: '/k/maestro',
  });
  // Relative XDG values are ignored, as the spec says.
  assert.equal(maestroDirs({ HOME: '/h', XDG_CONFIG_HOME: 'rel' }, 'linux').config, '/h/.config/maestro');
});

test('dirs on Windows use APPDATA and LOCALAPPDATA', () => {
  const d = maestroDirs({ USERPROFILE: 'C:\\Users\\u', APPDATA: 'C:\\Users\\u\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32');
  assert.match(d.config, /Roaming.maestro$/);
  assert.match(d.state, /Local.maestro.state$/);
  assert.match(d.cache, /Local.maestro.cache$/);
});

function gitRepo(): string {
  const dir = fs.realpathSync(tempDir());
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'src', 'deep'), { recursive: true });
  return dir;
}

test('workspace scope hashes the git root, from any subdirectory', () => {
  const repo = gitRepo();
  const expected = 'cc-' + crypto.createHash('sha256').update(repo).digest('hex').slice(0, 8);
  assert.equal(resolveScope({ env: { CLAUDE_PLUGIN_ROOT: '/p' }, cwd: path.join(repo, 'src', 'deep') }).scope, expected);
  assert.equal(resolveScope({ env: { CLAUDECODE: '1' }, cwd: repo }).scope, expected);
  // Codex sets PLUGIN_ROOT (and the CLAUDE_* aliases): it must get a codex scope.
  assert.equal(resolveScope({ env: { PLUGIN_ROOT: '/p', CLAUDE_PLUGIN_ROOT: '/p' }, cwd: repo }).scope, expected.replace('cc-', 'codex-'));
});

test('outside git, two different directories get two different scopes', () => {
  const a = fs.realpathSync(tempDir());
  const b = fs.realpathSync(tempDir());
  assert.equal(projectRoot(a).git, false);
  const sa = resolveScope({ env: { CLAUDECODE: '1' }, cwd: a }).scope;
  const sb = resolveScope({ env: { CLAUDECODE: '1' }, cwd: b }).scope;
  assert.notEqual(sa, sb);
  assert.equal(sa, `cc-${hashRoot(a)}`);
});

test('precedence: --scope, then MAESTRO_SCOPE, then host, else default', () => {
  const repo = gitRepo();
  const env = { MAESTRO_SCOPE: 'team-a', CLAUDECODE: '1' };
  assert.deepEqual(resolveScope({ flag: 'mine', env, cwd: repo }), { scope: 'mine', source: 'flag' });
  assert.equal(resolveScope({ env, cwd: repo }).source, 'env');
  assert.equal(resolveScope({ env: { CLAUDECODE: '1' }, cwd: repo }).source, 'claude-code');
  assert.deepEqual(resolveScope({ env: {}, cwd: repo }), { scope: 'default', source: 'default' });
  assert.match(resolveScope({ flag: 'codex-project', env: {}, cwd: repo }).scope, /^codex-[0-9a-f]{8}$/);
  assert.throws(() => resolveScope({ flag: '../etc', env: {}, cwd: repo }), ScopeError);
  // A malformed env scope must not break anything: it is ignored.
  assert.equal(resolveScope({ env: { MAESTRO_SCOPE: 'bad/scope' }, cwd: repo }).scope, 'default');
  assert.equal(scopeSuffix('default'), '');
  assert.equal(scopeSuffix('cc-12345678'), '.cc-12345678');
});

test('hashRoot normalizes separators and trailing slashes; lowercases on Windows', () => {
  assert.equal(hashRoot('/a/b/'), hashRoot('/a/b'));
  assert.equal(hashRoot('C:\\Repo\\X', 'win32'), hashRoot('c:/repo/x', 'win32'));
});
