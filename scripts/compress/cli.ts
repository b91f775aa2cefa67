// `maestro compress <file>`: see run.ts. Exit 1 on any refusal or failure, with one line saying why.
import type { Command } from 'commander';
import { CliError } from '../../cli/errors';
import { CompressError, compressFile } from './run';

export function registerCompress(program: Command): void {
  program
    .command('compress')
    .description('rewrite a Markdown memory file in terse form through claude --print, keeping <name>.original.md')
    .argument('<file>', 'a .md, .txt or extensionless file of at most 500 KB')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      let r;
      try {
        r = await compressFile(file, { env: process.env });
      } catch (e) {
        if (e instanceof CompressError) throw new CliError(e.message);
        throw e;
      }
      const saved = r.beforeChars ? Math.round((1 - r.afterChars / r.beforeChars) * 100) : 0;
      if (o.json) {
        process.stdout.write(JSON.stringify({ ...r, savedPercent: saved }) + '\n');
        return;
      }
      process.stdout.write(`compressed ${file}: ${r.beforeChars} -> ${r.afterChars} characters (${saved}% saved); original kept at ${r.backup}\n`);
      for (const w of r.warnings) process.stdout.write(`WARNING: ${w}\n`);
    });
}
