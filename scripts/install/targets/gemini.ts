// Gemini CLI: GEMINI.md imports the kernel; /maestro:frontier is a TOML command with {{args}}.
import type { TargetDef } from '../types';
import { AGENTS_IMPORT, SOURCES, shared } from './common';

const COMMAND = 'integrations/gemini/commands/maestro/frontier.toml';

export const gemini: TargetDef = {
  id: 'gemini',
  label: 'Gemini CLI',
  detect: { project: ['.gemini'], global: ['.gemini'] },
  files: (scope) =>
    scope === 'project'
      ? [
          ...shared(scope),
          { source: SOURCES.geminiAdapter, dest: 'GEMINI.md', policy: 'block', kind: 'doctrine', dropIfPresent: AGENTS_IMPORT },
          { source: COMMAND, dest: '.gemini/commands/maestro/frontier.toml', policy: 'managed', kind: 'command' },
        ]
      : [
          ...shared(scope),
          { source: SOURCES.geminiAdapter, dest: '.gemini/GEMINI.md', base: 'home', boundary: '.gemini', policy: 'block', kind: 'doctrine', inlineKernel: true },
          { source: COMMAND, dest: '.gemini/commands/maestro/frontier.toml', base: 'home', boundary: '.gemini', policy: 'managed', kind: 'command' },
        ],
  notes: () => [],
};
