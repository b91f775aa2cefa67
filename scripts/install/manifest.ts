// The install manifest: every file Maestro wrote, with the hash of what it wrote.
import { readJsonFile } from '../../core/safe-fs';
import { VERSION } from '../../core/version';
import type { Manifest, Scope } from './types';

const POLICIES = new Set(['block', 'managed', 'never-clobber']);
const KINDS = new Set(['doctrine', 'command', 'engine']);

export function emptyManifest(scope: Scope): Manifest {
  return { format: 1, scope, maestro: VERSION, files: {}, dirs: [] };
}

/** Returns null when valid, else what is wrong (hand-written: the shape is small and installer-only). */
export function manifestProblem(v: unknown): string | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not an object';
  const m = v as Record<string, unknown>;
  if (m.format !== 1) return 'unknown format';
  if (m.scope !== 'project' && m.scope !== 'global') return 'bad scope';
  if (!Array.isArray(m.dirs) || !m.dirs.every((d) => typeof d === 'string')) return 'bad dirs';
  if (!m.files || typeof m.files !== 'object' || Array.isArray(m.files)) return 'bad files';
  for (const [k, e] of Object.entries(m.files as Record<string, unknown>)) {
    const x = e as Record<string, unknown> | null;
    if (!x || typeof x !== 'object') return `bad entry ${k}`;
    if (!POLICIES.has(x.policy as string) || !KINDS.has(x.kind as string)) return `bad policy/kind for ${k}`;
    if (typeof x.hash !== 'string' || !/^[0-9a-f]{64}$/.test(x.hash)) return `bad hash for ${k}`;
    if (!Array.isArray(x.targets) || typeof x.created !== 'boolean') return `bad entry ${k}`;
    for (const s of ['before', 'after', 'backup']) if (x[s] !== undefined && typeof x[s] !== 'string') return `bad ${s} for ${k}`;
  }
  return null;
}

export type ManifestRead = { manifest: Manifest | undefined; problem?: string };

export function readManifest(file: string): ManifestRead {
  const r = readJsonFile<Manifest>(file, { validate: manifestProblem });
  if (r.ok) return { manifest: r.value };
  if (r.reason === 'absent') return { manifest: undefined };
  return { manifest: undefined, problem: r.detail };
}

export function serializeManifest(m: Manifest): string {
  const files: Manifest['files'] = {};
  for (const k of Object.keys(m.files).sort()) files[k] = m.files[k]!;
  return JSON.stringify({ ...m, files, dirs: [...new Set(m.dirs)].sort() }, null, 2) + '\n';
}
