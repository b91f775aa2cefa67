// Locate an executable on PATH without a shell.
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from './dirs';

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function which(name: string, env: Env = process.env): string | undefined {
  if (name.includes('/') || (process.platform === 'win32' && name.includes('\\'))) {
    return isExecutableFile(name) ? path.resolve(name) : undefined;
  }
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}
