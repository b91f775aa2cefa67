// Helpers shared by the backends: JSON recovery from captured stdout, fence stripping,
// and the read-only argv check.
export const MODEL_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/;
const SECRET_LIKE = [
  /^(sk|pk|rk|api|key|token|secret)([-_]|$)/i,
  /^gh[pousr]_/,
  /^xox[abprs]-/,
  /^AIza/,
  /^AKIA/,
];

/** Null when the id is a plausible model id; else why not (never echoes the id). */
export function modelIdProblem(id: string): string | null {
  if (!MODEL_ID_RE.test(id)) return 'model id has characters or a length a model id never has';
  if (SECRET_LIKE.some((r) => r.test(id))) return 'model id looks like a secret, not a model name';
  return null;
}

/** Flags and values that would let a member write files or skip approvals. Compared per token. */
const FORBIDDEN_TOKENS = new Set([
  '--dangerously-skip-permissions',
  '--dangerously-bypass-approvals-and-sandbox',
  '--dangerously-bypass-hook-trust',
  '--yolo',
  '-y',
  'yolo',
  'workspace-write',
  'danger-full-access',
  'acceptEdits',
  'bypassPermissions',
  'auto_edit',
  'dontAsk',
  '--full-auto',
  '--allowedTools',
  '--allowed-tools',
]);

/**
 * Read-only check of an argv: no forbidden token anywhere, and every `required` flag present
 * with its value (['--permission-mode', 'plan'] means that flag followed by that value).
 */
export function checkReadOnly(argv: readonly string[], required: ReadonlyArray<readonly [string, string?]>): string | null {
  for (const a of argv) {
    const flag = a.split('=')[0]!;
    if (FORBIDDEN_TOKENS.has(a) || FORBIDDEN_TOKENS.has(flag) || /=\s*"?(workspace-write|danger-full-access|yolo|bypassPermissions|acceptEdits)"?$/.test(a)) {
      return `argument ${JSON.stringify(a.slice(0, 40))} would allow writes or skip approvals`;
    }
  }
  for (const [flag, value] of required) {
    const i = argv.indexOf(flag);
    if (i < 0) return `required flag ${flag} is missing`;
    if (value !== undefined && argv[i + 1] !== value) return `flag ${flag} must be ${value}`;
  }
  return null;
}

/** Parse JSON from stdout: whole text, else the first '{' … last '}' span (banners around it). */
export function parseJsonLoose(text: string): unknown {
  const t = text.trim();
  if (!t) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    // fall through
  }
  const a = t.indexOf('{');
  const b = t.lastIndexOf('}');
  if (a >= 0 && b > a) {
    try {
      return JSON.parse(t.slice(a, b + 1));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Trim and drop one outer ``` / ~~~ fence around the whole answer. */
export function cleanContent(text: string): string {
  const t = text.trim();
  const m = /^(```|~~~)[^\n]*\n([\s\S]*?)\n\1\s*$/.exec(t);
  return (m ? m[2]! : t).trim();
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function binFor(defaultBin: string, binEnv: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const o = binEnv ? env[binEnv]?.trim() : undefined;
  return o || defaultBin;
}
