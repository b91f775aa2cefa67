// One tool call in host-neutral terms: did it edit files (which), did it run a checker, is it plain
// exploration. Claude Code: Edit/Write/MultiEdit/NotebookEdit/Bash. Codex: apply_patch (with the
// patch in tool_input.command or tool_input.input) and its shell tool, reported as Bash.
import path from 'node:path';
import { parsePatchPaths, patchTouches } from './apply-patch';
import { shellEffects } from './shell-effects';

export type ToolKind = 'edit' | 'shell' | 'other';

export interface ToolFact {
  tool: string;
  kind: ToolKind;
  /** The call changed files. */
  writes: boolean;
  /** Normalized absolute paths of edited/created files. */
  paths: string[];
  /** The call ran a checker (tests, type checker, linter). */
  checker: boolean;
}

const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit', 'str_replace_based_edit_tool', 'write_file', 'replace', 'edit_file']);
const PATCH_TOOLS = new Set(['apply_patch', 'ApplyPatch', 'applypatch']);
const SHELL_TOOLS = new Set(['Bash', 'bash', 'shell', 'exec_command', 'local_shell', 'container.exec', 'run_shell_command', 'unified_exec', 'shell_command']);

/** `./x`, `x` and `/abs/cwd/x` are one file. Returns undefined for empty or non-string input. */
export function normalizePath(p: unknown, cwd: string): string | undefined {
  if (typeof p !== 'string') return undefined;
  let s = p.trim();
  if (!s || s.length > 4096 || s.includes('\0')) return undefined;
  if (s.startsWith('file://')) s = s.slice(7);
  const abs = path.resolve(cwd, s);
  return process.platform === 'win32' ? abs.toLowerCase() : abs;
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    // argv form, e.g. ["bash", "-lc", "cmd"] or ["apply_patch", "<patch>"]
    const arr = v as string[];
    if (arr.length >= 3 && /(^|\/)(ba|z|da)?sh$/.test(arr[0]!) && /^-\w*c$/.test(arr[1]!)) return arr.slice(2).join(' ');
    return arr.map((a) => (/[\s'"]/.test(a) && !a.includes('\n') ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
  }
  return undefined;
}

function uniq(xs: Array<string | undefined>): string[] {
  return [...new Set(xs.filter((x): x is string => !!x))];
}

export function classifyTool(toolName: string | undefined, input: Record<string, unknown> | undefined, cwd: string): ToolFact | undefined {
  if (!toolName) return undefined;
  const inp = input ?? {};
  const base = typeof inp.workdir === 'string' && inp.workdir ? path.resolve(cwd, inp.workdir) : cwd;
  if (EDIT_TOOLS.has(toolName)) {
    const p = normalizePath(inp.file_path ?? inp.notebook_path ?? inp.path, base);
    return { tool: toolName, kind: 'edit', writes: true, paths: uniq([p]), checker: false };
  }
  if (PATCH_TOOLS.has(toolName)) {
    const text = textOf(inp.command) ?? textOf(inp.input) ?? textOf(inp.patch) ?? '';
    return {
      tool: toolName,
      kind: 'edit',
      writes: patchTouches(text) || text.length > 0,
      paths: uniq(parsePatchPaths(text).map((p) => normalizePath(p, base))),
      checker: false,
    };
  }
  if (SHELL_TOOLS.has(toolName)) {
    const cmd = textOf(inp.command) ?? textOf(inp.cmd) ?? '';
    const fx = shellEffects(cmd);
    return { tool: toolName, kind: 'shell', writes: fx.writes, paths: uniq(fx.paths.map((p) => normalizePath(p, base))), checker: fx.checker };
  }
  // A patch envelope under another tool name (hosts rename tools between versions): still an edit.
  const maybePatch = textOf(inp.command) ?? textOf(inp.input) ?? textOf(inp.patch);
  if (maybePatch && maybePatch.includes('*** Begin Patch') && patchTouches(maybePatch)) {
    return { tool: toolName, kind: 'edit', writes: true, paths: uniq(parsePatchPaths(maybePatch).map((p) => normalizePath(p, base))), checker: false };
  }
  return { tool: toolName, kind: 'other', writes: false, paths: [], checker: false };
}
