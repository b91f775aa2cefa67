// Per-session files under the state dir: once-markers and small records, never the transcript.
import path from 'node:path';
import { createExclusive } from '../core/safe-fs';

/** Session ids come from the host; keep only filename-safe characters and bound the length. */
export function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128);
}

export function sessionDir(stateDir: string, sessionId: string | undefined): string | undefined {
  return sessionId ? path.join(stateDir, 'sessions', safeId(sessionId)) : undefined;
}

/**
 * Claim a once-per-session marker. Returns true the first time, false after.
 * Exclusive create makes it race-free when a host runs two hooks at once.
 */
export function claimOnce(dir: string, name: string): boolean {
  return createExclusive(path.join(dir, name), new Date().toISOString());
}
