// Env additions a model declares: static values plus vars copied from the parent env
// (Anthropic-compatible vendors map their own key onto ANTHROPIC_AUTH_TOKEN / ANTHROPIC_API_KEY).
import type { Env } from '../../core/dirs';
import type { ModelSpec } from '../types';

export class NotReadyError extends Error {}

export function resolveModelEnv(model: ModelSpec, env: Env): Record<string, string> {
  const out: Record<string, string> = { ...(model.env ?? {}) };
  for (const [target, source] of Object.entries(model.envFrom ?? {})) {
    const v = env[source];
    if (!v) throw new NotReadyError(`${source} is not set`);
    out[target] = v;
  }
  return out;
}
