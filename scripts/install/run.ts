// install / uninstall drivers: resolve scope and targets, read the disk, plan (pure), print, apply.
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../../core/dirs';
import { VERSION } from '../../core/version';
import { applyPlan, type ApplyResult, type FsOps } from './applier';
import { buildArtifacts, type Profile } from './artifacts';
import { display, fromKey, manifestKey, resolveContext, type InstallContext } from './context';
import { detectTargets } from './detect';
import { emptyManifest, readManifest } from './manifest';
import { missingDirs, observe } from './observe';
import { planInstall, planUninstall } from './planner';
import { findPackageRoot, sourceReader } from './sources';
import { TARGETS } from './targets';
import { TARGET_IDS, type Action, type Observed, type Plan, type TargetChoice, type TargetId } from './types';

export class InstallRefusal extends Error {}

export interface CommonOptions {
  project?: string;
  global?: boolean;
  dryRun?: boolean;
  json?: boolean;
  cwd?: string;
  env?: Env;
  out?: (text: string) => void;
  fsOps?: FsOps;
}

export interface InstallOptions extends CommonOptions {
  targets?: TargetChoice[];
  profile?: Profile;
  force?: boolean;
  packageRoot?: string;
  /** Fixed timestamp for backup folder names (tests). */
  now?: Date;
}

export interface RunOutcome {
  plan: Plan;
  targets: TargetId[];
  applied?: ApplyResult;
  /** 0 ok, 1 something refused. */
  code: number;
}

const ORDER: Action[] = ['create', 'update', 'remove', 'unchanged', 'keep', 'conflict', 'refuse'];

export function resolveTargets(choices: TargetChoice[], ctx: InstallContext, installed: TargetId[] = []): { targets: TargetId[]; lines: string[] } {
  const set = new Set<TargetId>();
  const lines: string[] = [];
  for (const c of choices) {
    if (c === 'all') TARGET_IDS.forEach((t) => set.add(t));
    else if (c === 'auto') {
      // Hosts found on disk, plus whatever an earlier install recorded (so a plain re-run upgrades all of it).
      const d = detectTargets(ctx.scope, ctx.scope === 'global' ? ctx.home : ctx.root);
      const earlier = installed.filter((t) => !d.targets.includes(t));
      if (d.targets.length === 0 && earlier.length === 0) {
        throw new InstallRefusal(
          `auto found no host folders (looked for ${[...new Set(d.looked)].join(', ')} in ${ctx.scope === 'global' ? '~' : ctx.root}); name hosts with --target <host>`,
        );
      }
      if (d.found.length) lines.push(`auto: found ${d.found.join(', ')}`);
      if (earlier.length) lines.push(`auto: installed earlier: ${earlier.join(', ')}`);
      [...d.targets, ...earlier].forEach((t) => set.add(t));
    } else set.add(c);
  }
  return { targets: TARGET_IDS.filter((t) => set.has(t)), lines };
}

function samePath(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/** A stable checkout or global npm install can serve as a local marketplace; an npx cache cannot. */
function pluginSource(root: string): string {
  const transient = root.split(path.sep).includes('_npx');
  return !transient && fs.existsSync(path.join(root, '.claude-plugin', 'marketplace.json')) ? root : '<git URL or local checkout of Maestro>';
}

function backupStamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

function renderPlan(verb: string, plan: Plan, ctx: InstallContext, header: string[]): string {
  const lines = [`maestro ${verb}: ${ctx.scope === 'global' ? 'user-level folders (--global)' : `project ${ctx.root}`}`, ...header];
  const width = Math.max(...plan.steps.map((s) => display(ctx, s.path).length), 10);
  for (const s of plan.steps) {
    const what = s.policy === 'block' ? 'maestro block' : s.kind;
    const note = s.note ? ` · ${s.note}` : '';
    lines.push(`  ${s.action.padEnd(9)} ${display(ctx, s.path).padEnd(width)}  ${what}${note}`);
  }
  const counts = ORDER.map((a) => [a, plan.steps.filter((s) => s.action === a).length] as const).filter(([, n]) => n > 0);
  lines.push(`plan: ${counts.map(([a, n]) => `${n} ${a}`).join(', ') || 'nothing to do'}`);
  return lines.join('\n') + '\n';
}

function jsonPlan(plan: Plan, ctx: InstallContext, extra: Record<string, unknown>): string {
  return JSON.stringify({
    scope: ctx.scope,
    root: ctx.root,
    ...extra,
    steps: plan.steps.map((s) => ({ path: display(ctx, s.path), action: s.action, policy: s.policy, kind: s.kind, targets: s.targets, ...(s.note ? { note: s.note } : {}) })),
  }, null, 2) + '\n';
}

function loadManifest(ctx: InstallContext): { text: string | undefined; manifest: ReturnType<typeof readManifest> } {
  const m = readManifest(ctx.manifestPath);
  if (m.problem) throw new InstallRefusal(`install manifest ${m.problem}; move it aside to start over (Maestro will then treat its files as foreign)`);
  if (m.manifest && m.manifest.scope !== ctx.scope) throw new InstallRefusal(`install manifest ${ctx.manifestPath} belongs to a ${m.manifest.scope} install`);
  let text: string | undefined;
  try {
    text = fs.readFileSync(ctx.manifestPath, 'utf8');
  } catch {
    text = undefined;
  }
  return { text, manifest: m };
}

function summary(r: ApplyResult, ctx: InstallContext): string {
  const parts = [`${r.written.length} written`, `${r.removed.length} removed`];
  if (r.removedDirs.length) parts.push(`${r.removedDirs.length} empty folders removed`);
  return `done: ${parts.join(', ')}${r.manifestWritten ? `; manifest ${display(ctx, ctx.manifestPath)}` : ''}\n`;
}

export function runInstall(opts: InstallOptions): RunOutcome {
  const env = opts.env ?? process.env;
  const out = opts.out ?? ((t: string) => process.stdout.write(t));
  const ctx = resolveContext({ global: opts.global, project: opts.project, cwd: opts.cwd ?? process.cwd(), env });
  const { text: manifestBefore, manifest: m } = loadManifest(ctx);
  const installed = [...new Set(Object.values(m.manifest?.files ?? {}).flatMap((e) => e.targets))] as TargetId[];
  const { targets, lines } = resolveTargets(opts.targets?.length ? opts.targets : ['auto'], ctx, installed);
  const root = opts.packageRoot ?? findPackageRoot();
  if (!root) throw new InstallRefusal('cannot find the Maestro package next to this program; run `maestro install` from an installed Maestro (npx maestro install …)');
  if (ctx.scope === 'project' && samePath(ctx.root, root)) {
    throw new InstallRefusal(`${ctx.root} is the Maestro package itself; installing would splice the doctrine into its own sources`);
  }
  const artifacts = buildArtifacts(targets, ctx, opts.profile ?? 'full', sourceReader(root));
  const manifest = { ...(m.manifest ?? emptyManifest(ctx.scope)), maestro: VERSION };
  const observed = new Map<string, Observed>(artifacts.map((a) => [a.path, observe(a.path, a.boundary)]));
  const stamp = backupStamp(opts.now ?? new Date());
  const plan = planInstall({
    scope: ctx.scope,
    root: ctx.root,
    artifacts,
    observed,
    manifest,
    force: opts.force ?? false,
    keyOf: (abs) => manifestKey(ctx, abs),
    backupPath: (abs) => path.join(ctx.backupDir, stamp, ...manifestKey(ctx, abs).replace(/^([A-Za-z]:)?[\\/]+/, '').split('/')),
    notes: targets.flatMap((t) => TARGETS[t].notes(ctx.scope, pluginSource(root))),
  });
  const refused = plan.steps.filter((s) => s.action === 'refuse');
  const header = [`targets: ${targets.join(', ')}${opts.profile && opts.profile !== 'full' ? ` (${opts.profile})` : ''}`, ...lines];
  if (opts.json) out(jsonPlan(plan, ctx, { targets, dryRun: !!opts.dryRun, notes: plan.notes }));
  else out(renderPlan('install', plan, ctx, header));
  const finish = (applied?: ApplyResult): RunOutcome => {
    if (!opts.json && plan.notes.length) out(plan.notes.join('\n') + '\n');
    return { plan, targets, ...(applied ? { applied } : {}), code: refused.length ? 1 : 0 };
  };
  if (refused.length) {
    if (!opts.json) out(`nothing written: ${refused.length} path${refused.length === 1 ? '' : 's'} refused (see above)\n`);
    return finish();
  }
  if (opts.dryRun) {
    if (!opts.json) out('dry run: nothing written\n');
    return finish();
  }
  // The manifest's own folder (e.g. .maestro/) is Maestro's too: uninstall removes it when empty.
  const manifestDirs = missingDirs(path.dirname(ctx.manifestPath)).map((d) => manifestKey(ctx, d));
  plan.manifest.dirs = [...new Set([...plan.manifest.dirs, ...manifestDirs])];
  const applied = applyPlan(plan, { manifestPath: ctx.manifestPath, manifestBefore, fromKey: (k) => fromKey(ctx, k), fsOps: opts.fsOps, backupRoot: ctx.backupDir });
  if (!opts.json) out(summary(applied, ctx));
  return finish(applied);
}

/** The declared user-level folder a global file lives in (the longest one that contains it). */
function globalBoundary(ctx: InstallContext, abs: string): string {
  const folders = new Set<string>();
  for (const t of TARGET_IDS) {
    for (const spec of TARGETS[t].files('global')) folders.add(path.join(spec.base === 'data' ? ctx.dataDir : ctx.home, spec.boundary ?? ''));
  }
  const hits = [...folders].filter((f) => abs.startsWith(f + path.sep)).sort((a, b) => b.length - a.length);
  return hits[0] ?? path.dirname(abs);
}

export interface UninstallOptions extends CommonOptions {
  targets?: Array<TargetId | 'all'>;
}

export function runUninstall(opts: UninstallOptions): RunOutcome {
  const env = opts.env ?? process.env;
  const out = opts.out ?? ((t: string) => process.stdout.write(t));
  const ctx = resolveContext({ global: opts.global, project: opts.project, cwd: opts.cwd ?? process.cwd(), env });
  const { text: manifestBefore, manifest: m } = loadManifest(ctx);
  if (!m.manifest) {
    out(`maestro uninstall: no install manifest at ${ctx.manifestPath}; nothing Maestro installed here\n`);
    return { plan: { scope: ctx.scope, root: ctx.root, steps: [], manifest: emptyManifest(ctx.scope), removeDirs: [], notes: [] }, targets: [], code: 0 };
  }
  const wanted = !opts.targets?.length || opts.targets.includes('all') ? undefined : (opts.targets as TargetId[]);
  const observed = new Map<string, Observed>();
  for (const key of Object.keys(m.manifest.files)) {
    const abs = fromKey(ctx, key);
    const boundary = ctx.scope === 'project' ? ctx.root : globalBoundary(ctx, abs);
    observed.set(key, observe(abs, boundary));
  }
  const plan = planUninstall({ scope: ctx.scope, root: ctx.root, manifest: m.manifest, observed, targets: wanted, fromKey: (k) => fromKey(ctx, k) });
  const targets = wanted ?? [...new Set(Object.values(m.manifest.files).flatMap((e) => e.targets))];
  const refused = plan.steps.filter((s) => s.action === 'refuse');
  if (opts.json) out(jsonPlan(plan, ctx, { targets, dryRun: !!opts.dryRun }));
  else out(renderPlan('uninstall', plan, ctx, [`targets: ${targets.join(', ') || 'none'}`]));
  if (opts.dryRun) {
    if (!opts.json) out('dry run: nothing removed\n');
    return { plan, targets, code: refused.length ? 1 : 0 };
  }
  const applied = applyPlan(plan, { manifestPath: ctx.manifestPath, manifestBefore, fromKey: (k) => fromKey(ctx, k), fsOps: opts.fsOps, backupRoot: ctx.backupDir });
  if (!opts.json) {
    out(summary(applied, ctx));
    const kept = plan.steps.filter((s) => s.action === 'keep' && s.note && !s.note.startsWith('still used'));
    if (kept.length) out(`kept ${kept.length} file${kept.length === 1 ? '' : 's'} you changed; delete them by hand if you no longer want them\n`);
  }
  return { plan, targets, applied, code: refused.length ? 1 : 0 };
}
