// Files every target shares: the AGENTS.md kernel block, the orchestration protocol and the engine.
// Sources are paths inside the Maestro package; swapping a render needs no code change here.
import type { FileSpec, Scope } from '../types';

export const SOURCES = {
  kernel: 'AGENTS.md',
  claudeAdapter: 'CLAUDE.md',
  geminiAdapter: 'GEMINI.md',
  orchestration: 'docs/orchestration.md',
  engine: 'dist/maestro.cjs',
} as const;

/** An `@AGENTS.md` / `@./AGENTS.md` import line. */
export const AGENTS_IMPORT = /^[ \t]*@(?:\.\/)?AGENTS\.md[ \t]*\r?$/m;

// `terse` is the ruleset maestro-terse tells the agent to follow, so it ships alongside.
export const CODEX_SKILLS = ['maestro', 'maestro-frontier', 'maestro-settings', 'maestro-terse', 'maestro-update', 'terse'] as const;

/** The project AGENTS.md block: read natively by Codex, Cursor, Windsurf, Cline, OpenCode, Antigravity. */
export function projectKernel(): FileSpec {
  return { source: SOURCES.kernel, dest: 'AGENTS.md', policy: 'block', kind: 'doctrine' };
}

export function orchestration(scope: Scope): FileSpec {
  return scope === 'project'
    ? { source: SOURCES.orchestration, dest: '.maestro/docs/orchestration.md', policy: 'managed', kind: 'doctrine' }
    : { source: SOURCES.orchestration, dest: 'docs/orchestration.md', base: 'data', boundary: '', policy: 'managed', kind: 'doctrine' };
}

export function engine(scope: Scope): FileSpec {
  return scope === 'project'
    ? { source: SOURCES.engine, dest: '.maestro/bin/maestro.cjs', policy: 'managed', kind: 'engine', mode: 0o755 }
    : { source: SOURCES.engine, dest: 'bin/maestro.cjs', base: 'data', boundary: '', policy: 'managed', kind: 'engine', mode: 0o755 };
}

/** Doctrine + engine that come with every target. */
export function shared(scope: Scope): FileSpec[] {
  return [...(scope === 'project' ? [projectKernel()] : []), orchestration(scope), engine(scope)];
}

export function codexSkills(scope: Scope): FileSpec[] {
  return CODEX_SKILLS.map((name) => ({
    source: `skills/${name}/SKILL.md`,
    dest: `.agents/skills/${name}/SKILL.md`,
    ...(scope === 'global' ? { base: 'home' as const, boundary: '.agents' } : {}),
    policy: 'managed' as const,
    kind: 'command' as const,
  }));
}
