// Running one command: its arguments read, `--help` answered, and every error the person running it
// can act on printed as one line with its exit status. Anything else is a bug: `main` reports it.

import { HarError } from '../capture/har.ts';
import { BundleLimitError } from '../export/bundle-parts.ts';
import { parseCommandArgs } from './args.ts';
import { CliError, EXIT, type CliContext, type Command, type ExitStatus } from './command.ts';
import type { Input } from './input.ts';
import { messageLine } from './output.ts';

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
}

/** Colours and width from the output stream and the environment. */
export function contextFor(streams: Streams, env: Record<string, string | undefined> = {}): CliContext {
  const terminal = streams.stdout as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  return {
    stdout: streams.stdout,
    stderr: streams.stderr,
    stdin: streams.stdin ?? process.stdin,
    // https://no-color.org: any non-empty NO_COLOR turns colours off.
    color: terminal.isTTY === true && (env['NO_COLOR'] ?? '') === '',
    width: Math.max(60, Math.min(terminal.columns ?? 100, 120)),
  };
}

/** Runs `command` with `args`. Throws only for a bug. */
export async function runCommand(command: Command, args: readonly string[], context: CliContext): Promise<ExitStatus> {
  try {
    const parsed = parseCommandArgs(command.name, args, command.options);
    if (parsed.help) {
      context.stdout.write(`${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(parsed, context);
  } catch (error) {
    const cliError = cliErrorFrom(error);
    if (cliError === undefined) throw error;
    context.stderr.write(messageLine(command.name, cliError.message));
    return cliError.status;
  }
}

/**
 * The one place where errors of the layers below (and of V8) become the CLI's `CliError`: undefined
 * for anything else, which is a bug. `input` names the input a HAR error is about.
 */
export function cliErrorFrom(error: unknown, input?: string): CliError | undefined {
  if (error instanceof CliError) return error;
  if (error instanceof HarError) return new CliError('input', input === undefined ? error.message : `${input}: ${error.message}`);
  if (error instanceof BundleLimitError) {
    return new CliError('input', `cannot share ${shortUrl(error.url)}: ${error.message}; leave it out with --url-contains TEXT matching only the requests to share`);
  }
  if (isStringTooLong(error)) {
    // A value so large that a text quoting it passes the longest string V8 can hold (~512 MB):
    // a limit of ours, reached by the input, not a bug.
    return new CliError('input', 'the input holds a value too large to write out (a single header, URL or note of hundreds of megabytes); leave its request out with --url-contains');
  }
  return undefined;
}

/** A URL short enough for a message. */
export function shortUrl(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}...` : url;
}

function isStringTooLong(error: unknown): boolean {
  return (error instanceof RangeError && error.message === 'Invalid string length') || (error as { code?: unknown } | null)?.code === 'ERR_STRING_TOO_LONG';
}

/** One line on stderr when HAR entries were left out: how many, and why the first was. */
export function warnSkipped(context: CliContext, command: string, input: Input): void {
  if (input.skippedEntries === 0) return;
  const n = input.skippedEntries;
  const why = input.firstSkipReason === undefined ? '' : ` (first: ${input.firstSkipReason})`;
  context.stderr.write(messageLine(command, `${input.name}: skipped ${n} unreadable entr${n === 1 ? 'y' : 'ies'}${why}`));
}
