// A small shell-command reader: splits a command line into simple commands (segments) made of
// words and redirections, honouring quotes, escapes, $(...) and heredocs. It does not evaluate
// anything; it only has to be right about "which program runs" and "which file a redirect writes",
// so that `echo "a > b"`, `python -c 'x>1'` and `2>/dev/null` are not mistaken for writes.

export interface Word {
  /** The word with quotes removed. */
  text: string;
  /** True when part of the word came from an expansion we cannot resolve ($VAR, `cmd`, globs). */
  dynamic: boolean;
}

export interface Redirect {
  op: string;
  target: Word;
}

export interface Segment {
  words: Word[];
  redirects: Redirect[];
  /** Bodies of heredocs attached to this segment (joined lines). */
  heredocs: string[];
}

const SEPARATORS = ['&&', '||', ';;', '|&', ';', '|', '&', '\n', '(', ')'];

/** Split a command line into segments. Never throws; malformed quoting just ends the word. */
export function parseShell(cmd: string): Segment[] {
  const segments: Segment[] = [];
  let seg: Segment = { words: [], redirects: [], heredocs: [] };
  let pendingHeredocs: Array<{ delim: string; strip: boolean; seg: Segment }> = [];
  let i = 0;
  const n = cmd.length;
  let pendingRedirect: string | undefined;

  const pushWord = (w: Word): void => {
    if (pendingRedirect) {
      if (pendingRedirect === '<<' || pendingRedirect === '<<-') {
        pendingHeredocs.push({ delim: w.text, strip: pendingRedirect === '<<-', seg });
      } else {
        seg.redirects.push({ op: pendingRedirect, target: w });
      }
      pendingRedirect = undefined;
    } else {
      seg.words.push(w);
    }
  };
  const endSegment = (): void => {
    if (seg.words.length || seg.redirects.length || seg.heredocs.length) segments.push(seg);
    seg = { words: [], redirects: [], heredocs: [] };
    pendingRedirect = undefined;
  };
  const readHeredocBodies = (): void => {
    // Called at a newline: consume the bodies of the heredocs opened on the line just ended.
    for (const h of pendingHeredocs) {
      const lines: string[] = [];
      while (i < n) {
        let end = cmd.indexOf('\n', i);
        if (end < 0) end = n;
        const line = cmd.slice(i, end);
        i = end + 1;
        const cmp = h.strip ? line.replace(/^\t+/, '') : line;
        if (cmp === h.delim) break;
        lines.push(line);
      }
      h.seg.heredocs.push(lines.join('\n'));
    }
    pendingHeredocs = [];
  };

  while (i < n) {
    const c = cmd[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' ) {
      // Comment to end of line (only at a word start, which is where we are).
      while (i < n && cmd[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && cmd[i + 1] === '\n') {
      i += 2;
      continue;
    }
    // Redirection operators, with an optional fd number or & prefix glued to them.
    const redir = /^(?:\d+|&)?(>>|>\||>&|>|<<<|<<-|<<|<>|<&|<)/.exec(cmd.slice(i, i + 8));
    if (redir) {
      const op = redir[1]!;
      i += redir[0].length;
      if (op === '>&' || op === '<&') {
        // fd duplication (2>&1, >&2) or `>& file` (bash: stdout+stderr to file).
        const m = /^\s*(\d+|-)(?![^\s;&|<>()])/.exec(cmd.slice(i));
        if (m) {
          i += m[0].length;
          continue;
        }
        pendingRedirect = '>';
        continue;
      }
      pendingRedirect = redir[0].startsWith('&') ? '>' : op === '>|' ? '>' : op;
      continue;
    }
    const sep = SEPARATORS.find((s) => cmd.startsWith(s, i));
    if (sep) {
      i += sep.length;
      endSegment();
      if (sep === '\n') readHeredocBodies();
      continue;
    }
    // A word: read until unquoted whitespace or operator.
    let text = '';
    let dynamic = false;
    while (i < n) {
      const ch = cmd[i]!;
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ';' || ch === '|' || ch === '&' || ch === '<' || ch === '>' || ch === '(' || ch === ')') {
        break;
      }
      if (ch === '\\') {
        if (i + 1 < n && cmd[i + 1] !== '\n') text += cmd[i + 1];
        i += 2;
        continue;
      }
      if (ch === "'") {
        const end = cmd.indexOf("'", i + 1);
        text += cmd.slice(i + 1, end < 0 ? n : end);
        i = end < 0 ? n : end + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        while (i < n && cmd[i] !== '"') {
          if (cmd[i] === '\\' && i + 1 < n) {
            text += cmd[i + 1];
            i += 2;
            continue;
          }
          if (cmd[i] === '$' || cmd[i] === '`') dynamic = true;
          text += cmd[i];
          i++;
        }
        i++;
        continue;
      }
      if (ch === '$' && cmd[i + 1] === '(') {
        // Command substitution: skip to the matching paren, quotes included.
        let depth = 0;
        const start = i;
        for (; i < n; i++) {
          const x = cmd[i];
          if (x === '(') depth++;
          else if (x === ')' && --depth === 0) {
            i++;
            break;
          } else if (x === "'" || x === '"') {
            const end = cmd.indexOf(x, i + 1);
            i = end < 0 ? n - 1 : end;
          }
        }
        text += cmd.slice(start, i);
        dynamic = true;
        continue;
      }
      if (ch === '`') {
        const end = cmd.indexOf('`', i + 1);
        text += cmd.slice(i, end < 0 ? n : end + 1);
        i = end < 0 ? n : end + 1;
        dynamic = true;
        continue;
      }
      if (ch === '$' || ch === '*' || ch === '?' || ch === '{' || ch === '[' || ch === '~') dynamic = true;
      text += ch;
      i++;
    }
    pushWord({ text, dynamic });
  }
  endSegment();
  return segments;
}

/** Leading words that run another command: `sudo x`, `env A=1 x`, `time x`, ... */
const WRAPPERS = new Set(['sudo', 'env', 'command', 'nohup', 'time', 'exec', 'nice', 'stdbuf', 'timeout', 'xargs', 'doas']);

/** The words of the command actually run: assignments and wrapper programs dropped. */
export function commandWords(seg: Segment): Word[] {
  const w = seg.words;
  let k = 0;
  for (;;) {
    const cur = w[k];
    if (!cur) return [];
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(cur.text)) {
      k++;
      continue;
    }
    const base = basename(cur.text);
    if (WRAPPERS.has(base)) {
      k++;
      // Skip the wrapper's own options (and a duration for timeout).
      while (w[k] && (w[k]!.text.startsWith('-') || (base === 'timeout' && /^\d/.test(w[k]!.text)))) k++;
      continue;
    }
    return w.slice(k);
  }
}

export function basename(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}
