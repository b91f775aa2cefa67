// maestro doctor: a read-only health report. Exit 0 when healthy, 1 when it found a problem.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import semver from 'semver';
import { maestroDirs, type Env } from '../core/dirs';
import { probeWritable } from '../core/safe-fs';
import { projectRoot, resolveScope } from '../core/scope';
import { runBounded } from '../core/run-bounded';
import { which } from '../core/which';
import { VERSION } from '../core/version';
import { describeState, readState } from '../frontier/state';
import { snapshot } from '../settings/store';
import { EXIT_OK, EXIT_PROBLEM, UsageError } from './errors';
import { ScopeError } from '../core/scope';

export const HOST_CLIS = ['claude', 'codex', 'gemini', 'agy', 'cursor-agent'] as const;
export const PROBE_TIMEOUT_MS = 5000;

/** Files Maestro may have put into a project (plugin installs add none; `maestro install` adds these). */
export const PROJECT_ARTIFACTS: ReadonlyArray<{ path: string; what: string }> = [
  { path: 'AGENTS.md', what: 'doctrine kernel' },
  { path: 'CLAUDE.md', what: 'Claude Code adapter' },
  { path: 'GEMINI.md', what: 'Gemini adapter' },
  { path: '.cursor/rules/maestro.mdc', what: 'Cursor rule' },
  { path: '.windsurf/rules/maestro.md', what: 'Windsurf rule' },
  { path: '.clinerules/maestro.md', what: 'Cline rule' },
  { path: '.maestro', what: 'installed engine and install manifest' },
  { path: '.agents/skills/maestro', what: 'Codex skills' },
  { path: '.gemini/commands/maestro', what: 'Gemini commands' },
];

const BEGIN = '<!-- maestro:begin -->';
const END = '<!-- maestro:end -->';

export interface HostProbe {
  name: string;
  found: boolean;
  version?: string;
  error?: string;
}

export interface Problem {
  id: string;
  message: string;
  remedy: string;
}

export interface DoctorReport {
  ok: boolean;
  maestro: string;
  node: { version: string; ok: boolean };
  hosts: HostProbe[];
  dirs: Array<{ kind: 'config' | 'state' | 'cache'; path: string; exists: boolean; writable: boolean }>;
  scope: { scope: string; source: string };
  frontier: { mode: string; file: string };
  project: { root: string; git: boolean; artifacts: Array<{ path: string; what: string; maestroBlock?: boolean }> };
  problems: Problem[];
}

async function probeHost(name: string, env: Env): Promise<HostProbe> {
  const bin = which(name, env);
  if (!bin) return { name, found: false };
  const res = await runBounded(bin, ['--version'], { timeoutMs: PROBE_TIMEOUT_MS, env, maxOutput: 64 * 1024 });
  const line = (res.stdout.trim() || res.stderr.trim()).split('\n')[0]?.trim().slice(0, 100) ?? '';
  if (res.timedOut) return { name, found: true, error: `no answer to --version within ${PROBE_TIMEOUT_MS / 1000}s` };
  if (res.spawnError) return { name, found: true, error: res.spawnError };
  if (res.code !== 0) return { name, found: true, error: `--version exited ${res.code ?? res.signal}` };
  return { name, found: true, version: line || 'unknown' };
}

function markerState(file: string): boolean | 'broken' | undefined {
  let text: string;
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > 1024 * 1024) return undefined;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const begins = text.split(BEGIN).length - 1;
  const ends = text.split(END).length - 1;
  if (begins === 0 && ends === 0) return false;
  if (begins === 1 && ends === 1 && text.indexOf(BEGIN) < text.indexOf(END)) return true;
  return 'broken';
}

export async function runDoctor(opts: { env?: Env; cwd?: string; scope?: string } = {}): Promise<DoctorReport> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const problems: Problem[] = [];

  const nodeOk = semver.gte(process.versions.node, '20.0.0');
  if (!nodeOk) problems.push({ id: 'node-too-old', message: `Node ${process.versions.node} is older than 20`, remedy: 'install Node.js 20 or newer' });

  const hosts = await Promise.all(HOST_CLIS.map((h) => probeHost(h, env)));
  for (const h of hosts) {
    if (h.error) problems.push({ id: `host-${h.name}`, message: `${h.name} is on PATH but ${h.error}`, remedy: `run \`${h.name} --version\` yourself and reinstall or update ${h.name} if it fails` });
  }
  if (!hosts.some((h) => h.found && !h.error)) {
    problems.push({ id: 'no-host-cli', message: 'no model CLI (claude, codex, gemini, agy, cursor-agent) found on PATH', remedy: 'install at least one host CLI; Frontier panels are made of them' });
  }

  const d = maestroDirs(env);
  const dirs = (['config', 'state', 'cache'] as const).map((kind) => {
    const p = probeWritable(d[kind]);
    if (!p.writable) problems.push({ id: `dir-${kind}`, message: `${kind} dir ${d[kind]} is not writable`, remedy: `fix the permissions of ${p.checked} or point XDG_${kind.toUpperCase()}_HOME elsewhere` });
    return { kind, path: d[kind], exists: p.exists, writable: p.writable };
  });

  let scope;
  try {
    scope = resolveScope({ flag: opts.scope, env, cwd });
  } catch (e) {
    if (e instanceof ScopeError) throw new UsageError(e.message);
    throw e;
  }
  const st = readState(scope.scope, env);
  if (st.problem) problems.push({ id: 'frontier-state', message: `Frontier state is unusable: ${st.problem}`, remedy: `delete ${st.file} or run \`maestro frontier mode off\` to reset it` });

  const settings = snapshot(env);
  if (settings.problem) problems.push({ id: 'settings', message: `settings are unusable: ${settings.problem}`, remedy: 'fix or delete that config.json; defaults apply until then' });

  const { root, git } = projectRoot(cwd);
  const artifacts: DoctorReport['project']['artifacts'] = [];
  for (const a of PROJECT_ARTIFACTS) {
    const abs = path.join(root, a.path);
    const hits = fs.existsSync(abs) ? [abs] : [];
    if (a.path.endsWith('/maestro')) {
      const dir = path.dirname(abs);
      try {
        for (const n of fs.readdirSync(dir)) if (n.startsWith('maestro')) hits.push(path.join(dir, n));
      } catch {
        // no such dir
      }
    }
    for (const hit of new Set(hits)) {
      const rel = path.relative(root, hit);
      const block = rel.endsWith('.md') ? markerState(hit) : undefined;
      if (block === 'broken') problems.push({ id: `markers-${rel}`, message: `${rel} has duplicate or unclosed maestro markers`, remedy: `keep exactly one ${BEGIN} … ${END} pair in ${rel}` });
      artifacts.push({ path: rel, what: a.what, ...(typeof block === 'boolean' ? { maestroBlock: block } : {}) });
    }
  }

  return {
    ok: problems.length === 0,
    maestro: VERSION,
    node: { version: process.versions.node, ok: nodeOk },
    hosts,
    dirs,
    scope: { scope: scope.scope, source: scope.source },
    frontier: { mode: describeState(st.state), file: st.file },
    project: { root, git, artifacts },
    problems,
  };
}

export function renderDoctor(r: DoctorReport): string {
  const lines: string[] = [];
  lines.push(`maestro ${r.maestro} · node ${r.node.version}${r.node.ok ? '' : ' (too old)'}`);
  lines.push('host CLIs:');
  for (const h of r.hosts) lines.push(`  ${h.name.padEnd(13)}${h.found ? (h.error ? `found, ${h.error}` : h.version) : 'not on PATH'}`);
  lines.push('dirs:');
  for (const d of r.dirs) lines.push(`  ${d.kind.padEnd(13)}${d.path} (${d.exists ? 'exists' : 'not created yet'}, ${d.writable ? 'writable' : 'NOT writable'})`);
  lines.push(`frontier:      ${r.frontier.mode} (scope ${r.scope.scope}, from ${r.scope.source})`);
  lines.push(`project:       ${r.project.root}${r.project.git ? '' : ' (not a git repository)'}`);
  if (r.project.artifacts.length === 0) lines.push('  no Maestro files in this project');
  for (const a of r.project.artifacts) {
    const block = a.maestroBlock === undefined ? '' : a.maestroBlock ? ', maestro block' : ', no maestro block';
    lines.push(`  ${a.path} (${a.what}${block})`);
  }
  if (r.problems.length === 0) lines.push('no problems found');
  else {
    lines.push(`${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}:`);
    for (const p of r.problems) lines.push(`  - ${p.message}; fix: ${p.remedy}`);
  }
  return lines.join('\n') + '\n';
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check Node, host CLIs, Maestro dirs, Frontier mode and project files; exit 1 on problems')
    .option('--json', 'print the report as JSON')
    .option('--scope <scope>', 'report the Frontier mode of this scope')
    .action(async (o: { json?: boolean; scope?: string }) => {
      const report = await runDoctor({ scope: o.scope });
      process.stdout.write(o.json ? JSON.stringify(report, null, 2) + '\n' : renderDoctor(report));
      process.exitCode = report.ok ? EXIT_OK : EXIT_PROBLEM;
    });
}
