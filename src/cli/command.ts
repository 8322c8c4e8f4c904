// What every CLI command is, so that `curl`, `share`, `report` can join `explain` later.

export interface CliContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether to colour the output (stdout is a terminal and NO_COLOR is not set). */
  color: boolean;
  /** Columns to wrap prose at. */
  width: number;
}

export interface Command {
  name: string;
  /** One line for the command list in `--help`. */
  summary: string;
  usage: string;
  /** Resolves to the exit status. Throws `UsageError` for bad arguments. */
  run(args: string[], context: CliContext): Promise<number>;
}

/** Bad arguments: the CLI prints the message and a hint, and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
