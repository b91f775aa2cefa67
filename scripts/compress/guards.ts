// Which files `maestro compress` may touch: Markdown or text memory files, never anything that looks
// like it holds secrets, never a backup it made itself, and never something too big to rewrite safely.
import path from 'node:path';

export const MAX_INPUT_BYTES = 500_000;
export const ALLOWED_EXTENSIONS = ['.md', '.txt', ''] as const;

const SENSITIVE_SEGMENTS = new Set(['.ssh', '.aws', '.gnupg', '.kube', '.docker']);
const SENSITIVE_BASENAME = [
  /^\.env(\..*)?$/i,
  /^\.netrc$/i,
  /^credentials?([._-].*)?$/i,
  /^secrets?([._-].*)?$/i,
  /^passwords?([._-].*)?$/i,
  /^id_(rsa|dsa|ecdsa|ed25519)(\..*)?$/i,
  /^authorized_keys$/i,
  /^known_hosts$/i,
  /^tokens?(\.[^.]+)?$/i,
];
const KEY_EXTENSIONS = new Set(['.pem', '.key', '.p12', '.pfx', '.crt', '.cer', '.der', '.jks', '.keystore', '.gpg', '.asc', '.ppk']);
// Matched against the basename squashed to lowercase letters and digits. "token" alone is too broad
// (token-budget.md is a normal note), so only the compound forms count.
const SQUASHED_WORDS = ['secret', 'credential', 'password', 'passwd', 'apikey', 'accesskey', 'privatekey', 'authtoken', 'accesstoken', 'apitoken', 'refreshtoken', 'bearertoken'];

/** A reason when the path looks like it could hold secrets, else undefined. */
export function sensitiveReason(file: string): string | undefined {
  const norm = path.resolve(file);
  const segments = norm.split(/[\\/]+/);
  const seg = segments.slice(0, -1).find((s) => SENSITIVE_SEGMENTS.has(s.toLowerCase()));
  if (seg) return `it lives under ${seg}/`;
  const base = path.basename(norm);
  if (SENSITIVE_BASENAME.some((re) => re.test(base))) return `its name (${base}) marks it as secrets or keys`;
  if (KEY_EXTENSIONS.has(path.extname(base).toLowerCase())) return `its extension marks it as a key or certificate`;
  const squashed = base.toLowerCase().replace(/[^a-z0-9]/g, '');
  const word = SQUASHED_WORDS.find((w) => squashed.includes(w));
  if (word) return `its name contains "${word}"`;
  return undefined;
}

export const BACKUP_RE = /\.original\.md$/i;

/** Why a path must not be compressed (size aside), or undefined when it may be. */
export function refusalFor(file: string): string | undefined {
  const sensitive = sensitiveReason(file);
  if (sensitive) return `refusing to compress ${file}: ${sensitive}`;
  if (BACKUP_RE.test(file)) return `refusing to compress ${file}: it is a compress backup`;
  const ext = path.extname(file).toLowerCase();
  if (!(ALLOWED_EXTENSIONS as readonly string[]).includes(ext)) return `refusing to compress ${file}: only .md, .txt or extensionless files (got ${ext})`;
  return undefined;
}

/** Where the original goes: `<stem>.original.md` beside the file. */
export function backupPath(file: string): string {
  const base = path.basename(file);
  const ext = path.extname(base);
  return path.join(path.dirname(file), `${ext ? base.slice(0, -ext.length) : base}.original.md`);
}
