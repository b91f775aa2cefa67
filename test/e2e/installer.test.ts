// The real installer (`maestro install --target gemini|codex --project <dir>`) followed by the real
// hosts in that project: Gemini CLI expands the installed TOML command in `-p`, Codex lists the
// installed project skills; `maestro uninstall` then leaves the project byte-identical.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { assertStepOk, baseEnv, describeStep, developerTexts, ensureHosts, makeSandbox, requestText, runCodex, runGemini, type HostBins, type Sandbox } from './lib';
import { MAESTRO_CLI } from './lib/frontier';

/** Hash of every path (files with mode and bytes, dirs, symlinks) under root. */
function treeHash(root: string): { hash: string; entries: string[] } {
  const entries: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = path.join(dir, e.name);
      const rel = path.relative(root, abs);
      const st = fs.lstatSync(abs);
      if (e.isDirectory()) {
        entries.push(`d ${rel} ${(st.mode & 0o777).toString(8)}`);
        walk(abs);
      } else if (e.isSymbolicLink()) entries.push(`l ${rel} ${fs.readlinkSync(abs)}`);
      else entries.push(`f ${rel} ${(st.mode & 0o777).toString(8)} ${crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex')}`);
    }
  };
  walk(root);
  return { hash: crypto.createHash('sha256').update(entries.join('\n')).digest('hex'), entries };
}

function maestro(sb: Sandbox, args: string[]): string {
  const r = spawnSync(process.execPath, [MAESTRO_CLI, ...args], { env: baseEnv(sb.home), cwd: sb.work, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `maestro ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('installer + real hosts', () => {
  let bins: HostBins;
  let sb: Sandbox;
  let before0: { hash: string; entries: string[] };

  before(() => {
    bins = ensureHosts();
    sb = makeSandbox('installer');
    // A project with the user's own files, including an AGENTS.md the installer must extend and restore.
    fs.writeFileSync(path.join(sb.work, 'AGENTS.md'), '# House rules\n\n- Keep functions short.\n');
    fs.writeFileSync(path.join(sb.work, 'README.md'), 'demo project\n');
    fs.mkdirSync(path.join(sb.work, 'src'));
    fs.writeFileSync(path.join(sb.work, 'src', 'app.js'), 'console.log("hi");\n');
    before0 = treeHash(sb.work);
  });

  test('install --target gemini: `gemini -p "/maestro:frontier status …"` expands the installed command', async () => {
    const out = maestro(sb, ['install', '--target', 'gemini', '--project', sb.work]);
    const toml = path.join(sb.work, '.gemini', 'commands', 'maestro', 'frontier.toml');
    assert.ok(fs.existsSync(toml), `no frontier.toml installed:\n${out}`);
    const r = await runGemini(sb, bins, '/maestro:frontier status MARKER-INSTALL-GEMINI', { model: 'gemini-2.5-pro' });
    const step = r.steps[0]!;
    assertStepOk(step);
    const sent = requestText(r.requests);
    assert.ok(sent.includes('Run exactly one Maestro CLI command for the request below'), `the command body did not reach the model\n${describeStep(step)}`);
    assert.ok(sent.includes('Request: status MARKER-INSTALL-GEMINI'), 'the arguments were not substituted into {{args}}');
    assert.ok(sent.includes('node .maestro/bin/maestro.cjs frontier status'), 'the command points at the installed engine');
    const userTexts = r.requests.flatMap((q) =>
      ((q.body as { contents?: { role?: string; parts?: { text?: string }[] }[] })?.contents ?? [])
        .filter((c) => c.role === 'user')
        .flatMap((c) => (c.parts ?? []).map((p) => p.text ?? '')),
    );
    assert.ok(!userTexts.some((t) => t.trimStart().startsWith('/maestro:frontier')), 'the slash command reached the model as literal text');
  });

  test('install --target codex: `codex exec` in the project lists the installed .agents/skills skills', async () => {
    maestro(sb, ['install', '--target', 'codex', '--project', sb.work]);
    const r = await runCodex(sb, bins, 'hello MARKER-INSTALL-CODEX');
    const step = r.steps[0]!;
    assertStepOk(step);
    const dev = developerTexts(r.requests).join('\n');
    const skillsDir = path.join(sb.work, '.agents', 'skills');
    const installed = fs.readdirSync(skillsDir).sort();
    assert.ok(installed.includes('maestro-frontier'), installed.join(', '));
    // Codex shortens skill paths through a roots table: "- `r1` = `/abs/dir`", then "(file: r1/<name>/SKILL.md)".
    const roots = new Map([...dev.matchAll(/^- `(r\d+)` = `([^`]+)`$/gm)].map((m) => [m[1]!, m[2]!]));
    for (const name of installed) {
      const lines = dev.split('\n').filter((l) => l.startsWith(`- ${name}: `));
      assert.equal(lines.length, 1, `project skill ${name} listed ${lines.length} times`);
      const file = /\(file: ([^)]+)\)$/.exec(lines[0]!)?.[1] ?? '';
      const [alias, ...rest] = file.split('/');
      const abs = roots.has(alias!) ? path.join(roots.get(alias!)!, ...rest) : file;
      assert.equal(abs, path.join(skillsDir, name, 'SKILL.md'), `listed from elsewhere: ${lines[0]}`);
    }
  });

  test('uninstall leaves the project byte-identical to before the installs', () => {
    assert.notEqual(treeHash(sb.work).hash, before0.hash, 'the installs changed nothing?');
    maestro(sb, ['uninstall', '--project', sb.work]);
    const after = treeHash(sb.work);
    const added = after.entries.filter((e) => !before0.entries.includes(e));
    const lost = before0.entries.filter((e) => !after.entries.includes(e));
    assert.equal(after.hash, before0.hash, `left behind: ${added.join('; ')} | lost or changed: ${lost.join('; ')}`);
  });
});
