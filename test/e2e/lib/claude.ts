// Claude Code in the jail: offline env, plugin marketplace install, `claude -p` runs.
import type { FakeConfig } from '../fake/server';
import type { HostBins } from './hosts';
import { jailRun } from './jail';
import { PORT_PLACEHOLDER, type JailResult, type JailStep } from './jail-spec';
import { baseEnv, type Sandbox } from './sandbox';

export function claudeEnv(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseEnv(sb.home),
    ANTHROPIC_BASE_URL: `http://127.0.0.1:${PORT_PLACEHOLDER}`,
    ANTHROPIC_API_KEY: 'sk-ant-fake-e2e',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_BUG_COMMAND: '1',
    CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY: '1',
    CLAUDE_CODE_ENABLE_TELEMETRY: '0',
    ...extra,
  };
}

export function claudeStep(sb: Sandbox, bins: HostBins, name: string, args: string[], opts: Partial<JailStep> = {}): JailStep {
  return { ...opts, name, cmd: bins.claude, args, cwd: opts.cwd ?? sb.work, env: claudeEnv(sb, opts.env) };
}

/** `claude plugin validate <dir>`, jailed. */
export async function validateClaudePlugin(sb: Sandbox, bins: HostBins, pluginDir: string): Promise<JailResult> {
  return jailRun({ outDir: sb.out('claude-validate'), steps: [claudeStep(sb, bins, 'validate', ['plugin', 'validate', pluginDir])] });
}

/** Add the local marketplace at `marketDir` and install `<plugin>@<market>` into the sandbox HOME. */
export async function installClaudePlugin(sb: Sandbox, bins: HostBins, marketDir: string, plugin = 'maestro@maestro', opts: { auditEgress?: boolean } = {}): Promise<JailResult> {
  return jailRun({
    outDir: sb.out('claude-install'),
    steps: [
      claudeStep(sb, bins, 'marketplace-add', ['plugin', 'marketplace', 'add', marketDir], opts),
      // Offline, an install can stall ~70 s on npm dependency resolution; keep well clear of that.
      claudeStep(sb, bins, 'plugin-install', ['plugin', 'install', plugin], { timeoutMs: 180_000, ...opts }),
    ],
  });
}

/** Options of one host CLI run against its fake server (runClaude, runCodex). */
export interface HostRunOptions {
  fake?: Omit<FakeConfig, 'logFile'>;
  extraArgs?: string[];
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  auditEgress?: boolean;
}

/** `claude -p <prompt> --output-format json` against the fake Anthropic server. */
export async function runClaude(sb: Sandbox, bins: HostBins, prompt: string, opts: HostRunOptions = {}): Promise<JailResult> {
  return jailRun({
    outDir: sb.out('claude-run'),
    server: { provider: 'anthropic', config: opts.fake ?? {} },
    steps: [
      {
        name: 'claude-p',
        cmd: bins.claude,
        args: ['-p', prompt, '--output-format', 'json', ...(opts.extraArgs ?? [])],
        env: claudeEnv(sb, opts.env),
        cwd: opts.cwd ?? sb.work,
        timeoutMs: opts.timeoutMs,
        auditEgress: opts.auditEgress,
      },
    ],
  });
}

export interface ClaudeJsonResult {
  result?: string;
  is_error?: boolean;
  [k: string]: unknown;
}

/** The JSON object `--output-format json` printed (the last JSON line on stdout). */
export function parseClaudeJson(stdout: string): ClaudeJsonResult {
  const lines = stdout.trim().split('\n').reverse();
  for (const l of lines) {
    try {
      const v = JSON.parse(l) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as ClaudeJsonResult;
    } catch {
      // not JSON
    }
  }
  throw new Error(`claude printed no JSON object: ${stdout.slice(0, 500)}`);
}

export interface ValidateFindings {
  passed: boolean;
  errors: string[];
  warnings: string[];
  /** The plugin-directory (catalog submission) checks, reported apart from validation. */
  directoryProblems: string[];
  directoryWarnings: string[];
}

/** Split `claude plugin validate` output into validation findings and plugin-directory findings. */
export function parseValidate(stdout: string): ValidateFindings {
  const f: ValidateFindings = { passed: /✔ Validation passed/.test(stdout), errors: [], warnings: [], directoryProblems: [], directoryWarnings: [] };
  let directory = false;
  let bucket: string[] | undefined;
  for (const line of stdout.split('\n')) {
    if (/^Plugin directory checks/.test(line)) directory = true;
    if (/^✘ Found/.test(line)) bucket = directory ? f.directoryProblems : f.errors;
    else if (/^⚠ Found/.test(line)) bucket = directory ? f.directoryWarnings : f.warnings;
    else if (/^\S/.test(line)) bucket = undefined;
    const item = /^\s+❯ (.*)$/.exec(line);
    if (item && bucket) bucket.push(item[1]!);
  }
  return f;
}
