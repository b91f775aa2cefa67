// Contract for jails that run several fake model servers at once (one per provider), e.g. a
// Frontier panel whose members talk to Anthropic, OpenAI and Gemini in the same namespace.
import type { FakeConfig, LoggedRequest, Provider } from '../fake/server';
import type { JailFile, JailStep, StepResult } from './jail-spec';

/** `{{PORT_ANTHROPIC}}`, `{{PORT_OPENAI}}`, `{{PORT_GEMINI}}` in args, env values and files. */
export function portPlaceholder(p: Provider): string {
  return `{{PORT_${p.toUpperCase()}}}`;
}

export interface MultiServerConfig extends Omit<FakeConfig, 'logFile'> {
  /** Answer Frontier judge requests with a schema-shaped analysis (fake/reply-hook.ts). */
  judgeHook?: boolean;
}

export interface MultiJailSpec {
  outDir: string;
  servers: Partial<Record<Provider, MultiServerConfig>>;
  files?: JailFile[];
  steps: JailStep[];
}

export interface MultiJailResult {
  ports: Partial<Record<Provider, number>>;
  steps: StepResult[];
  requests: Partial<Record<Provider, LoggedRequest[]>>;
}
