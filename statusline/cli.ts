// maestro statusline install | uninstall | status (see install.ts).
import type { Command } from 'commander';
import { CliError, UsageError } from '../cli/errors';
import { contextBarInfo } from '../settings/context-bar';
import { installStatusline, runsOurScript, StatuslineError, statuslinePaths, uninstallStatusline } from './install';
import { readJsonFile } from '../core/safe-fs';

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StatuslineError) throw new CliError(e.message);
    throw new CliError((e as Error).message);
  }
}

export function registerStatusline(program: Command): void {
  program
    .command('statusline')
    .description("install the context bar as Claude Code's status line, remove it again, or show where it stands")
    .argument('[action]', 'install | uninstall | status', 'status')
    .action((action: string) => {
      const env = process.env;
      if (action === 'install') {
        const r = wrap(() => installStatusline(env));
        process.stdout.write(
          r.changed
            ? `installed the context bar: ${r.paths.script}; ${r.paths.settings} now runs it (the previous status line is kept for uninstall)\n`
            : `the context bar is already the status line; refreshed ${r.paths.script}\n`,
        );
        return;
      }
      if (action === 'uninstall') {
        const r = wrap(() => uninstallStatusline(env));
        process.stdout.write(r.restored ? `removed the context bar; restored the previous status line in ${r.paths.settings}\n` : `removed the context bar files${r.note ? `; ${r.note}` : ''}\n`);
        return;
      }
      if (action === 'status') {
        const p = statuslinePaths(env);
        const s = readJsonFile<Record<string, unknown>>(p.settings, { maxBytes: 1024 * 1024 });
        const ours = s.ok && s.value && typeof s.value === 'object' ? runsOurScript(s.value, p, env) : false;
        const info = contextBarInfo(env);
        process.stdout.write(`statusline ${ours ? 'installed' : 'not installed'} (${p.script}); context bar ${info.enabled ? 'on' : 'off'}\n`);
        return;
      }
      throw new UsageError(`invalid statusline action "${action}"; valid: install, uninstall, status`);
    });
}
