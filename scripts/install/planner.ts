// Pure planning: artifacts + what is on disk + the manifest -> one step per path
// (create / update / unchanged / conflict / refuse for install; remove / keep / refuse for uninstall).
import { outsideBlock, removeBlock, scanBlock, sha256, spliceBlock } from './markers';
import type { Artifact, Manifest, ManifestEntry, Observed, Plan, PlanStep, Scope, TargetId } from './types';

export interface PlanInput {
  scope: Scope;
  root: string;
  artifacts: Artifact[];
  observed: ReadonlyMap<string, Observed>;
  manifest: Manifest;
  force: boolean;
  keyOf: (abs: string) => string;
  /** Where a --force backup of a given path goes. */
  backupPath: (abs: string) => string;
  notes?: string[];
}

function union(a: TargetId[], b: TargetId[]): TargetId[] {
  return [...new Set([...a, ...b])];
}

function dropLines(body: string, re: RegExp, outside: string): string {
  if (!re.test(outside)) return body;
  const line = new RegExp(re.source, re.flags.replace('m', ''));
  return body
    .split('\n')
    .filter((l) => !line.test(l))
    .join('\n')
    .replace(/^\n+/, '');
}

function planManaged(a: Artifact, obs: Observed, prev: ManifestEntry | undefined, input: PlanInput): PlanStep {
  const base = { path: a.path, policy: a.policy, kind: a.kind, targets: a.targets } as const;
  const hash = sha256(a.content);
  if (obs.kind === 'unsafe') return { ...base, action: 'refuse', note: obs.reason };
  if (obs.kind === 'absent') {
    return { ...base, action: 'create', write: a.content, mode: a.mode, missingDirs: obs.missingDirs, previous: null,
      entry: { policy: a.policy, kind: a.kind, hash, targets: union(prev?.targets ?? [], a.targets), created: true } };
  }
  const previous = { text: obs.text, mode: obs.mode };
  if (obs.text === a.content) {
    const entry: ManifestEntry = prev
      ? { ...prev, policy: a.policy, hash, targets: union(prev.targets, a.targets) }
      : { policy: a.policy, kind: a.kind, hash, targets: a.targets, created: true };
    return { ...base, action: 'unchanged', entry };
  }
  if (a.policy === 'never-clobber') {
    return { ...base, action: 'unchanged', note: 'exists; never replaced', ...(prev ? { entry: prev } : {}) };
  }
  if (prev && sha256(obs.text) === prev.hash) {
    return { ...base, action: 'update', write: a.content, mode: obs.mode, previous,
      entry: { ...prev, hash, targets: union(prev.targets, a.targets) } };
  }
  const why = prev ? 'changed since Maestro wrote it' : 'exists and was not written by Maestro';
  if (!input.force) {
    return { ...base, action: 'conflict', note: `${why}; kept (--force replaces it after a backup)`, ...(prev ? { entry: prev } : {}) };
  }
  const backup = input.backupPath(a.path);
  return { ...base, action: 'update', note: `${why}; backup at ${backup}`, write: a.content, mode: obs.mode, previous, backupOf: obs.text, backupTo: backup,
    entry: prev
      ? { ...prev, hash, targets: union(prev.targets, a.targets) }
      : { policy: a.policy, kind: a.kind, hash, targets: a.targets, created: false, backup: input.keyOf(backup) } };
}

function planBlock(a: Artifact, obs: Observed, prev: ManifestEntry | undefined, input: PlanInput): PlanStep {
  const base = { path: a.path, policy: a.policy, kind: a.kind, targets: a.targets } as const;
  if (obs.kind === 'unsafe') return { ...base, action: 'refuse', note: obs.reason };
  if (obs.kind === 'absent') {
    const s = spliceBlock(undefined, a.content);
    return { ...base, action: 'create', write: s.text, mode: a.mode, missingDirs: obs.missingDirs, previous: null,
      entry: { policy: 'block', kind: a.kind, hash: sha256(s.block), targets: union(prev?.targets ?? [], a.targets), created: true, before: s.before, after: s.after } };
  }
  const scan = scanBlock(obs.text);
  if (scan.state === 'broken') return { ...base, action: 'refuse', note: `${scan.reason}; fix the markers by hand, file left untouched` };
  const body = a.dropIfPresent ? dropLines(a.content, a.dropIfPresent, outsideBlock(obs.text)) : a.content;
  const s = spliceBlock(obs.text, body);
  const previous = { text: obs.text, mode: obs.mode };
  const hash = sha256(s.block);
  if (scan.state === 'none') {
    return { ...base, action: 'update', note: 'adds the maestro block', write: s.text, mode: obs.mode, previous,
      entry: { policy: 'block', kind: a.kind, hash, targets: union(prev?.targets ?? [], a.targets), created: false, before: s.before, after: s.after } };
  }
  const kept: ManifestEntry = prev ?? { policy: 'block', kind: a.kind, hash: sha256(scan.text), targets: [], created: false, before: '', after: '' };
  if (s.text === obs.text) return { ...base, action: 'unchanged', entry: { ...kept, hash, targets: union(kept.targets, a.targets) } };
  const edited = prev !== undefined && sha256(scan.text) !== prev.hash;
  if (edited && !input.force) {
    return { ...base, action: 'conflict', note: 'the maestro block was edited; kept (--force replaces it after a backup)', entry: prev };
  }
  const backup = edited ? input.backupPath(a.path) : undefined;
  return { ...base, action: 'update', ...(backup ? { note: `block edited; backup at ${backup}`, backupOf: obs.text, backupTo: backup } : {}),
    write: s.text, mode: obs.mode, previous, entry: { ...kept, hash, targets: union(kept.targets, a.targets) } };
}

export function planInstall(input: PlanInput): Plan {
  const files: Manifest['files'] = { ...input.manifest.files };
  const dirs = new Set(input.manifest.dirs);
  const steps: PlanStep[] = [];
  for (const a of input.artifacts) {
    const key = input.keyOf(a.path);
    const obs = input.observed.get(a.path) ?? { kind: 'unsafe', reason: `${a.path} was not inspected` };
    const prev = input.manifest.files[key];
    const step = a.policy === 'block' ? planBlock(a, obs, prev, input) : planManaged(a, obs, prev, input);
    steps.push(step);
    if (step.entry) files[key] = step.entry;
    for (const d of step.missingDirs ?? []) dirs.add(input.keyOf(d));
  }
  return {
    scope: input.scope,
    root: input.root,
    steps,
    manifest: { ...input.manifest, files, dirs: [...dirs] },
    removeDirs: [],
    notes: input.notes ?? [],
  };
}

export interface UninstallInput {
  scope: Scope;
  root: string;
  manifest: Manifest;
  /** Observed state per manifest key. */
  observed: ReadonlyMap<string, Observed>;
  /** Only these targets (undefined = everything). */
  targets?: TargetId[];
  fromKey: (key: string) => string;
}

export function planUninstall(input: UninstallInput): Plan {
  const files: Manifest['files'] = {};
  const steps: PlanStep[] = [];
  for (const [key, e] of Object.entries(input.manifest.files)) {
    const abs = input.fromKey(key);
    const base = { path: abs, policy: e.policy, kind: e.kind, targets: e.targets } as const;
    const remaining = input.targets ? e.targets.filter((t) => !input.targets!.includes(t)) : [];
    if (remaining.length > 0) {
      // Another installed target still needs this file.
      files[key] = { ...e, targets: remaining };
      if (remaining.length !== e.targets.length) steps.push({ ...base, action: 'keep', note: `still used by ${remaining.join(', ')}` });
      continue;
    }
    const obs = input.observed.get(key) ?? { kind: 'unsafe' as const, reason: `${abs} was not inspected` };
    if (obs.kind === 'absent') {
      steps.push({ ...base, action: 'remove', note: 'already gone' });
      continue;
    }
    if (obs.kind === 'unsafe') {
      steps.push({ ...base, action: 'refuse', note: obs.reason });
      files[key] = e;
      continue;
    }
    const previous = { text: obs.text, mode: obs.mode };
    if (e.policy === 'block') {
      const scan = scanBlock(obs.text);
      if (scan.state === 'none') {
        steps.push({ ...base, action: 'remove', note: 'block already gone' });
      } else if (scan.state === 'broken') {
        steps.push({ ...base, action: 'refuse', note: `${scan.reason}; left untouched` });
        files[key] = e;
      } else if (sha256(scan.text) !== e.hash) {
        steps.push({ ...base, action: 'keep', note: 'the maestro block was edited; kept' });
      } else {
        const rest = removeBlock(obs.text, e.before, e.after)!;
        const write = e.created && rest.trim() === '' ? null : rest;
        steps.push({ ...base, action: 'remove', write, mode: obs.mode, previous, ...(write === null ? {} : { note: 'block removed' }) });
      }
      continue;
    }
    if (sha256(obs.text) !== e.hash) {
      steps.push({ ...base, action: 'keep', note: 'changed since Maestro wrote it; kept' });
      continue;
    }
    if (e.backup) {
      const from = input.fromKey(e.backup);
      steps.push({ ...base, action: 'remove', note: `restores your earlier file from ${from}`, restoreFrom: from, mode: obs.mode, previous });
    } else {
      steps.push({ ...base, action: 'remove', write: null, previous });
    }
  }
  const manifest: Manifest = { ...input.manifest, files };
  const dirs = [...input.manifest.dirs].sort((a, b) => b.length - a.length || b.localeCompare(a));
  return { scope: input.scope, root: input.root, steps, manifest, removeDirs: dirs, notes: [] };
}
