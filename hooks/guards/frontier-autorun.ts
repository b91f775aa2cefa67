// Frontier autorun (S10 no-recursion): when Frontier is armed for this scope (single or fusion),
// every ordinary prompt first goes through the engine, and its answer is handed to the agent with
// instructions to relay it rather than redo the work. Skipped for slash commands and command tags,
// loop prompts, very short prompts, and any process that is itself part of a Frontier run
// (FUSION_DEPTH >= 1), which is checked before anything is loaded. The engine is loaded lazily.
import path from 'node:path';
import type { FrontierState } from '../../frontier/state';
import { frontierStateFor } from '../frontier-scope';
import type { AutorunResult } from '../../frontier/autorun';
import type { Guard, GuardContext, HookEvent } from '../types';

export type EngineLoader = () => Promise<{ runForAutorun: (opts: { prompt: string; scope: string; cwd: string; env: Record<string, string | undefined> }) => Promise<AutorunResult> }>;

export const DEFAULT_MIN_CHARS = 12;
export const MAX_ANSWER_CHARS = 100_000;

export function fusionDepth(env: Record<string, string | undefined>): number {
  const d = Number.parseInt(env.FUSION_DEPTH ?? '', 10);
  return Number.isFinite(d) ? d : 0;
}

/** Why a prompt should not go through Frontier, or undefined when it should. */
export function skipReason(prompt: string, state: FrontierState): string | undefined {
  const p = prompt.trim();
  if (!state.autorunOnCommands) {
    if (/<command-(name|message|args)>/.test(p.slice(0, 64))) return 'command';
    if (/^\/[A-Za-z][\w:-]*(\s|$)/.test(p)) return 'slash-command';
  }
  const min = typeof state.autorunMinChars === 'number' && state.autorunMinChars >= 0 ? state.autorunMinChars : DEFAULT_MIN_CHARS;
  if (p.length < min) return 'short';
  if (!state.autorunFanLoops) {
    const lower = p.toLowerCase();
    if (/(^|\s)\/loop\b/.test(lower) || /<<\s*autonomous-loop/.test(lower) || /autonomous[ _-]loop/.test(lower)) return 'loop';
  }
  return undefined;
}

export function relayText(r: AutorunResult): string {
  const secs = Math.max(0, Math.round(r.ms / 100) / 10);
  const answer = (r.final ?? '').length > MAX_ANSWER_CHARS ? r.final!.slice(0, MAX_ANSWER_CHARS) + '\n[answer truncated]' : r.final ?? '';
  return [
    `Maestro Frontier (${r.label}) already answered this prompt with ${r.models} model${r.models === 1 ? '' : 's'} in ${secs}s.`,
    `Open your reply with one line: "Frontier · ${r.label} · ${r.models} model${r.models === 1 ? '' : 's'} · ${secs}s".`,
    'Then relay the answer below to the user, faithfully and without redoing the analysis; act on it only if the user asked for action, and check any claim you act on.',
    '',
    '<frontier-answer>',
    answer,
    '</frontier-answer>',
  ].join('\n');
}

export function makeFrontierAutorun(load: EngineLoader): Guard {
  return {
    name: 'frontier-autorun',
    events: ['UserPromptSubmit'],
    enforcement: false,
    async run(event: HookEvent, ctx: GuardContext) {
      // Inside a Frontier run (a panel member's own hooks): never start another one.
      if (fusionDepth(ctx.env) >= 1 || ctx.env.MAESTRO_FRONTIER_RUN_ID) return [];
      if (typeof event.prompt !== 'string' || !event.prompt.trim()) return [];
      const { scope, state } = frontierStateFor(ctx.env, event.cwd);
      if (!scope || (state.mode !== 'single' && state.mode !== 'fusion')) return [];
      if (skipReason(event.prompt, state)) return [];
      let result: AutorunResult;
      try {
        const engine = await load();
        result = await engine.runForAutorun({ prompt: event.prompt, scope, cwd: event.cwd, env: { ...ctx.env } });
      } catch {
        return []; // the prompt proceeds normally
      }
      if (!result || !result.ok || typeof result.final !== 'string' || !result.final.trim()) return [];
      return [{ kind: 'context', text: relayText(result) }];
    },
  };
}

/**
 * Loads the engine only when a prompt is actually routed. Inside dist/hooks/<Event>.cjs the engine is
 * dist/autorun.cjs (kept out of the hook bundle so ordinary prompts never parse it);
 * from source (tests, tsx) it is the TypeScript module. The specifier is computed so the bundler
 * leaves it alone.
 */
export const loadEngine: EngineLoader = () => {
  if (path.extname(__filename) === '.cjs') return Promise.resolve(require(path.join(__dirname, '..', 'autorun.cjs')));
  const spec = '../../frontier/autorun';
  return import(spec);
};

export const frontierAutorun: Guard = makeFrontierAutorun(loadEngine);
