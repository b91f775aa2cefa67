// auto: every host whose marker folder (or file) exists in the project (or, with --global, in the home dir).
import fs from 'node:fs';
import path from 'node:path';
import { TARGETS } from './targets';
import { TARGET_IDS, type Scope, type TargetId } from './types';

export interface Detection {
  targets: TargetId[];
  /** What was found, e.g. ".cursor -> cursor". */
  found: string[];
  looked: string[];
}

export function detectTargets(scope: Scope, base: string, present: (p: string) => boolean = defaultPresent): Detection {
  const targets: TargetId[] = [];
  const found: string[] = [];
  const looked: string[] = [];
  for (const id of TARGET_IDS) {
    for (const rel of TARGETS[id].detect[scope]) {
      looked.push(rel);
      if (!present(path.join(base, rel))) continue;
      found.push(`${scope === 'global' ? '~/' : ''}${rel} -> ${id}`);
      if (!targets.includes(id)) targets.push(id);
    }
  }
  return { targets, found, looked };
}

function defaultPresent(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}
