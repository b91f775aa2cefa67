// Frontier engine overhead: a fusion run of 8 stub members (cheap /bin/sh scripts with fixed
// delays) through the real pipeline and process spawner.
//   overhead = total wall − (slowest member + judge + synth), each member's own measured wall time
// and, with --quorum 7 and one member ten times slower:
//   total wall vs second-slowest member + judge + synth.
// Usage: npx tsx bench/fusion.ts [iterations=15] [memberDelayMs=200]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCatalog } from '../frontier/catalog';
import { DEFAULT_LIMITS, runPipeline, type Limits } from '../frontier/pipeline';
import type { Plan } from '../frontier/plan';
import type { RunRecord } from '../frontier/runs';

const iterations = Number(process.argv[2] ?? 15);
const delayMs = Number(process.argv[3] ?? 200);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-bench-'));
const stub = path.join(dir, 'claude');
// Delay per role/model from env-free args: judge/synth prompts are recognised by their wording;
// the model named "fable" sleeps SLOW seconds, everyone else FAST.
fs.writeFileSync(
  stub,
  `#!/bin/sh
model=""
while [ $# -gt 0 ]; do [ "$1" = "--model" ] && model="$2"; shift; done
input=$(cat)
d=${(delayMs / 1000).toFixed(3)}
case "$model" in claude-fable-5) d=$(cat "${dir}/slow") ;; esac
case "$input" in
  *"Reply with one JSON object"*) sleep ${(delayMs / 1000).toFixed(3)}; printf '%s' '{"type":"result","is_error":false,"result":"{\\"consensus\\":[],\\"contradictions\\":[],\\"partial_coverage\\":[],\\"unique_insights\\":[],\\"blind_spots\\":[]}"}'; exit 0 ;;
  *"Write the single best answer"*) sleep ${(delayMs / 1000).toFixed(3)}; printf '%s' '{"type":"result","is_error":false,"result":"synth"}'; exit 0 ;;
esac
sleep "$d"
printf '%s' '{"type":"result","is_error":false,"result":"member answer"}'
`,
);
fs.chmodSync(stub, 0o755);

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, MAESTRO_CLAUDE_BIN: stub, ANTHROPIC_API_KEY: 'bench' };
const catalog = buildCatalog(env);
const plan: Plan = { mode: 'fusion', label: 'bench', preset: 'custom', members: ['opus', 'opus', 'opus', 'sonnet-5', 'sonnet-5', 'sonnet-5', 'opus', 'fable'], judge: 'opus', synth: 'opus' };

async function once(limits: Limits, slowSec: number): Promise<{ total: number; rec: RunRecord }> {
  fs.writeFileSync(path.join(dir, 'slow'), slowSec.toFixed(3));
  let rec: RunRecord | undefined;
  const t0 = performance.now();
  const res = await runPipeline(plan, 'bench prompt', limits, { catalog, env, cwd: dir, recorder: (r) => (rec = r) });
  const total = performance.now() - t0;
  if (res.status !== 'ok' || !rec) throw new Error(`bench run failed: ${res.failure_reason} ${res.error}`);
  return { total, rec };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)]!;
const stageMs = (rec: RunRecord): number => rec.stages.reduce((a, s) => a + s.wallMs, 0);

async function main(): Promise<void> {
  const base: Limits = { ...DEFAULT_LIMITS, concurrency: 8, timeoutMs: 60_000, runBudgetMs: 120_000 };
  await once(base, delayMs / 1000); // warm-up
  const overheads: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const { total, rec } = await once(base, delayMs / 1000);
    const slowest = Math.max(...rec.members.map((m) => m.wallMs));
    overheads.push(total - (slowest + stageMs(rec)));
    totals.push(total);
  }
  const quorumSlack: number[] = [];
  const qTotals: number[] = [];
  for (let i = 0; i < Math.max(5, Math.round(iterations / 2)); i++) {
    const { total, rec } = await once({ ...base, quorum: 7 }, (10 * delayMs) / 1000);
    const walls = rec.members.filter((m) => m.ok).map((m) => m.wallMs).sort((a, b) => b - a);
    // The slow member was cancelled; the slowest finisher is the "second-slowest" member overall.
    quorumSlack.push(total - (walls[0]! + stageMs(rec)));
    qTotals.push(total);
  }
  const f = (n: number): string => n.toFixed(1);
  console.log(`node ${process.versions.node}, ${os.cpus().length} CPUs, panel of 8 /bin/sh stubs, member/judge/synth delay ${delayMs} ms, concurrency 8`);
  console.log(`fusion (${iterations} runs): total median ${f(median(totals))} ms; engine overhead median ${f(median(overheads))} ms, p90 ${f(p90(overheads))} ms (target <= 50 ms median)`);
  console.log(`  for reference, total - 3 x nominal delay (${3 * delayMs} ms) median ${f(median(totals) - 3 * delayMs)} ms: includes /bin/sh, cat and sleep start-up per stage`);
  console.log(`quorum 7, one member ${10 * delayMs} ms (${quorumSlack.length} runs): total median ${f(median(qTotals))} ms; total - (second-slowest + judge + synth) median ${f(median(quorumSlack))} ms, max ${f(Math.max(...quorumSlack))} ms (target <= 100 ms)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
