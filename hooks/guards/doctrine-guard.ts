// Doctrine guard (S7.2): the host already loaded the project's AGENTS.md / CLAUDE.md into context,
// so re-reading it wastes context. Only files the host really loaded count (Claude Code: CLAUDE.md,
// and AGENTS.md when CLAUDE.md imports it). One Read per file and session is allowed (the agent may need
// the exact text once); later Reads are denied with a pointer to the copy in context.
// MAESTRO_DOCTRINE_GUARD: `0`/`off` disables, `once` (default) as above, `always` denies every time.
import fs from 'node:fs';
import path from 'node:path';
import { readTextBounded } from '../../core/safe-fs';
import { projectRoot } from '../../core/scope';
import { normalizePath } from '../detect/tool';
import { claimOnce } from '../session';
import type { Guard, Host } from '../types';

const DOCTRINE_FILES = ['AGENTS.md', 'CLAUDE.md'];

export type DoctrineMode = 'off' | 'once' | 'always';

export function doctrineMode(v: string | undefined): DoctrineMode {
  const s = v?.trim().toLowerCase();
  if (s === '0' || s === 'off' || s === 'false') return 'off';
  if (s === 'always' || s === 'deny' || s === '1' || s === 'on') return 'always';
  return 'once';
}

const IMPORTS_AGENTS = /^@(?:\.\/)?AGENTS\.md\s*$/m;

/**
 * Did the host load this file into context at session start? Claude Code loads CLAUDE.md (root or
 * .claude/), and AGENTS.md only through an `@AGENTS.md` import; Codex loads AGENTS.md, never CLAUDE.md.
 */
export function hostLoads(name: string, root: string, host: Host): boolean {
  if (host === 'codex') return name === 'AGENTS.md';
  if (name === 'CLAUDE.md') return true;
  for (const rel of ['CLAUDE.md', path.join('.claude', 'CLAUDE.md')]) {
    const r = readTextBounded(path.join(root, rel), 1024 * 1024);
    if (r.ok && IMPORTS_AGENTS.test(r.value)) return true;
  }
  return false;
}

/**
 * The doctrine file name when `file` is the project root's own AGENTS.md / CLAUDE.md, it exists,
 * and the host already loaded it.
 */
export function projectDoctrineFile(file: unknown, cwd: string, host: Host = 'claude'): string | undefined {
  const abs = normalizePath(file, cwd);
  if (!abs) return undefined;
  const name = DOCTRINE_FILES.find((n) => n.toLowerCase() === path.basename(abs).toLowerCase());
  if (!name) return undefined;
  const { root } = projectRoot(cwd);
  const rootNorm = normalizePath(root, cwd)!;
  if (path.dirname(abs) !== rootNorm) return undefined;
  try {
    if (!fs.statSync(abs).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return hostLoads(name, root, host) ? name : undefined;
}

export function denyText(name: string): string {
  return (
    `Maestro doctrine guard: ${name} of this project is already in your context (the host loads it at session start); ` +
    `use that copy instead of reading it again. Other docs (e.g. docs/orchestration.md) are not affected. ` +
    `Set MAESTRO_DOCTRINE_GUARD=0 to turn this off.`
  );
}

export const doctrineGuard: Guard = {
  name: 'doctrine-guard',
  events: ['PreToolUse'],
  enforcement: true,
  run(event, ctx) {
    if (event.toolName !== 'Read') return [];
    const mode = doctrineMode(ctx.env.MAESTRO_DOCTRINE_GUARD);
    if (mode === 'off') return [];
    const name = projectDoctrineFile(event.toolInput?.file_path, event.cwd, event.host);
    if (!name) return [];
    if (mode === 'once') {
      // Without a session we cannot tell a first read from a repeat: allow.
      if (!ctx.sessionDir) return [];
      let first: boolean;
      try {
        first = claimOnce(ctx.sessionDir, `doctrine-read-${name}`);
      } catch {
        return []; // cannot record the first read: never deny on a guess
      }
      if (first) return [];
    }
    return [{ kind: 'deny', reason: denyText(name) }];
  },
};
