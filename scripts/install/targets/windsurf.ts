// Windsurf (Devin Desktop): an always-on rule and a /maestro-frontier workflow.
// --global: the kernel goes into the global rules file as a block, the workflow into global_workflows.
import type { TargetDef } from '../types';
import { SOURCES, shared } from './common';

const WORKFLOW = 'integrations/windsurf/workflows/maestro-frontier.md';

export const windsurf: TargetDef = {
  id: 'windsurf',
  label: 'Windsurf',
  detect: { project: ['.windsurf'], global: ['.codeium/windsurf'] },
  files: (scope) =>
    scope === 'project'
      ? [
          ...shared(scope),
          { source: 'integrations/windsurf/rules/maestro.md', dest: '.windsurf/rules/maestro.md', policy: 'managed', kind: 'doctrine' },
          { source: WORKFLOW, dest: '.windsurf/workflows/maestro-frontier.md', policy: 'managed', kind: 'command' },
        ]
      : [
          ...shared(scope),
          { source: SOURCES.kernel, dest: '.codeium/windsurf/memories/global_rules.md', base: 'home', boundary: '.codeium/windsurf', policy: 'block', kind: 'doctrine' },
          { source: WORKFLOW, dest: '.codeium/windsurf/global_workflows/maestro-frontier.md', base: 'home', boundary: '.codeium/windsurf', policy: 'managed', kind: 'command' },
        ],
  notes: () => [],
};
