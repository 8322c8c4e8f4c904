// `cors-inspector`: argument parsing and dispatch to a command.
//
// Exit status: 0 success (also when requests were blocked, unless --fail-on-blocked), 1 blocked
// requests with --fail-on-blocked, 2 a usage error or an input that cannot be read as a HAR.

import { readFileSync } from 'node:fs';
import { UsageError, type CliContext, type Command } from './command.ts';
import { curlCommand } from './curl-command.ts';
import { explainCommand } from './explain-command.ts';
import { reportCommand } from './report-command.ts';
import { shareCommand } from './share-command.ts';

const COMMANDS: readonly Command[] = [explainCommand, curlCommand, reportCommand, shareCommand];

let ignoringBrokenPipe = false;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

function help(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `cors-inspector ${version()}: explains why the browser blocked a cross-origin response, and how to fix the server.

Usage: cors-inspector <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Options:
  -h, --help     show this help (or a command's: cors-inspector explain --help)
  -V, --version  print the version

Colours are used only when the output is a terminal and NO_COLOR is not set.
Exit status: 0 done, 1 blocked requests with --fail-on-blocked, 2 bad usage or unreadable input.
`;
}

export async function main(
  args: string[],
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  // `cors-inspector explain big.har | head`: a reader that goes away is no error of ours.
  if (stdout === process.stdout && !ignoringBrokenPipe) {
    ignoringBrokenPipe = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const [first, ...rest] = args;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) return main([rest[0], '--help'], stdout, stderr, env);
    // No command at all is a usage error: the help goes to stderr, the status says it failed.
    (first === undefined ? stderr : stdout).write(help());
    return first === undefined ? 2 : 0;
  }
  if (first === '-V' || first === '--version') {
    stdout.write(`${version()}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (command === undefined) {
    stderr.write(`cors-inspector: unknown command: ${first} (try cors-inspector --help)\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    stdout.write(`${command.usage}\n`);
    return 0;
  }
  const terminal = stdout as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  const context: CliContext = {
    stdout,
    stderr,
    // https://no-color.org: any non-empty NO_COLOR turns colours off.
    color: terminal.isTTY === true && (env['NO_COLOR'] ?? '') === '',
    width: Math.max(60, Math.min(terminal.columns ?? 100, 120)),
  };
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`cors-inspector: ${error.message} (try cors-inspector ${command.name} --help)\n`);
    return 2;
  }
}
