// Every guard, in the order their effects are merged (per event).
import type { Guard } from '../types';
import { doctrineDelivery } from './doctrine-delivery';
import { doctrineGuard } from './doctrine-guard';
import { frontierAutorun } from './frontier-autorun';
import { gateReminder } from './gate-reminder';
import { gateTelemetry } from './gate-telemetry';
import { loopGuard } from './loop-guard';
import { phaseScope } from './phase-scope';
import { statuslineSync } from './statusline-sync';
import { subagentGuard } from './subagent-guard';
import { terseMode } from './terse-mode';
import { toolBudget } from './tool-budget';
import { verifyGate } from './verify-gate';

// Set by the build for each per-event bundle (dist/hooks/<Event>.cjs); undefined under tests, where
// every guard is present. Comparisons against it fold at build time, so a bundle carries only the
// guard modules its event runs: V8 compiles less on every host event.
declare const MAESTRO_HOOK_EVENT: string | undefined;

// One line per guard, in merge order; its events must equal the guard's own `events` (a test checks).
export const GUARDS: readonly Guard[] = [
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'SessionStart' ? [doctrineDelivery] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'SessionStart' ? [statuslineSync] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'SessionStart' || MAESTRO_HOOK_EVENT === 'UserPromptSubmit' ? [terseMode] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'UserPromptSubmit' ? [gateReminder] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'UserPromptSubmit' ? [frontierAutorun] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'PreToolUse' ? [doctrineGuard] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'PostToolUse' ? [phaseScope] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'PostToolUse' ? [toolBudget] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'Stop' || MAESTRO_HOOK_EVENT === 'UserPromptSubmit' ? [verifyGate] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'PostToolUse' || MAESTRO_HOOK_EVENT === 'Stop' ? [loopGuard] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'SubagentStop' ? [subagentGuard] : []),
  ...(typeof MAESTRO_HOOK_EVENT !== 'string' || MAESTRO_HOOK_EVENT === 'SessionEnd' ? [gateTelemetry] : []),
];
