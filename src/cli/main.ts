// `cors-inspector`: `--version`, the list of commands, dispatch to a command, and the guard that
// turns any bug into one line. The entry of the built CLI (scripts/build-cli.mjs).
//
// Exit status (command.ts `EXIT`): 0 done, 1 blocked requests with --fail-on-blocked, 2 bad usage,
// 3 input that cannot be read or written, is no HAR or bundle, or exceeds a limit, 4 `curl` wrote no
// command at all, 70 a bug.
//
// Only what `--version` and `--help` need is imported here: a command, and the engine with it, is
// loaded once it is known (commands.ts), which keeps `--version` near a bare `node` start.

import { type CliError, EXIT, type ExitStatus } from './command.ts';
import { COMMANDS } from './commands.ts';
import { messageLine, outputWriteError } from './output.ts';
import { PACKAGE_VERSION } from './version.ts';

/** Set to 1 to have an internal error's stack printed. */
const DEBUG_VARIABLE = 'CORS_INSPECTOR_DEBUG';

function help(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `cors-inspector ${PACKAGE_VERSION}: explains why the browser blocked a cross-origin response,
and how to fix the server.

Usage: cors-inspector <command> [options] FILE.har
       cors-inspector probe URL --origin ORIGIN [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

FILE.har is a HAR file (DevTools > Network > Export HAR) or a bundle written by share; - reads
standard input.

Options:
  -h, --help     show this help (or a command's: cors-inspector explain --help)
  -V, --version  print the version

Colours are used only when the output is a terminal and NO_COLOR is not set.
Exit status: 0 done, 1 blocked requests with --fail-on-blocked,
2 bad usage, 3 input that cannot be read or written, is no HAR or bundle, or
exceeds a limit (probe: a URL that cannot be probed), 4 curl wrote no command at all,
70 internal error (a bug).
`;
}

export async function main(
  args: string[],
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
  env: Record<string, string | undefined> = process.env,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<ExitStatus> {
  const output = watchOutput(stdout, stderr);
  try {
    return await output.settled(await dispatch(args, stdout, stderr, env, stdin));
  } catch (error) {
    // The stream's own error, thrown on by a write that awaited it: the output failed, not we.
    return output.failed() ? output.settled(EXIT.internal) : internalError(error, stderr, env);
  }
}

/**
 * The output's stream errors: a write that failed (`> /dev/full`: ENOSPC) is status 3 with one line,
 * whether the command awaited that write (its own message then) or not (`--version`, `--help`, a
 * probe's report: said here). A reader that went away (`explain big.har | head`: EPIPE) is no error.
 */
function watchOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): { failed(): boolean; settled(status: ExitStatus): Promise<ExitStatus> } {
  let failure: CliError | undefined;
  let done = false;
  const say = (): void => {
    try {
      stderr.write(messageLine(null, failure!.message));
    } catch {
      // Nowhere left to say it: the status says it.
    }
  };
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE' || failure !== undefined) return;
    failure = outputWriteError(error);
    if (!done) return;
    // After the command finished (a pipe's write fails later): said now, and the process's status set.
    say();
    if (stdout === process.stdout) process.exitCode = EXIT.input;
  };
  stdout.on('error', onError);
  return {
    failed: () => failure !== undefined,
    async settled(status) {
      // A write's error is emitted after it (process.nextTick): let those of the last writes come.
      await new Promise((resolve) => setImmediate(resolve));
      done = true;
      // Another stream than the process's is the caller's to watch after this (tests, a library use).
      if (stdout !== process.stdout) stdout.removeListener('error', onError);
      if (failure === undefined) return status;
      // Status 3 from the command is its own message for this failure (its awaited write): said once.
      if (status !== EXIT.input) say();
      return EXIT.input;
    },
  };
}

async function dispatch(
  args: string[],
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
  env: Record<string, string | undefined>,
  stdin: NodeJS.ReadableStream,
): Promise<ExitStatus> {
  const [first, ...rest] = args;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) return dispatch([rest[0], '--help'], stdout, stderr, env, stdin);
    // No command at all is a usage error: the help goes to stderr, the status says it failed.
    (first === undefined ? stderr : stdout).write(help());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '-V' || first === '--version') {
    stdout.write(`${PACKAGE_VERSION}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === first);
  if (entry === undefined) {
    // A first run often gives the recording alone (`cors-inspector recording.har`): say where it goes.
    const looksLikeFile = first === '-' || /[./\\]/.test(first);
    stderr.write(messageLine(null, `unknown command: ${first} (${looksLikeFile ? 'a HAR file goes after a command: cors-inspector explain FILE.har; ' : ''}try cors-inspector --help)`));
    return EXIT.usage;
  }
  // The command's own `--help` is answered by runCommand, with the rest of its arguments.
  const [command, { contextFor, runCommand }] = await Promise.all([entry.load(), import('./run-command.ts')]);
  return runCommand(command, rest, contextFor({ stdout, stderr, stdin }, env));
}

/**
 * A bug: one line asking for a report, the stack only when asked for (a stack trace means nothing
 * to most people, and may quote the input).
 */
function internalError(error: unknown, stderr: NodeJS.WritableStream, env: Record<string, string | undefined>): ExitStatus {
  const message = error instanceof Error ? error.message : String(error);
  try {
    stderr.write(messageLine(null, `internal error: ${message.split('\n', 1)[0]!.slice(0, 500)} (please report this)`));
    if (env[DEBUG_VARIABLE] === '1' && error instanceof Error && error.stack !== undefined) stderr.write(`${error.stack}\n`);
  } catch {
    // Nowhere left to say it: the status says it.
  }
  return EXIT.internal;
}
