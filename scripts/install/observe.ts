// The read side of the edge: what is on disk at each artifact path, checked the way the applier
// will write it (no symlink at or below the boundary, ancestors are folders).
import fs from 'node:fs';
import path from 'node:path';
import { readTextBounded } from '../../core/safe-fs';
import type { Observed } from './types';

export const MAX_FILE_BYTES = 16 * 1024 * 1024;

function lstat(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export function observe(file: string, boundary: string): Observed {
  const rel = path.relative(boundary, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'unsafe', reason: `${file} is outside ${boundary}` };
  const missingDirs: string[] = [];
  try {
    // The boundary is the folder the user declared (project root, ~/.gemini, …); following it is intended.
    let cur = boundary;
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(cur);
    } catch {
      st = undefined;
    }
    if (!st) {
      // Missing declared folder (e.g. ~/.cursor): it and its missing parents get created.
      const chain: string[] = [];
      for (let d = cur; !fs.existsSync(d); d = path.dirname(d)) {
        chain.unshift(d);
        if (path.dirname(d) === d) break;
      }
      missingDirs.push(...chain);
    } else if (!st.isDirectory()) {
      return { kind: 'unsafe', reason: `${cur} is not a folder` };
    }
    const parts = rel.split(path.sep);
    for (let i = 0; i < parts.length - 1; i++) {
      cur = path.join(cur, parts[i]!);
      const s = missingDirs.length ? undefined : lstat(cur);
      if (!s) {
        missingDirs.push(cur);
        continue;
      }
      if (s.isSymbolicLink()) return { kind: 'unsafe', reason: `${cur} is a symlink; refusing to write through it` };
      if (!s.isDirectory()) return { kind: 'unsafe', reason: `${cur} is a file where a folder is needed` };
    }
    if (missingDirs.length) return { kind: 'absent', missingDirs };
    const leaf = lstat(file);
    if (!leaf) return { kind: 'absent', missingDirs: [] };
    if (leaf.isSymbolicLink()) return { kind: 'unsafe', reason: `${file} is a symlink; refusing to replace it` };
    if (!leaf.isFile()) return { kind: 'unsafe', reason: `${file} is not a regular file` };
    const text = readTextBounded(file, MAX_FILE_BYTES);
    if (!text.ok) return { kind: 'unsafe', reason: text.detail };
    // Editing a file through a lossy decode would change bytes outside our block.
    if (text.value.includes('\uFFFD') || Buffer.byteLength(text.value, 'utf8') !== leaf.size) {
      return { kind: 'unsafe', reason: `${file} is not UTF-8 text; refusing to edit it` };
    }
    return { kind: 'file', text: text.value, mode: leaf.mode & 0o7777 };
  } catch (e) {
    return { kind: 'unsafe', reason: `${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

/** Folders that writing into `dir` would create, outermost first. */
export function missingDirs(dir: string): string[] {
  const chain: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    chain.unshift(d);
    if (path.dirname(d) === d) break;
  }
  return chain;
}
