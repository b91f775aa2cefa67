// The only writer. Applies a plan step by step with atomic writes; if any write fails, every file it
// already changed is put back and every folder it created is removed, so nothing is half-installed.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/safe-fs';
import { serializeManifest } from './manifest';
import type { Plan, PlanStep } from './types';

export interface FsOps {
  write(file: string, data: string, mode: number): void;
  remove(file: string): void;
}

export const realFs: FsOps = {
  write(file, data, mode) {
    writeFileAtomic(file, data, { mode, dirMode: 0o755 });
    // The temp file's mode is filtered by the umask; keep exactly the mode the file had.
    if ((fs.statSync(file).mode & 0o7777) !== mode) fs.chmodSync(file, mode);
  },
  remove(file) {
    fs.rmSync(file, { force: true });
  },
};

export class ApplyError extends Error {}

export interface ApplyOptions {
  /** Where the manifest lives, and its new content (null = delete it). Skipped when unchanged. */
  manifestPath: string;
  manifestBefore: string | undefined;
  fromKey: (key: string) => string;
  fsOps?: FsOps;
  /** Folder holding --force backups; emptied sub-folders are pruned after a restore. */
  backupRoot?: string;
}

export interface ApplyResult {
  written: string[];
  removed: string[];
  removedDirs: string[];
  manifestWritten: boolean;
}

function isEmptyDir(dir: string): boolean {
  try {
    return fs.lstatSync(dir).isDirectory() && fs.readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}

function missingParents(file: string): string[] {
  const chain: string[] = [];
  for (let d = path.dirname(file); !fs.existsSync(d); d = path.dirname(d)) {
    chain.unshift(d);
    if (path.dirname(d) === d) break;
  }
  return chain;
}

export function applyPlan(plan: Plan, opts: ApplyOptions): ApplyResult {
  const ops = opts.fsOps ?? realFs;
  const done: PlanStep[] = [];
  const consumedBackups: string[] = [];
  const backups: string[] = [];
  const madeDirs: string[] = [];
  const result: ApplyResult = { written: [], removed: [], removedDirs: [], manifestWritten: false };
  const manifestExisted = fs.existsSync(opts.manifestPath);
  const manifestDirMissing = missingParents(opts.manifestPath);
  try {
    for (const step of plan.steps) {
      if (step.write === undefined && !step.restoreFrom) continue;
      if (step.backupOf !== undefined && step.backupTo) {
        for (const d of missingParents(step.backupTo)) madeDirs.push(d);
        ops.write(step.backupTo, step.backupOf, 0o600);
        backups.push(step.backupTo);
      }
      for (const d of step.missingDirs ?? []) if (!fs.existsSync(d)) madeDirs.push(d);
      if (step.restoreFrom) {
        const text = fs.readFileSync(step.restoreFrom, 'utf8');
        ops.write(step.path, text, step.mode ?? 0o644);
        done.push(step);
        consumedBackups.push(step.restoreFrom);
        result.written.push(step.path);
      } else if (step.write === null) {
        ops.remove(step.path);
        done.push(step);
        result.removed.push(step.path);
      } else {
        ops.write(step.path, step.write!, step.mode ?? 0o644);
        done.push(step);
        result.written.push(step.path);
      }
    }
    const empty = Object.keys(plan.manifest.files).length === 0;
    const next = empty ? null : serializeManifest(plan.manifest);
    if (next === null) {
      if (manifestExisted) ops.remove(opts.manifestPath);
    } else if (next !== opts.manifestBefore) {
      madeDirs.push(...manifestDirMissing);
      writeFileAtomic(opts.manifestPath, next, { mode: 0o600, dirMode: 0o755 });
      result.manifestWritten = true;
    }
  } catch (e) {
    rollback(done, ops);
    for (const b of backups) ops.remove(b);
    for (const d of [...new Set(madeDirs)].sort((a, b) => b.length - a.length)) if (isEmptyDir(d)) fs.rmdirSync(d);
    const msg = (e as NodeJS.ErrnoException).code ? `${(e as NodeJS.ErrnoException).code} ${(e as NodeJS.ErrnoException).path ?? ''}`.trim() : (e as Error).message;
    throw new ApplyError(`could not write (${msg}); every change of this run was undone`);
  }
  for (const b of consumedBackups) {
    ops.remove(b);
    if (!opts.backupRoot) continue;
    const stop = path.dirname(opts.backupRoot);
    for (let d = path.dirname(b); d.startsWith(opts.backupRoot) && d !== stop && isEmptyDir(d); d = path.dirname(d)) {
      try {
        fs.rmdirSync(d);
      } catch {
        break;
      }
    }
  }
  for (const key of plan.removeDirs) {
    const dir = opts.fromKey(key);
    if (!isEmptyDir(dir)) continue;
    try {
      fs.rmdirSync(dir);
      result.removedDirs.push(dir);
    } catch {
      // A folder we cannot remove is only clutter; the files are already gone.
    }
  }
  return result;
}

function rollback(done: PlanStep[], ops: FsOps): void {
  for (const step of done.reverse()) {
    try {
      if (step.previous === null || step.previous === undefined) {
        if (step.write !== null) ops.remove(step.path);
      } else {
        ops.write(step.path, step.previous.text, step.previous.mode);
      }
    } catch {
      // Best effort: keep undoing the rest.
    }
  }
}
