// The contract between the test process and the launcher that runs inside the network namespace.
import type { AgentScript, PatchScript } from '../fake/scripts';
import type { FakeConfig, LoggedRequest, Provider } from '../fake/server';

/** Replaced in step args, env values and file contents once the fake server has a port. */
export const PORT_PLACEHOLDER = '{{PORT}}';

export interface JailStep {
  name: string;
  cmd: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Hard limit; the whole process tree is killed at the deadline. Default 90 s. */
  timeoutMs?: number;
  /** Text fed on stdin (stdin is closed after it); default: empty. */
  stdin?: string;
  /** Trace connect() calls with strace and report every address the step tried. */
  auditEgress?: boolean;
}

export interface JailFile {
  path: string;
  content: string;
}

export interface JailSpec {
  outDir: string;
  /** `patch` / `agent`: opt-in scripted replies on top of the usual answers (fake/scripts.ts). */
  server?: { provider: Provider; config: Omit<FakeConfig, 'logFile'>; patch?: PatchScript; agent?: AgentScript };
  files?: JailFile[];
  steps: JailStep[];
}

export interface StepResult {
  name: string;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  spawnError?: string;
  /** Present when auditEgress was set: "family addr:port" for every connect() seen. */
  connects?: string[];
}

export interface JailResult {
  port?: number;
  logFile?: string;
  steps: StepResult[];
  requests: LoggedRequest[];
}
