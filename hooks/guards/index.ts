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

export const GUARDS: readonly Guard[] = [
  // SessionStart
  doctrineDelivery,
  statuslineSync,
  // SessionStart + UserPromptSubmit
  terseMode,
  // UserPromptSubmit
  gateReminder,
  frontierAutorun,
  // PreToolUse
  doctrineGuard,
  // PostToolUse
  phaseScope,
  toolBudget,
  // Stop
  verifyGate,
  loopGuard,
  // SubagentStop
  subagentGuard,
  // SessionEnd
  gateTelemetry,
];
