// Hook latency per event: wall and CPU time of one `node dist/hooks/<Event>.cjs` dispatch with a
// realistic payload, against bare `node -e ''` with the same stdin, interleaved round-robin.
// Also PostToolUse with a 20 MB transcript next to it (the runtime must not read it).
// Run: npx tsx bench/hooks.ts (RUNS=n to change the sample count). Prints a Markdown table.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const hook = (event: string): string => path.join(root, 'dist', 'hooks', `${event}.cjs`);
const runs = Number(process.env.RUNS ?? 30);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-bench-hooks-'));
const cwd = path.join(tmp, 'proj');
fs.mkdirSync(path.join(cwd, '.git'), { recursive: true });
fs.writeFileSync(path.join(cwd, 'AGENTS.md'), '# doctrine\n');
fs.writeFileSync(path.join(cwd, 'CLAUDE.md'), '@AGENTS.md\n');
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: tmp,
  XDG_CONFIG_HOME: path.join(tmp, 'c'),
  XDG_STATE_HOME: path.join(tmp, 's'),
  XDG_CACHE_HOME: path.join(tmp, 'k'),
  CLAUDE_PLUGIN_ROOT: root,
  CLAUDE_PROJECT_DIR: cwd,
};

// A transcript of ~62 KB and one of 20 MB (realistic Claude lines).
function transcript(file: string, bytes: number): string {
  const line = JSON.stringify({ type: 'assistant', message: { id: 'm', usage: { input_tokens: 10, output_tokens: 10 }, content: [{ type: 'text', text: 'x'.repeat(900) }] } }) + '\n';
  fs.writeFileSync(file, line.repeat(Math.ceil(bytes / line.length)));
  return file;
}
const small = transcript(path.join(tmp, 'small.jsonl'), 62 * 1024);
const big = transcript(path.join(tmp, 'big.jsonl'), 20 * 1024 * 1024);

const base = (event: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ session_id: 'bench-session', transcript_path: small, cwd, prompt_id: 'p1', permission_mode: 'default', hook_event_name: event, ...extra });

interface Case {
  name: string;
  argv: string[];
  input: string;
}
const cases: Case[] = [
  { name: "bare `node -e ''`", argv: ['-e', ''], input: base('UserPromptSubmit', { prompt: 'fix the parser bug in src/a.ts' }) },
  { name: 'SessionStart', argv: [hook('SessionStart')], input: base('SessionStart', { source: 'startup' }) },
  { name: 'UserPromptSubmit', argv: [hook('UserPromptSubmit')], input: base('UserPromptSubmit', { prompt: 'fix the parser bug in src/a.ts' }) },
  { name: 'PreToolUse (Read AGENTS.md)', argv: [hook('PreToolUse')], input: base('PreToolUse', { tool_name: 'Read', tool_input: { file_path: path.join(cwd, 'AGENTS.md') } }) },
  { name: 'PostToolUse (Edit)', argv: [hook('PostToolUse')], input: base('PostToolUse', { tool_name: 'Edit', tool_input: { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' }, tool_response: {} }) },
  { name: 'PostToolUse (Edit, 20 MB transcript)', argv: [hook('PostToolUse')], input: base('PostToolUse', { transcript_path: big, tool_name: 'Edit', tool_input: { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' }, tool_response: {} }) },
  { name: 'PostToolUse (Bash)', argv: [hook('PostToolUse')], input: base('PostToolUse', { tool_name: 'Bash', tool_input: { command: 'npm test 2>&1 | tail -20' }, tool_response: {} }) },
  { name: 'Stop', argv: [hook('Stop')], input: base('Stop', { stop_hook_active: false, last_assistant_message: 'UNVERIFIED: no test runner here', session_crons: [] }) },
  { name: 'SubagentStop', argv: [hook('SubagentStop')], input: base('SubagentStop', { stop_hook_active: false, agent_transcript_path: small, agent_type: 'general-purpose' }) },
  { name: 'SessionEnd', argv: [hook('SessionEnd')], input: base('SessionEnd', { reason: 'other' }) },
];

/** CPU time of reaped children so far (Linux /proc; clock ticks of 10 ms), or NaN elsewhere. */
function childCpuMs(): number {
  try {
    const f = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime
  } catch {
    return NaN;
  }
}

function once(c: Case): { wall: number; cpu: number } {
  const cpu0 = childCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.argv, { input: c.input, env, cwd, stdio: ['pipe', 'pipe', 'pipe'] }); // pipes, as the hosts give hooks
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}`);
  return { wall, cpu: childCpuMs() - cpu0 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

for (const c of cases) once(c);
const wall = cases.map(() => [] as number[]);
const cpu = cases.map(() => [] as number[]);
for (let i = 0; i < runs; i++) {
  cases.forEach((c, j) => {
    const t = once(c);
    wall[j]!.push(t.wall);
    cpu[j]!.push(t.cpu);
  });
}
const baseWall = median(wall[0]!);
const baseCpu = mean(cpu[0]!);
console.log(`node ${process.version}, ${os.cpus().length} cores, ${runs} runs per case (interleaved, 1 warm-up)\n`);
// Paired delta: each hook run minus the bare run of the same round (adjacent in time), so slow
// drifts in machine load cancel out; its median over the base median is the steadiest ratio.
console.log('| event | median wall ms | min wall ms | wall ratio | paired Δ ms (median) | paired ratio | mean CPU ms | CPU ratio |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
cases.forEach((c, j) => {
  const w = median(wall[j]!);
  const cp = mean(cpu[j]!);
  const delta = median(wall[j]!.map((x, i) => x - wall[0]![i]!));
  console.log(
    `| ${c.name} | ${w.toFixed(1)} | ${Math.min(...wall[j]!).toFixed(1)} | ${(w / baseWall).toFixed(2)}× | ${delta.toFixed(1)} | ${((baseWall + delta) / baseWall).toFixed(2)}× | ${cp.toFixed(1)} | ${(cp / baseCpu).toFixed(2)}× |`,
  );
});
fs.rmSync(tmp, { recursive: true, force: true });
