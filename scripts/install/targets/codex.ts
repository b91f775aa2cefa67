// Codex: the native plugin is the recommended path; portable files are the AGENTS.md kernel
// (~/.codex/AGENTS.md for --global) and the Maestro skills under .agents/skills/.
import type { TargetDef } from '../types';
import { SOURCES, codexSkills, shared } from './common';

export const codex: TargetDef = {
  id: 'codex',
  label: 'Codex',
  detect: { project: ['.codex', '.agents'], global: ['.codex'] },
  files: (scope) => [
    ...shared(scope),
    ...(scope === 'global'
      ? [{ source: SOURCES.kernel, dest: '.codex/AGENTS.md', base: 'home' as const, boundary: '.codex', policy: 'block' as const, kind: 'doctrine' as const }]
      : []),
    ...codexSkills(scope),
  ],
  notes: (_scope, source) => [
    'Codex: the plugin adds hooks and the skills; recommended:',
    `  codex plugin marketplace add ${source}`,
    '  codex plugin add maestro@maestro',
  ],
};
