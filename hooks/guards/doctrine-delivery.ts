// Doctrine delivery (SessionStart): plugin-only installs get the hooks but not the rules they enforce,
// because neither host loads a plugin's own AGENTS.md / CLAUDE.md. So inject the kernel once per session
// unless the instruction file this host reads from the project root already carries it.
import path from 'node:path';
import { readTextBounded } from '../../core/safe-fs';
import { projectRoot } from '../../core/scope';
import { claimOnce } from '../session';
import type { Guard, Host } from '../types';

export const BLOCK_BEGIN = '<!-- maestro:begin -->';
const KERNEL_MAX_BYTES = 64 * 1024;
const PROJECT_FILE_MAX_BYTES = 1024 * 1024;
const IMPORT_RE = /^@(?:\.\/)?AGENTS\.md\s*$/m;

function read(file: string, max: number): string | undefined {
  const r = readTextBounded(file, max);
  return r.ok ? r.value : undefined;
}

/** The file carries the doctrine: Maestro's marker block, or the kernel itself (e.g. the Maestro repo). */
function carries(text: string | undefined, kernel: string): boolean {
  return !!text && (text.includes(BLOCK_BEGIN) || text.includes(kernel.trim()));
}

/** Which project files each host loads on its own, and whether any of them carries the kernel. */
export function projectCarriesKernel(root: string, host: Host, kernel: string): boolean {
  const agents = read(path.join(root, 'AGENTS.md'), PROJECT_FILE_MAX_BYTES);
  if (host === 'codex') return carries(agents, kernel);
  for (const rel of ['CLAUDE.md', path.join('.claude', 'CLAUDE.md')]) {
    const text = read(path.join(root, rel), PROJECT_FILE_MAX_BYTES);
    if (carries(text, kernel)) return true;
    if (text && IMPORT_RE.test(text) && carries(agents, kernel)) return true;
  }
  return false;
}

export function pluginRoot(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env.CLAUDE_PLUGIN_ROOT?.trim() || env.PLUGIN_ROOT?.trim() || undefined;
}

export function deliveryText(kernel: string, root: string): string {
  const body = kernel.replaceAll('`docs/orchestration.md`', `\`${path.join(root, 'docs', 'orchestration.md')}\``);
  return `Maestro doctrine for this session (this project's instruction files do not include it):\n\n${body.trim()}`;
}

export const doctrineDelivery: Guard = {
  name: 'doctrine-delivery',
  events: ['SessionStart'],
  // The rules themselves, not an enforcement check: delivered even when discipline is off.
  enforcement: false,
  run(event, ctx) {
    if (ctx.env.MAESTRO_DOCTRINE_DELIVERY === '0') return [];
    const root = pluginRoot(ctx.env);
    if (!root) return [];
    const kernel = read(path.join(root, 'AGENTS.md'), KERNEL_MAX_BYTES);
    if (!kernel || !kernel.trim()) return [];
    if (projectCarriesKernel(projectRoot(event.cwd).root, event.host, kernel)) return [];
    // Once per session: resume and compaction fire SessionStart again. Without a session id we cannot
    // remember, and a host fires SessionStart once per start, so deliver.
    if (ctx.sessionDir) {
      try {
        if (!claimOnce(ctx.sessionDir, 'doctrine-delivery')) return [];
      } catch {
        // cannot remember delivering: deliver anyway, missing rules cost more than a repeat
      }
    }
    return [{ kind: 'context', text: deliveryText(kernel, root) }];
  },
};
