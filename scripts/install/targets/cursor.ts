// Cursor: an always-applied rule in .cursor/rules/ (.mdc) and a /maestro-frontier command.
// Cursor keeps user rules in its settings, so --global installs only the command.
import type { TargetDef } from '../types';
import { shared } from './common';

export const cursor: TargetDef = {
  id: 'cursor',
  label: 'Cursor',
  detect: { project: ['.cursor'], global: ['.cursor'] },
  files: (scope) =>
    scope === 'project'
      ? [
          ...shared(scope),
          { source: 'integrations/cursor/rules/maestro.mdc', dest: '.cursor/rules/maestro.mdc', policy: 'managed', kind: 'doctrine' },
          { source: 'integrations/cursor/commands/maestro-frontier.md', dest: '.cursor/commands/maestro-frontier.md', policy: 'managed', kind: 'command' },
        ]
      : [
          ...shared(scope),
          { source: 'integrations/cursor/commands/maestro-frontier.md', dest: '.cursor/commands/maestro-frontier.md', base: 'home', boundary: '.cursor', policy: 'managed', kind: 'command' },
        ],
  notes: (scope) => (scope === 'global' ? ['Cursor: user rules live in Cursor Settings > Rules; only the command was installed globally.'] : []),
};
