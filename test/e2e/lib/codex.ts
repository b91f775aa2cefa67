// Codex CLI in the jail: CODEX_HOME with a fake provider, dead-proxy git rewrite (keeps the
// curated-marketplace sync on loopback), plugin install, hook trust, `codex exec` runs.
import fs from 'node:fs';
import path from 'node:path';
import type { HostRunOptions } from './claude';
import type { HostBins } from './hosts';
import { jailRun, tsxLoader } from './jail';
import { PORT_PLACEHOLDER, type JailResult, type JailStep } from './jail-spec';
import { baseEnv, type Sandbox } from './sandbox';

export const CODEX_KEY_VAR = 'MAESTRO_E2E_FAKE_OPENAI_KEY';
const DEAD = 'http://127.0.0.1:9';

export function codexHome(sb: Sandbox): string {
  return path.join(sb.home, '.codex');
}

/** Write the base config.toml (once per sandbox; later steps append plugin and trust tables). */
export function initCodexHome(sb: Sandbox): string {
  const home = codexHome(sb);
  fs.mkdirSync(home, { recursive: true });
  const config = path.join(home, 'config.toml');
  if (!fs.existsSync(config)) {
    fs.writeFileSync(
      config,
      [
        'model = "gpt-5.5"',
        'model_provider = "fake"',
        'check_for_update_on_startup = false',
        '',
        '[model_providers.fake]',
        'name = "fake"',
        // The real port is only known inside the jail; runs override this with -c.
        `base_url = "${DEAD}/v1"`,
        'wire_api = "responses"',
        `env_key = "${CODEX_KEY_VAR}"`,
        'request_max_retries = 0',
        'stream_max_retries = 0',
        '',
        '[analytics]',
        'enabled = false',
        '',
        '[otel]',
        'exporter = "none"',
        '',
      ].join('\n'),
    );
  }
  return home;
}

export function codexEnv(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseEnv(sb.home),
    CODEX_HOME: initCodexHome(sb),
    [CODEX_KEY_VAR]: 'sk-fake-e2e',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `url.${DEAD}/.insteadOf`,
    GIT_CONFIG_VALUE_0: 'https://github.com/',
    HTTPS_PROXY: DEAD,
    HTTP_PROXY: DEAD,
    ALL_PROXY: DEAD,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...extra,
  };
}

/** `-c` override pointing the fake provider at the jail's server. */
export function codexPortOverride(): string[] {
  return ['-c', `model_providers.fake.base_url="http://127.0.0.1:${PORT_PLACEHOLDER}/v1"`];
}

export function codexStep(sb: Sandbox, bins: HostBins, name: string, args: string[], opts: Partial<JailStep> = {}): JailStep {
  return { ...opts, name, cmd: bins.codex, args, cwd: opts.cwd ?? sb.work, env: codexEnv(sb, opts.env) };
}

/** Add the local marketplace at `marketDir` and install `<plugin>@<market>` into CODEX_HOME. */
export async function installCodexPlugin(sb: Sandbox, bins: HostBins, marketDir: string, plugin = 'maestro@maestro', opts: { auditEgress?: boolean } = {}): Promise<JailResult> {
  return jailRun({
    outDir: sb.out('codex-install'),
    steps: [
      codexStep(sb, bins, 'marketplace-add', ['plugin', 'marketplace', 'add', marketDir], opts),
      codexStep(sb, bins, 'plugin-add', ['plugin', 'add', plugin], opts),
    ],
  });
}

export interface TrustReport {
  /** Addresses the trust run (script + app-server) connected to. */
  connects?: string[];
  /** Every hook codex listed before trusting: key, trustStatus, currentHash. */
  before: { key: string; trustStatus: string; currentHash?: string }[];
  /** Keys this run wrote trust tables for. */
  trusted: string[];
}

/**
 * Persist trust for every listed hook that is not trusted yet, the way a user approving them
 * would: ask `codex app-server` (hooks/list) and write [hooks.state."<key>"] tables.
 */
export async function trustCodexHooks(sb: Sandbox, bins: HostBins, cwd: string = sb.work): Promise<{ jail: JailResult; report: TrustReport }> {
  const jail = await jailRun({
    outDir: sb.out('codex-trust'),
    steps: [
      {
        name: 'trust',
        cmd: process.execPath,
        args: ['--import', tsxLoader(), path.join(__dirname, 'codex-trust.ts'), bins.codex, cwd, path.join(codexHome(sb), 'config.toml')],
        env: codexEnv(sb),
        cwd,
        timeoutMs: 60_000,
        auditEgress: true,
      },
    ],
  });
  const step = jail.steps[0]!;
  if (step.code !== 0) throw new Error(`codex hook trust failed (exit ${step.code}): ${step.stderr.trim().slice(-2000)}`);
  return { jail, report: { ...(JSON.parse(step.stdout) as TrustReport), connects: step.connects } };
}

/** `codex exec --skip-git-repo-check <prompt>` against the fake Responses server. */
export async function runCodex(sb: Sandbox, bins: HostBins, prompt: string, opts: HostRunOptions = {}): Promise<JailResult> {
  return jailRun({
    outDir: sb.out('codex-run'),
    server: { provider: 'openai', config: opts.fake ?? {} },
    steps: [
      {
        ...codexStep(sb, bins, 'codex-exec', [...codexPortOverride(), 'exec', '--skip-git-repo-check', ...(opts.extraArgs ?? []), prompt], {
          env: opts.env,
          cwd: opts.cwd,
        }),
        timeoutMs: opts.timeoutMs,
        auditEgress: opts.auditEgress,
      },
    ],
  });
}

/** Texts of every developer-role message the CLI sent, across all logged requests. */
export function developerTexts(requests: { body: unknown }[]): string[] {
  const out: string[] = [];
  for (const r of requests) {
    const input = (r.body as { input?: unknown })?.input;
    if (!Array.isArray(input)) continue;
    for (const item of input as { role?: string; content?: unknown }[]) {
      if (item.role !== 'developer') continue;
      const c = item.content;
      if (typeof c === 'string') out.push(c);
      else if (Array.isArray(c)) out.push(c.map((p: { text?: string }) => p.text ?? '').join('\n'));
    }
  }
  return out;
}
