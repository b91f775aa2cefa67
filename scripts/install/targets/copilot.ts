// GitHub Copilot (VS Code): it reads AGENTS.md; /maestro-frontier is a prompt file rendered from the
// Cursor command (both append the text typed after the command) with Copilot's frontmatter added.
// User-level prompt folders depend on the editor profile, so --global is not offered.
import type { TargetDef } from '../types';
import { shared } from './common';

export const copilot: TargetDef = {
  id: 'copilot',
  label: 'GitHub Copilot',
  detect: { project: ['.github/copilot-instructions.md', '.github/prompts', '.github/instructions'], global: [] },
  files: (scope) =>
    scope === 'project'
      ? [
          ...shared(scope),
          {
            source: 'integrations/cursor/commands/maestro-frontier.md',
            dest: '.github/prompts/maestro-frontier.prompt.md',
            policy: 'managed',
            kind: 'command',
            frontmatter: { description: 'Run Maestro Frontier (multi-model fusion) with the text after the command', agent: 'agent' },
          },
        ]
      : [],
  notes: (scope) => (scope === 'global' ? ['GitHub Copilot: no user-level install; run `maestro install --target copilot` in a project.'] : []),
};
