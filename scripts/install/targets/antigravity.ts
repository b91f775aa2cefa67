// Antigravity (agy) reads AGENTS.md and .agents/skills/ in a project. Its user-level layout is not
// settled, so --global installs only the skills under ~/.agents/skills.
import type { TargetDef } from '../types';
import { codexSkills, shared } from './common';

export const antigravity: TargetDef = {
  id: 'antigravity',
  label: 'Antigravity',
  // .agents/ is shared with Codex, so auto never picks Antigravity; ask for it by name.
  detect: { project: [], global: [] },
  files: (scope) => [...shared(scope), ...codexSkills(scope)],
  notes: (scope) => (scope === 'global' ? ['Antigravity: only the skills were installed globally (~/.agents/skills).'] : []),
};
