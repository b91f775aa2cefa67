// Entry of the hook bundles: `node dist/hooks/<Event>.cjs`, one bundle per event (the build sets
// MAESTRO_HOOK_EVENT). Fails open: whatever happens, exit 0 with one valid JSON answer or nothing.
import { parsePayload, readStdin, writeStdout } from './io';
import { runHook } from './runtime';
import { GUARDS } from './guards';

declare const MAESTRO_HOOK_EVENT: string | undefined;

async function main(): Promise<void> {
  const payload = parsePayload(readStdin());
  if (!payload) return;
  const out = await runHook({ argvEvent: typeof MAESTRO_HOOK_EVENT === 'string' ? MAESTRO_HOOK_EVENT : process.argv[2], payload, env: process.env, cwd: process.cwd(), guards: GUARDS });
  if (out) writeStdout(JSON.stringify(out) + '\n');
}

process.on('uncaughtException', () => process.exit(0));
process.on('unhandledRejection', () => process.exit(0));
main().then(
  () => process.exit(0),
  () => process.exit(0),
);
