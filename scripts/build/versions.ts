// One version everywhere: package.json is the source, every manifest gets it from here.
import fs from 'node:fs';
import path from 'node:path';
import { writeIfChanged } from './write-if-changed';

/** Manifest files and the JSON paths inside them that carry the plugin version. */
export const VERSIONED_MANIFESTS: ReadonlyArray<{ file: string; paths: string[][] }> = [
  { file: '.claude-plugin/plugin.json', paths: [['version']] },
  { file: '.claude-plugin/marketplace.json', paths: [['plugins', '0', 'version']] },
  { file: '.codex-plugin/plugin.json', paths: [['version']] },
];

function setPath(obj: Record<string, unknown>, keys: string[], value: string): void {
  let cur: Record<string, unknown> = obj;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  cur[keys[keys.length - 1]!] = value;
}

export function stampVersions(root: string, version: string): string[] {
  const written: string[] = [];
  for (const { file, paths } of VERSIONED_MANIFESTS) {
    const abs = path.join(root, file);
    const json = JSON.parse(fs.readFileSync(abs, 'utf8')) as Record<string, unknown>;
    for (const p of paths) setPath(json, p, version);
    if (writeIfChanged(abs, JSON.stringify(json, null, 2) + '\n')) written.push(file);
  }
  return written;
}
