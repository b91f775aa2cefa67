// Deterministic checks that a compressed document still carries everything that must survive:
// the same headings, byte-identical fenced code, the same URLs, and every fact-like token of the prose.

export interface Validation {
  errors: string[];
  warnings: string[];
}

interface Fence {
  text: string;
  start: number;
  end: number;
}

const OPEN_RE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Closed fenced blocks per CommonMark: the closer uses the same character, is at least as long, and
 * carries nothing but whitespace. An unclosed opener is ordinary text. */
export function fencedBlocks(doc: string): Fence[] {
  const lines = doc.split('\n');
  const out: Fence[] = [];
  let offset = 0;
  const starts: number[] = [];
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const m = OPEN_RE.exec(lines[i]!);
    if (!m) continue;
    const marker = m[1]!;
    if (marker[0] === '`' && m[2]!.includes('`')) continue;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) j++;
    if (j >= lines.length) continue;
    const start = starts[i]!;
    const end = starts[j]! + lines[j]!.length;
    out.push({ text: doc.slice(start, end), start, end });
    i = j;
  }
  return out;
}

function withoutFences(doc: string): string {
  let out = '';
  let pos = 0;
  for (const f of fencedBlocks(doc)) {
    out += doc.slice(pos, f.start) + '\n';
    pos = f.end;
  }
  return out + doc.slice(pos);
}

const URL_RE = /\bhttps?:\/\/[^\s<>()[\]"'`]+/g;

export function urls(doc: string): string[] {
  return [...new Set((withoutFences(doc).match(URL_RE) ?? []).map((u) => u.replace(/[.,;:!?*_]+$/, '')))].sort();
}

export function headings(doc: string): string[] {
  return withoutFences(doc)
    .split('\n')
    .filter((l) => /^ {0,3}#{1,6}(\s|$)/.test(l))
    .map((l) => l.trim());
}

function bullets(doc: string): number {
  return withoutFences(doc).split('\n').filter((l) => /^\s*([-*+]|\d+[.)])\s+/.test(l)).length;
}

const NEEDLE_CLASSES: Array<{ name: string; re: RegExp; squash?: boolean }> = [
  { name: 'inline code', re: /`[^`\n]+`/g },
  { name: 'version', re: /\bv?\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?\b/g },
  { name: 'date', re: /\b\d{4}-\d{2}-\d{2}\b/g },
  { name: 'section id', re: /\bS\d+(?:\.\d+)+\b|\bS\d+\b/g },
  { name: 'flag', re: /(?<![\w-])--[a-z0-9][a-z0-9-]*/gi },
  { name: 'identifier', re: /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g },
  { name: 'threshold', re: /[<>]=?\s*\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s*(?:ms|s|%|KB|MB|GB|KiB|MiB|k|M)(?![\w])/g, squash: true },
  { name: 'path', re: /[\w~.-]*[\w~-]\/?[\w./-]*\.(?:ts|tsx|js|jsx|mjs|cjs|json|md|mdc|yaml|yml|toml|py|sh|go|rs|txt|lock|css|html|sql|env)\b/g },
];

const squashText = (s: string) => s.replace(/[\s,]/g, '');

/** Prose (outside fences and URLs) tokens of the original that the compressed text lost. */
export function lostNeedles(original: string, compressed: string): string[] {
  const prose = (d: string) => withoutFences(d).replace(URL_RE, ' ');
  const a = prose(original);
  const b = prose(compressed);
  const bSquashed = squashText(b);
  const lost: string[] = [];
  for (const cls of NEEDLE_CLASSES) {
    for (const n of new Set(a.match(cls.re) ?? [])) {
      const found = cls.squash ? bSquashed.includes(squashText(n)) : b.includes(n);
      if (!found) lost.push(`${cls.name} ${n.trim()}`);
    }
  }
  return lost;
}

export function validate(original: string, compressed: string): Validation {
  const errors: string[] = [];
  const warnings: string[] = [];
  const ha = headings(original);
  const hb = headings(compressed);
  if (ha.length !== hb.length) errors.push(`heading count changed (${ha.length} -> ${hb.length})`);
  else if (ha.some((h, i) => h !== hb[i])) warnings.push('heading text changed');
  const fa = fencedBlocks(original).map((f) => f.text);
  const fb = fencedBlocks(compressed).map((f) => f.text);
  if (fa.length !== fb.length || fa.some((f, i) => f !== fb[i])) errors.push(`fenced code blocks are not byte-identical (${fa.length} before, ${fb.length} after)`);
  const ua = urls(original);
  const ub = urls(compressed);
  if (ua.join('\n') !== ub.join('\n')) {
    const missing = ua.filter((u) => !ub.includes(u));
    const added = ub.filter((u) => !ua.includes(u));
    errors.push(`URL set changed${missing.length ? `; lost ${missing.slice(0, 3).join(', ')}` : ''}${added.length ? `; added ${added.slice(0, 3).join(', ')}` : ''}`);
  }
  const lost = lostNeedles(original, compressed);
  if (lost.length) errors.push(`lost ${lost.length} exact token${lost.length > 1 ? 's' : ''}: ${lost.slice(0, 6).join('; ')}`);
  const ba = bullets(original);
  const bb = bullets(compressed);
  if (ba > 0 && Math.abs(ba - bb) / ba > 0.15) warnings.push(`bullet count changed by more than 15% (${ba} -> ${bb})`);
  return { errors, warnings };
}
