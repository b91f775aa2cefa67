// Per-session files under the state dir: once-markers, the ledger and small records, never the
// transcript. Session dirs are pruned by age so nothing grows without bound.
import fs from 'node:fs';
import path from 'node:path';
import { createExclusive } from '../core/safe-fs';

export const SESSION_MAX_AGE_MS = 4 * 24 * 3600 * 1000;

/** Session ids come from the host; keep only filename-safe characters and bound the length. */
export function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128);
}

export function sessionsRoot(stateDir: string): string {
  return path.join(stateDir, 'sessions');
}

export function sessionDir(stateDir: string, sessionId: string | undefined): string | undefined {
  return sessionId ? path.join(sessionsRoot(stateDir), safeId(sessionId)) : undefined;
}

/**
 * Claim a once-marker. Returns true the first time, false after.
 * Exclusive create makes it race-free when a host runs two hooks at once.
 */
export function claimOnce(dir: string, name: string): boolean {
  const file = path.join(dir, safeId(name));
  // The repeat case is the common one: answer it without the cost of a failed open (an exception).
  if (fs.existsSync(file)) return false;
  return createExclusive(file, new Date().toISOString());
}

/**
 * Remove session dirs not touched for `maxAgeMs` (the ledger append keeps an active session fresh).
 * Cheap: one readdir plus one stat per session; at most once an hour via a stamp file. Never throws.
 */
export function pruneSessions(stateDir: string, now: number, maxAgeMs = SESSION_MAX_AGE_MS): number {
  const root = sessionsRoot(stateDir);
  let removed = 0;
  try {
    const stamp = path.join(root, '.pruned');
    try {
      if (now - fs.statSync(stamp).mtimeMs < 3600 * 1000) return 0;
    } catch {
      // no stamp yet
    }
    for (const name of fs.readdirSync(root)) {
      if (name.startsWith('.')) continue;
      const dir = path.join(root, name);
      try {
        const st = fs.lstatSync(dir);
        if (!st.isDirectory() || st.isSymbolicLink()) continue;
        if (now - st.mtimeMs > maxAgeMs && now - newestMtime(dir) > maxAgeMs) {
          fs.rmSync(dir, { recursive: true, force: true });
          removed++;
        }
      } catch {
        // racing with another prune or a live session: leave it
      }
    }
    fs.writeFileSync(stamp, '', { mode: 0o600 });
    fs.utimesSync(stamp, new Date(now), new Date(now));
  } catch {
    // no sessions dir yet
  }
  return removed;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const f of fs.readdirSync(dir)) {
    try {
      newest = Math.max(newest, fs.lstatSync(path.join(dir, f)).mtimeMs);
    } catch {
      // vanished
    }
  }
  return newest;
}
