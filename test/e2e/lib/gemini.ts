// Gemini CLI in the jail: settings.json + env for the fake API, `gemini -p` runs, and project
// commands (.gemini/commands/**/*.toml) installed into the workspace.
import fs from 'node:fs';
import path from 'node:path';
import type { FakeConfig } from '../fake/server';
import type { HostBins } from './hosts';
import { jailRun } from './jail';
import { PORT_PLACEHOLDER, type JailResult } from './jail-spec';
import { baseEnv, type Sandbox } from './sandbox';

export function geminiSettings(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } },
    privacy: { usageStatisticsEnabled: false },
    telemetry: { enabled: false },
    general: { disableAutoUpdate: true, disableUpdateNag: true, enableAutoUpdate: false, enableAutoUpdateNotification: false },
    ide: { enabled: false },
    ...extra,
  };
}

/** Write ~/.gemini/settings.json in the sandbox HOME (merged over the offline defaults). */
export function initGeminiHome(sb: Sandbox, extra: Record<string, unknown> = {}): string {
  const file = path.join(sb.home, '.gemini', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(geminiSettings(extra), null, 2));
  return file;
}

export function geminiEnv(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseEnv(sb.home),
    GEMINI_API_KEY: 'fake-gemini-key',
    GOOGLE_GEMINI_BASE_URL: `http://127.0.0.1:${PORT_PLACEHOLDER}`,
    GEMINI_CLI_TRUST_WORKSPACE: 'true',
    NO_BROWSER: '1',
    ...extra,
  };
}

/**
 * Copy a tree of command files (e.g. Maestro's rendered `.gemini/commands`) into the workspace's
 * `.gemini/commands/`, keeping sub-folders (a sub-folder namespaces: maestro/frontier.toml ->
 * /maestro:frontier). Returns the installed file paths.
 */
export function installGeminiCommands(fromDir: string, workspace: string): string[] {
  const dest = path.join(workspace, '.gemini', 'commands');
  const installed: string[] = [];
  const walk = (src: string, rel: string) => {
    for (const e of fs.readdirSync(src, { withFileTypes: true })) {
      const s = path.join(src, e.name);
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(s, r);
      else if (e.isFile() && e.name.endsWith('.toml')) {
        const target = path.join(dest, r);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(s, target);
        installed.push(target);
      }
    }
  };
  walk(fromDir, '');
  return installed;
}

export interface GeminiRunOptions {
  fake?: Omit<FakeConfig, 'logFile'>;
  /** Pin the model (skips the router's classifier call). */
  model?: string;
  extraArgs?: string[];
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  auditEgress?: boolean;
}

/** `gemini -p <prompt>` against the fake Gemini server. */
export async function runGemini(sb: Sandbox, bins: HostBins, prompt: string, opts: GeminiRunOptions = {}): Promise<JailResult> {
  if (!fs.existsSync(path.join(sb.home, '.gemini', 'settings.json'))) initGeminiHome(sb);
  return jailRun({
    outDir: sb.out('gemini-run'),
    server: { provider: 'gemini', config: opts.fake ?? {} },
    steps: [
      {
        name: 'gemini-p',
        cmd: bins.gemini,
        args: [...(opts.model ? ['-m', opts.model] : []), ...(opts.extraArgs ?? []), '-p', prompt],
        env: geminiEnv(sb, opts.env),
        cwd: opts.cwd ?? sb.work,
        timeoutMs: opts.timeoutMs,
        auditEgress: opts.auditEgress,
      },
    ],
  });
}
