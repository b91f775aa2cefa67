// Bounded, line-aligned reads of append-only files (session ledger, host transcripts, rollouts).
// Only the last `maxBytes` are read; a partial first line is dropped, so every line returned is whole.
import fs from 'node:fs';

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export function readTailLines(file: string | undefined, maxBytes: number): string[] {
  if (!file) return [];
  let fd: number;
  try {
    if (!fs.lstatSync(file, { throwIfNoEntry: false })) return []; // absent, without an exception
    fd = fs.openSync(file, fs.constants.O_RDONLY | NOFOLLOW);
  } catch {
    return [];
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size === 0) return [];
    const len = Math.min(st.size, maxBytes);
    const start = st.size - len;
    const buf = Buffer.alloc(len);
    let off = 0;
    while (off < len) {
      const n = fs.readSync(fd, buf, off, len - off, start + off);
      if (n === 0) break;
      off += n;
    }
    let data = buf.subarray(0, off);
    if (start > 0) {
      const nl = data.indexOf(0x0a);
      data = nl < 0 ? Buffer.alloc(0) : data.subarray(nl + 1);
    }
    return data
      .toString('utf8')
      .split('\n')
      .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
      .filter((l) => l.length > 0);
  } catch {
    return [];
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
}

/** Parse JSON lines, skipping anything that is not a JSON object. */
export function parseJsonLines(lines: string[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const l of lines) {
    if (l[0] !== '{') continue;
    try {
      const v: unknown = JSON.parse(l);
      if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v as Record<string, unknown>);
    } catch {
      // a torn or foreign line
    }
  }
  return out;
}
