// Exit codes and the one-line error contract shared by every CLI command.
export const EXIT_OK = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;

/** Thrown by a command for a user-facing failure; printed as one line, never a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_PROBLEM) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/^error:\s*/i, '').trim();
}
