// The committed runtime: single-file CommonJS bundles with every dependency inlined.
import path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import { EVENT_NAMES } from '../../hooks/types';
import { writeIfChanged } from './write-if-changed';

interface Bundle {
  entry: string;
  out: string;
  shebang?: boolean;
  define?: Record<string, string>;
  /** Hook startup is paid on every host event: give it the builtins without per-import copies. */
  hookShims?: boolean;
}

export const BUNDLES: readonly Bundle[] = [
  { entry: 'cli/main.ts', out: 'dist/maestro.cjs', shebang: true },
  // One hook bundle per event (hooks.json runs dist/hooks/<Event>.cjs): each carries only the
  // guards of its event, so V8 compiles a third less code on every tool call and prompt.
  ...EVENT_NAMES.map((event) => ({
    entry: 'hooks/main.ts',
    out: `dist/hooks/${event}.cjs`,
    define: { MAESTRO_HOOK_EVENT: JSON.stringify(event) },
    hookShims: true,
  })),
  // The Frontier engine as the autorun hook loads it: a separate file, required only when armed,
  // so the hook process does not parse the engine on every prompt (hooks/guards/frontier-autorun.ts).
  { entry: 'frontier/autorun.ts', out: 'dist/autorun.cjs' },
];

const HOOK_SHIMS: Record<string, string> = {
  'node:fs': './scripts/build/shims/fs.ts',
  'node:path': './scripts/build/shims/path.ts',
  'node:os': './scripts/build/shims/os.ts',
};

export function buildBundles(root: string, version: string): string[] {
  const written: string[] = [];
  for (const b of BUNDLES) {
    const options: BuildOptions & { write: false } = {
      absWorkingDir: root,
      entryPoints: [b.entry],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      write: false,
      banner: b.shebang ? { js: '#!/usr/bin/env node' } : undefined,
      define: { MAESTRO_VERSION: JSON.stringify(version), ...b.define },
      logLevel: 'error',
      alias: b.hookShims ? HOOK_SHIMS : {},
    };
    const file = buildSync(options).outputFiles[0];
    if (!file) throw new Error(`esbuild produced nothing for ${b.entry}`);
    if (writeIfChanged(path.join(root, b.out), Buffer.from(file.contents), 0o755)) written.push(b.out);
  }
  return written;
}
