// The committed runtime: two single-file CommonJS bundles with every dependency inlined.
import path from 'node:path';
import { buildSync } from 'esbuild';
import { writeIfChanged } from './write-if-changed';

export const BUNDLES = [
  { entry: 'cli/main.ts', out: 'dist/maestro.cjs', shebang: true },
  { entry: 'hooks/main.ts', out: 'dist/hook.cjs', shebang: false },
  // The Frontier engine as the autorun hook loads it: a separate file, required only when armed,
  // so the hook process does not parse the engine on every event (see hooks/guards/frontier-autorun.ts).
  { entry: 'frontier/autorun.ts', out: 'dist/autorun.cjs', shebang: false },
] as const;

const HOOK_SHIMS: Record<string, string> = {
  'node:fs': './scripts/build/shims/fs.ts',
  'node:path': './scripts/build/shims/path.ts',
  'node:os': './scripts/build/shims/os.ts',
};

export function buildBundles(root: string, version: string): string[] {
  const written: string[] = [];
  for (const b of BUNDLES) {
    const res = buildSync({
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
      define: { MAESTRO_VERSION: JSON.stringify(version) },
      logLevel: 'error',
      // Hook startup is paid on every host event: give it the builtins without per-import copies.
      alias: b.out === 'dist/hook.cjs' ? HOOK_SHIMS : {},
    });
    const file = res.outputFiles[0];
    if (!file) throw new Error(`esbuild produced nothing for ${b.entry}`);
    if (writeIfChanged(path.join(root, b.out), Buffer.from(file.contents), 0o755)) written.push(b.out);
  }
  return written;
}
