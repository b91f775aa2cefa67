// The commander program with Maestro's error contract: unknown commands, flags and values print
// one line naming them and exit 2; --help and --version exit 0; nothing runs after a parse error.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../core/version';
import { CliError, EXIT_USAGE, oneLine } from './errors';

export type Register = (program: Command) => void;

export function createProgram(registers: Register[]): Command {
  const program = new Command('maestro');
  program
    .description('Maestro: doctrine, enforcement hooks and Frontier local multi-model fusion for coding agents')
    .version(VERSION, '-V, --version', 'print the Maestro version')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: () => undefined })
    .exitOverride();
  // Commander copies these settings into subcommands created after this point.
  program.allowExcessArguments(false);
  for (const register of registers) register(program);
  program.command('help [command]', { hidden: true }).action((name?: string) => {
    const target = name ? program.commands.find((c) => c.name() === name) : program;
    if (!target) throw new CliError(`unknown command '${name}'`, EXIT_USAGE);
    target.outputHelp();
  });
  return program;
}

/** Parse and run; returns the exit code instead of exiting, so tests and the entry share one path. */
export async function runProgram(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code === 'commander.executeSubCommandAsync') return e.exitCode;
      process.stderr.write(`maestro: ${oneLine(e.message)}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof CliError) {
      process.stderr.write(`maestro: ${oneLine(e.message)}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`maestro: unexpected failure: ${oneLine(msg)}\n`);
    return 1;
  }
}
