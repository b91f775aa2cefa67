// A single-server jail whose fake server runs an opt-in script (fake/scripts.ts) on top of its
// usual answers, e.g. Codex apply_patch calls. Everything else works as in jailRun.
import path from 'node:path';
import type { AgentScript, PatchScript } from '../fake/scripts';
import type { FakeConfig, Provider } from '../fake/server';
import { launchJail } from './jail';
import type { JailFile, JailResult, JailStep } from './jail-spec';

export interface ScriptedJailSpec {
  outDir: string;
  server: { provider: Provider; config: Omit<FakeConfig, 'logFile'>; patch?: PatchScript; agent?: AgentScript };
  files?: JailFile[];
  steps: JailStep[];
}

export function jailRunScripted(spec: ScriptedJailSpec): Promise<JailResult> {
  return launchJail<JailResult>(path.join(__dirname, 'jail-scripted-main.ts'), spec);
}
