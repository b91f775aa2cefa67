// The Maestro package the installer copies from: the folder holding package.json (name "maestro")
// above the running code. From the bundle that is dist/.., and dist/maestro.cjs is the engine itself.
import fs from 'node:fs';
import path from 'node:path';
import { readTextBounded } from '../../core/safe-fs';
import { MAX_FILE_BYTES } from './observe';

export class SourceError extends Error {}

export function findPackageRoot(start: string = __dirname): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    try {
      const name = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name;
      if (name === 'maestro' && fs.existsSync(path.join(dir, 'dist', 'maestro.cjs'))) return dir;
    } catch {
      // not here; keep climbing
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function sourceReader(root: string): (rel: string) => string {
  const cache = new Map<string, string>();
  return (rel) => {
    const hit = cache.get(rel);
    if (hit !== undefined) return hit;
    const r = readTextBounded(path.join(root, rel), MAX_FILE_BYTES);
    if (!r.ok) throw new SourceError(`the Maestro package at ${root} lacks ${rel} (${r.reason}); reinstall Maestro`);
    cache.set(rel, r.value);
    return r.value;
  };
}
