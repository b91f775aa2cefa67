// The Frontier state of the scope a hook event belongs to. Most users never arm Frontier, so the
// common path is one readdir of the config dir: only when some frontier-state file exists is the
// scope resolved (a git-root walk plus a hash) and the state read and validated.
import fs from 'node:fs';
import { maestroDirs, type Env } from '../core/dirs';
import { resolveScope } from '../core/scope';
import { readState, type FrontierState } from '../frontier/state';

export interface ScopedState {
  scope?: string;
  state: FrontierState;
}

export function anyFrontierState(env: Env): boolean {
  try {
    const dir = maestroDirs(env).config;
    return fs.existsSync(dir) && fs.readdirSync(dir).some((n) => n.startsWith('frontier-state'));
  } catch {
    return false;
  }
}

export function frontierStateFor(env: Env, cwd: string): ScopedState {
  if (!anyFrontierState(env)) return { state: { mode: 'off' } };
  const { scope } = resolveScope({ env, cwd });
  return { scope, state: readState(scope, env).state };
}
