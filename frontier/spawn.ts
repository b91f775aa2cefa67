// Running one member: build the invocation, check it is read-only, give the child a minimal env,
// spawn it in its own process group with a deadline and abort signal, parse and classify.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '../core/dirs';
import { killTree, runBounded } from '../core/run-bounded';
import type { Backend, ErrorClass, Invocation, MemberOutcome, RawResult, Role } from './types';
import type { CatalogModel } from './catalog';
import { classifyRun, ERROR_HINTS } from './classify';
import { NotReadyError } from './backends/model-env';
import { readOutputFile } from './backends/codex';

export const MAX_STDOUT = 8 * 1024 * 1024;
export const MAX_STDERR = 256 * 1024;
export const MAX_OUTPUT_FILE = 4 * 1024 * 1024;

/** Parent vars every child gets when present: locale, home, temp, shell basics. */
export const BASE_ENV = [
  'PATH', 'PATHEXT', 'ComSpec', 'SystemRoot', 'SystemDrive', 'WINDIR', 'HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH',
  'APPDATA', 'LOCALAPPDATA', 'USER', 'LOGNAME', 'SHELL', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME',
  'XDG_STATE_HOME', 'XDG_RUNTIME_DIR', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TERM', 'TZ',
];
/** Network reachability for corporate setups: proxies and extra CA bundles. */
export const NETWORK_ENV = [
  'HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'all_proxy', 'no_proxy',
  'NODE_EXTRA_CA_CERTS', 'NODE_USE_ENV_PROXY', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE',
];

/** Host-session wiring that must not leak into a member (it would attach to the user's IDE session). */
const NEVER_PASS = [/^CLAUDE_CODE_SSE_PORT$/, /^CLAUDE_CODE_ENTRYPOINT$/, /^CLAUDECODE$/, /^GEMINI_CLI_IDE_/, /^CODEX_THREAD_ID$/];

export function parentDepth(env: Env): number {
  const n = Number.parseInt(env.FUSION_DEPTH ?? '0', 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** The child's whole env: allowlist + backend passthrough + user extras + model additions + run id + depth. */
export function childEnv(inv: Pick<Invocation, 'env' | 'passEnv' | 'passPrefixes'>, parent: Env, runId: string): Record<string, string> {
  const out: Record<string, string> = {};
  const extra = (parent.MAESTRO_FRONTIER_PASS_ENV ?? '').split(/[,\s]+/).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
  for (const k of [...BASE_ENV, ...NETWORK_ENV, ...inv.passEnv, ...extra]) {
    const v = parent[k];
    if (v !== undefined) out[k] = v;
  }
  if (inv.passPrefixes.length) {
    for (const [k, v] of Object.entries(parent)) {
      if (v !== undefined && inv.passPrefixes.some((p) => k.startsWith(p)) && !NEVER_PASS.some((r) => r.test(k))) out[k] = v;
    }
  }
  Object.assign(out, inv.env);
  out.MAESTRO_FRONTIER_RUN_ID = runId;
  out.FUSION_DEPTH = String(parentDepth(parent) + 1);
  return out;
}

export interface SpawnRequest {
  model: string;
  role: Role;
  bin: string;
  argv: string[];
  env: Record<string, string>;
  stdin: string;
  cwd: string;
  timeoutMs: number;
  signal?: AbortSignal;
  outputFile?: string;
}

export type Spawner = (req: SpawnRequest) => Promise<RawResult>;

/** Process groups of members still running; killed if this process exits under them. */
const live = new Set<number>();
let exitHookInstalled = false;
function track(pid: number): void {
  live.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const p of live) killTree(p, 'SIGKILL');
    });
  }
}

const CMD_META = /["%&|<>()^!\r\n]/;

/**
 * How to start a bin: `.js/.cjs/.mjs` through this Node (a seam for stub CLIs); on Windows, `.cmd` /
 * `.bat` shims through cmd.exe, refused when any part holds a cmd metacharacter (no shell quoting games).
 */
export function launchPlan(bin: string, argv: string[], env: Env, platform: NodeJS.Platform = process.platform): { cmd: string; args: string[] } | { refused: string } {
  if (/\.(c|m)?js$/i.test(bin)) return { cmd: process.execPath, args: [bin, ...argv] };
  if (platform === 'win32' && /\.(cmd|bat)$/i.test(bin)) {
    if ([bin, ...argv].some((a) => CMD_META.test(a))) return { refused: 'a .cmd/.bat launcher cannot be given arguments with cmd metacharacters safely' };
    return { cmd: env.ComSpec || 'cmd.exe', args: ['/d', '/v:off', '/s', '/c', [bin, ...argv].map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')] };
  }
  return { cmd: bin, args: argv };
}

/** The real spawner. `.js/.cjs/.mjs` bins run through this Node (a seam for stub CLIs). */
export const processSpawner: Spawner = async (req) => {
  const start = Date.now();
  let pid: number | undefined;
  const plan = launchPlan(req.bin, req.argv, req.env);
  if ('refused' in plan) {
    return { code: null, signal: null, stdout: '', stderr: '', timedOut: false, aborted: false, spawnError: plan.refused, truncated: false, wallMs: 0 };
  }
  const res = await runBounded(plan.cmd, plan.args, {
    timeoutMs: req.timeoutMs,
    env: req.env,
    cwd: req.cwd,
    input: req.stdin,
    maxOutput: MAX_STDOUT,
    maxStderr: MAX_STDERR,
    stderrTail: true,
    signal: req.signal,
    onSpawn: (p) => {
      pid = p;
      track(p);
    },
  });
  if (pid !== undefined) live.delete(pid);
  return {
    code: res.code,
    signal: res.signal,
    stdout: res.stdout,
    stderr: res.stderr,
    timedOut: res.timedOut,
    aborted: Boolean(res.aborted),
    ...(res.spawnError ? { spawnError: res.spawnError } : {}),
    truncated: res.truncated,
    ...(req.outputFile ? { outputFileText: readOutputFile(req.outputFile, MAX_OUTPUT_FILE) } : {}),
    wallMs: Date.now() - start,
  };
};

export interface MemberContext {
  runId: string;
  env: Env;
  cwd: string;
  spawner: Spawner;
  timeoutMs: number;
  signal?: AbortSignal;
  jsonSchema?: object;
  backendFor: (m: CatalogModel) => Backend;
}

function failed(m: CatalogModel, role: Role, errorClass: ErrorClass, error: string, wallMs = 0): MemberOutcome {
  return { model: m.spec.id, backend: m.spec.backend, role, ok: false, content: '', wallMs, exitCode: null, signal: null, timedOut: errorClass === 'timeout', errorClass, error };
}

/** Run one model once. Never throws: every failure becomes an outcome with an error class. */
export async function runMember(m: CatalogModel, prompt: string, role: Role, ctx: MemberContext): Promise<MemberOutcome> {
  const backend = ctx.backendFor(m);
  let tmpDir: string | undefined;
  try {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-frontier-'));
    let inv: Invocation;
    try {
      inv = backend.buildInvocation(m.spec, prompt, { role, tmpDir, env: ctx.env, ...(ctx.jsonSchema ? { jsonSchema: ctx.jsonSchema } : {}) });
    } catch (e) {
      if (e instanceof NotReadyError) return failed(m, role, 'not_ready', e.message);
      throw e;
    }
    const unsafe = backend.checkArgv(inv.argv);
    if (unsafe) return failed(m, role, 'unsafe_invocation', unsafe);
    for (const [file, text] of Object.entries(inv.files ?? {})) fs.writeFileSync(file, text, { mode: 0o600 });
    const raw = await ctx.spawner({
      model: m.spec.id,
      role,
      bin: inv.bin,
      argv: inv.argv,
      env: childEnv(inv, ctx.env, ctx.runId),
      stdin: inv.stdin,
      cwd: ctx.cwd,
      timeoutMs: ctx.timeoutMs,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(inv.outputFile ? { outputFile: inv.outputFile } : {}),
    });
    let parsed;
    let badOutput = false;
    try {
      parsed = backend.parseOutput(raw);
    } catch {
      parsed = { content: '' };
      badOutput = true;
    }
    if (!parsed.content && !parsed.errorClass && raw.stdout.trim() && raw.code === 0) badOutput = true;
    const errorClass =
      raw.timedOut || raw.aborted || raw.spawnError
        ? classifyRun({ ...raw, reported: undefined, hasContent: false, badOutput })
        : parsed.errorClass && parsed.errorClass !== 'exit_nonzero'
          ? parsed.errorClass
          : classifyRun({ ...raw, reported: parsed.errorText, hasContent: parsed.content.length > 0, badOutput });
    const ok = !errorClass && parsed.content.length > 0;
    return {
      model: m.spec.id,
      backend: m.spec.backend,
      role,
      ok,
      content: ok ? parsed.content : '',
      wallMs: raw.wallMs,
      exitCode: raw.code,
      signal: raw.signal,
      timedOut: raw.timedOut,
      ...(ok ? {} : { errorClass: errorClass ?? 'empty_output', error: describeFailure(errorClass ?? 'empty_output', raw) }),
      ...(parsed.usage ? { usage: parsed.usage } : {}),
      ...(parsed.costUsd !== undefined ? { costUsd: parsed.costUsd } : {}),
    };
  } catch (e) {
    return failed(m, role, 'spawn_failed', `could not run the member: ${(e as Error).message}`);
  } finally {
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** A short description built from facts we control (the CLI's own text is classified, not echoed). */
function describeFailure(cls: ErrorClass, raw: RawResult): string {
  const exit = raw.code !== null && raw.code !== 0 ? `exit ${raw.code}` : raw.signal ? `signal ${raw.signal}` : '';
  return [cls.replace(/_/g, ' '), exit].filter(Boolean).join(', ') + `: ${ERROR_HINTS[cls] ?? ''}`.replace(/: $/, '');
}
