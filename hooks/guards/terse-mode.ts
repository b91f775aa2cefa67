// Terse mode (S7.7/S8): shorter narration at a chosen level. The level comes from
// MAESTRO_TERSE_LEVEL > settings terseLevel > off, and can be switched per session with
// `/maestro:terse <lite|full|ultra|off>` or a plain request such as "stop terse" / "normal mode".
// The switch is stored in this session's dir, so one session never changes another's level.
// The rules come from ${CLAUDE_PLUGIN_ROOT}/skills/terse/SKILL.md: common part + the level's section.
import path from 'node:path';
import { readTextBounded, writeFileAtomic } from '../../core/safe-fs';
import { TERSE_LEVELS, type TerseLevel } from '../../settings/store';
import type { Guard, GuardContext } from '../types';

export type ActiveLevel = Exclude<TerseLevel, 'off'>;
const LEVEL_FILE = 'terse-level';
const SKILL_MAX_BYTES = 64 * 1024;

const isLevel = (s: string | undefined): s is TerseLevel => !!s && (TERSE_LEVELS as readonly string[]).includes(s);

const FALLBACK: Record<ActiveLevel, string> = {
  lite: 'Cut filler, hedging and pleasantries; keep whole sentences; lead with the result.',
  full: 'Cut filler and articles; fragments are fine; one idea per line; arrows and symbols where they read at a glance.',
  ultra: 'Bare keywords, common abbreviations and arrows; no sentence structure.',
};
const FALLBACK_COMMON =
  'Applies to narration only. Code, commands, paths, quoted errors, commit/PR text and file contents stay exactly as normal. ' +
  'Use full sentences again for security warnings, destructive steps and step-by-step instructions. Never drop facts or the status token.';

/** Split a terse SKILL.md into its common part and one section per level (`## lite|full|ultra`). */
export function parseTerseSkill(text: string): { common: string; sections: Partial<Record<ActiveLevel, string>> } {
  let body = text.replace(/\r\n/g, '\n');
  const fm = /^---\n[\s\S]*?\n---\n/.exec(body);
  if (fm) body = body.slice(fm[0].length);
  body = body.replace(/<!--[\s\S]*?-->/g, '');
  const lines = body.split('\n');
  const sections: Partial<Record<ActiveLevel, string>> = {};
  let common: string[] = [];
  let cur: ActiveLevel | undefined;
  let buf: string[] = [];
  const flush = (): void => {
    if (cur) sections[cur] = buf.join('\n').trim();
    else common = buf;
    buf = [];
  };
  for (const line of lines) {
    const m = /^## (lite|full|ultra)\s*$/.exec(line);
    if (m) {
      flush();
      cur = m[1] as ActiveLevel;
      continue;
    }
    buf.push(line);
  }
  flush();
  return { common: common.join('\n').trim(), sections };
}

export function pluginRoot(env: Record<string, string | undefined>): string | undefined {
  return env.CLAUDE_PLUGIN_ROOT || env.PLUGIN_ROOT || undefined;
}

export function rulesetText(level: ActiveLevel, env: Record<string, string | undefined>): string {
  const root = pluginRoot(env);
  let common = FALLBACK_COMMON;
  let section = FALLBACK[level];
  if (root) {
    const r = readTextBounded(path.join(root, 'skills', 'terse', 'SKILL.md'), SKILL_MAX_BYTES);
    if (r.ok) {
      const parsed = parseTerseSkill(r.value);
      if (parsed.sections[level]) {
        section = parsed.sections[level]!;
        common = parsed.common || common;
      }
    }
  }
  return `Maestro terse mode is on at level "${level}" for this session.\n\n${common}\n\n## ${level}\n${section}`;
}

export type TerseSwitch = TerseLevel | 'default';

/**
 * An explicit switch in the prompt: `/maestro:terse <arg>` (or `/terse <arg>`, exact command
 * token), the host's expanded command tags, or a short request that is only about turning it off.
 * Returns undefined when the prompt is anything else, including prose that mentions "terse".
 */
export function parseTerseSwitch(prompt: string | undefined): TerseSwitch | undefined {
  if (typeof prompt !== 'string') return undefined;
  const p = prompt.trim();
  let arg: string | undefined;
  let isCommand = false;
  const tag = /<command-name>\s*\/?(?:maestro:)?terse\s*<\/command-name>/i.exec(p.slice(0, 4096));
  if (tag) {
    isCommand = true;
    arg = /<command-args>\s*([^<\s]*)[^<]*<\/command-args>/i.exec(p.slice(0, 4096))?.[1];
  } else {
    const tokens = p.split(/\s+/);
    if (tokens[0] && /^\/(maestro:)?terse$/i.test(tokens[0])) {
      isCommand = true;
      arg = tokens[1];
    }
  }
  if (isCommand) {
    const a = arg?.toLowerCase();
    if (!a) return 'default';
    if (isLevel(a)) return a;
    if (a === 'stop' || a === 'disable' || a === 'normal') return 'off';
    return undefined; // unknown argument: leave the level alone
  }
  if (p.length > 60) return undefined;
  const s = p
    .toLowerCase()
    .replace(/[.!?\s]+$/, '')
    .replace(/^(please|pls|ok|okay)[,\s]+/, '')
    .replace(/[,\s]+please$/, '');
  if (/^(stop|disable|deactivate|exit|end|quit|turn off|switch off|no more|drop|leave) (the )?terse( mode)?$/.test(s)) return 'off';
  if (/^terse( mode)? (off|stop|disabled?)$/.test(s)) return 'off';
  if (/^((go )?back to |return to |switch to |use )?normal (mode|prose)$/.test(s)) return 'off';
  return undefined;
}

function configuredLevel(ctx: GuardContext): TerseLevel {
  return ctx.settings().terse.level;
}

export function sessionLevel(ctx: GuardContext): TerseLevel | undefined {
  if (!ctx.sessionDir) return undefined;
  const r = readTextBounded(path.join(ctx.sessionDir, LEVEL_FILE), 64);
  const v = r.ok ? r.value.trim() : undefined;
  return isLevel(v) ? v : undefined;
}

function storeLevel(ctx: GuardContext, level: TerseLevel): void {
  if (!ctx.sessionDir) return;
  try {
    writeFileAtomic(path.join(ctx.sessionDir, LEVEL_FILE), level);
  } catch {
    // unwritable state: the switch still applies to this prompt's context
  }
}

export const terseMode: Guard = {
  name: 'terse-mode',
  events: ['SessionStart', 'UserPromptSubmit'],
  enforcement: false,
  run(event, ctx) {
    if (event.name === 'SessionStart') {
      const level = sessionLevel(ctx) ?? configuredLevel(ctx);
      return level === 'off' ? [] : [{ kind: 'context', text: rulesetText(level, ctx.env) }];
    }
    const sw = parseTerseSwitch(event.prompt);
    if (sw) {
      const cfg = configuredLevel(ctx);
      const level: TerseLevel = sw === 'default' ? (cfg === 'off' ? 'full' : cfg) : sw;
      storeLevel(ctx, level);
      if (level === 'off') return [{ kind: 'context', text: 'Maestro terse mode is now off for this session: write normal prose again.' }];
      return [{ kind: 'context', text: rulesetText(level, ctx.env) }];
    }
    const level = sessionLevel(ctx) ?? configuredLevel(ctx);
    if (level === 'off') return [];
    return [{ kind: 'context', text: `Maestro terse mode: ${level} (narration only; code, commands and quoted text unchanged).` }];
  },
};
