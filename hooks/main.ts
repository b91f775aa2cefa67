// Entry of dist/hook.cjs: `node dist/hook.cjs <Event>`. Fails open: whatever happens, exit 0
// with either one valid JSON answer on stdout or nothing.
import { parsePayload, readStdin } from './io';
import { runHook } from './runtime';
import { GUARDS } from './guards';

async function main(): Promise<void> {
  const payload = parsePayload(readStdin());
  if (!payload) return;
  const out = await runHook({ argvEvent: process.argv[2], payload, env: process.env, cwd: process.cwd(), guards: GUARDS });
  if (out) process.stdout.write(JSON.stringify(out) + '\n');
}

process.on('uncaughtException', () => process.exit(0));
process.on('unhandledRejection', () => process.exit(0));
main().then(
  () => process.exit(0),
  () => process.exit(0),
);
