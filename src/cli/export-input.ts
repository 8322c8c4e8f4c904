// What `share`, `report` and `curl` share: reading their arguments and the HAR file. Every error is
// one line on stderr and exit status 2.

import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import type { ObservedExchange } from '../cors/exchange.ts';
import { HarError, exchangesFromHar, parseHarText } from '../capture/har.ts';

/** Bad arguments or unreadable input: printed as `cors-inspector <command>: message`, exit 2. */
export class ExportCommandError extends Error {
  constructor(message: string) {
    super(message.replace(/\s+/g, ' ').trim());
    this.name = 'ExportCommandError';
  }
}

export interface ParsedArgs {
  files: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/**
 * `--name value` and `--name=value` for `valued` options, bare `--name` for `flags`; anything else
 * starting with `-` is an error. `--` ends the options.
 */
export function parseArgs(command: string, args: readonly string[], flags: readonly string[], valued: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { files: [], flags: new Set(), values: new Map() };
  let optionsDone = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (optionsDone || arg === '-' || !arg.startsWith('-')) {
      out.files.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsDone = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg : arg.slice(0, equals);
    if (valued.includes(name)) {
      const value = equals === -1 ? args[++i] : arg.slice(equals + 1);
      if (value === undefined) throw new ExportCommandError(`${name} needs a value`);
      if (out.values.has(name)) throw new ExportCommandError(`${name} given twice`);
      out.values.set(name, value);
    } else if (flags.includes(name) && equals === -1) {
      out.flags.add(name);
    } else {
      throw new ExportCommandError(`unknown option for ${command}: ${arg}`);
    }
  }
  return out;
}

export function oneFile(command: string, files: readonly string[]): string {
  if (files.length === 0) throw new ExportCommandError(`${command} needs a HAR file`);
  if (files.length > 1) throw new ExportCommandError(`${command} takes one HAR file, got ${files.length}`);
  return files[0]!;
}

/** The HAR's exchanges. Throws `ExportCommandError` when the file cannot be read or is no HAR. */
export async function readHarExchanges(file: string): Promise<ObservedExchange[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ExportCommandError(`cannot read ${file}: ${fileErrorMessage(error)}`);
  }
  try {
    return exchangesFromHar(parseHarText(text));
  } catch (error) {
    if (error instanceof HarError) throw new ExportCommandError(`${file}: ${error.message}`);
    throw error;
  }
}

export function fileErrorMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;
}

/** This package's version, for the bundle's `engine.version`. */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Runs a command body: its `ExportCommandError` becomes one line on `err` and status 2. Anything
 * else is a bug and is rethrown.
 */
export async function runExportCommand(command: string, err: NodeJS.WritableStream, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof ExportCommandError)) throw error;
    err.write(`cors-inspector ${command}: ${error.message}\n`);
    return 2;
  }
}
