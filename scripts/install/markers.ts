// Pure text operations on the maestro marker block. Bytes outside the block are never altered,
// and the block takes the line ending the file already uses.
import crypto from 'node:crypto';

export const BEGIN = '<!-- maestro:begin -->';
export const END = '<!-- maestro:end -->';

export type BlockScan =
  | { state: 'none' }
  | { state: 'one'; start: number; end: number; text: string }
  | { state: 'broken'; reason: string };

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

export function scanBlock(text: string): BlockScan {
  const b = count(text, BEGIN);
  const e = count(text, END);
  if (b === 0 && e === 0) return { state: 'none' };
  if (b > 1) return { state: 'broken', reason: `has ${b} ${BEGIN} markers` };
  if (e > 1) return { state: 'broken', reason: `has ${e} ${END} markers` };
  if (b === 0) return { state: 'broken', reason: `has ${END} without ${BEGIN}` };
  if (e === 0) return { state: 'broken', reason: `has ${BEGIN} without ${END}` };
  const start = text.indexOf(BEGIN);
  const endAt = text.indexOf(END);
  if (endAt < start) return { state: 'broken', reason: `has ${END} before ${BEGIN}` };
  const end = endAt + END.length;
  return { state: 'one', start, end, text: text.slice(start, end) };
}

export function lineEnding(text: string | undefined): '\r\n' | '\n' {
  return text !== undefined && text.includes('\r\n') ? '\r\n' : '\n';
}

/** The block text (begin marker through end marker) for a body, using the given line ending. */
export function renderBlock(body: string, nl: string): string {
  const lines = body.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  return [BEGIN, ...lines, END].join(nl);
}

export interface Splice {
  text: string;
  block: string;
  /** Bytes added around the block when it was appended (empty when an existing block was replaced). */
  before: string;
  after: string;
}

/** Put the block into a file's text (undefined = new file). Throws on broken markers. */
export function spliceBlock(existing: string | undefined, body: string): Splice {
  const nl = lineEnding(existing);
  const block = renderBlock(body, nl);
  if (existing === undefined || existing === '') return { text: block + nl, block, before: '', after: nl };
  const scan = scanBlock(existing);
  if (scan.state === 'broken') throw new Error(scan.reason);
  if (scan.state === 'one') {
    return { text: existing.slice(0, scan.start) + block + existing.slice(scan.end), block, before: '', after: '' };
  }
  // One blank line between the user's text and the block, whatever the file ended with.
  const before = (existing.endsWith('\n') ? '' : nl) + nl;
  return { text: existing + before + block + nl, block, before, after: nl };
}

/** Remove the block and the separators Maestro added; returns null when markers are not a single pair. */
export function removeBlock(text: string, before = '', after = ''): string | null {
  const scan = scanBlock(text);
  if (scan.state !== 'one') return null;
  let head = text.slice(0, scan.start);
  let tail = text.slice(scan.end);
  if (before && head.endsWith(before)) head = head.slice(0, head.length - before.length);
  if (after && tail.startsWith(after)) tail = tail.slice(after.length);
  return head + tail;
}

/** The text of the file outside the block (for "is this import already there?" checks). */
export function outsideBlock(text: string): string {
  const scan = scanBlock(text);
  return scan.state === 'one' ? text.slice(0, scan.start) + text.slice(scan.end) : text;
}
