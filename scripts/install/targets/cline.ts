// Cline: a rule in .clinerules/ and a workflow in .clinerules/workflows/ (global: ~/Documents/Cline).
import type { TargetDef } from '../types';
import { SOURCES, shared } from './common';

const WORKFLOW = 'integrations/cline/workflows/maestro-frontier.md';

export const cline: TargetDef = {
  id: 'cline',
  label: 'Cline',
  detect: { project: ['.clinerules', '.cline'], global: ['Documents/Cline'] },
  files: (scope) =>
    scope === 'project'
      ? [
          ...shared(scope),
          { source: 'integrations/cline/rules/maestro.md', dest: '.clinerules/maestro.md', policy: 'managed', kind: 'doctrine' },
          { source: WORKFLOW, dest: '.clinerules/workflows/maestro-frontier.md', policy: 'managed', kind: 'command' },
        ]
      : [
          ...shared(scope),
          // No AGENTS.md next to a global rule, so the global rule carries the kernel itself.
          { source: SOURCES.kernel, dest: 'Documents/Cline/Rules/maestro.md', base: 'home', boundary: 'Documents/Cline', policy: 'managed', kind: 'doctrine' },
          { source: WORKFLOW, dest: 'Documents/Cline/Workflows/maestro-frontier.md', base: 'home', boundary: 'Documents/Cline', policy: 'managed', kind: 'command' },
        ],
  notes: () => [],
};
