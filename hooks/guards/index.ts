// Every guard, in the order their effects are merged.
import type { Guard } from '../types';
import { gateReminder } from './gate-reminder';

export const GUARDS: readonly Guard[] = [gateReminder];
