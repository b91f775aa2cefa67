// Shared shapes of the Frontier engine: models, invocations, member outcomes, results.
import type { Env } from '../core/dirs';

export type BackendId = 'claude' | 'codex' | 'gemini' | 'agy' | 'command';
export type Role = 'single' | 'panel' | 'judge' | 'synth';

/** A selectable model: which backend runs it and with which model argument / env mapping. */
export interface ModelSpec {
  id: string;
  label: string;
  backend: BackendId;
  /** Value for the CLI's model flag; absent = the CLI's own default. */
  modelArg?: string;
  /** Env var that holds an optional, user-configured model id (the id itself is never printed). */
  modelEnv?: string;
  /** Static env additions (endpoint mappings for Anthropic-compatible vendors). */
  env?: Record<string, string>;
  /** target var <- source var, copied from the parent env; a missing source blocks the model. */
  envFrom?: Record<string, string>;
  /** Name of the user-defined command backend entry (backend 'command'). */
  command?: string;
  /** Anthropic-compatible vendor endpoint run through the claude CLI. */
  compat?: boolean;
  /** Extra parent vars this model needs (found when the catalog is built, e.g. codex providers' env_key). */
  passEnv?: string[];
}

export interface InvocationContext {
  role: Role;
  /** Private temp dir of this member (removed after the run); output and schema files go here. */
  tmpDir: string;
  /** The parent env (for binary overrides and passthrough). */
  env: Env;
  /** JSON Schema the answer must follow (judge); backends that can enforce it do. */
  jsonSchema?: object;
}

export interface Invocation {
  bin: string;
  argv: string[];
  /** Additions on top of the minimal child env (already resolved values). */
  env: Record<string, string>;
  /** Names of parent env vars this backend passes through when present. */
  passEnv: string[];
  /** Prefixes of parent env vars passed through (CLAUDE_CODE_, GOOGLE_, …). */
  passPrefixes: string[];
  stdin: string;
  /** The CLI writes its final answer here (codex -o). */
  outputFile?: string;
  /** Files the backend wrote for the child (schema, prompt file); cleaned with tmpDir. */
  files?: Record<string, string>;
}

export interface RawResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  spawnError?: string;
  truncated: boolean;
  outputFileText?: string;
  wallMs: number;
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

export type ErrorClass =
  | 'timeout'
  | 'cancelled'
  | 'rate_limited'
  | 'auth'
  | 'insufficient_credits'
  | 'model_unavailable'
  | 'context_too_long'
  | 'spawn_failed'
  | 'bad_output'
  | 'empty_output'
  | 'exit_nonzero'
  | 'unsafe_invocation'
  | 'not_ready';

export interface Parsed {
  content: string;
  usage?: Usage;
  costUsd?: number;
  /** Set when the CLI itself reported a failure inside otherwise readable output. */
  errorClass?: ErrorClass;
  /** Short text used for classification (never shown verbatim to users). */
  errorText?: string;
}

export interface Backend {
  id: BackendId;
  /** Default executable name and the env var that overrides it. */
  bin: string;
  binEnv?: string;
  buildInvocation(model: ModelSpec, prompt: string, ctx: InvocationContext): Invocation;
  parseOutput(result: RawResult): Parsed;
  /** Read-only posture of an argv this backend built: null when fine, else why it is refused. */
  checkArgv(argv: readonly string[]): string | null;
}

export interface MemberOutcome {
  model: string;
  backend: BackendId;
  role: Role;
  ok: boolean;
  content: string;
  wallMs: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  errorClass?: ErrorClass;
  error?: string;
  usage?: Usage;
  costUsd?: number;
}

export interface Analysis {
  consensus: string[];
  contradictions: Array<{ topic: string; positions: Array<{ model: string; stance: string }> }>;
  partial_coverage: Array<{ topic: string; covered_by: string[]; missing_from: string[] }>;
  unique_insights: Array<{ model: string; insight: string }>;
  blind_spots: string[];
}

export type FailureReason =
  | ErrorClass
  | 'all_members_failed'
  | 'fusion_invocation_capped'
  | 'budget_exceeded'
  | 'interrupted'
  | 'not_ready'
  | 'unexpected_error';

export interface FrontierResult {
  status: 'ok' | 'error' | 'off';
  mode: 'off' | 'single' | 'fusion';
  runId?: string;
  label: string;
  preset?: string;
  model?: string;
  final: string | null;
  responses: Array<{ model: string; content: string }>;
  analysis?: Analysis;
  judge?: string;
  synth?: string;
  failed_models?: Array<{ model: string; reason: ErrorClass }>;
  degraded?: string[];
  failure_reason?: FailureReason;
  error?: string;
  ms: number;
  usage?: Usage;
  costUsd?: number;
}
