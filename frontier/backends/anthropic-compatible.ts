// Anthropic-compatible vendors (GLM, Kimi, DeepSeek) run through the claude CLI pointed at the
// vendor's Anthropic endpoint: their key becomes ANTHROPIC_AUTH_TOKEN / ANTHROPIC_API_KEY and every
// model slot the CLI might use (main, opus/sonnet/haiku defaults, subagents) names the vendor model.
import type { ModelSpec } from '../types';

export interface CompatVendor {
  id: string;
  label: string;
  baseUrl: string;
  defaultModel: string;
  keyVar: string;
  modelVar: string;
}

export const COMPAT_VENDORS: readonly CompatVendor[] = [
  { id: 'glm', label: 'GLM via the claude CLI on the Z.ai Anthropic endpoint', baseUrl: 'https://api.z.ai/api/anthropic', defaultModel: 'glm-4.6', keyVar: 'ZAI_API_KEY', modelVar: 'MAESTRO_FRONTIER_MODEL_GLM' },
  { id: 'kimi', label: 'Kimi via the claude CLI on the Moonshot Anthropic endpoint', baseUrl: 'https://api.moonshot.ai/anthropic', defaultModel: 'kimi-k2-turbo-preview', keyVar: 'MOONSHOT_API_KEY', modelVar: 'MAESTRO_FRONTIER_MODEL_KIMI' },
  { id: 'deepseek', label: 'DeepSeek via the claude CLI on the DeepSeek Anthropic endpoint', baseUrl: 'https://api.deepseek.com/anthropic', defaultModel: 'deepseek-chat', keyVar: 'DEEPSEEK_API_KEY', modelVar: 'MAESTRO_FRONTIER_MODEL_DEEPSEEK' },
];

export function compatModel(v: CompatVendor): ModelSpec {
  return {
    id: v.id,
    label: v.label,
    backend: 'claude',
    modelEnv: v.modelVar,
    modelArg: v.defaultModel,
    env: { ANTHROPIC_BASE_URL: v.baseUrl },
    envFrom: { ANTHROPIC_AUTH_TOKEN: v.keyVar, ANTHROPIC_API_KEY: v.keyVar },
    compat: true,
  };
}

/** Model-slot variables for a compat model (its resolved id in every slot). */
export function compatModelSlots(model: ModelSpec): Record<string, string> {
  if (!model.compat || !model.modelArg) return {};
  const id = model.modelArg;
  return {
    ANTHROPIC_MODEL: id,
    ANTHROPIC_DEFAULT_OPUS_MODEL: id,
    ANTHROPIC_DEFAULT_SONNET_MODEL: id,
    ANTHROPIC_DEFAULT_HAIKU_MODEL: id,
    CLAUDE_CODE_SUBAGENT_MODEL: id,
  };
}
