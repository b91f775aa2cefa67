// auto: every host whose folder exists in the project (or, with --global, in the home dir).
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

export function detectTargets(scope: Scope, base: string, isDir: (p: string) => boolean = defaultIsDir): Detection {
  const targets: TargetId[] = [];
  const found: string[] = [];
  const looked: string[] = [];
  for (const id of TARGET_IDS) {
    for (const rel of TARGETS[id].detect[scope]) {
      looked.push(rel);
      if (!isDir(path.join(base, rel))) continue;
      found.push(`${scope === 'global' ? '~/' : ''}${rel} -> ${id}`);
      if (!targets.includes(id)) targets.push(id);
    }
  }
  return { targets, found, looked };
}

function defaultIsDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
