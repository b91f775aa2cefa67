// Claude Code: the native plugin is the recommended path; the portable files are the CLAUDE.md import
// of the AGENTS.md kernel (project) or the kernel inlined into ~/.claude/CLAUDE.md (--global).
import type { TargetDef } from '../types';
import { AGENTS_IMPORT, SOURCES, shared } from './common';

export const claude: TargetDef = {
  id: 'claude',
  label: 'Claude Code',
  detect: { project: ['.claude'], global: ['.claude'] },
  files: (scope) => [
    ...shared(scope),
    scope === 'project'
      ? { source: SOURCES.claudeAdapter, dest: 'CLAUDE.md', policy: 'block', kind: 'doctrine', dropIfPresent: AGENTS_IMPORT }
      : { source: SOURCES.claudeAdapter, dest: '.claude/CLAUDE.md', base: 'home', boundary: '.claude', policy: 'block', kind: 'doctrine', inlineKernel: true },
  ],
  notes: (_scope, source) => [
    'Claude Code: the plugin adds hooks and /maestro commands; recommended:',
    `  claude plugin marketplace add ${source}`,
    '  claude plugin install maestro@maestro',
  ],
};
