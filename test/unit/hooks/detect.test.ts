import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { shellEffects } from '../../../hooks/detect/shell-effects';
import { parseShell } from '../../../hooks/detect/shell';
import { parsePatch, parsePatchPaths } from '../../../hooks/detect/apply-patch';
import { classifyTool, normalizePath } from '../../../hooks/detect/tool';
import { leadingStatus, honestStatus } from '../../../hooks/detect/status';

const writes = (cmd: string): boolean => shellEffects(cmd).writes;
const paths = (cmd: string): string[] => shellEffects(cmd).paths;
const checker = (cmd: string): boolean => shellEffects(cmd).checker;

test('quoted > and fd redirects are not writes', () => {
  for (const cmd of [
    'echo "a > b"',
    "python -c 'x>1'",
    "awk '$1 > 3 {print}' data.txt",
    'ls 2>/dev/null',
    'make 2>&1 | grep error',
    'cmd >&2',
    'node -e "if (a>b) console.log(1)"',
    'grep -- "->" notes.md',
    'echo done # > not-a-file',
    'cat <<EOF\na > b\nEOF',
    'echo $((3>2))',
    'ls > /dev/null 2>&1',
  ]) {
    assert.equal(writes(cmd), false, cmd);
  }
});

test('real writes are detected with their targets', () => {
  assert.deepEqual(paths('echo hi > out.txt'), ['out.txt']);
  assert.deepEqual(paths('echo hi >> "my file.txt"'), ['my file.txt']);
  assert.deepEqual(paths('cat a 2> err.log'), ['err.log']);
  assert.deepEqual(paths('cmd &> all.log'), ['all.log']);
  assert.deepEqual(paths('sed -i "s/a/b/" one.ts two.ts'), ['one.ts', 'two.ts']);
  assert.deepEqual(paths("sed -i.bak -e 's/a/b/' x.ts"), ['x.ts']);
  assert.deepEqual(paths('perl -pi -e "s/a/b/" p.pl'), ['p.pl']);
  assert.deepEqual(paths('cp src.ts dst.ts'), ['dst.ts']);
  assert.deepEqual(paths('mv -f a.ts b.ts'), ['b.ts']);
  assert.deepEqual(paths('echo x | tee -a log1 log2'), ['log1', 'log2']);
  assert.deepEqual(paths('sudo touch /etc/x'), ['/etc/x']);
  assert.deepEqual(paths('cat > new.md <<EOF\nline > other\nEOF'), ['new.md']);
  assert.deepEqual(paths('cd sub && echo 1 > f.txt; echo 2 > g.txt'), ['f.txt', 'g.txt']);
});

test('deletes, mkdir and installs change the tree but name no edited file', () => {
  for (const cmd of ['rm -rf build', 'mkdir -p a/b', 'npm install left-pad', 'pnpm add x', 'git commit -m "a > b"', 'git -C repo apply p.diff']) {
    const fx = shellEffects(cmd);
    assert.equal(fx.writes, true, cmd);
    assert.deepEqual(fx.paths, [], cmd);
  }
  assert.equal(writes('git status'), false);
  assert.equal(writes('npm ls'), false);
  assert.equal(writes('sed -n 1,5p file'), false);
});

test('dynamic redirect targets count as a write without a path', () => {
  const fx = shellEffects('echo 1 > "$OUT"');
  assert.equal(fx.writes, true);
  assert.deepEqual(fx.paths, []);
});

test('checkers are matched on the executable and subcommand, not substrings', () => {
  for (const cmd of [
    'npx tsc --noEmit',
    'npm test',
    'npm run test:unit',
    'npm run typecheck',
    'pnpm lint',
    'yarn test --watch=false',
    'pytest -q tests/',
    'python -m pytest',
    'uv run mypy src',
    'go test ./...',
    'cargo clippy',
    'node --test test/',
    'node --import tsx --test "test/unit/**/*.test.ts"',
    'node scripts/run.test.mjs',
    'ruff check .',
    'prettier --check .',
    'biome check',
    'cd pkg && npx vitest run',
    'CI=1 jest',
    'make test',
    'eslint . 2>&1 | tail',
  ]) {
    assert.equal(checker(cmd), true, cmd);
  }
  for (const cmd of [
    'cat jest.config.js',
    'grep mypy setup.cfg',
    'npm ls eslint',
    'npm install jest',
    'echo "run pytest later"',
    'ls node_modules/.bin/tsc',
    'npm run build',
    'ruff format .',
    'prettier --write .',
    'git log --grep=test',
    'tsc --version',
  ]) {
    assert.equal(checker(cmd), false, cmd);
  }
});

test('shell parser keeps quoted operators inside words', () => {
  const segs = parseShell(`echo 'a; b' && printf "%s|%s" x y`);
  assert.equal(segs.length, 2);
  assert.deepEqual(segs[0]!.words.map((w) => w.text), ['echo', 'a; b']);
  assert.deepEqual(segs[1]!.words.map((w) => w.text), ['printf', '%s|%s', 'x', 'y']);
});

test('apply_patch headers give every file, deletes and moves marked', () => {
  const patch = ['*** Begin Patch', '*** Add File: src/new.ts', '+x', '*** Update File: src/old.ts', '*** Move to: src/renamed.ts', '@@', '-a', '+b', '*** Delete File: src/gone.ts', '*** End Patch'].join('\n');
  assert.deepEqual(
    parsePatch(patch).map((f) => f.op),
    ['add', 'update', 'move', 'delete'],
  );
  assert.deepEqual(parsePatchPaths(patch), ['src/new.ts', 'src/old.ts', 'src/renamed.ts']);
  assert.deepEqual(parsePatchPaths('+*** Add File: nope'), []);
});

test('paths normalize: ./x, x and the absolute path are one file', () => {
  const cwd = '/work/proj';
  assert.equal(normalizePath('./x.ts', cwd), '/work/proj/x.ts');
  assert.equal(normalizePath('x.ts', cwd), '/work/proj/x.ts');
  assert.equal(normalizePath('/work/proj/x.ts', cwd), '/work/proj/x.ts');
  assert.equal(normalizePath('sub/../x.ts', cwd), '/work/proj/x.ts');
  assert.equal(normalizePath('', cwd), undefined);
  assert.equal(normalizePath(42, cwd), undefined);
});

test('classifyTool: Claude editors, Codex apply_patch in command or input, Codex shell as Bash', () => {
  const cwd = '/w';
  assert.deepEqual(classifyTool('Edit', { file_path: 'a.ts' }, cwd)?.paths, ['/w/a.ts']);
  assert.deepEqual(classifyTool('NotebookEdit', { notebook_path: '/w/n.ipynb' }, cwd)?.paths, ['/w/n.ipynb']);
  assert.equal(classifyTool('MultiEdit', { file_path: 'm.ts', edits: [] }, cwd)?.writes, true);
  const patch = '*** Begin Patch\n*** Update File: b.ts\n@@\n-a\n+b\n*** End Patch';
  assert.deepEqual(classifyTool('apply_patch', { command: patch }, cwd)?.paths, ['/w/b.ts']);
  assert.deepEqual(classifyTool('apply_patch', { input: patch }, cwd)?.paths, ['/w/b.ts']);
  assert.deepEqual(classifyTool('apply_patch', { command: ['apply_patch', patch] }, cwd)?.paths, ['/w/b.ts']);
  const viaShell = classifyTool('Bash', { command: `apply_patch <<'EOF'\n${patch}\nEOF` }, cwd);
  assert.equal(viaShell?.writes, true);
  assert.deepEqual(viaShell?.paths, ['/w/b.ts']);
  assert.equal(classifyTool('Bash', { command: 'npm test' }, cwd)?.checker, true);
  assert.equal(classifyTool('exec_command', { cmd: ['bash', '-lc', 'echo 1 > f'] }, cwd)?.paths[0], path.join(cwd, 'f'));
  assert.equal(classifyTool('Read', { file_path: 'a' }, cwd)?.kind, 'other');
  assert.deepEqual(classifyTool('ApplyPatchTool', { input: patch }, cwd)?.paths, ['/w/b.ts'], 'a renamed patch tool is still an edit');
  assert.equal(classifyTool(undefined, {}, cwd), undefined);
});

test('status token must open the message; VERIFIED needs a checker', () => {
  assert.equal(leadingStatus('VERIFIED: tests pass'), 'VERIFIED');
  assert.equal(leadingStatus('**UNVERIFIED** no test runner'), 'UNVERIFIED');
  assert.equal(leadingStatus('  PENDING_REVIEW'), 'PENDING_REVIEW');
  assert.equal(leadingStatus('Done. VERIFIED'), undefined);
  assert.equal(leadingStatus('FAILED to run'), undefined);
  assert.equal(leadingStatus('verified'), undefined);
  assert.equal(honestStatus('VERIFIED', false), false);
  assert.equal(honestStatus('VERIFIED', true), true);
  assert.equal(honestStatus('FAIL', false), true);
  assert.equal(honestStatus(undefined, true), false);
});

test('shell reader terminates and never throws on random metacharacter soup', () => {
  let seed = 1;
  const r = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const alphabet = ['a', ' ', '>', '>>', '<', '<<', '<<-', '&', '|', ';', '(', ')', '$(', '`', "'", '"', '\\', '\n', '#', '2>&1', 'EOF', 'sed -i', 'tee', '*** Begin Patch\n*** Add File: x\n', 'apply_patch', '{', '}', '~', '='];
  for (let k = 0; k < 5000; k++) {
    let cmd = '';
    const n = Math.floor(r() * 40);
    for (let i = 0; i < n; i++) cmd += alphabet[Math.floor(r() * alphabet.length)];
    const fx = shellEffects(cmd);
    assert.equal(typeof fx.writes, 'boolean');
    assert.ok(Array.isArray(fx.paths));
  }
});
