// Registry of install targets, in the order plans list them.
import type { TargetDef, TargetId } from '../types';
import { claude } from './claude';
import { codex } from './codex';
import { cursor } from './cursor';
import { gemini } from './gemini';
import { windsurf } from './windsurf';
import { cline } from './cline';
import { copilot } from './copilot';
import { opencode } from './opencode';
import { antigravity } from './antigravity';

export const TARGETS: Record<TargetId, TargetDef> = { claude, codex, cursor, gemini, windsurf, cline, copilot, opencode, antigravity };
