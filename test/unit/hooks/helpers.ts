// Shared fixtures for hook tests: hermetic env, temp dirs, real payload shapes, in-process and
// process-level runners.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runHook } from '../../../hooks/runtime';
import { GUARDS } from '../../../hooks/guards';
import type { Guard, JsonObject } from '../../../hooks/types';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The bundle hooks.json runs for `event`. */
export const hookBundle = (event: string): string => path.join(ROOT, 'dist', 'hooks', `${event}.cjs`);

export function tmpDir(prefix = 'mh-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A hermetic env rooted at `home`: no host variables, XDG dirs inside home. */
export function hermeticEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(MAESTRO_|CLAUDE|CODEX_|PLUGIN_|FUSION_DEPTH)/.test(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_STATE_HOME: path.join(home, '.state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    ...extra,
  };
}

/** A git project dir (a `.git` dir is enough for root detection). */
export function project(home: string, name = 'proj'): string {
  const dir = path.join(home, name);
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  return dir;
}

export function stateDir(home: string): string {
  return path.join(home, '.state', 'maestro');
}

export function sessionPath(home: string, sid: string): string {
  return path.join(stateDir(home), 'sessions', sid);
}

// ---- payloads shaped like the real ones of claude 2.1.328 and codex 0.169.0 ----

export function claude(event: string, sid: string, cwd: string, extra: JsonObject = {}): JsonObject {
  return {
    session_id: sid,
    transcript_path: path.join(cwd, '..', `${sid}.jsonl`),
    cwd,
    prompt_id: 'p-1',
    permission_mode: 'default',
    hook_event_name: event,
    ...extra,
  };
}

export function codex(event: string, sid: string, cwd: string, extra: JsonObject = {}): JsonObject {
  return {
    session_id: sid,
    turn_id: 't-1',
    transcript_path: path.join(cwd, '..', `rollout-${sid}.jsonl`),
    cwd,
    hook_event_name: event,
    model: 'fake-model',
    permission_mode: 'bypassPermissions',
    ...extra,
  };
}

export const CODEX_ENV = { PLUGIN_ROOT: '/nonexistent/plugin', PLUGIN_DATA: '/nonexistent/data' };

/** In-process run through the real runtime. */
export async function run(event: string, payload: JsonObject, env: Record<string, string>, guards: readonly Guard[] = GUARDS): Promise<JsonObject | undefined> {
  return runHook({ argvEvent: event, payload, env, cwd: typeof payload.cwd === 'string' ? payload.cwd : process.cwd(), guards });
}

export interface ProcResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json?: JsonObject;
}

/** Spawn dist/hooks/<event>.cjs synchronously. `input` may be any raw stdin text. */
export function hookSync(event: string, input: string | Buffer, env: Record<string, string>, cwd?: string): ProcResult {
  const r = spawnSync(process.execPath, [hookBundle(event)], { input, env, cwd: cwd ?? os.tmpdir(), encoding: 'utf8', timeout: 20_000 });
  const out: ProcResult = { code: r.status, stdout: r.stdout, stderr: r.stderr };
  if (r.stdout.trim()) out.json = JSON.parse(r.stdout) as JsonObject;
  return out;
}

export function hookAsync(event: string, input: string, env: Record<string, string>): Promise<ProcResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [hookBundle(event)], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, json: stdout.trim() ? (JSON.parse(stdout) as JsonObject) : undefined }));
    child.stdin.end(input);
  });
}

export function contextOf(out: JsonObject | undefined): string | undefined {
  const h = out?.hookSpecificOutput as JsonObject | undefined;
  return typeof h?.additionalContext === 'string' ? h.additionalContext : undefined;
}

/** Write a Claude transcript from (role, content) records. */
export function writeJsonl(file: string, records: unknown[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}
