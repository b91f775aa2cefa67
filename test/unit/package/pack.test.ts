// The npm tarball must work as installed: `npm pack`, install into an empty folder, run the bin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, sandbox } from '../../helpers/env';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function packedFiles(): string[] {
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
}

test('every file the hooks, manifests, commands and skills reference is in the tarball', () => {
  const files = new Set(packedFiles());
  const hooks = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'hooks/hooks.json'), 'utf8')) as { hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>> };
  const referenced = new Set<string>(['hooks/hooks.json', '.claude-plugin/plugin.json', '.claude-plugin/marketplace.json', '.codex-plugin/plugin.json', '.agents/plugins/marketplace.json']);
  for (const groups of Object.values(hooks.hooks))
    for (const g of groups) for (const h of g.hooks) for (const m of h.command.matchAll(/\$\{CLAUDE_PLUGIN_ROOT\}\/([^"\s]+)/g)) referenced.add(m[1]!);
  // Commands and skills reference the CLI through the plugin root.
  for (const dir of ['commands', 'skills']) {
    const abs = path.join(REPO_ROOT, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs, { recursive: true }) as string[]) {
      const p = path.join(abs, f);
      if (!fs.statSync(p).isFile()) continue;
      referenced.add(path.join(dir, f).split(path.sep).join('/'));
      for (const m of fs.readFileSync(p, 'utf8').matchAll(/\$\{?(?:CLAUDE_PLUGIN_ROOT|PLUGIN_ROOT)\}?\/([A-Za-z0-9_./-]+)/g)) referenced.add(m[1]!);
    }
  }
  const missing = [...referenced].filter((f) => !files.has(f));
  assert.deepEqual(missing, []);
});

test('the packed tarball installs into an empty folder and its bin runs --version and doctor', { timeout: 240000 }, () => {
  const sb = sandbox();
  const packDir = path.join(sb.root, 'pack');
  fs.mkdirSync(packDir);
  const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: REPO_ROOT, encoding: 'utf8' });
  const tarball = path.join(packDir, (JSON.parse(out) as Array<{ filename: string }>)[0]!.filename);
  const app = path.join(sb.root, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{"name":"empty-app","version":"1.0.0","private":true}');
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app, stdio: 'pipe', env: { ...process.env, npm_config_loglevel: 'error' } });
  const bin = path.join(app, 'node_modules', '.bin', 'maestro');
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const v = spawnSync(bin, ['--version'], { env: sb.env, encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  assert.equal(v.stdout.trim(), pkg.version);
  const d = spawnSync(bin, ['doctor', '--json'], { env: sb.env, cwd: app, encoding: 'utf8', timeout: 60000 });
  assert.ok(d.status === 0 || d.status === 1, `doctor exit ${d.status}: ${d.stderr}`);
  const report = JSON.parse(d.stdout) as { maestro: string; problems: Array<{ id: string }> };
  assert.equal(report.maestro, pkg.version);
  // The only acceptable problems on a bare CI machine are missing host CLIs.
  assert.deepEqual(report.problems.map((p) => p.id).filter((id) => !id.startsWith('no-host-cli')), []);
  // The installed package is a complete plugin too: the hook bundle runs and fails open.
  const hook = spawnSync(process.execPath, [path.join(app, 'node_modules', 'maestro', 'dist', 'hooks', 'Stop.cjs')], { input: 'null', encoding: 'utf8' });
  assert.equal(hook.status, 0);
  assert.equal(hook.stdout, '');
});
