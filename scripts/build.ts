// npm run build: regenerate every generated file. CI runs it and fails on any difference.
import fs from 'node:fs';
import path from 'node:path';
import { stampVersions } from './build/versions';
import { compileValidators } from './build/validators';
import { buildBundles } from './build/bundles';
import { buildDoctrine } from './build/doctrine';
import { buildPluginDir } from './build/plugin-dir';

const root = path.resolve(__dirname, '..');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

const steps: Array<[string, () => string[]]> = [
  ['versions', () => stampVersions(root, version)],
  ['validators', () => compileValidators(root)],
  ['doctrine', () => buildDoctrine(root)],
  // Bundles go last: they inline the generated validators.
  ['bundles', () => buildBundles(root, version)],
  // The installable plugin copies bundles and manifests, so it goes after both.
  ['plugin', () => buildPluginDir(root)],
];

for (const [name, run] of steps) {
  const written = run();
  console.log(`${name}: ${written.length ? written.join(', ') : 'up to date'}`);
}
