// What a shell command does, as far as the guards care: does it write files (and which), and does
// it run a checker (tests, type checker, linter). Decided per simple command on the parsed words,
// never by substring search over the raw text.
import { parsePatchPaths, patchTouches } from './apply-patch';
import { basename, commandWords, parseShell, type Segment, type Word } from './shell';

export interface ShellEffects {
  /** The command changes files in some way (including deletes and package installs). */
  writes: boolean;
  /** File paths it writes, as written in the command (unresolved). Deletes are not listed. */
  paths: string[];
  /** It runs a checker. */
  checker: boolean;
}

const NON_FILES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', 'NUL', 'nul', '-']);

function literal(w: Word | undefined): string | undefined {
  if (!w || w.dynamic || !w.text || NON_FILES.has(w.text) || w.text.startsWith('-')) return undefined;
  return w.text;
}

const args = (ws: Word[]): Word[] => ws.slice(1).filter((w) => !w.text.startsWith('-') || w.text === '-');

/** sed/perl in-place edit: the files are the non-option arguments after the script. */
function inPlaceFiles(ws: Word[], tool: 'sed' | 'perl'): Word[] | undefined {
  let inPlace = false;
  let scriptGiven = false;
  const rest: Word[] = [];
  for (let k = 1; k < ws.length; k++) {
    const t = ws[k]!.text;
    if (t === '--in-place' || t.startsWith('--in-place=')) inPlace = true;
    else if (/^-[A-Za-z]+/.test(t) && !t.startsWith('--')) {
      const letters = t.slice(1);
      if (tool === 'sed' && /^[nErsuz]*i/.test(letters)) inPlace = true;
      if (tool === 'perl' && /^[a-zA-Z]*i/.test(letters)) inPlace = true;
      if (letters.endsWith('e') || letters.endsWith('f')) {
        scriptGiven = true;
        k++; // the script or script file follows
      }
    } else if (t === '--expression' || t === '--file') {
      scriptGiven = true;
      k++;
    } else if (!t.startsWith('-')) rest.push(ws[k]!);
  }
  if (!inPlace) return undefined;
  return scriptGiven ? rest : rest.slice(1);
}

const PKG_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const PKG_WRITES = new Set(['i', 'install', 'add', 'remove', 'rm', 'uninstall', 'un', 'update', 'up', 'upgrade', 'ci', 'link', 'unlink']);
const GIT_WRITES = new Set(['commit', 'apply', 'am', 'checkout', 'switch', 'restore', 'mv', 'rm', 'merge', 'rebase', 'reset', 'cherry-pick', 'revert', 'pull', 'stash', 'clean']);

function segmentWrites(seg: Segment): { writes: boolean; paths: string[] } {
  const paths: string[] = [];
  let writes = false;
  for (const r of seg.redirects) {
    if (r.op !== '>' && r.op !== '>>') continue;
    if (NON_FILES.has(r.target.text)) continue;
    writes = true;
    const p = literal(r.target);
    if (p) paths.push(p);
  }
  const ws = commandWords(seg);
  const name = ws[0] ? basename(ws[0].text) : '';
  const a = args(ws);
  switch (name) {
    case 'tee':
    case 'touch':
      writes = writes || a.length > 0;
      for (const w of a) {
        const p = literal(w);
        if (p) paths.push(p);
      }
      break;
    case 'cp':
    case 'mv':
    case 'install':
    case 'rsync':
    case 'ln':
      if (a.length >= 2) {
        writes = true;
        const p = literal(a[a.length - 1]);
        if (p) paths.push(p);
      }
      break;
    case 'rm':
    case 'rmdir':
    case 'mkdir':
    case 'unlink':
    case 'truncate':
    case 'patch':
    case 'apply_migration':
      // Changes the tree, but a deleted or created directory is not an edited file.
      writes = writes || a.length > 0 || name === 'patch';
      break;
    case 'sed':
    case 'perl': {
      const files = inPlaceFiles(ws, name);
      if (files && files.length) {
        writes = true;
        for (const w of files) {
          const p = literal(w);
          if (p) paths.push(p);
        }
      }
      break;
    }
    case 'dd':
      for (const w of ws) if (w.text.startsWith('of=') && !NON_FILES.has(w.text.slice(3))) (writes = true), w.dynamic || paths.push(w.text.slice(3));
      break;
    case 'git':
      if (GIT_WRITES.has(gitSub(ws) ?? '')) writes = true;
      break;
    default:
      if (PKG_MANAGERS.has(name) && PKG_WRITES.has(ws[1]?.text ?? '')) writes = true;
  }
  return { writes, paths };
}

function gitSub(ws: Word[]): string | undefined {
  for (let k = 1; k < ws.length; k++) {
    const t = ws[k]!.text;
    if (t === '-C' || t === '-c' || t === '--git-dir' || t === '--work-tree') {
      k++;
      continue;
    }
    if (!t.startsWith('-')) return t;
  }
  return undefined;
}

// ---- checkers ---------------------------------------------------------------------------------

/** Programs that are a checker whatever their arguments. */
const CHECKER_BINS = new Set([
  'tsc', 'vue-tsc', 'eslint', 'jest', 'vitest', 'mocha', 'ava', 'tap', 'pytest', 'py.test', 'mypy', 'pyright', 'flake8', 'pylint',
  'rspec', 'phpunit', 'phpstan', 'rubocop', 'shellcheck', 'ctest', 'tox', 'nox', 'golangci-lint', 'stylelint', 'playwright', 'cypress',
  'hadolint', 'clippy-driver', 'oxlint', 'standard', 'xo', 'karma', 'jasmine', 'nyc', 'c8',
]);

/** Script names that mean "check the project" when run through a package manager or make. */
const CHECK_SCRIPT = /^(test|tests|t|lint|typecheck|type-check|tsc|check|checks|verify|ci|validate)([:.-].*)?$/;

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.(py|go)$/;

function isChecker(ws: Word[]): boolean {
  if (!ws.length) return false;
  const name = basename(ws[0]!.text);
  const w1 = ws[1]?.text ?? '';
  const w2 = ws[2]?.text ?? '';
  if (CHECKER_BINS.has(name)) return name !== 'tsc' || !ws.some((w) => w.text === '--version' || w.text === '-v' || w.text === '--init');
  switch (name) {
    case 'npx':
    case 'bunx':
    case 'pnpx':
      return isChecker(ws.slice(1).filter((w, k) => k > 0 || !w.text.startsWith('-')));
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun': {
      if (w1 === 'exec' || w1 === 'dlx' || w1 === 'x') return isChecker(ws.slice(2));
      if (w1 === 'run' || w1 === 'run-script') return CHECK_SCRIPT.test(w2);
      if (w1 === 'test' || w1 === 't' || w1 === 'tst') return true;
      // `yarn lint`, `pnpm typecheck`, `bun test`: scripts run without `run`.
      return name !== 'npm' && CHECK_SCRIPT.test(w1);
    }
    case 'make':
    case 'just':
    case 'task':
      return ws.slice(1).some((w) => CHECK_SCRIPT.test(w.text));
    case 'node':
    case 'tsx':
    case 'ts-node':
    case 'deno':
      if (name === 'deno' && ['test', 'check', 'lint'].includes(w1)) return true;
      return ws.slice(1).some((w) => w.text === '--test' || (!w.text.startsWith('-') && TEST_FILE.test(w.text)));
    case 'python':
    case 'python3':
    case 'py':
      if (w1 === '-m') return ['pytest', 'unittest', 'mypy', 'pyright', 'ruff', 'flake8', 'pylint', 'tox', 'nox'].includes(w2) && (w2 !== 'ruff' || ws[3]?.text === 'check');
      return !w1.startsWith('-') && TEST_FILE.test(w1);
    case 'uv':
    case 'poetry':
    case 'pipenv':
    case 'hatch':
    case 'pdm':
      return w1 === 'run' ? isChecker(ws.slice(2)) : false;
    case 'ruff':
      return w1 === 'check' || (w1 === 'format' && ws.some((w) => w.text === '--check'));
    case 'prettier':
      return ws.some((w) => w.text === '--check' || w.text === '-c' || w.text === '--list-different' || w.text === '-l');
    case 'biome':
      return ['check', 'lint', 'ci'].includes(w1);
    case 'black':
      return ws.some((w) => w.text === '--check');
    case 'go':
      return ['test', 'vet'].includes(w1);
    case 'cargo':
      return ['test', 'check', 'clippy', 'nextest'].includes(w1);
    case 'dotnet':
    case 'swift':
    case 'mix':
    case 'zig':
      return w1 === 'test';
    case 'gradle':
    case 'gradlew':
    case './gradlew':
    case 'mvn':
    case 'mvnw':
      return ws.slice(1).some((w) => ['test', 'check', 'verify'].includes(w.text));
    case 'bash':
    case 'sh':
      return !w1.startsWith('-') && /(^|\/)(test|check|lint|verify)[\w-]*\.sh$/.test(w1);
    default:
      return false;
  }
}

/** Analyse one shell command string. */
export function shellEffects(cmd: string): ShellEffects {
  const out: ShellEffects = { writes: false, paths: [], checker: false };
  if (!cmd || typeof cmd !== 'string') return out;
  const text = cmd.length > 256 * 1024 ? cmd.slice(0, 256 * 1024) : cmd;
  let segments: Segment[];
  try {
    segments = parseShell(text);
  } catch {
    return out;
  }
  for (const seg of segments) {
    const w = segmentWrites(seg);
    if (w.writes) out.writes = true;
    out.paths.push(...w.paths);
    if (isChecker(commandWords(seg))) out.checker = true;
    // `apply_patch <<'EOF' ... EOF` (Codex sends patches through its shell tool too).
    const ws = commandWords(seg);
    if (ws[0] && /^(apply_patch|applypatch)$/.test(basename(ws[0].text))) {
      const body = seg.heredocs.join('\n') + '\n' + ws.slice(1).map((x) => x.text).join('\n');
      if (patchTouches(body)) {
        out.writes = true;
        out.paths.push(...parsePatchPaths(body));
      }
    }
  }
  return out;
}
