// What every CLI command is, and the exit statuses they all use.

import type { ArgSpec, ParsedArgs } from './args.ts';

/**
 * The exit statuses, one meaning each, so that a script can tell them apart. Also in `--help` and
 * docs/cli.md. 70 is EX_SOFTWARE of BSD's sysexits.h: a bug of ours, not of the input.
 */
export const EXIT = {
  /** Done (also when requests were blocked, unless --fail-on-blocked). */
  ok: 0,
  /** --fail-on-blocked and at least one request was blocked by CORS. */
  blocked: 1,
  /** Bad arguments, or a selection that selects nothing. */
  usage: 2,
  /** A file that cannot be read or written, or input that is no HAR or bundle, or exceeds a limit. */
  input: 3,
  /**
   * `curl` wrote no command at all: every request selected got only a comment saying why (a shell
   * that cannot carry it, a URL that is no http(s) URL). Not 3: the input was read, the script of
   * comments was written, and another shell may carry the same requests.
   */
  noCommand: 4,
  /** A bug in cors-inspector: reported as one line asking for a report. */
  internal: 70,
} as const;

export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** The statuses every command that reads a HAR or bundle can return but 0, 1 and 4. */
const EXIT_STATUS_ERRORS = `2 bad usage, 3 input that cannot be read or written, is no HAR or bundle, or
exceeds a limit, 70 internal error (a bug).`;

/** The exit statuses as the usage of `explain` (which has --fail-on-blocked) lists them. */
export const EXIT_STATUS_HELP = `Exit status: 0 done, 1 blocked requests with --fail-on-blocked,
${EXIT_STATUS_ERRORS}`;

/** The exit statuses of a command without --fail-on-blocked: it never returns 1. */
export const EXIT_STATUS_HELP_NEVER_BLOCKED = `Exit status: 0 done, ${EXIT_STATUS_ERRORS}`;

/** The exit statuses as `curl` lists them: 4 when it wrote no command at all. */
export const EXIT_STATUS_HELP_CURL = `Exit status: 0 done (also when some requests got no command), 2 bad usage, 3 input that
cannot be read or written, is no HAR or bundle, or exceeds a limit, 4 no command at all (each
request selected got a comment saying why), 70 internal error (a bug).`;

export interface CliContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Where `-` reads from. */
  stdin: NodeJS.ReadableStream;
  /** Whether to colour the output (stdout is a terminal and NO_COLOR is not set). */
  color: boolean;
  /** Columns to wrap prose at. */
  width: number;
  /** The clock (ms) a progress line reads; tests pass their own. */
  clock?: () => number;
}

export interface Command {
  name: string;
  /** Its `--help`. (Its one line in the command list is in commands.ts, so listing needs no command loaded.) */
  usage: string;
  /** Its options (`-h`/`--help` is every command's). */
  options: ArgSpec;
  /** Resolves to the exit status. Throws `CliError` for bad arguments or input. */
  run(args: ParsedArgs, context: CliContext): Promise<ExitStatus>;
}

/**
 * What an error the person can act on is about: `usage`, bad arguments or a selection that selects
 * nothing (status 2); `input`, a file that cannot be read or written, or input that is no HAR or
 * bundle, or exceeds a limit (status 3).
 */
export type CliErrorKind = 'usage' | 'input';

/**
 * The CLI's one error: something the person running the command can act on, printed as one line,
 * `cors-inspector <command>: <message>`, and the command exits with `status`. Anything else thrown
 * is a bug (status 70). Errors of the lower layers (`HarError`, `BundleLimitError`) become one in
 * one place, `cliErrorFrom` (run-command.ts).
 */
export class CliError extends Error {
  readonly status: (typeof EXIT)[CliErrorKind];

  constructor(
    readonly kind: CliErrorKind,
    message: string,
  ) {
    // Printed by `messageLine`, which shows any line break in it as an escape: one line always.
    super(message);
    this.name = 'CliError';
    this.status = EXIT[kind];
  }
}
