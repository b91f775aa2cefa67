// Standalone program (run inside the jail): trust every Codex hook that is not trusted yet.
// Talks JSON-RPC (one JSON object per line) to `codex app-server`: initialize, initialized,
// hooks/list {cwds}; then writes [hooks.state."<key>"] tables into config.toml, replacing stale
// ones. Prints a TrustReport as JSON on stdout.
// Usage: node --import tsx codex-trust.ts <codex-bin> <project-dir> <config.toml>
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

interface HookEntry {
  key: string;
  trustStatus: string;
  currentHash?: string;
}

/** Remove a `[header]` table (up to the next table header) from TOML text. */
export function dropTable(toml: string, header: string): string {
  const lines = toml.split('\n');
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    const t = line.trim();
    if (t.startsWith('[')) skipping = t === header;
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

export function trustTables(toml: string, hooks: HookEntry[]): { toml: string; trusted: string[] } {
  let text = toml;
  const trusted: string[] = [];
  for (const h of hooks) {
    if (h.trustStatus === 'trusted' || h.trustStatus === 'managed' || !h.currentHash) continue;
    const [handler, content] = h.currentHash.split('/');
    const header = `[hooks.state.${JSON.stringify(h.key)}]`;
    text = dropTable(text, header).replace(/\n*$/, '\n');
    text += `\n${header}\ntrusted_hash = ${JSON.stringify(handler)}\n`;
    if (content) text += `trusted_content_hash = ${JSON.stringify(content)}\n`;
    trusted.push(h.key);
  }
  return { toml: text, trusted };
}

async function main(): Promise<void> {
  const [codex, cwd, configPath] = process.argv.slice(2);
  if (!codex || !cwd || !configPath) throw new Error('usage: codex-trust <codex-bin> <project-dir> <config.toml>');
  const child = spawn(codex, ['app-server'], { cwd, env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const pending = new Map<number, (msg: Record<string, unknown>) => void>();
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof msg.id === 'number' && pending.has(msg.id) && ('result' in msg || 'error' in msg)) {
      pending.get(msg.id)!(msg);
      pending.delete(msg.id);
    }
  });
  let nextId = 0;
  const send = (m: Record<string, unknown>) => child.stdin.write(`${JSON.stringify(m)}\n`);
  const request = (method: string, params: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => reject(new Error(`app-server did not answer ${method}; stderr: ${stderr.slice(-1000)}`)), 30_000);
      pending.set(id, (msg) => {
        clearTimeout(timer);
        if (msg.error) reject(new Error(`${method} failed: ${JSON.stringify(msg.error)}`));
        else resolve(msg.result);
      });
      send({ id, method, params });
    });
  try {
    await request('initialize', { clientInfo: { name: 'maestro-e2e', version: '0.0.0' } });
    send({ method: 'initialized' });
    const listed = (await request('hooks/list', { cwds: [cwd] })) as { data?: { hooks?: HookEntry[] }[] };
    const hooks = (listed.data ?? []).flatMap((d) => d.hooks ?? []);
    const { toml, trusted } = trustTables(fs.readFileSync(configPath, 'utf8'), hooks);
    fs.writeFileSync(`${configPath}.tmp`, toml);
    fs.renameSync(`${configPath}.tmp`, configPath);
    process.stdout.write(JSON.stringify({ before: hooks.map(({ key, trustStatus, currentHash }) => ({ key, trustStatus, currentHash })), trusted }));
  } finally {
    child.kill('SIGKILL');
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`codex-trust: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
