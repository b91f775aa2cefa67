// Startup cost of the two committed bundles against bare Node with the same stdin.
// Run: npm run bench (RUNS=n to change the sample count).
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { measure, table } from './lib';

const root = path.resolve(__dirname, '..');
const runs = Number(process.env.RUNS ?? 30);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-bench-'));
const env = { PATH: process.env.PATH, HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'c'), XDG_STATE_HOME: path.join(tmp, 's') };
const payload = '{}';

const rows = measure(
  [
    { name: "bare `node -e ''`", argv: ['-e', ''], input: payload, env },
    { name: '`maestro --version`', argv: [path.join(root, 'dist/maestro.cjs'), '--version'], input: payload, env },
    { name: '`dist/hooks/SessionStart.cjs` (empty payload)', argv: [path.join(root, 'dist/hooks/SessionStart.cjs')], input: payload, env },
  ],
  runs,
);
console.log(`node ${process.version}, ${os.cpus().length} cores, ${runs} runs per case\n`);
console.log(table(rows));
