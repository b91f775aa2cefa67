// Every guard, in the order their effects are merged.
import type { Guard } from '../types';
import { doctrineDelivery } from './doctrine-delivery';
import { gateReminder } from './gate-reminder';

export const GUARDS: readonly Guard[] = [doctrineDelivery, gateReminder];
