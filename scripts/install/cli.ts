// `maestro install` and `maestro uninstall`. Commander validates every flag and value before any
// action runs, so a typo or `--help` never writes a file.
import { Option, type Command } from 'commander';
import { CliError, EXIT_PROBLEM, UsageError } from '../../cli/errors';
import { ApplyError } from './applier';
import { ArtifactError, type Profile } from './artifacts';
import { ScopeRefusal } from './context';
import { InstallRefusal, runInstall, runUninstall } from './run';
import { SourceError } from './sources';
import { TARGET_IDS, type TargetChoice, type TargetId } from './types';

interface Flags {
  target?: string[];
  project?: string;
  global?: boolean;
  dryRun?: boolean;
  doctrineOnly?: boolean;
  engineOnly?: boolean;
  force?: boolean;
  json?: boolean;
}

function guarded(run: () => number): void {
  try {
    process.exitCode = run();
  } catch (e) {
    if (e instanceof ScopeRefusal) throw new UsageError(e.message);
    if (e instanceof InstallRefusal || e instanceof ApplyError || e instanceof ArtifactError || e instanceof SourceError) {
      throw new CliError(e.message, EXIT_PROBLEM);
    }
    throw e;
  }
}

export function registerInstall(program: Command): void {
  program
    .command('install')
    .description('install the doctrine, host commands and the engine into a project (or user folders with --global)')
    .addOption(new Option('--target <host...>', 'hosts to install for (repeatable)').choices([...TARGET_IDS, 'auto', 'all']).default(['auto']))
    .option('--project <dir>', 'project folder (default: the git root of the current folder)')
    .addOption(new Option('--global', "install into the hosts' user-level folders").conflicts('project'))
    .option('--dry-run', 'print the plan and write nothing')
    .addOption(new Option('--doctrine-only', 'only AGENTS.md, adapters and rules').conflicts('engineOnly'))
    .option('--engine-only', 'only the engine and host commands')
    .option('--force', 'replace files you changed, after keeping a backup')
    .option('--json', 'print the plan as JSON')
    .action((o: Flags) => {
      const profile: Profile = o.doctrineOnly ? 'doctrine-only' : o.engineOnly ? 'engine-only' : 'full';
      guarded(() => runInstall({ targets: o.target as TargetChoice[], project: o.project, global: o.global, dryRun: o.dryRun, profile, force: o.force, json: o.json }).code);
    });
}

export function registerUninstall(program: Command): void {
  program
    .command('uninstall')
    .description('remove exactly what `maestro install` wrote; files you changed are kept')
    .addOption(new Option('--target <host...>', 'only these hosts (default: all installed)').choices([...TARGET_IDS, 'all']))
    .option('--project <dir>', 'project folder (default: the git root of the current folder)')
    .addOption(new Option('--global', 'uninstall the user-level install').conflicts('project'))
    .option('--dry-run', 'print what would be removed and change nothing')
    .option('--json', 'print the plan as JSON')
    .action((o: Flags) => {
      guarded(() => runUninstall({ targets: o.target as Array<TargetId | 'all'> | undefined, project: o.project, global: o.global, dryRun: o.dryRun, json: o.json }).code);
    });
}
