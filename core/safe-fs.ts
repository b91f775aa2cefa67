// Bounded, symlink-refusing reads and atomic writes. Everything Maestro persists goes through here.
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_MAX_READ = 1024 * 1024;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export type ReadFailure = 'absent' | 'symlink' | 'not-a-file' | 'too-large' | 'unreadable' | 'malformed' | 'invalid';

export type ReadResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: ReadFailure; detail: string };

let tmpCounter = 0;

export class UnsafeWriteError extends Error {
  constructor(message: string, readonly path: string) {
    super(message);
    this.name = 'UnsafeWriteError';
  }
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

/** Read a regular, non-symlinked file of at most maxBytes. Never throws. */
export function readTextBounded(file: string, maxBytes = DEFAULT_MAX_READ): ReadResult<string> {
  // Absent is the common case for optional files (config, markers); answer it without an
  // exception, which costs a hook measurable startup time.
  try {
    if (!fs.lstatSync(file, { throwIfNoEntry: false })) return { ok: false, reason: 'absent', detail: `${file} does not exist` };
  } catch {
    // ENOTDIR and friends: the open below reports them
  }
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NOFOLLOW);
  } catch (e) {
    const code = errno(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'absent', detail: `${file} does not exist` };
    if (code === 'ELOOP') return { ok: false, reason: 'symlink', detail: `${file} is a symlink; refusing to follow it` };
    return { ok: false, reason: 'unreadable', detail: `${file}: ${code ?? String(e)}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file', detail: `${file} is not a regular file` };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', detail: `${file} is ${st.size} bytes (limit ${maxBytes})` };
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { ok: true, value: buf.subarray(0, off).toString('utf8') };
  } catch (e) {
    return { ok: false, reason: 'unreadable', detail: `${file}: ${errno(e) ?? String(e)}` };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Read and parse a JSON file. A malformed file reads as a failure with reason 'malformed'
 * (callers treat it as absent and report it); `validate` turns a shape mismatch into 'invalid'.
 */
export function readJsonFile<T = unknown>(
  file: string,
  opts: { maxBytes?: number; validate?: (v: unknown) => string | null } = {},
): ReadResult<T> {
  const text = readTextBounded(file, opts.maxBytes ?? DEFAULT_MAX_READ);
  if (!text.ok) return text;
  let value: unknown;
  try {
    value = JSON.parse(text.value);
  } catch (e) {
    return { ok: false, reason: 'malformed', detail: `${file} is not valid JSON (${(e as Error).message})` };
  }
  const problem = opts.validate?.(value) ?? null;
  if (problem) return { ok: false, reason: 'invalid', detail: `${file}: ${problem}` };
  return { ok: true, value: value as T };
}

/** mkdir -p that creates missing directories 0700 and refuses a symlinked final directory. */
export function ensureDir(dir: string, mode = 0o700): void {
  fs.mkdirSync(dir, { recursive: true, mode });
  const st = fs.lstatSync(dir);
  if (st.isSymbolicLink()) throw new UnsafeWriteError(`${dir} is a symlink; refusing to write through it`, dir);
  if (!st.isDirectory()) throw new UnsafeWriteError(`${dir} is not a directory`, dir);
}

function refuseSymlinkTarget(file: string): void {
  try {
    if (fs.lstatSync(file).isSymbolicLink()) throw new UnsafeWriteError(`${file} is a symlink; refusing to replace it`, file);
  } catch (e) {
    if (e instanceof UnsafeWriteError) throw e;
    if (errno(e) !== 'ENOENT') throw e;
  }
}

/**
 * Write a file atomically: exclusive no-follow temp file in the same directory, fsync, rename.
 * Throws UnsafeWriteError for symlinked targets/dirs, or the underlying fs error.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: { mode?: number; dirMode?: number } = {}): void {
  const dir = path.dirname(file);
  ensureDir(dir, opts.dirMode ?? 0o700);
  refuseSymlinkTarget(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${(tmpCounter++).toString(36)}.tmp`);
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW, opts.mode ?? 0o600);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export function writeJsonAtomic(file: string, value: unknown, opts: { mode?: number } = {}): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', opts);
}

/** Append one line with O_APPEND (atomic for small writes); creates the file 0600. */
export function appendLine(file: string, line: string): void {
  ensureDir(path.dirname(file));
  refuseSymlinkTarget(file);
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | NOFOLLOW, 0o600);
  try {
    fs.writeSync(fd, line.endsWith('\n') ? line : line + '\n');
  } finally {
    fs.closeSync(fd);
  }
}

/** Create a file only if it does not exist yet. Returns false when it already existed. Used for once-markers. */
export function createExclusive(file: string, data = ''): boolean {
  ensureDir(path.dirname(file));
  try {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW, 0o600);
    try {
      fs.writeSync(fd, data);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch (e) {
    if (errno(e) === 'EEXIST') return false;
    throw e;
  }
}

/** Is `dir` (or the nearest existing ancestor it would be created under) writable by us? */
export function probeWritable(dir: string): { exists: boolean; writable: boolean; checked: string } {
  let cur = path.resolve(dir);
  const exists = fs.existsSync(cur);
  while (!fs.existsSync(cur)) {
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  try {
    fs.accessSync(cur, fs.constants.W_OK);
    return { exists, writable: fs.statSync(cur).isDirectory(), checked: cur };
  } catch {
    return { exists, writable: false, checked: cur };
  }
}
