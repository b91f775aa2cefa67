// Failure classification from what a CLI run left behind: timeout/abort flags, spawn errors,
// exit status and the CLI's own error text. Specific phrases only: a bare "token" is not an
// auth failure, and a billing quota is not a rate limit.
import type { ErrorClass, FailureReason, MemberOutcome } from './types';

const CREDITS = [
  /insufficient[ _-]?(credit|balance|funds|quota)/i,
  /credit balance/i,
  /out of credits?/i,
  /\bbilling\b/i,
  /payment required/i,
  /\b402\b/,
  /exceeded your current quota/i,
  /usage limit (reached|exceeded)/i,
  /exceed\w* (your )?(usage|plan|spending)/i,
];
const RATE = [
  /rate[ _-]?limit/i,
  /too many requests/i,
  /\b429\b/,
  /resource[ _-]?exhausted/i,
  /quota exceeded/i,
  /\bquota\b/i,
  /overloaded/i,
  /\b529\b/,
  /retry after/i,
];
const AUTH = [
  /unauthori[sz]ed/i,
  /\b401\b/,
  /\b403\b/,
  /forbidden/i,
  /authenticat(ion|e) (failed|required|error)/i,
  /authentication_error/i,
  /invalid[ _-](api[ _-]?key|x-api-key|bearer|credentials?|auth|access[ _-]token|token)/i,
  /api[ _-]?key (is )?(missing|not (set|found|valid)|invalid|required)/i,
  /missing (an? )?api[ _-]?key/i,
  /not (logged|signed) in/i,
  /please (log|sign) ?in/i,
  /run \/?login/i,
  /log ?in required/i,
  /credentials? (not found|missing|expired|invalid)/i,
  /(access |auth |oauth )?token (has )?expired/i,
  /permission[ _]denied.*(api|key|account)/i,
];
const MODEL = [
  /model\b[^\n]{0,80}\b(not found|does not exist|unavailable|not available|not supported|is not supported)/i,
  /(unknown|invalid|unsupported) model/i,
  /no such model/i,
  /model_not_found/i,
];
const CONTEXT = [/prompt is too long/i, /context (length|window)[^\n]{0,40}(exceed|too)/i, /maximum context length/i, /too many tokens/i];

/** Class of an error text alone, or undefined when nothing specific matches. */
export function classifyText(text: string): ErrorClass | undefined {
  if (!text) return undefined;
  if (CREDITS.some((r) => r.test(text))) return 'insufficient_credits';
  if (RATE.some((r) => r.test(text))) return 'rate_limited';
  if (AUTH.some((r) => r.test(text))) return 'auth';
  if (CONTEXT.some((r) => r.test(text))) return 'context_too_long';
  if (MODEL.some((r) => r.test(text))) return 'model_unavailable';
  return undefined;
}

export interface ClassifyInput {
  timedOut: boolean;
  aborted: boolean;
  spawnError?: string;
  code: number | null;
  signal: string | null;
  stderr: string;
  /** Error text the CLI reported inside its output (claude is_error result, gemini error.message). */
  reported?: string;
  /** True when the output was readable and non-empty. */
  hasContent: boolean;
  /** True when stdout was expected to be JSON and was not. */
  badOutput: boolean;
}

/**
 * Order: our own kills first (timeout, cancel), then spawn failure, then what the CLI said
 * (reported error, stderr) — checked even when stdout is not JSON — then exit status, then output shape.
 */
export function classifyRun(i: ClassifyInput): ErrorClass | undefined {
  if (i.timedOut) return 'timeout';
  if (i.aborted) return 'cancelled';
  if (i.spawnError) return 'spawn_failed';
  const failed = i.code !== 0 || i.signal !== null || i.reported !== undefined;
  if (failed || !i.hasContent) {
    // Tail of stderr: CLIs print their fatal error last, after banners and warnings.
    const text = `${i.reported ?? ''}\n${i.stderr.slice(-16 * 1024)}`;
    const cls = classifyText(text);
    if (cls) return cls;
  }
  if (i.code === 127) return 'spawn_failed';
  if (failed) return 'exit_nonzero';
  if (i.badOutput) return 'bad_output';
  if (!i.hasContent) return 'empty_output';
  return undefined;
}

const PRIORITY: ErrorClass[] = [
  'insufficient_credits',
  'auth',
  'rate_limited',
  'model_unavailable',
  'spawn_failed',
  'timeout',
  'context_too_long',
  'unsafe_invocation',
  'not_ready',
  'cancelled',
  'exit_nonzero',
  'bad_output',
  'empty_output',
];

/** One reason for a run in which no member answered: the most common class, ties by severity. */
export function overallFailure(members: Pick<MemberOutcome, 'errorClass'>[]): FailureReason {
  const counts = new Map<ErrorClass, number>();
  for (const m of members) if (m.errorClass) counts.set(m.errorClass, (counts.get(m.errorClass) ?? 0) + 1);
  if (counts.size === 0) return 'all_members_failed';
  let best: ErrorClass | undefined;
  for (const c of PRIORITY) {
    const n = counts.get(c) ?? 0;
    if (n > 0 && (best === undefined || n > (counts.get(best) ?? 0))) best = c;
  }
  return best ?? 'all_members_failed';
}

export const ERROR_HINTS: Record<string, string> = {
  timeout: 'the CLI did not answer in time; raise --timeout or check the CLI by hand',
  cancelled: 'stopped by the engine (quorum reached, deadline or run budget)',
  rate_limited: 'the provider is rate limiting; wait and retry or drop this model',
  auth: 'the CLI is not signed in or its API key is wrong; sign in with the CLI itself',
  insufficient_credits: 'the account is out of credits or over its billing quota',
  model_unavailable: 'the provider does not offer this model id to this account',
  context_too_long: 'the prompt is too long for this model',
  spawn_failed: 'the CLI could not be started; check it is installed and on PATH',
  bad_output: 'the CLI printed output that could not be read',
  empty_output: 'the CLI answered with nothing',
  exit_nonzero: 'the CLI exited with an error',
  unsafe_invocation: 'the command line would not be read-only, so it was not run',
  not_ready: 'the model is not ready; see `maestro frontier catalog`',
};
