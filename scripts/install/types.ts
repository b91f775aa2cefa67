// Shared shapes of the installer: targets describe files, the planner turns them into a plan,
// the applier is the only code that writes.

export const TARGET_IDS = ['claude', 'codex', 'cursor', 'gemini', 'windsurf', 'cline', 'copilot', 'opencode', 'antigravity'] as const;
export type TargetId = (typeof TARGET_IDS)[number];
export type TargetChoice = TargetId | 'auto' | 'all';

export type Scope = 'project' | 'global';
/**
 * block: only the text between the maestro markers is ours; everything else in the file is the user's.
 * managed: the whole file is ours while its hash matches what we wrote.
 * never-clobber: written only when absent; an existing file is never replaced.
 */
export type WritePolicy = 'block' | 'managed' | 'never-clobber';
export type ArtifactKind = 'doctrine' | 'command' | 'engine';

/** Where a file goes, as a target declares it (before the install context resolves it). */
export interface FileSpec {
  /** Path of the source inside the Maestro package. */
  source: string;
  /** Destination relative to the scope's base (project root, or the home dir / Maestro data dir for --global). */
  dest: string;
  /** For --global: the declared folder (relative to the same base) that the destination must stay inside. */
  boundary?: string;
  base?: 'home' | 'data';
  policy: WritePolicy;
  kind: ArtifactKind;
  /** Replace an `@AGENTS.md` import line with the kernel text (user-level files have no AGENTS.md beside them). */
  inlineKernel?: boolean;
  /** Drop these lines from the block body when the file already has them outside the block (no double import). */
  dropIfPresent?: RegExp;
  /** YAML frontmatter keys to set (string values) when the host needs fields the shared source lacks. */
  frontmatter?: Record<string, string>;
  /** File mode for a file Maestro creates. */
  mode?: number;
}

export interface TargetDef {
  id: TargetId;
  label: string;
  /** Files or folders (relative to the project root / the home dir) whose presence means the host is in use. */
  detect: { project: string[]; global: string[] };
  files(scope: Scope): FileSpec[];
  /** Lines printed after the plan (native plugin commands, caveats). `source` = where the plugin marketplace is. */
  notes(scope: Scope, source: string): string[];
}

/** A rendered file ready for planning: absolute paths, final content. */
export interface Artifact {
  path: string;
  /** Folder the path must stay inside; nothing between it and the file may be a symlink. */
  boundary: string;
  policy: WritePolicy;
  kind: ArtifactKind;
  /** managed/never-clobber: the whole file. block: the body between the markers (LF line endings). */
  content: string;
  dropIfPresent?: RegExp;
  mode: number;
  targets: TargetId[];
}

/** What is on disk at an artifact path right now (read at the edge, fed to the pure planner). */
export type Observed =
  | { kind: 'absent'; missingDirs: string[] }
  | { kind: 'file'; text: string; mode: number }
  | { kind: 'unsafe'; reason: string };

export interface ManifestEntry {
  policy: WritePolicy;
  kind: ArtifactKind;
  /** sha256 of what Maestro wrote: the whole file, or for a block the text from begin to end marker. */
  hash: string;
  targets: TargetId[];
  /** True when the file did not exist before Maestro wrote it. */
  created: boolean;
  /** block: the bytes Maestro added around the block (separator newlines), removed with it. */
  before?: string;
  after?: string;
  /** A file of the user's that --force replaced; restored by uninstall. */
  backup?: string;
}

export interface Manifest {
  format: 1;
  scope: Scope;
  maestro: string;
  /** Keys: project-relative paths (project scope) or absolute paths (global scope), forward slashes. */
  files: Record<string, ManifestEntry>;
  /** Folders Maestro created, removed by uninstall when empty. Same key form as files. */
  dirs: string[];
}

export type Action = 'create' | 'update' | 'unchanged' | 'conflict' | 'refuse' | 'remove' | 'keep';

export interface PlanStep {
  path: string;
  action: Action;
  policy: WritePolicy;
  kind: ArtifactKind;
  targets: TargetId[];
  /** Human reason for conflict / refuse / keep / update details. */
  note?: string;
  /** New full file content to write (create/update); null = delete the file (uninstall). */
  write?: string | null;
  mode?: number;
  /** Existing content to save before the write (a --force over a user-modified file). */
  backupOf?: string;
  backupTo?: string;
  /** Folders this write creates. */
  missingDirs?: string[];
  /** The manifest entry after this step; undefined = drop it from the manifest. */
  entry?: ManifestEntry;
  /** Uninstall: put back the user's file that a --force install replaced. */
  restoreFrom?: string;
  /** What was on disk (for rollback). */
  previous?: { text: string; mode: number } | null;
}

export interface Plan {
  scope: Scope;
  root: string;
  steps: PlanStep[];
  manifest: Manifest;
  /** Folders the plan removes when empty (uninstall), deepest first. */
  removeDirs: string[];
  notes: string[];
}
