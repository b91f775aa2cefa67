// Test-side entry for multi-server jails (see jail-multi-main.ts).
import path from 'node:path';
import { launchJail } from './jail';
import type { MultiJailResult, MultiJailSpec } from './jail-multi-spec';

const LAUNCHER = path.join(__dirname, 'jail-multi-main.ts');

export function jailRunMulti(spec: MultiJailSpec): Promise<MultiJailResult> {
  return launchJail<MultiJailResult>(LAUNCHER, spec);
}
