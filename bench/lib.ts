// Shared timing helpers for the benchmarks: wall-clock medians of whole processes, interleaved
// so that machine noise hits every case alike, with a bare `node -e ''` as the baseline.
import { spawnSync } from 'node:child_process';

export interface Case {
  name: string;
  argv: string[];
  input?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Timing {
  name: string;
  medianMs: number;
  minMs: number;
  ratio: number;
}

function once(c: Case): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.argv, { input: c.input ?? '', env: c.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] }); // pipes, as the hosts give hooks
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs every case `runs` times (after one warm-up each), round-robin. The first case is the baseline. */
export function measure(cases: Case[], runs: number): Timing[] {
  for (const c of cases) once(c);
  const samples = cases.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) cases.forEach((c, j) => samples[j]!.push(once(c)));
  const base = median(samples[0]!);
  return cases.map((c, j) => ({ name: c.name, medianMs: median(samples[j]!), minMs: Math.min(...samples[j]!), ratio: median(samples[j]!) / base }));
}

export function table(rows: Timing[]): string {
  const lines = ['| case | median ms | min ms | ratio to bare node |', '|---|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.ratio.toFixed(2)}× |`);
  return lines.join('\n');
}
