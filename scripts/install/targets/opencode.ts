// OpenCode reads AGENTS.md and .agents/skills/ natively, so it shares Codex's portable files.
import type { TargetDef } from '../types';
import { SOURCES, codexSkills, shared } from './common';

export const opencode: TargetDef = {
  id: 'opencode',
  label: 'OpenCode',
  detect: { project: ['.opencode'], global: ['.config/opencode'] },
  files: (scope) => [
    ...shared(scope),
    ...(scope === 'global'
      ? [{ source: SOURCES.kernel, dest: '.config/opencode/AGENTS.md', base: 'home' as const, boundary: '.config/opencode', policy: 'block' as const, kind: 'doctrine' as const }]
      : []),
    ...codexSkills(scope),
  ],
  notes: () => [],
};
