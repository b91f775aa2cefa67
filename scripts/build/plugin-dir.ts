// plugin/: the folder Claude Code and Codex install from (both marketplaces point here).
// Why not the repository root: Claude Code runs `npm ci` in its plugin cache whenever the plugin root
// holds package.json beside a lockfile, pulling every dev dependency (or stalling ~60 s offline),
// although the committed bundles need none. Real copies, not symlinks: git checkouts on Windows
// often turn symlinks into text files. Git stores identical blobs once, so the copies cost no history.
import fs from 'node:fs';
import path from 'node:path';
import { writeIfChanged } from './write-if-changed';

export const PLUGIN_DIR = 'plugin';

/** Everything the installed plugin reads at run time, relative to the repository root. */
export const PLUGIN_FILES: readonly string[] = [
  '.claude-plugin/plugin.json',
  '.codex-plugin/plugin.json',
  'hooks/hooks.json',
  'dist',
  'commands',
  'skills',
  'statusline/context-bar.mjs',
  'AGENTS.md',
  'docs/orchestration.md',
  'LICENSE',
];

function listFiles(root: string, rel: string): string[] {
  const abs = path.join(root, rel);
  if (!fs.statSync(abs).isDirectory()) return [rel];
  return fs.readdirSync(abs).sort().flatMap((n) => listFiles(root, path.join(rel, n)));
}

export function buildPluginDir(root: string): string[] {
  const out = path.join(root, PLUGIN_DIR);
  const wanted = new Set(PLUGIN_FILES.flatMap((rel) => listFiles(root, rel)));
  const written: string[] = [];
  for (const rel of wanted) {
    const src = path.join(root, rel);
    if (writeIfChanged(path.join(out, rel), fs.readFileSync(src), fs.statSync(src).mode & 0o777)) written.push(`${PLUGIN_DIR}/${rel}`);
  }
  // Drop copies whose source is gone.
  if (fs.existsSync(out)) {
    for (const rel of listFiles(root, PLUGIN_DIR).map((p) => path.relative(PLUGIN_DIR, p))) {
      if (!wanted.has(rel)) {
        fs.rmSync(path.join(out, rel));
        written.push(`${PLUGIN_DIR}/${rel} (removed)`);
      }
    }
  }
  return written;
}
